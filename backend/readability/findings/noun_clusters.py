"""Noun clusters: three or more nouns chained by prepositions, as in "ansökan om bidrag till
anpassning av bostad". Each link is easy; the chain makes the reader hold every noun at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from backend.readability.report import Finding
from backend.readability.splitting import Sentence, word_pattern
from backend.readability.tagger import sentence_tags

MIN_NOUNS = 3
_LINKS = frozenset({"PP"})


def word_spans(text: str, sentence: Sentence) -> list[tuple[int, int]]:
    """The spans of a sentence's words, in the same order as sentence.words."""
    segment = text[sentence.start : sentence.end]
    return [(sentence.start + m.start(), sentence.start + m.end()) for m in word_pattern().finditer(segment)]


def clusters(tags: Sequence[str]) -> list[tuple[int, int, int]]:
    """(first word, last word, nouns) of each chain NN (PP NN)+ with at least MIN_NOUNS nouns."""
    found: list[tuple[int, int, int]] = []
    index = 0
    while index < len(tags):
        if tags[index] != "NN":
            index += 1
            continue
        end, nouns = index, 1
        while end + 2 < len(tags) and tags[end + 1] in _LINKS and tags[end + 2] == "NN":
            end += 2
            nouns += 1
        if nouns >= MIN_NOUNS:
            found.append((index, end, nouns))
        index = end + 1
    return found


def find_noun_clusters(text: str, sentences: Sequence[Sentence]) -> list[Finding]:
    """One finding per chain, spanning its first to its last noun."""
    findings: list[Finding] = []
    for sentence in sentences:
        if len(sentence.words) < 2 * MIN_NOUNS - 1:
            continue
        tags = sentence_tags(sentence.words)
        # A chain needs MIN_NOUNS nouns and a link between each two: most sentences fail this count in C.
        if tags.count("NN") < MIN_NOUNS or sum(map(tags.count, _LINKS)) < MIN_NOUNS - 1:
            continue
        chains = clusters(tags)
        if not chains:
            continue
        spans = word_spans(text, sentence)
        if len(spans) != len(sentence.words):
            continue  # the words could not be placed again: better no finding than a wrong span
        for first, last, nouns in chains:
            start, end = spans[first][0], spans[last][1]
            quoted = re.sub(r"\s+", " ", text[start:end])
            findings.append(Finding(
                "noun_cluster", start, end,
                f"Substantivkedja: {nouns} substantiv i rad (”{quoted}”). Skriv om med ett verb, "
                "till exempel ”du ansöker om bidrag för att anpassa bostaden”.",
            ))
    return findings
