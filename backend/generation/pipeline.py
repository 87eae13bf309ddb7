"""A request reads like the product: mask → build the prompt → generate → restore → stream.

Pipeline is the entry point the routes call, one method per task. Each method opens a TaskRun (the
request's masking session, token budget and engine calls), lets the task module in tasks/ build its
plan, and hands back a GenerationStream. Refusals before the stream begins raise the domain errors
of backend/generation/errors.py; the recorder has written their audit entry by then.
"""

from __future__ import annotations

import time

from backend.audit import AuditStore
from backend.engine import Engine
from backend.generation.admission import Generations
from backend.generation.budget import Budget
from backend.generation.errors import REFUSALS
from backend.generation.events import Meta
from backend.generation.job import Job
from backend.generation.recorder import Recorder
from backend.generation.session import Masked, Redactor
from backend.generation.stream import GenerationStream
from backend.generation.task import Readability, Task, TaskRun
from backend.generation.tasks.ask import ask
from backend.generation.tasks.chat import chat
from backend.generation.tasks.draft import draft
from backend.generation.tasks.rewrite import rewrite
from backend.generation.tasks.summarize import summarize
from backend.generation.tasks.translate import translate
from backend.settings import Settings

__all__ = ["GenerationStream", "Job", "Pipeline"]


class Pipeline:
    """Turns a validated job into a stream of events. Knows nothing about HTTP."""

    def __init__(self, engine: Engine, redactor: Redactor, audit: AuditStore, settings: Settings,
                 readability: Readability | None = None) -> None:
        self.engine = engine
        self.redactor = redactor
        self.settings = settings
        self.readability = readability
        self.recorder = Recorder(audit, engine.name)

    # ----- tasks -------------------------------------------------------------------------------

    def summarize(self, job: Job, text: str) -> GenerationStream:
        return self.start(job, lambda run: summarize(run, text))

    def draft(self, job: Job, instruction: str, context: str) -> GenerationStream:
        return self.start(job, lambda run: draft(run, instruction, context))

    def rewrite(self, job: Job, text: str) -> GenerationStream:
        return self.start(job, lambda run: rewrite(run, text))

    def ask(self, job: Job, text: str, question: str) -> GenerationStream:
        return self.start(job, lambda run: ask(run, text, question))

    def translate(self, job: Job, text: str) -> GenerationStream:
        return self.start(job, lambda run: translate(run, text))

    def chat(self, job: Job, messages: list[tuple[str, str]], max_tokens: int | None,
             temperature: float | None) -> GenerationStream:
        return self.start(job, lambda run: chat(run, messages, max_tokens, temperature))

    def start(self, job: Job, task: Task) -> GenerationStream:
        """Run a task up to its first engine event. A refusal is recorded, then raised."""
        session = self.redactor.session()
        budget = Budget(self.engine.context_length, self.engine.count_tokens, self.settings.max_output_tokens)
        # Every generation of the request (all parts of a long summary) shares one deadline.
        deadline = time.time() + self.settings.request_timeout_s - job.elapsed()
        calls = Generations(self.engine, deadline, self.settings.temperature)
        try:
            plan = task(TaskRun(job, session, budget, calls, self.readability))
        except REFUSALS as error:
            self.recorder.refused(job, error)
            raise
        counts = session.counts()
        recording = self.recorder.started(job, counts, session.correction_counts())
        return GenerationStream(Meta(job.request_id, counts), plan, recording)

    # ----- requests without the model ----------------------------------------------------------

    def preview(self, job: Job, text: str) -> Masked:
        """The redaction preview: what will be masked, with the user's corrections applied."""
        session = self.redactor.session()
        result = session.redact(text, job.corrections.get("text"))
        self.record(job, "completed", result.counts(), session.correction_counts())
        return result

    def record(self, job: Job, outcome: str, counts: dict[str, int] | None = None,
               corrections: dict[str, dict[str, int]] | None = None) -> None:
        """Audit a request that needs no model (readability, release review, templates)."""
        self.recorder.record(job, outcome, counts, corrections)
