"""Summarise an email, a thread or a document; a text too long for the context is summarised in parts."""

from __future__ import annotations

from collections.abc import Iterator

from backend.generation import prompts
from backend.generation.events import StreamEvent
from backend.generation.parts import Summary, SummaryInParts
from backend.generation.task import TaskRun


def summarize(run: TaskRun, text: str) -> Iterator[StreamEvent]:
    redacted = run.redact(text, "text")
    o = run.options
    cap = run.budget.cap(o["length"])
    messages = prompts.summarize_messages(redacted, o["kind"], o["length"], o["language"])
    if run.budget.fits(messages, cap):
        return run.answer(messages, cap)
    summary = Summary(o["kind"], o["length"], o["language"])
    return SummaryInParts(run.calls, run.budget, summary, run.session.restorer()).start(redacted, cap)
