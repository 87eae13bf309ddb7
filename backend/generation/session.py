"""What the pipeline needs from redaction, as typed Protocols; backend.redaction's Redactor fits them.

One MaskingSession per request: every text of the request is masked through it, so one person keeps
one placeholder across the instruction and the context, and its restorer brings the values back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from backend.redaction.corrections import Corrections


class MaskedValue(Protocol):
    """Where one masked value lay in the original text and the placeholder that stands for it."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def placeholder(self) -> str: ...


class Masked(Protocol):
    """One text with its personal data replaced by placeholders."""

    @property
    def redacted(self) -> str: ...

    @property
    def entities(self) -> Sequence[MaskedValue]:
        """The masked values in the order of the text (ask maps many passages through them at once)."""
        ...

    def counts(self) -> dict[str, int]: ...

    def masked_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where a span of the original lies in the redacted text; None inside a masked value."""
        ...

    def to_json(self) -> dict[str, object]: ...


class Restorer(Protocol):
    """Puts the real values back into a streamed answer, also when a placeholder arrives in pieces."""

    def feed(self, text: str) -> str: ...

    def finish(self) -> str: ...


class MaskingSession(Protocol):
    def redact(self, text: str, corrections: Corrections | None = None) -> Masked:
        """Raises backend.redaction's InvalidText or RedactionError; never returns the text unmasked."""
        ...

    def learn(self, text: str, corrections: Corrections) -> None: ...

    def counts(self) -> dict[str, int]: ...

    def correction_counts(self) -> dict[str, dict[str, int]]: ...

    def restorer(self) -> Restorer: ...


class Redactor(Protocol):
    def session(self) -> MaskingSession: ...
