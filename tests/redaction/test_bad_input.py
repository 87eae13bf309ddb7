"""Bad input gets a clear answer, never a crash and never unmasked text passed through."""

from __future__ import annotations

import time

import pytest

from backend.redaction import InvalidText, Redactor


def test_empty_text(redactor: Redactor) -> None:
    result = redactor.redact("")
    assert result.redacted == "" and result.entities == ()


def test_over_the_limit() -> None:
    small = Redactor(max_chars=100)
    with pytest.raises(InvalidText, match="limit is 100"):
        small.redact("a" * 101)
    assert small.redact("a" * 100).redacted == "a" * 100


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f"])
def test_control_characters(redactor: Redactor, char: str) -> None:
    with pytest.raises(InvalidText, match=f"U\\+{ord(char):04X} at offset 4"):
        redactor.redact(f"Hej {char}Anna Svensson")


def test_allowed_whitespace_controls(redactor: Redactor) -> None:
    text = "Hej\tAnna Svensson\r\n\x0bRing\x0c070-123 45 67"
    assert {text[e.start:e.end] for e in redactor.redact(text).entities} == {"Anna Svensson", "070-123 45 67"}


@pytest.mark.parametrize("text", ["Hej \ud800 Anna", "\udfff", "Anna \udc80"])
def test_lone_surrogates(redactor: Redactor, text: str) -> None:
    with pytest.raises(InvalidText, match="unpaired surrogate"):
        redactor.redact(text)


def test_not_a_string(redactor: Redactor) -> None:
    with pytest.raises(InvalidText, match="must be a string"):
        redactor.redact(b"Anna")  # type: ignore[arg-type]


def test_five_megabyte_line_is_refused_quickly(redactor: Redactor) -> None:
    line = ("Anna Svensson 070-123 45 67 " * 200_000)[:5_000_000]
    start = time.perf_counter()
    with pytest.raises(InvalidText, match="limit"):
        redactor.redact(line)
    assert time.perf_counter() - start < 1.0


def test_a_long_single_line_under_a_raised_limit_is_masked() -> None:
    big = Redactor(max_chars=2_000_000)
    line = "Hej Anna Svensson, ring 070-123 45 67 om huset på Storgatan 5. " * 16_000
    start = time.perf_counter()
    result = big.redact(line)
    assert time.perf_counter() - start < 30
    assert "Svensson" not in result.redacted and "45 67" not in result.redacted


PATHOLOGICAL = [
    "a" * 200_000,
    "A" * 200_000,
    "Aa " * 66_000,
    "1" * 200_000,
    "1 " * 100_000,
    "0" + "-1" * 99_000,
    "+46" + " 7" * 99_000,
    "@" * 200_000,
    "a@" * 100_000,
    "a." * 100_000 + "@",
    "Storgatan " * 20_000,
    "Storgatan 1 B, " * 13_000,
    "lgh 1 " * 33_000,
    "[PERSON_" * 25_000,
    "Hej " * 50_000,
    "Å" * 100_000 + "\u030a" * 100_000,
    "DE89 " * 40_000,
    "c/o A " * 33_000,
    "J. " * 66_000,
    "- " * 100_000,
]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=range(len(PATHOLOGICAL)))
def test_pathological_repetition_is_fast(redactor: Redactor, text: str) -> None:
    start = time.perf_counter()
    redactor.redact(text[:200_000])
    # A linear scan of 200 000 characters takes well under a second here; backtracking would take minutes.
    assert time.perf_counter() - start < 5.0


def test_restoring_pathological_output_is_fast(redactor: Redactor) -> None:
    session = redactor.session()
    session.redact("Hej Anna!")
    start = time.perf_counter()
    r = session.restorer()
    out = "".join(r.feed("[" * 50 + "PERSON_1]" * 3) for _ in range(2000)) + r.finish()
    assert "Anna" in out
    assert time.perf_counter() - start < 5.0
