"""The abbreviation list (data/abbreviations.tsv): variants, written-out form, policy, sentence end."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from backend.readability.wordlists import data_lines, read_data

Policy = Literal["write_out", "accepted"]
_POLICIES: tuple[Policy, ...] = ("write_out", "accepted")


@dataclass(frozen=True)
class Abbreviation:
    """One abbreviation in all its written variants ("t.ex.", "t. ex.", "t ex")."""

    variants: tuple[str, ...]
    written_out: str
    policy: Policy
    may_end_sentence: bool


def parse_abbreviations(text: str) -> tuple[Abbreviation, ...]:
    """Parse the TSV; raises ValueError naming the line for any malformed row or repeated variant."""
    entries: list[Abbreviation] = []
    seen: dict[str, int] = {}
    for number, line in data_lines(text):
        columns = line.split("\t")
        if len(columns) != 4:
            raise ValueError(f"abbreviations line {number}: expected 4 tab-separated columns")
        variants_column, written_out, policy, ends = (column.strip() for column in columns)
        variants = tuple(variant.strip() for variant in variants_column.split("/"))
        if not all(variants) or not written_out:
            raise ValueError(f"abbreviations line {number}: empty variant or written-out form")
        if policy not in _POLICIES:
            raise ValueError(f"abbreviations line {number}: policy must be write_out or accepted")
        if ends not in ("yes", "no"):
            raise ValueError(f"abbreviations line {number}: ends must be yes or no")
        for variant in variants:
            key = variant.lower()
            if key in seen:
                raise ValueError(f"abbreviations line {number}: {variant!r} repeats line {seen[key]}")
            seen[key] = number
        entries.append(
            Abbreviation(variants, written_out, "write_out" if policy == "write_out" else "accepted", ends == "yes")
        )
    return tuple(entries)


@functools.cache
def abbreviations() -> tuple[Abbreviation, ...]:
    """The shipped list, parsed once."""
    return parse_abbreviations(read_data("abbreviations.tsv"))
