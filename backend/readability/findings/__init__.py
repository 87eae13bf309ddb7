"""The readability findings: one finder per kind, all with the same signature, composed here."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from backend.readability.findings.abbreviations import find_abbreviations
from backend.readability.findings.decision import find_decision_issues
from backend.readability.findings.direct_address import find_no_direct_address
from backend.readability.findings.legal_terms import find_legal_terms
from backend.readability.findings.long_sentences import find_long_sentences
from backend.readability.findings.noun_clusters import find_noun_clusters
from backend.readability.findings.noun_heavy import find_noun_heavy
from backend.readability.findings.officialese import find_officialese
from backend.readability.findings.passive import find_passives
from backend.readability.findings.sentence_marks import find_sentence_marks
from backend.readability.findings.state_passive import find_state_passives
from backend.readability.report import Finding
from backend.readability.splitting import Sentence

Finder = Callable[[str, Sequence[Sentence]], list[Finding]]

FINDERS: tuple[Finder, ...] = (
    find_long_sentences,
    find_sentence_marks,
    find_officialese,
    find_noun_heavy,
    find_noun_clusters,
    find_passives,
    find_state_passives,
    find_abbreviations,
    find_legal_terms,
    find_no_direct_address,
    find_decision_issues,
)

__all__ = ["FINDERS", "Finder"]
