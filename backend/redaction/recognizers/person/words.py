"""The person rules' word lists (data/person_words.txt, data/roles.txt, data/car_makes.txt) and the
patterns built from them.

Each list is written once, in a data file; the set the rules look words up in and the regular
expression that checks the context around a word come from the same lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ...lexicon import DATA


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


def last_words(phrases: Iterable[str]) -> frozenset[str]:
    """The words a phrase ends with ("god morgon" -> "morgon"; "m.v.h." -> "m.v.h", "h"): a cheap test that
    the phrase may stand right before, made before its pattern runs."""
    out: set[str] = set()
    for p in phrases:
        last = p.split()[-1].strip(".")
        out.add(last)
        out.add(last.rsplit(".", 1)[-1])
    return frozenset(out)


LISTS = sections(DATA / "person_words.txt")

PARTICLES = frozenset(LISTS["particles"])
# Titles, roles and relations that stand right before a name ("sjuksköterska Anna", "min mamma Eva").
ROLES = tuple(_lines("roles.txt"))
ROLE_WORDS = frozenset(ROLES)
# A car make: the capitalised word after it is a model ("Skoda Octavia", "Renault Zoe"), not a name.
CAR_MAKES = frozenset(w.casefold() for line in _lines("car_makes.txt") for w in line.split())
GREETING_WORDS = last_words(LISTS["greetings"])
IMPERATIVES = frozenset(LISTS["imperatives"])
ABBREVIATIONS = frozenset(LISTS["abbreviations"])
INTRODUCTION_WORDS = last_words(LISTS["introductions"])
SIGNOFF_WORDS = last_words(LISTS["signoffs"])
ROOM_BEFORE = frozenset(LISTS["room_words"])
DEFINITE = tuple(LISTS["definite_endings"])
NOUN_ENDINGS = tuple(LISTS["noun_endings"])
STREET_ENDINGS = tuple(LISTS["street_endings"])
MONTHS_SV = frozenset(LISTS["swedish_months"])
MONTH_NAMES = frozenset(LISTS["english_months"])
MONTH_BEFORE = frozenset(LISTS["month_before"])
PERSON_PREPOSITION = frozenset(LISTS["person_prepositions"])
PLACE_PREPOSITION = frozenset(LISTS["place_prepositions"])

_ROLE = alternation(ROLES)
# A full stop only after an abbreviation ("Dr.", "ssk."): after a whole word it ends a sentence
# ("... av ordföranden. Firman levererade").
_ABBREVIATION = alternation(r for r in ROLES if len(r) <= 4)
ROLE_BEFORE = re.compile(rf"(?:^|[^\w])(?:{_ROLE}|{_ABBREVIATION}\.)(?:[ \t]*:)?[ \t]+$", re.I)
# A role right after the name: "Anna (sambo)", "Per Ek, god man".
ROLE_AFTER = re.compile(rf"^[ \t]*(?:\(|,[ \t]*){_ROLE}\b", re.I)
# A name as the subject of a clause: "Thembeka bjuder på fika", "Olle ringde".
_BLANKS = r"[ \t]+"
VERB_AFTER = re.compile(rf"[ \t]+{alternation(LISTS['verbs_after'], _BLANKS)}\b")
GREETING = re.compile(rf"(?:^|[^\w]){alternation(LISTS['greetings'])}[ \t]*[,!]?[ \t]*\Z", re.I)
INTRODUCTION = re.compile(rf"(?:^|[^\w]){alternation(LISTS['introductions'])}[ \t]+\Z", re.I)
# At a line's start, or after a sentence on the same line: "... 260810-8235. Syskon: Layan och Evin".
HEADER = re.compile(
    rf"(?:^|\n|[.!?](?=[ \t]))[ \t]*{alternation(LISTS['headers'])}"
    r"(?:[ \t]*\d)?[ \t]*:[ \t]*(?:[^\n]*[,;&][ \t]*|[^\n]*[ \t]och[ \t]+)?$",
    re.I,
)
BY = re.compile(rf"{alternation(LISTS['by'])}[ \t]+(?:av|by)[ \t]+$", re.I)
SIGNOFF = re.compile(
    rf"(?:^|[^\w]){alternation(LISTS['signoffs'])}[ \t]*[,.!]?[ \t]*(?:\r?\n[ \t]*){{0,3}}$", re.I
)
# Before initials that end a line: "Sign. LG", "Vid protokollet: OJ" (searched in a short window that
# ends at the initials; possessive blanks keep a run of spaces linear).
INITIALS_BEFORE = re.compile(
    rf"(?:^|(?<=\s))(?i:{alternation(LISTS['initials_before'])})\.?[ \t]*+:?[ \t]*+$"
)
SPEAKS_AFTER = re.compile(rf"[ \t]+{alternation(LISTS['speech_verbs'])}\b")
# A company named after a family: "Ericsson Bygg AB", "Johansson & Partners Advokatbyrå".
ORGANISATION_AFTER = re.compile(
    rf"(?:[ \t]*&)?(?:[ \t]+[A-ZÅÄÖ][\w\-]*){{0,3}}[ \t]*{alternation(LISTS['organisation_words'])}\b"
)
# A name in the genitive before one of these names a place or an organisation ("Astrid Lindgrens
# barnsjukhus", "Stig Dagermans park"), and so does a compound on one ("Wallenbergskolan").
INSTITUTION_AFTER = re.compile(rf"[ \t\u00a0]+{alternation(LISTS['institutions_after'])}(?![\w])")
INSTITUTION_END = re.compile(rf"{alternation(LISTS['institution_endings'])}$")
PARTICLE_GAP = re.compile(rf"(?:[ \u00a0]{alternation(LISTS['particles'])}){{1,3}}[ \u00a0]")
SURNAME_END = re.compile(rf"{alternation(LISTS['surname_endings'])}$")
