"""Composes the recognizers and resolves overlapping candidates into final spans."""

from __future__ import annotations

from collections.abc import Iterable

from .base import Recognizer
from .entities import Candidate, traits
from .text import Document


class RecognizerRegistry:
    """Runs every recognizer on a document and merges what they found."""

    def __init__(self, recognizers: Iterable[Recognizer] = ()) -> None:
        self.recognizers: list[Recognizer] = list(recognizers)

    def add(self, recognizer: Recognizer) -> None:
        self.recognizers.append(recognizer)

    def analyze(self, doc: Document) -> list[Candidate]:
        scans = [r.scan(doc) for r in self.recognizers]
        candidates = [c for s in scans for c in s.candidates]
        for s in scans:
            candidates = s.refine(candidates)
        return merge(candidates)


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
