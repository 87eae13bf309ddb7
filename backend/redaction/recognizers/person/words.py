"""The person rules' word lists (data/person_words.txt, data/roles.txt, data/car_makes.txt) and the
patterns built from them.

Each list is written once, in a data file; the set the rules look words up in and the regular
expression that checks the context around a word come from the same lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from ...data import DATA


def sections(path: Path) -> dict[str, tuple[str, ...]]:
    """The [section]s of a word-list file: one word or phrase a line, # comments."""
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = out.setdefault(line[1:-1], [])
        elif current is None:
            raise ValueError(f"{path.name}: {line!r} stands before the first [section]")
        else:
            current.append(line)
    return {k: tuple(v) for k, v in out.items()}


def _lines(name: str) -> tuple[str, ...]:
    text = (DATA / name).read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line and not line.startswith("#"))


def alternation(phrases: Iterable[str], gap: str = " ") -> str:
    """A regex group matching any of the phrases, longest first; gap stands for each space in a phrase."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "(?:" + "|".join(gap.join(re.escape(w) for w in p.split(" ")) for p in ordered) + ")"


def spaced_words(phrases: Iterable[str]) -> int:
    """The most words (parts between single spaces) a phrase has: EndPattern's words."""
    return max(p.count(" ") for p in phrases) + 1


def last_words(phrases: Iterable[str]) -> frozenset[str]:
    """The words a phrase ends with ("god morgon" -> "morgon"; "m.v.h." -> "m.v.h", "h"): a cheap test that
    the phrase may stand right before, made before its pattern runs."""
    out: set[str] = set()
    for p in phrases:
        last = p.split()[-1].strip(".")
        out.add(last)
        out.add(last.rsplit(".", 1)[-1])
    return frozenset(out)


class EndPattern:
    """A pattern that matches only at the end of the text it searches, as one character (or the
    text's start), a phrase of at most `longest` characters and then only characters of `tail`
    (blanks, punctuation, line breaks). search() tries it only from where such a match could start,
    near the end: tried from every position of an 80-character window, a pattern with a long
    alternation of phrases that ignores case costs a hundred microseconds.

    Exact: the characters after the phrase are all in `tail`, so the phrase ends at or after the
    point where stripping `tail` from the end stops, and the match starts at most longest + 1
    characters before that; search(text, pos) sees the same text, only tried from pos on.
    """

    def __init__(self, rx: re.Pattern[str], longest: int, tail: str, words: int = 0) -> None:
        self.rx = rx
        self.longest = longest
        self.tail = tail
        self.pattern = rx.pattern
        # Where the phrases hold at most words - 1 spaces (as literal spaces, and the pattern has no other
        # blanks before where tail starts): the part of a phrase before that point holds no more, so a
        # match starts at or after the words-th last space before it. The search starts there when that
        # is later (a role of two words: two word starts tried, not four, each a long alternation).
        self.words = words

    def __repr__(self) -> str:
        return f"EndPattern({self.rx!r})"

    def search(self, text: str) -> re.Match[str] | None:
        stop = len(text.rstrip(self.tail))
        start = max(0, stop - self.longest - 1)
        if self.words:
            i = stop
            for _ in range(self.words):
                i = text.rfind(" ", start, i)
                if i < 0:
                    break
            start = max(start, i)
        return self.rx.search(text, start)


LISTS: Final = sections(DATA / "person_words.txt")

PARTICLES: Final = frozenset(LISTS["particles"])
# Titles, roles and relations that stand right before a name ("sjuksköterska Anna", "min mamma Eva").
ROLES: Final = tuple(_lines("roles.txt"))
ROLE_WORDS: Final = frozenset(ROLES)
# A car make: the capitalised word after it is a model ("Skoda Octavia", "Renault Zoe"), not a name.
CAR_MAKES: Final = frozenset(w.casefold() for line in _lines("car_makes.txt") for w in line.split())
GREETING_WORDS: Final = last_words(LISTS["greetings"])
IMPERATIVES: Final = frozenset(LISTS["imperatives"])
ABBREVIATIONS: Final = frozenset(LISTS["abbreviations"])
INTRODUCTION_WORDS: Final = last_words(LISTS["introductions"])
SIGNOFF_WORDS: Final = last_words(LISTS["signoffs"])
ROOM_BEFORE: Final = frozenset(LISTS["room_words"])
DEFINITE: Final = tuple(LISTS["definite_endings"])
NOUN_ENDINGS: Final = tuple(LISTS["noun_endings"])
ABSTRACT_ENDINGS: Final = tuple(LISTS["abstract_endings"])
STREET_ENDINGS: Final = tuple(LISTS["street_endings"])
MONTHS_SV: Final = frozenset(LISTS["swedish_months"])
MONTH_NAMES: Final = frozenset(LISTS["english_months"])
MONTH_BEFORE: Final = frozenset(LISTS["month_before"])
PERSON_PREPOSITION: Final = frozenset(LISTS["person_prepositions"])
PLACE_PREPOSITION: Final = frozenset(LISTS["place_prepositions"])
# Pronouns, articles and conjunctions: in lower case never a name, whatever a list of names holds.
FUNCTION_WORDS: Final = frozenset(LISTS["function_words"])

_ROLE: Final = alternation(ROLES)
# A full stop only after an abbreviation ("Dr.", "ssk."): after a whole word it ends a sentence
# ("... av ordföranden. Firman levererade").
_ABBREVIATION: Final = alternation(r for r in ROLES if len(r) <= 4)
ROLE_BEFORE: Final = EndPattern(re.compile(rf"(?:^|[^\w])(?:{_ROLE}|{_ABBREVIATION}\.)(?:[ \t]*:)?[ \t]+$", re.I),
                         max(len(r) for r in ROLES) + 1, " \t:\n", spaced_words(ROLES))
# A role right after the name: "Anna (sambo)", "Per Ek, god man".
ROLE_AFTER: Final = re.compile(rf"^[ \t]*(?:\(|,[ \t]*){_ROLE}\b", re.I)
# A name as the subject of a clause: "Thembeka bjuder på fika", "Olle ringde".
_BLANKS: Final = r"[ \t]+"
VERBS_AFTER: Final = LISTS["verbs_after"]
# What a person owns or has, after a name in the genitive: "nyckeln till Bawans lägenhet", "ta urais tid".
POSSESSION_AFTER: Final = re.compile(rf"[ \t]+{alternation(LISTS['possessions'])}\b")
VERB_AFTER: Final = re.compile(rf"[ \t]+{alternation(LISTS['verbs_after'], _BLANKS)}\b")
GREETING: Final = EndPattern(re.compile(rf"(?:^|[^\w]){alternation(LISTS['greetings'])}[ \t]*[,!]?[ \t]*\Z", re.I),
                      max(map(len, LISTS["greetings"])), " \t,!", spaced_words(LISTS["greetings"]))
INTRODUCTION: Final = EndPattern(re.compile(rf"(?:^|[^\w]){alternation(LISTS['introductions'])}[ \t]+\Z", re.I),
                          max(map(len, LISTS["introductions"])), " \t", spaced_words(LISTS["introductions"]))
# At a line's start, or after a sentence on the same line: "... 260810-8235. Syskon: Layan och Evin".
HEADER: Final = re.compile(
    rf"(?:^|\n|[.!?](?=[ \t]))[ \t]*{alternation(LISTS['headers'])}"
    r"(?:[ \t]*\d)?[ \t]*:[ \t]*(?:[^\n]*[,;&][ \t]*|[^\n]*[ \t]och[ \t]+)?$",
    re.I,
)
BY: Final = EndPattern(re.compile(rf"{alternation(LISTS['by'])}[ \t]+(?:av|by)[ \t]+$", re.I),
                max(map(len, LISTS["by"])), " \tavbyAVBY\n")
SIGNOFF: Final = EndPattern(re.compile(
    rf"(?:^|[^\w]){alternation(LISTS['signoffs'])}[ \t]*[,.!]?[ \t]*(?:\r?\n[ \t]*){{0,3}}$", re.I
), max(map(len, LISTS["signoffs"])), " \t,.!\r\n", spaced_words(LISTS["signoffs"]))
# Before initials that end a line: "Sign. LG", "Vid protokollet: OJ" (searched in a short window that
# ends at the initials; possessive blanks keep a run of spaces linear).
INITIALS_BEFORE: Final = re.compile(
    rf"(?:^|(?<=\s))(?i:{alternation(LISTS['initials_before'])})\.?[ \t]*+:?[ \t]*+$"
)
SPEAKS_AFTER: Final = re.compile(rf"[ \t]+{alternation(LISTS['speech_verbs'])}\b")
# A company named after a family: "Ericsson Bygg AB", "Johansson & Partners Advokatbyrå".
ORGANISATION_AFTER: Final = re.compile(
    rf"(?:[ \t]*&)?(?:[ \t]+[A-ZÅÄÖ][\w\-]*){{0,3}}[ \t]*{alternation(LISTS['organisation_words'])}\b"
)
# A name in the genitive before one of these names a place or an organisation ("Astrid Lindgrens
# barnsjukhus", "Stig Dagermans park"), and so does a compound on one ("Wallenbergskolan").
INSTITUTION_AFTER: Final = re.compile(rf"[ \t\u00a0]+{alternation(LISTS['institutions_after'])}(?![\w])")
INSTITUTION_END: Final = re.compile(rf"{alternation(LISTS['institution_endings'])}$")
# The same endings for str.endswith(), which is INSTITUTION_END.search() on a word without a line break.
INSTITUTION_ENDINGS: Final = tuple(LISTS["institution_endings"])
PARTICLE_GAP: Final = re.compile(rf"(?:[ \u00a0]{alternation(LISTS['particles'])}){{1,3}}[ \u00a0]")
# The longest text PARTICLE_GAP can match: a cheap test before the pattern on the gap between two
# capitalised words, which is mostly a stretch of lower-case text.
PARTICLE_GAP_MAX: Final = 3 * (1 + max(map(len, LISTS["particles"]))) + 1
SURNAME_END: Final = re.compile(rf"{alternation(LISTS['surname_endings'])}$")
# The same endings for str.endswith(), which is SURNAME_END.search() on a word without a line break.
SURNAME_ENDINGS: Final = tuple(LISTS["surname_endings"])
