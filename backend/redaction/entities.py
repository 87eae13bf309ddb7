"""What redaction produces: entities with placeholders, and the redacted text."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# OTHER: what a user marks as personal data that has no type of its own (corrections.py); no recognizer finds it.
ENTITY_TYPES = ("PERSON", "PERSONNUMMER", "PHONE", "EMAIL", "ADDRESS", "BANK", "PLATE", "OTHER")


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

    def counts(self) -> dict[str, int]:
        return dict(Counter(e.type for e in self.entities))

    def to_json(self) -> dict[str, Any]:
        return {"redacted": self.redacted, "entities": [e.to_json() for e in self.entities]}


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
