"""Composes the recognizers and resolves overlapping candidates into final spans."""

from __future__ import annotations

from collections.abc import Iterable

from .base import Recognizer
from .entities import Candidate
from .spans import merge
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
