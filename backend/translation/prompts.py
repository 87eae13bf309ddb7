"""The translation and lättläst prompts (backend/prompts/{sv,en}/translate.txt, lattlast.txt,
lattlast_revise.txt), filled in the same plain way as the other tasks'."""

from __future__ import annotations

import functools
import json

from backend.engine import ChatMessage
from backend.generation.prompts import PROMPT_DIR, fence, template
from backend.translation.targets import Target, language_name


def prompt_language(target: Target) -> str:
    """The instructions' language when the request names none: Swedish for Swedish, English otherwise.

    English is the language instruct models follow best, so a Finnish or Arabic target gets English
    instructions that name the target.
    """
    return "sv" if target.code == "sv" else "en"


@functools.cache
def _phrases(language: str) -> dict[str, str]:
    loaded: dict[str, str] = json.loads((PROMPT_DIR / language / "translate.json").read_text(encoding="utf-8"))
    return loaded


def translate_messages(text: str, target: Target, source: str | None, language: str) -> tuple[ChatMessage, ...]:
    """The first (or only) round: translate, or write lättläst, the masked text."""
    note = _phrases(language)["source_note"].format(source=language_name(source, language)) if source else ""
    if target.easy:
        return template("lattlast", language).render(source_note=note, text=fence(text))
    return template("translate", language).render(target=language_name(target.code, language), source_note=note,
                                                  text=fence(text))


def revise_messages(draft: str, findings: str, language: str) -> tuple[ChatMessage, ...]:
    """Lättläst's one revise round: the masked draft, and what the check still found, as instructions."""
    return template("lattlast_revise", language).render(findings=fence(findings), text=fence(draft))
