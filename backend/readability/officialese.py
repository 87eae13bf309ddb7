"""The officialese list (data/officialese.tsv) and the one matcher that finds all of it."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from backend.readability.wordlists import PhraseMatcher, data_lines, read_data

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class OfficialeseEntry:
    """One officialese word or phrase, its inflected forms, and a plainer alternative for each form."""

    forms: tuple[str, ...]
    alternatives: tuple[str, ...]
    note: str | None = None

    def alternative_for(self, form: str) -> str:
        """The alternative that fits this form; forms and alternatives run in parallel."""
        if len(self.alternatives) == 1:
            return self.alternatives[0]
        return self.alternatives[self.forms.index(form)]


def normalize_phrase(phrase: str) -> str:
    """Lowercase, with any run of whitespace as one space: the key a match is looked up by."""
    return _WHITESPACE.sub(" ", phrase.strip()).lower()


def parse_officialese(text: str) -> tuple[OfficialeseEntry, ...]:
    """Parse the TSV; raises ValueError naming the line for a malformed row or a repeated form."""
    entries: list[OfficialeseEntry] = []
    seen: dict[str, int] = {}
    for number, line in data_lines(text):
        columns = line.split("\t")
        if len(columns) not in (2, 3):
            raise ValueError(f"officialese line {number}: expected 2 or 3 tab-separated columns")
        forms = tuple(normalize_phrase(form) for form in columns[0].split("/"))
        alternatives = tuple(alternative.strip() for alternative in columns[1].split("/"))
        note = columns[2].strip() if len(columns) == 3 and columns[2].strip() else None
        if not all(forms) or not all(alternatives):
            raise ValueError(f"officialese line {number}: empty phrase or alternative")
        if len(alternatives) not in (1, len(forms)):
            raise ValueError(f"officialese line {number}: {len(forms)} forms but {len(alternatives)} alternatives")
        entry = OfficialeseEntry(forms, alternatives, note)
        for form in forms:
            if form in seen:
                raise ValueError(f"officialese line {number}: {form!r} repeats line {seen[form]}")
            if normalize_phrase(entry.alternative_for(form)) == form:
                raise ValueError(f"officialese line {number}: {form!r} is its own alternative")
            seen[form] = number
        entries.append(entry)
    return tuple(entries)


@functools.cache
def officialese_entries() -> tuple[OfficialeseEntry, ...]:
    """The shipped list, parsed once."""
    return parse_officialese(read_data("officialese.tsv"))


@functools.cache
def officialese_index() -> dict[str, OfficialeseEntry]:
    """Each normalized form mapped to its entry."""
    return {form: entry for entry in officialese_entries() for form in entry.forms}


@functools.cache
def officialese_matcher() -> PhraseMatcher:
    """All forms in one regex: on word boundaries, case-insensitive, longest match first."""
    return PhraseMatcher(officialese_index())
