"""Officialese: words and phrases from the curated list, each with its plainer alternative."""

from __future__ import annotations

from collections.abc import Sequence

from backend.readability.officialese import normalize_phrase, officialese_index, officialese_matcher
from backend.readability.report import Finding
from backend.readability.splitting import Sentence


def find_officialese(text: str, sentences: Sequence[Sentence]) -> list[Finding]:
    """One finding per occurrence; the suggestion follows the case of the text ("Angående" → "Om")."""
    findings: list[Finding] = []
    # A text repeats its phrases: the message for each phrase as written is made once.
    advice: dict[str, tuple[str, str]] = {}
    for start, end in officialese_matcher().spans(text):
        found = text[start:end]
        message, alternative = advice.get(found) or advice.setdefault(found, _advice(found))
        findings.append(Finding("officialese", start, end, message, alternative))
    return findings


def _advice(found: str) -> tuple[str, str]:
    """The message and the plainer alternative for a phrase as it stands in the text."""
    form = normalize_phrase(found)
    entry = officialese_index()[form]
    alternative = match_case(entry.alternative_for(form), found)
    message = f"Myndighetsspråk: ”{found}”. Skriv hellre ”{alternative}”."
    if entry.note:
        message += f" ({entry.note[0].upper()}{entry.note[1:]}.)"
    return message, alternative


def match_case(replacement: str, original: str) -> str:
    """The replacement capitalized like the original: all capitals, a capital first letter, or as is."""
    if len(original) > 1 and original.isupper():
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
