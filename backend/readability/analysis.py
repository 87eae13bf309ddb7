"""analyze(): split the text once, count LIX, run every finder, and answer one report."""

from __future__ import annotations

from collections import Counter
from itertools import chain

from backend.readability.findings import FINDERS
from backend.readability.findings.abbreviations import write_out_matcher
from backend.readability.findings.decision import is_decision
from backend.readability.findings.direct_address import addresses_reader
from backend.readability.findings.legal_terms import legal_term_matcher
from backend.readability.lix import band_for, count_long_words, count_long_words_counted, lix_score
from backend.readability.nominal import nominal_band, ratio_from_tags
from backend.readability.officialese import officialese_matcher
from backend.readability.report import Finding, ReadabilityReport
from backend.readability.splitting import Sentence, split_sentences
from backend.readability.tagger import sentence_tags, tag_cache
from backend.readability.variation import ovix_band, ovix_of_counts
from backend.readability.wordlists import PhraseMatcher, phrase_scan

# Order of kinds at the same position: the sentence-wide findings first, then the words inside.
_KIND_ORDER = {
    "no_direct_address": 0,
    "very_hard_sentence": 1,
    "long_sentence": 1,
    "hard_sentence": 1,
    "noun_heavy": 2,
    "noun_cluster": 3,
    "officialese": 4,
    "legal_term": 4,
    "passive": 5,
    "abbreviation": 6,
}
_DECISION_ORDER = -1  # decision checks first: they are about the whole letter


def analyze(text: str) -> ReadabilityReport:
    """The readability report for a text; works without the language model and logs nothing."""
    sentences = split_sentences(text)
    # Each word as written with its count, in C: LIX's long words and OVIX then look at each distinct
    # word once, not at every word of the text.
    counts = Counter(chain.from_iterable(sentence.words for sentence in sentences))
    words, long_words = sum(counts.values()), count_long_words_counted(counts)
    score = lix_score(words, len(sentences), long_words)
    band, band_label = band_for(score)
    with tag_cache(), phrase_scan(text, _phrase_matchers()):
        # Tagged once here; the noun-cluster finder reads the same tags from the cache.
        tags = [sentence_tags(sentence.words) for sentence in sentences]
        findings: list[Finding] = [finding for finder in FINDERS for finding in finder(text, sentences)]
    ratio = ratio_from_tags(chain.from_iterable(tags))
    findings.sort(key=lambda finding: (finding.start, _KIND_ORDER.get(finding.kind, _DECISION_ORDER), finding.end))
    variation = ovix_of_counts(counts)
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
        ovix=variation,
        ovix_band=ovix_band(variation)[0],
        ovix_label=ovix_band(variation)[1],
        nominal_ratio=ratio,
        nominal_band=nominal_band(ratio)[0],
        nominal_label=nominal_band(ratio)[1],
        is_decision=is_decision(text),
    )


def _phrase_matchers() -> tuple[PhraseMatcher, ...]:
    """The finders' phrase lists that every text is scanned for: found together in one pass."""
    return officialese_matcher(), write_out_matcher(), legal_term_matcher()


def lix(text: str) -> float:
    """LIX of a text, rounded to one decimal, without running the findings."""
    sentences = split_sentences(text)
    words, long_words = _counts(sentences)
    return lix_score(words, len(sentences), long_words)


def _counts(sentences: list[Sentence]) -> tuple[int, int]:
    """Words and long words in all the sentences."""
    all_words = [word for sentence in sentences for word in sentence.words]
    return len(all_words), count_long_words(all_words)
