"""The words the name rules read, found faster than by text.py's patterns, and the same words."""

from __future__ import annotations

import re
from typing import Final

from ...text import _UPPER, LETTER, MARK

# text.py's CAP_WORD_RE and WORD_RE, with (?:LETTER|MARK)* written as LETTER*+(?:MARK++LETTER*+)*+: the
# same strings (any run of letters and marks; nothing after them can start with either, so greed loses
# nothing), matched by a tight loop over one class instead of a branch per character (about twice as
# fast; tests/redaction/test_person_speed.py checks both against text.py's on the corpora and random text).
_RUN: Final = rf"(?:{MARK}++{LETTER}*+)*+"
CAP_WORD: Final = re.compile(rf"[{_UPPER}](?<![\w\u0300-\u036f].){LETTER}*+{_RUN}(?:['’\-]{LETTER}++{_RUN})*+")
WORD: Final = re.compile(rf"{LETTER}++{_RUN}(?:['’\-]{LETTER}++{_RUN})*+")


def cap_words(text: str) -> list[tuple[int, str]]:
    """(start, word) of each CAP_WORD match, from findall() and find(), without a match object per word.

    The first occurrence of a word from where the one before it ended is where it was found, unless it
    stands right after a letter, a digit, "_" or a combining mark (inside a word, which the pattern's
    lookbehind refuses; a capital between two matches always stands so, else it would open a match)."""
    out: list[tuple[int, str]] = []
    end = 0
    for raw in CAP_WORD.findall(text):
        start = text.find(raw, end)
        while start > 0 and _inside_word(text[start - 1]):
            start = text.find(raw, start + 1)
        out.append((start, raw))
        end = start + len(raw)
    return out


def _inside_word(c: str) -> bool:
    """Whether c is what CAP_WORD's lookbehind refuses before a capital: [\\w\\u0300-\\u036f]."""
    return c.isalnum() or c == "_" or "\u0300" <= c <= "\u036f"
