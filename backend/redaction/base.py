"""The one interface every recognizer implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ClassVar

from mypy_extensions import mypyc_attr

from .entities import Candidate
from .text import Document


@dataclass(slots=True)
class Scan:
    """One recognizer's first pass over one document: what it found, and its second pass.

    The second pass sees every recognizer's candidates. It may use what the first pass worked out
    about this document (the person recognizer's tokens), carried here rather than on the document.
    """

    candidates: list[Candidate]
    refine: Callable[[list[Candidate]], list[Candidate]]

    # Not frozen, and __init__ written out: mypyc builds a frozen dataclass, and runs a generated
    # __init__, in the interpreter; there is a Scan per recognizer and document. Nothing changes one.
    def __init__(self, candidates: list[Candidate], refine: Callable[[list[Candidate]], list[Candidate]]) -> None:
        self.candidates = candidates
        self.refine = refine


# Compiled by mypyc where the build does so (setup.py); the optional ONNX recognizer and tests subclass it
# in plain Python.
@mypyc_attr(allow_interpreted_subclasses=True)
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

    def scan(self, doc: Document) -> Scan:
        """find(), then refine() on the same document. A recognizer whose second pass reuses work of its
        first overrides this and hands that work to its Scan."""
        return Scan(list(self.find(doc)), lambda candidates: self.refine(doc, candidates))
