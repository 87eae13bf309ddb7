"""Offsets are Python string indices into the original text, whatever Unicode it holds."""

from __future__ import annotations

import unicodedata

import pytest

from backend.redaction import Redactor

BASE = "Hej Åsa Öberg!\r\nRing 070-123 45 67 😊 eller skriv till åsa.oberg@exempel.se.\r\nMvh Jörgen Ängström"


def _variants() -> list[str]:
    nfd = unicodedata.normalize("NFD", BASE)
    emoji = BASE.replace("😊", "👩‍👩‍👧‍👦 🇸🇪")
    marks = BASE.replace("Hej", "He\u0301j\u0308")
    soft = BASE.replace("Ängström", "Äng\u00adström")
    return [BASE, nfd, emoji, marks, soft, BASE.replace("\r\n", "\n"), BASE.replace("\r\n", "\u2028")]


@pytest.mark.parametrize("text", _variants())
def test_offsets_cut_the_original_text(redactor: Redactor, text: str) -> None:
    result = redactor.redact(text)
    pieces, pos = [], 0
    for e in result.entities:
        pieces += [text[pos:e.start], e.placeholder]
        pos = e.end
    assert "".join([*pieces, text[pos:]]) == result.redacted
    covered = "".join(text[e.start:e.end] for e in result.entities)
    nfc = unicodedata.normalize("NFC", covered.replace("\u00ad", ""))
    for value in ("Åsa", "Öberg", "070-123 45 67", "åsa.oberg@exempel.se", "Jörgen", "Ängström"):
        assert value in nfc, value
    # Nothing personal is left in the redacted text, in any normal form.
    flat = unicodedata.normalize("NFC", result.redacted.replace("\u00ad", ""))
    for value in ("Åsa", "Öberg", "123 45 67", "oberg", "Jörgen", "Ängström"):
        assert value not in flat, value
    # An entity never splits a character from its combining marks.
    for e in result.entities:
        assert e.end == len(text) or unicodedata.combining(text[e.end]) == 0


def test_emoji_before_values_do_not_shift_offsets(redactor: Redactor) -> None:
    text = "😊😊😊 Hej Anna Svensson, ring 070-123 45 67."
    result = redactor.redact(text)
    spans = {text[e.start:e.end] for e in result.entities}
    assert spans == {"Anna Svensson", "070-123 45 67"}
