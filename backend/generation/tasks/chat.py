"""The OpenAI-compatible gateway's chat: every message is masked, the answer restored."""

from __future__ import annotations

from collections.abc import Iterator

from backend.engine import ChatMessage
from backend.generation.cleanup import neutralise_special_tokens
from backend.generation.events import StreamEvent
from backend.generation.task import TaskRun


def chat(run: TaskRun, messages: list[tuple[str, str]], max_tokens: int | None,
         temperature: float | None) -> Iterator[StreamEvent]:
    redacted = tuple(ChatMessage(role, neutralise_special_tokens(run.redact(content)) if content.strip() else content)
                     for role, content in messages)
    cap = run.budget.cap_at_most(max_tokens)
    run.budget.require_fit(redacted, cap)
    return run.answer(redacted, cap, temperature)
