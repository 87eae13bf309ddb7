"""The ask prompt (backend/prompts/{sv,en}/ask.txt) and its phrases (ask.json), filled in."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from typing import Any

from backend.engine import ChatMessage
from backend.generation.prompts import PROMPT_DIR, fence, template


@functools.cache
def phrases(language: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((PROMPT_DIR / language / "ask.json").read_text(encoding="utf-8"))
    return loaded


def ask_messages(question: str, excerpts: Sequence[str], language: str) -> tuple[ChatMessage, ...]:
    """The question and the numbered excerpts ([1], [2] ...), both masked already, both fenced."""
    p = phrases(language)
    block = "\n\n".join(f"{p['passage_label'].format(n=n)}\n{fence(excerpt)}" for n, excerpt in enumerate(excerpts, 1))
    return template("ask", language).render(passages=block, question=fence(question), no_answer=p["no_answer"])
