"""The word-list helpers: phrase alternation, suffix lookbehind, case-insensitive phrase matching."""

from __future__ import annotations

import re

import pytest

from backend.readability.wordlists import PhraseMatcher, lowercase, phrase_alternation, suffix_lookbehind


def test_alternation_prefers_the_longest_phrase() -> None:
    pattern = re.compile(rf"(?:{phrase_alternation(['i syfte', 'i syfte att', 'i samband med'])})(?!\w)")
    assert pattern.match("i syfte att").group() == "i syfte att"
    assert pattern.match("i syfte attrahera").group() == "i syfte"
    assert pattern.match("i  samband\nmed").group() == "i  samband\nmed"  # any whitespace
    assert pattern.match("i sambandet") is None


def test_empty_alternation_matches_nothing() -> None:
    assert re.search(phrase_alternation([]), "allt") is None


def test_suffix_lookbehind() -> None:
    pattern = re.compile(rf"\w++{suffix_lookbehind(['as', 'ades', 'görs'])}")
    assert [m.group() for m in pattern.finditer("beviljas beviljades avgörs gör bas ad")] == [
        "beviljas",
        "beviljades",
        "avgörs",
        "bas",
    ]
    with pytest.raises(ValueError):
        suffix_lookbehind(["as", ""])


def test_lowercase_keeps_every_index() -> None:
    text = "İstanbul ANGÅENDE"
    assert len(text.lower()) != len(text)  # the case the fallback exists for
    assert len(lowercase(text)) == len(text)
    assert lowercase("ANGÅENDE Öst") == "angående öst"


def test_phrase_matcher_spans_hold_for_the_original_text() -> None:
    matcher = PhraseMatcher(["angående", "i syfte att"])
    for text in ["Angående I SYFTE ATT", "İİ angående, i syfte att"]:
        assert [text[start:end].lower() for start, end in matcher.spans(text)] == ["angående", "i syfte att"]
