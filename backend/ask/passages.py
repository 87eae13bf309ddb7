"""A long text as passages: paragraphs grouped to a size that retrieval can rank and a prompt can hold.

Every passage keeps its offsets into the original text, so that a citation found in it points into
what the user sent (and `text[start:end]` is the passage, always).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A passage is at most this long. About 250 tokens: small enough that a few of the best fit a small
# model's context, large enough to hold a protocol's paragraph with its heading.
MAX_CHARS = 1000
# Paragraphs shorter than this (a heading, "§ 12", a signature line) join the next one, so that a
# heading's words count for the paragraph they name.
MIN_CHARS = 300

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# A sentence ends at . ! ? or : followed by white space; a cut there keeps sentences whole.
_SENTENCE_END = re.compile(r"[.!?:;]\s+")


@dataclass(frozen=True)
class Passage:
    """One passage: `start` and `end` index the original text."""

    start: int
    end: int
    text: str

    def __len__(self) -> int:
        return self.end - self.start


def split_passages(text: str, max_chars: int = MAX_CHARS, min_chars: int = MIN_CHARS) -> list[Passage]:
    """The text's passages in order; together they cover every non-blank part of it."""
    spans: list[tuple[int, int]] = []
    for start, end in _paragraphs(text):
        spans.extend(_cut(text, start, end, max_chars))
    grouped: list[tuple[int, int]] = []
    for start, end in spans:
        if grouped:
            last_start, last_end = grouped[-1]
            if last_end - last_start < min_chars and end - last_start <= max_chars:
                grouped[-1] = (last_start, end)
                continue
        grouped.append((start, end))
    return [Passage(start, end, text[start:end]) for start, end in grouped]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        out.extend(_trimmed(text, pos, match.start()))
        pos = match.end()
    out.extend(_trimmed(text, pos, len(text)))
    return out


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if start < end else []


def _cut(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """A paragraph longer than max_chars, cut at sentence ends (or, failing those, at white space)."""
    out: list[tuple[int, int]] = []
    while end - start > max_chars:
        limit = start + max_chars
        cut = -1
        for match in _SENTENCE_END.finditer(text, start + max_chars // 3, limit):
            cut = match.end()
        if cut < 0:
            space = text.rfind(" ", start + max_chars // 3, limit)
            cut = space + 1 if space > 0 else limit
        out.extend(_trimmed(text, start, cut))
        start = cut
    out.extend(_trimmed(text, start, end))
    return out
