"""Draft a text from an instruction, with a thread or document as context."""

from __future__ import annotations

from collections.abc import Iterator

from backend.generation import prompts
from backend.generation.events import StreamEvent
from backend.generation.task import TaskRun


def draft(run: TaskRun, instruction: str, context: str) -> Iterator[StreamEvent]:
    corrections = run.job.corrections.get("context")
    if corrections:  # a value the user masked in the context is masked in the instruction too
        run.session.learn(context, corrections)
    red_instruction = run.redact(instruction, "instruction")
    red_context = run.redact(context, "context") if context.strip() else ""
    o = run.options

    def messages(context: str) -> prompts.Messages:
        return prompts.draft_messages(red_instruction, context, o["tone"], o["length"], o["language"])

    cap = run.budget.cap(o["length"])
    if red_context and not run.budget.fits(messages(red_context), cap):
        # A long thread as context: keep its most recent end, which matters most for a reply.
        red_context = run.budget.keep_tail(red_context, run.budget.room(messages(""), cap))
    run.budget.require_fit(messages(red_context), cap)
    return run.answer(messages(red_context), cap)
