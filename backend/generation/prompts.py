"""Prompts are data: one file per task and language in backend/prompts/, filled in here."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from backend.engine import ChatMessage
from backend.generation.cleanup import neutralise_special_tokens

PROMPT_DIR = Path(__file__).resolve().parent.parent / "prompts"
# The tags that fence the user's content. The user's text may not contain them, or it could close the
# fence and speak to the model as instructions.
_FENCE = re.compile(r"<\s*/?\s*(dokument|document|instruktion|instruction|sammanhang|context|delar|parts)\s*>",
                    re.IGNORECASE)
Messages = tuple[ChatMessage, ...]


@dataclass(frozen=True)
class PromptTemplate:
    system: str
    user: str

    def render(self, **values: str) -> Messages:
        return (
            ChatMessage("system", self.system.format_map(values).strip()),
            ChatMessage("user", self.user.format_map(values).strip()),
        )


@functools.cache
def template(task: str, language: str) -> PromptTemplate:
    """backend/prompts/{language}/{task}.txt: a [system] and a [user] section with {named} fields."""
    text = (PROMPT_DIR / language / f"{task}.txt").read_text(encoding="utf-8")
    match = re.fullmatch(r"\s*\[system\]\n(.*)\n\[user\]\n(.*)", text, re.DOTALL)
    if not match:
        raise ValueError(f"{task}.txt ({language}) needs a [system] and a [user] section")
    return PromptTemplate(match.group(1), match.group(2))


class Phrases:
    """backend/prompts/{language}/phrases.json: the words an option puts into a prompt."""

    def __init__(self, table: dict[str, dict[str, str] | str]) -> None:
        self._table = table

    def pick(self, group: str, option: str) -> str:
        """The phrase for one option value, such as ("tone", "formal")."""
        choices = self._table[group]
        if not isinstance(choices, dict):
            raise KeyError(group)
        return choices[option]

    def __getitem__(self, name: str) -> str:
        text = self._table[name]
        if not isinstance(text, str):
            raise KeyError(name)
        return text


@functools.cache
def phrases(language: str) -> Phrases:
    return Phrases(json.loads((PROMPT_DIR / language / "phrases.json").read_text(encoding="utf-8")))


def fence(text: str) -> str:
    """User content made safe to put between the prompt's tags, and unable to open a chat role."""
    return neutralise_special_tokens(_FENCE.sub(lambda m: m.group(0).replace("<", "‹").replace(">", "›"), text))


def summarize_messages(text: str, kind: str, length: str, language: str) -> Messages:
    p = phrases(language)
    return template("summarize", language).render(kind=p.pick("kind", kind), length=p.pick("length", length),
                                                  text=fence(text))


def combine_messages(parts: list[str], kind: str, length: str, language: str) -> Messages:
    p = phrases(language)
    joined = "\n\n".join(f"{p['part_prefix'].format(n=i)}\n{fence(part)}" for i, part in enumerate(parts, 1))
    return template("combine", language).render(kind=p.pick("kind", kind), length=p.pick("length", length),
                                                parts=joined)


def draft_messages(instruction: str, context: str, tone: str, length: str, language: str) -> Messages:
    p = phrases(language)
    return template("draft", language).render(
        tone=p.pick("tone", tone), length=p.pick("draft_length", length), instruction=fence(instruction),
        context=fence(context) or "-",
    )


def rewrite_messages(text: str, goal: str, language: str, findings: str = "", instruction: str = "") -> Messages:
    p = phrases(language)
    extra = f"{p['findings_intro']}{findings}" if findings else ""
    # A template's filled instruction (backend/usertemplates): fenced user content after the text.
    fenced = p["instruction_tags"].format(instruction=fence(instruction)) if instruction else ""
    return template("rewrite", language).render(goal=p.pick("goal", goal), text=fence(text), findings=extra,
                                                instruction=fenced,
                                                instruction_intro=p["instruction_intro"] if instruction else "")
