"""Swedish vehicle registration numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import Recognizer
from ..entities import Candidate
from ..text import Document
from .starts import match_at

# Three letters (I, Q, V, Å, Ä, Ö are never used) and three digits, or, since 2019, two digits
# and a letter (never O) last.
# The first letter, then the check of the character before it: see phone._NATIONAL.
_PLATE = re.compile(
    r"([A-HJ-PR-UW-Z](?<![\w.\-/][A-HJ-PR-UW-Z])[A-HJ-PR-UW-Z]{2})[ \u00a0]?(\d\d[\dA-HJ-NPR-UW-Z])(?![\w\-/]|[.,]\d)"
)
_CONTEXT = re.compile(r"(?:reg\.?\s*nr|regnr|registreringsnummer|registreringsnr|fordon|bil(?:en)?|"
                      r"skylt|plate)\W{0,4}$", re.I)
# Lower or mixed case ("zru903", "reg nr abc 123") only where the text says it is a vehicle, a
# few words before; and never before another digit group ("och 123 000 kr").
_ANY_CASE = re.compile(
    r"(?<![\w.\-/])([A-HJ-PR-UW-Za-hj-pr-uw-z]{3})[ -]?(\d\d[\dA-HJ-NPR-UW-Za-hj-npr-uw-z])(?![\w\-/]|[.,]\d| \d)"
)
# A plate's digits open a run of digits (a letter, space or hyphen before them) two digits long or more:
# _PLATE is tried three letters before such a run, or three letters and a space; _PLATE_DIGITS at the
# run's start (starts.py).
_PLATE_DIGITS = re.compile(r"\d\d[\dA-Za-z](?![\w\-/]|[.,]\d| \d)")
_VEHICLE = re.compile(
    r"(?<!\w)(?:reg(?:\.|istrerings)?(?:\s?nr|nummer)?|regnr|fordon\w*|\w*bil(?:en|ar|arna)?|skylt\w*|plåt\w*|"
    r"volvo|saab|audi|bmw|toyota|kia|skoda|tesla|renault|ford|opel|peugeot|mercedes|volkswagen|vw|nissan|mazda|"
    r"hyundai|citroën|citroen|fiat|seat|honda|subaru|polestar|dacia|suzuki|mitsubishi|moped\w*|mc|"
    r"motorcykel\w*|släp\w*|husvagn\w*|traktor\w*|parker\w*|felparker\w*)(?!\w)",
    re.I,
)
_NOT_LOWER_PLATES = frozenset((
    "och", "att", "som", "den", "det", "har", "kan", "ska", "men", "per", "sex", "sju", "tre", "ett", "nya",
    "fem", "mer", "bor", "kom", "nej", "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt",
    "nov", "dec", "kap", "sid", "avd", "tel", "fax", "kor", "rum", "ort", "alt", "ant", "bil", "mom", "ref",
))
# Three-letter abbreviations that stand before numbers in case notes: laws, currencies, codes.
_NOT_PLATES = frozenset((
    "SFS", "LSS", "LOU", "LVU", "LVM", "HSL", "OSL", "SOL", "PBL", "SEK", "EUR", "USD", "NOK", "DKK",
    "GBP", "CHF", "ISK", "PLN", "KAP", "AVD", "NUM", "TEL", "FAX", "BBR", "ICD", "KVA", "ATC", "ABC",
    "NPF", "ADL", "SCB", "SKR", "MBN", "KSN", "RSN", "BUN", "SBN", "MHN", "TKN", "GDP", "CET", "UTC",
    "GMT", "VAT", "MOM", "BNP",
))


def _plate_ending_at(text: str, digits: int, end: int) -> re.Match[str] | None:
    """A plate in any case whose digits are text[digits:end]: "abc 123" or "abc123"."""
    for back in (4, 3):
        m = _ANY_CASE.match(text, max(0, digits - back), end)
        if m is not None and m.end() == end:
            return m
    return None


# The letters of the patterns' first group.
_UPPER_LETTERS = "ABCDEFGHJKLMNOPRSTUWXYZ"
_LETTERS = _UPPER_LETTERS + _UPPER_LETTERS.lower()


def _last_letter(text: str, start: int, between: str) -> int:
    """Where the last of a plate's letters would be before the digits at start: right before them, or
    before the one character of between that may stand between the two groups."""
    return start - 2 if start > 0 and text[start - 1] in between else start - 1


def plate_starts(text: str, runs: list[tuple[int, int]]) -> list[int]:
    """Where _PLATE can start: its three capitals before a run of two digits or more, or before a
    space before it."""
    starts: list[int] = []
    for start, end in runs:
        if end - start >= 2:
            last = _last_letter(text, start, " \u00a0")
            if last >= 2 and text[last] in _UPPER_LETTERS:
                starts.append(last - 2)
    return starts


def plate_digit_matches(text: str, runs: list[tuple[int, int]]) -> list[re.Match[str]]:
    """The matches of _PLATE_DIGITS.finditer(text) that can be a plate's digits: those that open a run
    of digits after a letter, or after a space or hyphen after one (what _plate_ending_at() needs).

    No match reaches a run's first digit from before it (it would need a digit before that one), so
    finditer tries every run's first digit, as here.
    """
    found: list[re.Match[str]] = []
    for start, end in runs:
        if end - start >= 2:
            last = _last_letter(text, start, " -")
            if last >= 2 and text[last] in _LETTERS:
                m = _PLATE_DIGITS.match(text, start)
                if m is not None:
                    found.append(m)
    return found


class PlateRecognizer(Recognizer):
    """Masks ABC 123 and ABC 12A."""

    entity_type = "PLATE"
    name = "plate"

    def find(self, doc: Document) -> Iterator[Candidate]:
        if not doc.has_digit:
            return
        text, runs = doc.text, doc.digit_runs
        for m in match_at(_PLATE, text, plate_starts(text, runs)):
            letters = m.group(1)
            context = bool(_CONTEXT.search(text, max(0, m.start() - 30), m.start()))
            if letters in _NOT_PLATES and not context:
                continue
            key = (letters + m.group(2),)
            yield Candidate(m.start(), m.end(), self.entity_type, 0.9 if context else 0.6, key, source=self.name)
        # From the digits, which are rarer than letters: a pattern that starts with three letters
        # would be tried at every letter of the text.
        for d in plate_digit_matches(text, runs):
            found = _plate_ending_at(text, d.start(), d.end())
            if found is None:
                continue
            m = found
            letters = m.group(1)
            if letters.isupper() and m.group(2).upper() == m.group(2) and "-" not in m.group():
                continue  # found above
            right_after = bool(_CONTEXT.search(text, max(0, m.start() - 30), m.start()))  # "reg nr abc 123"
            if not right_after and (letters.lower() in _NOT_LOWER_PLATES or letters.upper() in _NOT_PLATES):
                continue
            if not right_after and not _VEHICLE.search(text, max(0, m.start() - 40), m.start()):
                continue
            key = (letters.upper() + m.group(2).upper(),)
            yield Candidate(m.start(), m.end(), self.entity_type, 0.85, key, source=self.name)
