"""Helpers for the tests that hold a fast pattern or gate equal to its plain form on many texts."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping

Found = list[tuple[tuple[int, int], tuple[str | None, ...]]]


def fuzz(rng: random.Random, pool: tuple[str, ...], n: int, longest: int = 30) -> list[str]:
    """n texts of 1 to longest pieces drawn from pool."""
    return ["".join(rng.choice(pool) for _ in range(rng.randint(1, longest))) for _ in range(n)]


def spans_and_groups(matches: Iterable[re.Match[str]]) -> Found:
    """What a scan found, comparable across two patterns: each match's span and groups."""
    return [(m.span(), m.groups()) for m in matches]


def same_matches(pairs: Mapping[str, tuple[re.Pattern[str], re.Pattern[str]]], texts: list[str]) -> int:
    """Assert that each (fast, plain) pair finds the same on every text; return how many matches there were."""
    hits = 0
    for name, (fast, plain) in pairs.items():
        for text in texts:
            got = spans_and_groups(fast.finditer(text))
            assert got == spans_and_groups(plain.finditer(text)), (name, text[:200])
            hits += len(got)
    return hits
