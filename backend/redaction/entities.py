"""What redaction produces: entities with placeholders, and the redacted text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

# OTHER: what a user marks as personal data that has no type of its own (corrections.py); no recognizer finds it.
ENTITY_TYPES = ("PERSON", "PERSONNUMMER", "PHONE", "EMAIL", "ADDRESS", "BANK", "PLATE", "OTHER")


@dataclass(frozen=True)
class TypeTraits:
    """What merging, numbering and corrections need to know about an entity type, so that they need
    not know the types themselves."""

    # A value is known by its parts (a name by its given and family names): a candidate's key is the
    # value's parts; a mention of some of them shares the placeholder of the whole ("Anna" of "Anna
    # Svensson"), and a candidate that a merge widens keeps its key. Otherwise a value is known by its
    # text, and a widened span by its new text.
    by_parts: bool = False


_PLAIN = TypeTraits()
TRAITS: Mapping[str, TypeTraits] = MappingProxyType({"PERSON": TypeTraits(by_parts=True)})


def traits(entity_type: str) -> TypeTraits:
    """The traits of an entity type; a type without an entry has the plain ones."""
    return TRAITS.get(entity_type, _PLAIN)


@dataclass(frozen=True)
class Entity:
    """One masked span. Offsets are Python string indices into the original text; no value kept."""

    start: int
    end: int
    type: str
    placeholder: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "type": self.type, "placeholder": self.placeholder}


@dataclass(frozen=True)
class Redaction:
    """The redacted text and the entities that were replaced in it."""

    redacted: str
    entities: tuple[Entity, ...]
    # Positions in `entities` of input text that only looked like a placeholder and was escaped:
    # replaced like the others, but no personal data, so not counted.
    escaped: frozenset[int] = frozenset()

    def counts(self) -> dict[str, int]:
        return dict(Counter(e.type for i, e in enumerate(self.entities) if i not in self.escaped))

    def to_json(self) -> dict[str, Any]:
        return {"redacted": self.redacted, "entities": [e.to_json() for e in self.entities]}

    def masked_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where the original span [start, end) lies in the redacted text.

        A span that cuts into a masked value is widened to its whole placeholder, so a quote of
        the redacted text never shows part of a value; a span that lies inside one value is None.
        """
        shift = 0
        new_start: int | None = None
        for e in self.entities:
            if new_start is None:
                if start < e.start:
                    new_start = start + shift
                elif start < e.end:
                    if end <= e.end and end > start:
                        return None
                    new_start = e.start + shift
            if end <= e.start:
                return (new_start if new_start is not None else start + shift), end + shift
            if end <= e.end:
                return (new_start if new_start is not None else e.start + shift), e.start + shift + len(e.placeholder)
            shift += len(e.placeholder) - (e.end - e.start)
        return (new_start if new_start is not None else start + shift), end + shift


@dataclass(slots=True)
class Candidate:
    """A span a recognizer proposes. Internal: it points into the text, it does not copy it."""

    start: int
    end: int
    type: str
    score: float
    # Identity for placeholder numbering: mentions with the same key share a placeholder.
    key: tuple[str, ...] = field(default=(), repr=False)
    # The value to restore, when it differs from the text span (a genitive "Annas" restores "Anna").
    canonical: str | None = field(default=None, repr=False)
    source: str = ""

    # Written out, the same as the one @dataclass writes (which keeps a class's own __init__): mypyc
    # compiles this one, where the generated one runs in the interpreter, for every candidate.
    def __init__(self, start: int, end: int, type: str, score: float, key: tuple[str, ...] = (),
                 canonical: str | None = None, source: str = "") -> None:
        self.start = start
        self.end = end
        self.type = type
        self.score = score
        self.key = key
        self.canonical = canonical
        self.source = source
