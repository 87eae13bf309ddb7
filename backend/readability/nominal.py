"""The nominal ratio (nominalkvot, Melin & Lange 2000): noun-heavy against verb-heavy style.

NQ = (nouns + prepositions + participles) / (pronouns + adverbs + verbs). Around 1.0 is ordinary
newspaper prose; a high value is the dense, noun-heavy style that klarspråk advice warns against;
a low value reads like speech. The word classes come from backend/readability/tagger.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import chain

from backend.readability.tagger import sentence_tags

NUMERATOR = frozenset({"NN", "PP", "PC"})
DENOMINATOR = frozenset({"PN", "AB", "VB"})
# Too few verbs, pronouns and adverbs to divide by: a list of headings has no nominal ratio.
MIN_DENOMINATOR = 5

_BANDS: tuple[tuple[float, str, str], ...] = (
    (1.5, "very_high", "Mycket substantivtung"),
    (1.0, "high", "Substantivtung"),
    (0.5, "medium", "Balanserad"),
    (float("-inf"), "low", "Verbal, nära talspråk"),
)


def class_counts(tags: Iterable[str]) -> tuple[int, int]:
    """(numerator, denominator) word counts for a sequence of tags."""
    # Counter counts in C; the sums then run over a dozen tags instead of every word.
    counts = Counter(tags)
    return sum(counts[tag] for tag in NUMERATOR), sum(counts[tag] for tag in DENOMINATOR)


def ratio_from_tags(tags: Iterable[str]) -> float | None:
    """NQ rounded to two decimals from given tags, or None with too few verbs, pronouns and adverbs."""
    numerator, denominator = class_counts(tags)
    if denominator < MIN_DENOMINATOR:
        return None
    return round(numerator / denominator, 2)


def nominal_ratio(sentences: Iterable[list[str]]) -> float | None:
    """NQ of a text given as sentences (lists of words), with the tagger's word classes."""
    return ratio_from_tags(chain.from_iterable(map(sentence_tags, sentences)))


def nominal_band(ratio: float | None) -> tuple[str | None, str | None]:
    """The band and its Swedish label, or (None, None) when there is no ratio."""
    if ratio is None:
        return None, None
    for lower, band, label in _BANDS:
        if ratio >= lower:
            return band, label
    raise AssertionError("unreachable: the last band has no lower bound")
