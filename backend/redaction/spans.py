"""The final spans of a text: overlapping candidates merged into one, then replaced by placeholders.

Compiled (setup.py's COMPILED): every span of every request passes through both, after detection.
"""

from __future__ import annotations

from .entities import Candidate, Entity, Redaction, traits
from .placeholders import PlaceholderBook
from .restore import LITERAL


def merge(candidates: list[Candidate]) -> list[Candidate]:
    """Overlapping candidates become one span covering all of them, typed by the best-scored one.

    A union, not a choice: dropping the loser of an overlap would leave part of a value unmasked.
    """
    out: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.start, -c.end)):
        if c.end <= c.start:
            continue
        if out and c.start < out[-1].end:
            last = out[-1]
            best = last if (last.score, last.end - last.start) >= (c.score, c.end - c.start) else c
            merged = Candidate(last.start, max(last.end, c.end), best.type, max(last.score, c.score),
                               best.key, best.canonical, best.source)
            if merged.start != best.start or merged.end != best.end:
                merged.canonical = None  # the span grew: the text itself is the value
                merged.key = best.key if traits(best.type).by_parts else ()
            out[-1] = merged
        else:
            out.append(c)
    return out


def replace(text: str, spans: list[Candidate], book: PlaceholderBook, counts: dict[str, int]) -> Redaction:
    """The text with each span (merged, in order, on the text) replaced by its placeholder from book;
    counts gains one per span of each type, text that only looked like a placeholder not counted."""
    entities: list[Entity] = []
    escaped: set[int] = set()
    pieces: list[str] = []
    pos = 0
    literal = LITERAL  # restore.py is not compiled: its name is read once, not per span
    for c in spans:
        value = c.canonical or text[c.start:c.end]
        if c.source == literal:
            # Text that looks like a placeholder gets one of its own that restores to itself: an
            # echo of it can never bring back another value of this request.
            tag = book.literal(c.type, value)
            escaped.add(len(entities))
        else:
            tag = book.tag_for(c.type, c.key, value)
            counts[c.type] = counts.get(c.type, 0) + 1
        entities.append(Entity(c.start, c.end, c.type, tag))
        pieces.append(text[pos:c.start])
        pieces.append(tag)
        pos = c.end
    pieces.append(text[pos:])
    return Redaction("".join(pieces), tuple(entities), frozenset(escaped))
