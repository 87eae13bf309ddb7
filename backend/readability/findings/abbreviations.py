"""Abbreviations: listed ones to write out ("t.ex." → "till exempel") and unexplained acronyms ("CSN")."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from backend.readability.abbreviations import Abbreviation, abbreviations
from backend.readability.findings.officialese import match_case
from backend.readability.report import Finding
from backend.readability.splitting import Sentence
from backend.readability.wordlists import PhraseMatcher, word_set

# Two to five capitals ("CSN", "LSS", "BBIC"), or capitals around one small letter ("SoL").
# Longer runs of capitals are shouted words ("VIKTIGT"), not acronyms.
# The pattern starts with a plain capital so the regex engine can skip to candidates; the lookbehind
# then checks that the capital starts a word.
_ACRONYM = re.compile(r"[A-ZÅÄÖ](?<!\w[A-ZÅÄÖ])(?:[A-ZÅÄÖ]{1,4}|[A-ZÅÄÖ]{0,2}[a-zåäö][A-ZÅÄÖ]{1,3})(?!\w)")
_ROMAN_NUMERAL = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# An acronym is explained where it stands in brackets after its expansion, "Centrala
# studiestödsnämnden (CSN)", or before one, "CSN (Centrala studiestödsnämnden)", "LSS står för ...".
_EXPLAINED = re.compile(
    r"\(\s*(?P<inside>[^\W\d_]{2,7})\s*\)"
    r"|(?<![^\W_])(?P<before>[^\W\d_]{2,7})(?::[a-zåäö]+)?"
    # Lookahead: the "(" must stay for the first branch, "service (LSS)" explains "LSS".
    r"(?=\s*\(|,?\s+(?:står för|betyder|det vill säga)(?![^\W_]))"
)
_BREAKS = "\n\r\v\f\x85\u2028\u2029"
_HEADING_WINDOW = 200  # a line longer than this is running text, not a heading in capitals


@functools.cache
def _write_out_index() -> dict[str, Abbreviation]:
    return {
        variant.lower(): abbreviation
        for abbreviation in abbreviations()
        if abbreviation.policy == "write_out"
        for variant in abbreviation.variants
    }


@functools.cache
def write_out_matcher() -> PhraseMatcher:
    """The abbreviations to write out, in one matcher."""
    return PhraseMatcher(_write_out_index())


@functools.cache
def _not_acronyms() -> frozenset[str]:
    listed = {variant.lower() for abbreviation in abbreviations() for variant in abbreviation.variants}
    return frozenset(listed | word_set("known_acronyms.txt"))


def find_abbreviations(text: str, sentences: Sequence[Sentence]) -> list[Finding]:
    """Listed abbreviations to write out, then every occurrence of an unexplained acronym."""
    return _listed(text) + _unexplained_acronyms(text)


def _listed(text: str) -> list[Finding]:
    findings: list[Finding] = []
    # A text repeats its abbreviations: the message for each one as written is made once.
    advice: dict[str, tuple[str, str]] = {}
    for start, end in write_out_matcher().spans(text):
        found = text[start:end]
        message, written_out = advice.get(found) or advice.setdefault(found, _advice(found))
        findings.append(Finding("abbreviation", start, end, message, written_out))
    return findings


def _advice(found: str) -> tuple[str, str]:
    """The message and the written-out form for an abbreviation as it stands in the text."""
    written_out = match_case(_write_out_index()[_normalize(found)].written_out, found)
    return f"Förkortning: ”{found}”. Skriv ut den: ”{written_out}”.", written_out


def _unexplained_acronyms(text: str) -> list[Finding]:
    skip = _not_acronyms()
    candidates = [
        match
        for match in _ACRONYM.finditer(text)
        if match.group().lower() not in skip
        and not _ROMAN_NUMERAL.fullmatch(match.group())
        and not _in_uppercase_line(text, match.start(), match.end())
    ]
    if not candidates:
        return []
    explained = {
        explanation.group("inside") or explanation.group("before") for explanation in _EXPLAINED.finditer(text)
    }
    return [
        Finding(
            "abbreviation",
            match.start(),
            match.end(),
            f"Förkortningen ”{match.group()}” förklaras inte i texten. Skriv ut den första gången, "
            "med förkortningen inom parentes efter.",
        )
        for match in candidates
        if match.group() not in explained
    ]


def _normalize(found: str) -> str:
    return " ".join(found.split()).lower()


def _in_uppercase_line(text: str, start: int, end: int) -> bool:
    """True inside a line without small letters: a heading in capitals ("BESLUT OM BIDRAG")."""
    low = max(0, start - _HEADING_WINDOW)
    line_start = max(text.rfind(char, low, start) for char in _BREAKS) + 1
    if line_start == 0 and low > 0:
        return False
    high = min(len(text), end + _HEADING_WINDOW)
    ends = [found for found in (text.find(char, end, high) for char in _BREAKS) if found != -1]
    if not ends and high < len(text):
        return False
    line = text[line_start : min(ends) if ends else high]
    return not any(char.islower() for char in line)
