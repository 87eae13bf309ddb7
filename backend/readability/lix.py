"""LIX (Björnsson's läsbarhetsindex): words per sentence plus the percentage of long words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from backend.readability.report import Band

# A long word has more than six letters (Björnsson). Only letters count: digits, hyphens, periods
# and colons do not, so "EU-medborgare" has 12 letters, "t.ex." 3 and "2024" none.
LONG_WORD_LETTERS = 6

# Lower bounds of each band: a text at exactly 40 is "medium", the usual reading of the LIX scale
# (00–29, 30–39, 40–49, 50–59, 60–).
_BANDS: tuple[tuple[float, Band, str], ...] = (
    (60.0, "very_difficult", "Mycket svår"),
    (50.0, "difficult", "Svår"),
    (40.0, "medium", "Medelsvår"),
    (30.0, "easy", "Lätt"),
    (float("-inf"), "very_easy", "Mycket lätt"),
)


def is_long_word(word: str) -> bool:
    """True if the word has more than six letters."""
    if len(word) <= LONG_WORD_LETTERS:
        return False
    # isalpha() is the fast path: almost every word is letters only.
    return word.isalpha() or sum(char.isalpha() for char in word) > LONG_WORD_LETTERS


def count_long_words(words: Iterable[str]) -> int:
    """How many of the words are long."""
    # Most words are short: len() in a comprehension leaves few for the letter check.
    return sum(map(is_long_word, [word for word in words if len(word) > LONG_WORD_LETTERS]))


def count_long_words_counted(counts: Mapping[str, int]) -> int:
    """count_long_words() of the words counted: each distinct word is checked once."""
    return sum(count for word, count in counts.items() if len(word) > LONG_WORD_LETTERS and is_long_word(word))


def lix_score(words: int, sentences: int, long_words: int) -> float:
    """LIX rounded to one decimal; 0.0 for a text without words."""
    if words == 0 or sentences == 0:
        return 0.0
    return round(words / sentences + 100 * long_words / words, 1)


def band_for(score: float) -> tuple[Band, str]:
    """The band and its Swedish label for a (rounded) LIX value."""
    for lower, band, label in _BANDS:
        if score >= lower:
            return band, label
    raise AssertionError("unreachable: the last band has no lower bound")
