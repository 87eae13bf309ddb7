"""What a task gets for one request: its job, its masking session, the token budget and the engine.

A task (summarize, draft, rewrite, chat; see backend/generation/tasks/) masks its texts, builds its
prompt from a file, checks the budget, and returns `run.answer(...)`. Everything else is shared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Protocol

from backend.engine import ChatMessage
from backend.generation.admission import Generations
from backend.generation.budget import Budget
from backend.generation.events import StreamEvent
from backend.generation.job import Job
from backend.generation.session import Masked, MaskingSession

if TYPE_CHECKING:
    from backend.readability.report import ReadabilityReport


class Readability(Protocol):
    """backend.readability as the plain rewrite uses it: findings into the prompt, LIX before and after."""

    def analyze(self, text: str) -> ReadabilityReport: ...

    def with_masked_spans(self, report: ReadabilityReport,
                          masked_span: Callable[[int, int], tuple[int, int] | None]) -> ReadabilityReport: ...

    def findings_for_prompt(self, report: ReadabilityReport, text: str, language: str = "sv",
                            limit: int = 20) -> str: ...

    def lix(self, text: str) -> float: ...


class TaskRun:
    def __init__(self, job: Job, session: MaskingSession, budget: Budget, calls: Generations,
                 readability: Readability | None) -> None:
        self.job, self.session, self.budget, self.calls = job, session, budget, calls
        self.readability = readability

    @property
    def options(self) -> dict[str, str]:
        return self.job.options

    def mask(self, text: str, field: str | None = None) -> Masked:
        """Mask `text` in this request's session, with the user's corrections of `field` if it has any.

        Raises backend.redaction's InvalidText or RedactionError: the text is never sent unmasked.
        """
        return self.session.redact(text, self.job.corrections.get(field) if field else None)

    def redact(self, text: str, field: str | None = None) -> str:
        return self.mask(text, field).redacted

    def answer(self, messages: tuple[ChatMessage, ...], cap: int, temperature: float | None = None,
               raw: list[str] | None = None) -> Iterator[StreamEvent]:
        """Admit one generation now (refusals raise here) and stream its restored answer.

        `raw` collects the model's text before restoring, for a task that checks the answer itself.
        """
        admitted = self.calls.admit(messages, cap, temperature)
        return self.calls.answer(admitted, self.session.restorer(), raw=raw)


Task = Callable[[TaskRun], Iterator[StreamEvent]]
