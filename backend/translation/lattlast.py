"""The check of easy Swedish (lättläst): which readability findings still count, and the figures reported.

The common Swedish easy-to-read guidelines ask for short sentences with one statement each, common
words with hard ones explained, the active voice, verbs rather than nouns, and concrete examples. The
klarspråk findings of backend/readability already catch most of what breaks them (long and hard
sentences, passives, noun-heavy sentences and noun chains, officialese, legal terms, abbreviations, a
reader not addressed). Lättläst is the step beyond klarspråk, so a sentence is long here above
LATTLAST_SENTENCE_WORDS words rather than klarspråk's 25.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any

from backend.readability import Finding, ReadabilityReport, analyze, findings_for_prompt
from backend.readability.splitting import split_sentences

# Easy-to-read texts keep sentences to about ten to fifteen words; above fifteen, one sentence usually
# holds more than one statement.
LATTLAST_SENTENCE_WORDS = 15
# The kinds that break the guidelines, as findings_for_prompt can phrase them for the model. The
# decision-letter checks are left out: a model cannot supply a missing appeal clause.
LATTLAST_KINDS = frozenset({
    "no_direct_address", "very_hard_sentence", "long_sentence", "hard_sentence", "officialese", "legal_term",
    "passive", "noun_heavy", "noun_cluster", "abbreviation",
})
_SENTENCE_KINDS = frozenset({"very_hard_sentence", "long_sentence", "hard_sentence"})
# Bullets for one revise round: enough to fix a page, few enough for a small model to follow.
MAX_INSTRUCTIONS = 12


def lattlast_findings(report: ReadabilityReport, text: str) -> tuple[Finding, ...]:
    """The report's findings that break the guidelines, plus sentences too long for lättläst, in text order."""
    found = [finding for finding in report.findings if finding.kind in LATTLAST_KINDS]
    flagged = {(finding.start, finding.end) for finding in found if finding.kind in _SENTENCE_KINDS}
    for sentence in split_sentences(text):
        words = len(sentence.words)
        if words > LATTLAST_SENTENCE_WORDS and (sentence.start, sentence.end) not in flagged:
            found.append(Finding("long_sentence", sentence.start, sentence.end,
                                 f"För lång mening för lättläst ({words} ord). Dela upp den; sikta på högst "
                                 f"{LATTLAST_SENTENCE_WORDS} ord och en sak per mening."))
    return tuple(sorted(found, key=lambda finding: (finding.start, finding.end)))


def check(text: str) -> tuple[ReadabilityReport, tuple[Finding, ...]]:
    """The readability report of a text and its lättläst findings."""
    report = analyze(text)
    return report, lattlast_findings(report, text)


def figures(report: ReadabilityReport, findings: tuple[Finding, ...]) -> dict[str, Any]:
    """What the response reports of one text: measures and counts, never a word of the text."""
    return {
        "lix": report.lix,
        "band": report.band,
        "ovix": report.ovix,
        "nominal_ratio": report.nominal_ratio,
        "words": report.words,
        "sentences": report.sentences,
        "mean_sentence_length": report.mean_sentence_length,
        "findings": len(findings),
        "kinds": dict(sorted(Counter(finding.kind for finding in findings).items())),
    }


def revise_instructions(masked_text: str, language: str) -> str:
    """The findings of the masked draft as instructions for the revise round; "" when nothing is left to fix.

    The draft is checked as the model wrote it, with placeholders, so every quoted fragment is masked.
    """
    report, found = check(masked_text)
    if not found:
        return ""
    return findings_for_prompt(dataclasses.replace(report, findings=found), masked_text, language,
                               limit=MAX_INSTRUCTIONS)
