"""OVIX, the word variation index (Hultman & Westman 1977): how many different words a text uses.

OVIX = log(N) / log(2 - log(V) / log(N)), where N is the number of words and V the number of
different words. Unlike the plain type/token ratio it does not fall as a text grows, so a letter and a
report can be compared. The base of the logarithm cancels out.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

# Below this many words nearly every word is new, log(V)/log(N) nears 1 and the index shoots up
# (a 40-word note scores over 200): too short to measure variation.
MIN_WORDS = 100

# Kollega's own reading of the scale, set from Swedish reference values (docs/readability.md): easy-
# to-read texts score in the 50s, newspaper prose around 65-70, dense expert prose above 75.
_BANDS: tuple[tuple[float, str, str], ...] = (
    (75.0, "very_high", "Mycket hög variation"),
    (65.0, "high", "Hög variation"),
    (50.0, "medium", "Normal variation"),
    (float("-inf"), "low", "Låg variation"),
)


def word_forms(words: Iterable[str]) -> list[str]:
    """The words that count, lowercased. Numbers ("2025", "1 000", "3,5") are not vocabulary; the
    splitter's words start with a letter or a digit, so the first character tells them apart."""
    return [word.lower() for word in words if not word[:1].isdigit()]


def ovix(words: Iterable[str]) -> float | None:
    """OVIX rounded to one decimal, or None for a text too short (or too repetitive) to measure."""
    # Count the words as written first (in C), then lowercase each distinct one once: a page repeats
    # most of its words, so this is a fraction of the work of lowering every word.
    return ovix_of_counts(Counter(words))


def ovix_of_counts(counts: Mapping[str, int]) -> float | None:
    """ovix() of the words counted: each word as written, how many times it occurs."""
    kept = [word for word in counts if not word[:1].isdigit()]
    tokens = sum(counts[word] for word in kept)
    types = len({word.lower() for word in kept})
    if tokens < MIN_WORDS:
        return None
    ratio = math.log(types) / math.log(tokens)
    if ratio >= 1.0:
        return None  # every word different: the formula divides by log(1) = 0
    return round(math.log(tokens) / math.log(2.0 - ratio), 1)


def ovix_band(score: float | None) -> tuple[str | None, str | None]:
    """The band and its Swedish label, or (None, None) when there is no score."""
    if score is None:
        return None, None
    for lower, band, label in _BANDS:
        if score >= lower:
            return band, label
    raise AssertionError("unreachable: the last band has no lower bound")
