"""Rewrite a text for a goal; the plain-language goal tells the model what the readability check found."""

from __future__ import annotations

from collections.abc import Iterator

from backend.generation import prompts
from backend.generation.events import Delta, Done, StreamEvent
from backend.generation.task import Readability, TaskRun


def rewrite(run: TaskRun, text: str) -> Iterator[StreamEvent]:
    masked = run.mask(text, "text")
    o = run.options
    findings, before = "", None
    if o["goal"] == "plain" and run.readability is not None:
        report = run.readability.analyze(text)
        before = report.lix
        # Findings are computed on the original and quoted from the masked text through the
        # first masking's spans: re-detecting a cut fragment ("070 123 45 …") would miss it.
        on_masked = run.readability.with_masked_spans(report, masked.masked_span)
        findings = run.readability.findings_for_prompt(on_masked, masked.redacted, o["language"])
    cap = run.budget.cap_like(masked.redacted)  # a rewrite is about as long as its input
    # A template's filled instruction (backend/usertemplates) is user content: redacted like the text.
    instruction = o.get("instruction", "")
    instruction = run.redact(instruction) if instruction.strip() else ""
    messages = prompts.rewrite_messages(masked.redacted, o["goal"], o["language"], findings, instruction)
    run.budget.require_fit(messages, cap)
    answer = run.answer(messages, cap)
    if before is not None and run.readability is not None:
        return _with_lix(answer, before, run.readability)
    return answer


def _with_lix(answer: Iterator[StreamEvent], before: float, readability: Readability) -> Iterator[StreamEvent]:
    """The `done` event carries LIX before and after, so the pane can show what the rewrite did."""
    written: list[str] = []
    for event in answer:
        if isinstance(event, Delta):
            written.append(event.text)
        if isinstance(event, Done):
            after = readability.lix("".join(written)) if written else None
            event = Done(event.finish_reason, event.prompt_tokens, event.completion_tokens,
                         {**event.extra, "readability": {"lix_before": before, "lix_after": after}})
        yield event
