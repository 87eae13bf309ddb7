"""The patterns the rules match right after a word (a verb, a company word, a role in brackets), tried only
where their first characters stand.

Each pattern here opens with blanks and then a word from a list, with no flag that folds case: its match
can only start where, after the blanks, stands a character that some word of the list starts with. Most
words are followed by none of those, and that test costs a fraction of a call to the regex engine, so
each function below makes it first and returns what the pattern's match() returns (the same match or
None; tests/redaction/test_person_speed.py checks that on the corpora and on random text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from .words import (
    INSTITUTION_AFTER,
    LISTS,
    ORGANISATION_AFTER,
    POSSESSION_AFTER,
    ROLE_AFTER,
    SPEAKS_AFTER,
    VERB_AFTER,
)

_CAPITALS: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ"


def _firsts(phrases: Iterable[str], more: str = "") -> frozenset[str]:
    return frozenset([p[0] for p in phrases] + list(more))


_VERB_FIRST: Final = _firsts(LISTS["verbs_after"])
_SPEECH_FIRST: Final = _firsts(LISTS["speech_verbs"])
_POSSESSION_FIRST: Final = _firsts(LISTS["possessions"])
_INSTITUTION_FIRST: Final = _firsts(LISTS["institutions_after"])
# ORGANISATION_AFTER: "&", up to three capitalised words ([A-ZÅÄÖ]), or a company word, after any blanks.
_ORGANISATION_FIRST: Final = _firsts(LISTS["organisation_words"], "&" + _CAPITALS)
LOWER_FIRST: Final = frozenset("abcdefghijklmnopqrstuvwxyzåäö")
# ROLE_AFTER (ignoring case, but not for these): "(" or "," after any blanks.
_ROLE_FIRST: Final = frozenset("(,")


def after_blanks(text: str, pos: int, firsts: frozenset[str], least: int = 1, blanks: str = " \t") -> bool:
    """Whether at least `least` characters of `blanks` stand at pos, and then a character of firsts."""
    i, n = pos, len(text)
    while i < n and text[i] in blanks:
        i += 1
    return i - pos >= least and i < n and text[i] in firsts


def verb_after(text: str, pos: int) -> re.Match[str] | None:
    """VERB_AFTER.match(text, pos)."""
    return VERB_AFTER.match(text, pos) if after_blanks(text, pos, _VERB_FIRST) else None


def speaks_after(text: str, pos: int) -> re.Match[str] | None:
    """SPEAKS_AFTER.match(text, pos)."""
    return SPEAKS_AFTER.match(text, pos) if after_blanks(text, pos, _SPEECH_FIRST) else None


def possession_after(text: str, pos: int) -> re.Match[str] | None:
    """POSSESSION_AFTER.match(text, pos)."""
    return POSSESSION_AFTER.match(text, pos) if after_blanks(text, pos, _POSSESSION_FIRST) else None


def institution_after(text: str, pos: int) -> re.Match[str] | None:
    """INSTITUTION_AFTER.match(text, pos)."""
    if not after_blanks(text, pos, _INSTITUTION_FIRST, blanks=" \t\u00a0"):
        return None
    return INSTITUTION_AFTER.match(text, pos)


def organisation_after(text: str, pos: int) -> re.Match[str] | None:
    """ORGANISATION_AFTER.match(text, pos)."""
    return ORGANISATION_AFTER.match(text, pos) if after_blanks(text, pos, _ORGANISATION_FIRST, 0) else None


def role_after(text: str) -> re.Match[str] | None:
    """ROLE_AFTER.match(text)."""
    return ROLE_AFTER.match(text) if after_blanks(text, 0, _ROLE_FIRST, 0) else None
