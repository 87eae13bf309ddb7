"""What the readability check answers: the LIX figures and the findings, each with its span."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

# The kinds: long_sentence, hard_sentence, very_hard_sentence, officialese, noun_heavy, noun_cluster,
# passive, abbreviation, legal_term, no_direct_address, and the decision checks' kinds, which start with
# "decision" and come from data/decision_checks.toml (so the organisation can add its own).
FindingKind = str
Band = Literal["very_easy", "easy", "medium", "difficult", "very_difficult"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to fix. start/end are Python str indices; a whole-text finding has the span 0..0.

    With slots: a long text has thousands of findings, and one object each (no __dict__) is less for
    the garbage collector to go through.
    """

    kind: FindingKind
    start: int
    end: int
    message: str
    suggestion: str | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON-ready, snake_case keys."""
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class ReadabilityReport:
    """LIX and its parts, whether the reader is addressed, and the findings in text order."""

    lix: float
    band: Band
    band_label: str
    words: int
    sentences: int
    long_words: int
    mean_sentence_length: float
    addresses_reader: bool
    findings: tuple[Finding, ...]
    ovix: float | None = None
    ovix_band: str | None = None
    ovix_label: str | None = None
    nominal_ratio: float | None = None
    nominal_band: str | None = None
    nominal_label: str | None = None
    is_decision: bool = False

    def to_json(self) -> dict[str, Any]:
        """JSON-ready, snake_case keys."""
        return {
            "lix": self.lix,
            "band": self.band,
            "band_label": self.band_label,
            "words": self.words,
            "sentences": self.sentences,
            "long_words": self.long_words,
            "mean_sentence_length": self.mean_sentence_length,
            "addresses_reader": self.addresses_reader,
            "ovix": self.ovix,
            "ovix_band": self.ovix_band,
            "ovix_label": self.ovix_label,
            "nominal_ratio": self.nominal_ratio,
            "nominal_band": self.nominal_band,
            "nominal_label": self.nominal_label,
            "is_decision": self.is_decision,
            "findings": [finding.to_json() for finding in self.findings],
        }
