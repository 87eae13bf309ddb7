"""Passive with "vara" + participle: "ansökan är beviljad", "beslutet var fattat".

find_passives covers the s-passive and "bli" + participle. This adds "är/var/varit/vara" followed by
a word the lexicon knows as a past participle; adjectives ("är nöjd", "är klar") are not participles
there, so they are left alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from backend.readability.findings.noun_clusters import word_spans
from backend.readability.report import Finding
from backend.readability.splitting import Sentence
from backend.readability.tagger import candidates

VARA = frozenset({"är", "var", "varit", "vara"})
# Every casing a sentence may use, so most sentences are skipped by one set operation in C.
_VARA_FORMS = frozenset(form for word in VARA for form in (word, word.capitalize(), word.upper()))
# At most one adverb between: "är inte beviljad", "är redan betald".
_ADVERBS = frozenset({"inte", "ej", "redan", "också", "även", "nu", "fortfarande", "därmed", "sedan"})
# A verb form with one of these endings after "vara" is a participle ("är fattat", "var skickade");
# the lexicon lists some of them only as past tense or supine, which they also are.
_PARTICIPLE_ENDINGS = ("ad", "at", "ade", "ada", "dd", "dda", "tt", "da", "ta", "en", "et", "na")


def _is_participle(word: str) -> bool:
    lowered = word.lower()
    tags = candidates(lowered)
    if "JJ" in tags[:1]:
        return False  # "är nöjd", "är klart": the lexicon's first reading is an adjective
    return "PC" in tags or ("VB" in tags and lowered.endswith(_PARTICIPLE_ENDINGS))


def find_state_passives(text: str, sentences: Sequence[Sentence]) -> list[Finding]:
    """One finding per "vara" + participle, spanning both words."""
    findings: list[Finding] = []
    for sentence in sentences:
        if _VARA_FORMS.isdisjoint(sentence.words):
            continue
        words = [word.lower() for word in sentence.words]
        hits: list[tuple[int, int]] = []
        for index, word in enumerate(words):
            if word not in VARA:
                continue
            after = index + 1
            if after < len(words) and words[after] in _ADVERBS:
                after += 1
            if after < len(words) and _is_participle(sentence.words[after]):
                hits.append((index, after))
        if not hits:
            continue
        spans = word_spans(text, sentence)
        if len(spans) != len(sentence.words):
            continue
        for first, last in hits:
            start, end = spans[first][0], spans[last][1]
            found = " ".join(text[start:end].split())
            findings.append(Finding(
                "passive", start, end,
                f"Passiv form: ”{found}”. Säg vem som har gjort det, som ”vi har beviljat din ansökan” "
                "i stället för ”ansökan är beviljad”.",
            ))
    return findings
