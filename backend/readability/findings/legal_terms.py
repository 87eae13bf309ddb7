"""Unexplained legal terms: "delgivning", "laga kraft", "vite". Flagged at first use, with a plain
explanation as the suggestion, unless the text explains the term right there.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from backend.readability.report import Finding
from backend.readability.splitting import Sentence
from backend.readability.wordlists import PhraseMatcher, data_lines, read_data

# What may follow a term to count as explaining it, within a few characters.
_EXPLAINED = re.compile(
    r"[ \t]*(?:\(|,?[ \t]*(?:det vill säga|dvs\.?|d\.v\.s\.|vilket betyder|som betyder|betyder|innebär|"
    r"som innebär|alltså|som är)\b)",
    re.IGNORECASE,
)


@functools.cache
def legal_terms() -> dict[str, str]:
    """Each form (lowercase, single spaces) → the plain explanation of its term."""
    terms: dict[str, str] = {}
    for number, line in data_lines(read_data("legal_terms.tsv")):
        forms, sep, explanation = line.partition("\t")
        if not sep or not explanation.strip():
            raise ValueError(f"legal_terms.tsv line {number}: expected forms<TAB>explanation")
        for form in forms.split("/"):
            terms[" ".join(form.lower().split())] = explanation.strip()
    return terms


@functools.cache
def legal_term_matcher() -> PhraseMatcher:
    """All forms of the legal terms in one matcher."""
    return PhraseMatcher(legal_terms())


def find_legal_terms(text: str, sentences: Sequence[Sentence]) -> list[Finding]:
    """One finding per term (all its forms together), at its first unexplained use."""
    terms = legal_terms()
    seen: set[str] = set()
    findings: list[Finding] = []
    for start, end in legal_term_matcher().spans(text):
        found = text[start:end]
        explanation = terms[" ".join(found.lower().split())]
        if explanation in seen:
            continue
        seen.add(explanation)
        if _EXPLAINED.match(text, end):
            continue
        findings.append(Finding(
            "legal_term", start, end,
            f"Juridisk term: ”{found}”. Förklara den för läsaren, till exempel: {explanation}.",
            f"{found} ({explanation})",
        ))
    return findings
