"""Tokens of the name rules: a word with its class, and small helpers on spans and positions."""

from __future__ import annotations

import bisect
import sys
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from ...entities import Candidate
from ...text import Word, normalize_word


class TokenClass(StrEnum):
    """What the lists and the word's shape say about a word, before its context.

    The values are one letter because the name model's features carry them ("cls=S"): changing one
    changes the features the shipped model was trained on.
    """

    STRONG = "S"  # a listed name that is no ordinary word ("Lindqvist"), or one an e-mail address spells
    AMBIGUOUS = "A"  # a name that is also a word or an allowlisted thing: "Dag", "Vilja", "Siri"
    UNKNOWN = "U"  # capitalised and in no list: a name the lists lack, or a word they lack
    COMMON = "C"  # an ordinary word, a role, a street name or a compound of ordinary words
    BLOCKED = "X"  # never a person here: an acronym, a car make, part of "Region Halland"
    PARTICLE = "P"  # a lower-case name part written with a capital: "Tran Van Minh"
    INITIAL = "I"  # one capital and a full stop: "K. Nyström"
    LOWER = "L"  # a lower-case word that a name list has, in chat-like text: "säg till amir"
    # Only in word_class(), for the name model: ordinary by its shape alone (a compound such as
    # "Farshid" = fars + hid, or a street ending), not because a word list has it.
    SHAPED = "K"


# The classes as Final names: compiled code reads these directly, where TokenClass.STRONG is an attribute
# lookup on the enum class each time (about 60 ns, several per word).
STRONG: Final = TokenClass.STRONG
AMBIGUOUS: Final = TokenClass.AMBIGUOUS
UNKNOWN: Final = TokenClass.UNKNOWN
COMMON: Final = TokenClass.COMMON
BLOCKED: Final = TokenClass.BLOCKED
PARTICLE: Final = TokenClass.PARTICLE
INITIAL: Final = TokenClass.INITIAL
LOWER: Final = TokenClass.LOWER
SHAPED: Final = TokenClass.SHAPED

# What can be a name by itself; the other classes are context or separators.
NAMELIKE: Final = (STRONG, AMBIGUOUS, UNKNOWN)


@dataclass(slots=True)
class Tok:
    """A word with its class for the name rules."""

    word: Word
    cls: TokenClass
    norm: str  # genitive stripped where the stem is the name
    first: bool  # a given name
    genitive: int  # letters of a genitive ending to leave out of the name ("Annas", "Rahimi's")
    sentence_start: bool

    # Written out, the same as the one @dataclass writes: mypyc compiles this one, where the generated one
    # runs in the interpreter (about 0.4 µs a token, and there is a token for every capitalised word).
    def __init__(self, word: Word, cls: TokenClass, norm: str, first: bool, genitive: int,
                 sentence_start: bool) -> None:
        self.word = word
        self.cls = cls
        self.norm = norm
        self.first = first
        self.genitive = genitive
        self.sentence_start = sentence_start


def sentence_start(text: str, start: int) -> bool:
    """Whether the word at start opens a sentence or a line (quotes, brackets and bullets skipped)."""
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0\"'«»“”‘’([*•-–>":
        i -= 1
    return i < 0 or text[i] in ".!?:;\n\r"


def last_word(text: str) -> str:
    """The last whitespace-separated word, without punctuation around it, case-folded."""
    pieces = text.rsplit(None, 1)
    return pieces[-1].strip(".,;:!?()\"'-–/").casefold() if pieces else ""


def previous_word(text: str, start: int) -> str:
    """The word before position start, case-folded, punctuation left out."""
    return last_word(text[max(0, start - 30):start].rstrip(" \t\u00a0.,;:!?()\"'-–/"))


def merged_spans(candidates: list[Candidate]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) covering every candidate."""
    out: list[tuple[int, int]] = []
    for s, e in sorted((c.start, c.end) for c in candidates):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


# normalize_word() of the words the rules look at again and again (a regex and NFC for each word beyond
# ASCII); bounded, and shared by threads as Classifier's caches are.
_NORMS: dict[str, str] = {}
NORM_CACHE: Final = 50_000


def normalized(word: str) -> str:
    """normalize_word(word), cached per spelling."""
    norm = _NORMS.get(word)
    if norm is None:
        norm = normalize_word(word)
        if len(_NORMS) < NORM_CACHE:
            _NORMS[word] = norm
    return norm


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the merged spans."""
    i = bisect.bisect_right(spans, (start, sys.maxsize)) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]
