"""The one interface every recognizer implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import ClassVar

from .entities import Candidate
from .text import Document


class Recognizer(ABC):
    """Finds one kind of personal data. Subclasses hold no per-request state: they are shared by threads."""

    entity_type: ClassVar[str]
    name: ClassVar[str]

    @abstractmethod
    def find(self, doc: Document) -> Iterable[Candidate]:
        """Yield candidate spans for this recognizer's type."""

    def refine(self, doc: Document, candidates: list[Candidate]) -> list[Candidate]:
        """Second pass over everything all recognizers found (coreference, vetoes). Default: none."""
        return candidates
