"""The word-list helpers: phrase alternation, suffix lookbehind, case-insensitive phrase matching, and
the faster scans that must find exactly what the plain patterns find."""

from __future__ import annotations

import re

import pytest

from backend.readability.wordlists import (
    PhraseMatcher,
    WordEndings,
    WordStarts,
    lowercase,
    phrase_alternation,
    phrase_scan,
    spans_together,
    suffix_lookbehind,
)

# Phrases that overlap within one list and across lists, at the start, the end and inside words.
TRICKY = (
    "i syfte att i syfte attrahera, I SYFTE ATT. i samband med\nett möte; İİ angående-angående "
    "ang. ev. t.ex. i_syfte att 1i syfte att syfte att samband med"
)
LISTS = (["i syfte att", "i syfte", "angående"], ["syfte att", "att", "samband med"], ["i samband", "ev", "t.ex"])


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


def test_one_scan_finds_what_each_matcher_finds_alone() -> None:
    matchers = tuple(PhraseMatcher(phrases) for phrases in LISTS)
    for text in [TRICKY, TRICKY[7:], "att", "", "  att  "]:
        alone = [list(matcher.spans(text)) for matcher in matchers]
        assert spans_together(lowercase(text), matchers) == alone
        assert any(alone) or not text.strip()


def test_inside_a_phrase_scan_the_matchers_and_lowercase_answer_from_it() -> None:
    matchers = tuple(PhraseMatcher(phrases) for phrases in LISTS)
    alone = [list(matcher.spans(TRICKY)) for matcher in matchers]
    with phrase_scan(TRICKY, matchers):
        assert [list(matcher.spans(TRICKY)) for matcher in matchers] == alone
        assert lowercase(TRICKY) is lowercase(TRICKY)  # one shared copy
        other = PhraseMatcher(["möte"])  # not in the scan: scans on its own
        assert [TRICKY[start:end] for start, end in other.spans(TRICKY)] == ["möte"]
    assert lowercase(TRICKY) is not lowercase(TRICKY)


@pytest.mark.parametrize("text", [TRICKY, "handläggning", "xhandläggning", "_ansökningar ansökningar2 Ansökningar"])
def test_word_starts_find_what_a_lookbehind_finds(text: str) -> None:
    body = r"[a-zåäö]{2,}+(?<=ng|ar)(?!\w)"
    expected = [match.span() for match in re.finditer(rf"(?<!\w){body}", text)]
    assert list(WordStarts(body).spans(text)) == expected


@pytest.mark.parametrize("text", [TRICKY, "handläggning", "handläggningen.ning", "ningning 2ning ning_ arning"])
def test_word_endings_find_what_a_suffix_lookbehind_finds(text: str) -> None:
    endings = ["ning", "ningen", "ar"]
    expected = [match.span() for match in re.finditer(rf"(?<!\w)\w{{3,}}+{suffix_lookbehind(endings)}(?!\w)", text)]
    found = WordEndings(r"\w", 3, endings).spans(text)
    assert found == expected
    assert found or text == TRICKY
