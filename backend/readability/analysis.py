"""analyze(): split the text once, count LIX, run every finder, and answer one report."""

from __future__ import annotations

from backend.readability.findings import FINDERS
from backend.readability.findings.direct_address import addresses_reader
from backend.readability.lix import band_for, count_long_words, lix_score
from backend.readability.report import Finding, ReadabilityReport
from backend.readability.splitting import Sentence, split_sentences

# Order of kinds at the same position: the sentence-wide findings first, then the words inside.
_KIND_ORDER = {
    "no_direct_address": 0,
    "long_sentence": 1,
    "noun_heavy": 2,
    "officialese": 3,
    "passive": 4,
    "abbreviation": 5,
}


def analyze(text: str) -> ReadabilityReport:
    """The readability report for a text; works without the language model and logs nothing."""
    sentences = split_sentences(text)
    words, long_words = _counts(sentences)
    score = lix_score(words, len(sentences), long_words)
    band, band_label = band_for(score)
    findings: list[Finding] = [finding for finder in FINDERS for finding in finder(text, sentences)]
    findings.sort(key=lambda finding: (finding.start, _KIND_ORDER[finding.kind], finding.end))
    return ReadabilityReport(
        lix=score,
        band=band,
        band_label=band_label,
        words=words,
        sentences=len(sentences),
        long_words=long_words,
        mean_sentence_length=round(words / len(sentences), 1) if sentences else 0.0,
        addresses_reader=addresses_reader(text),
        findings=tuple(findings),
    )


def lix(text: str) -> float:
    """LIX of a text, rounded to one decimal, without running the findings."""
    sentences = split_sentences(text)
    words, long_words = _counts(sentences)
    return lix_score(words, len(sentences), long_words)


def _counts(sentences: list[Sentence]) -> tuple[int, int]:
    """Words and long words in all the sentences."""
    words = sum(len(sentence.words) for sentence in sentences)
    long_words = sum(count_long_words(sentence.words) for sentence in sentences)
    return words, long_words
