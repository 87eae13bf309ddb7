"""Noun-heavy style: sentences crowded with nominalizations (-ing/-ning, -het, -else, -tion)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from backend.readability.report import Finding
from backend.readability.splitting import Sentence
from backend.readability.wordlists import WordEndings, lowercase, suffix_lookbehind

# A nominalization ends in -ing (which covers -ning), -het, -else or -tion, inflected, after a stem of
# three or more letters. The regex finds the endings; _is_nominalization then drops "-ting" without
# "n" (någonting, flykting), "kring"/"omkring" and the town names in "-köping".
_INFLECTIONS = {
    "ing": ("", "en", "ens", "ar", "ars", "arna", "arnas", "s"),
    "het": ("", "en", "ens", "er", "ers", "erna", "ernas", "s"),
    "else": ("", "n", "ns", "r", "rs", "rna", "rnas", "s"),
    "tion": ("", "en", "ens", "er", "ers", "erna", "ernas", "s"),
}
_ENDINGS = [base + inflection for base, inflections in _INFLECTIONS.items() for inflection in inflections]
_CANDIDATE = re.compile(rf"(?<!\w)[^\W\d_]{{6,}}+{suffix_lookbehind(_ENDINGS)}(?!\w)")
# The same over a whole text, faster: any run of word characters with such an ending, found from
# its end, and then only those of letters alone (_LETTERS) count. The regex engine tests \w faster
# than [^\W\d_].
_CANDIDATES = WordEndings(r"\w", 6, _ENDINGS)
_LETTERS = re.compile(r"[^\W\d_]+")
_SPLIT = re.compile(
    r"(?P<base>ing|het|else|tion)(?:en|ens|ar|ars|arna|arnas|er|ers|erna|ernas|n|ns|r|rs|rna|rnas|s)?\Z"
)
_NOT_BEFORE_ING = ("t", "kr", "köp")
_MIN_STEM = 3

# At least three nominalizations, and at least 15 % of the sentence's words: "Handläggningen av
# ansökningar sker i ordning" is heavy; three in a 40-word sentence are the long sentence's problem.
NOUN_HEAVY_MIN = 3
NOUN_HEAVY_SHARE = 0.15


def nominalizations(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The nominalizations in text[start:end], in order."""
    part = text[start:end]
    found = _CANDIDATE.finditer(lowercase(part))
    return [part[match.start() : match.end()] for match in found if _is_nominalization(match.group())]


def _is_nominalization(lowered: str) -> bool:
    split = _SPLIT.search(lowered)
    if split is None:
        return False
    stem = lowered[: split.start()]
    if len(stem) < _MIN_STEM:
        return False
    return not (split.group("base") == "ing" and stem.endswith(_NOT_BEFORE_ING))


def find_noun_heavy(text: str, sentences: Sequence[Sentence]) -> list[Finding]:
    """One finding per noun-heavy sentence, spanning the sentence."""
    starts = [sentence.start for sentence in sentences]
    nouns_by_sentence: dict[int, list[str]] = {}
    lowered = lowercase(text)
    verdicts: dict[str, bool] = {}  # a text repeats its words: each is checked once
    # One pass over the whole text, then each match to its sentence: one regex call, not thousands.
    for start, end in _CANDIDATES.spans(lowered):
        index = bisect_right(starts, start) - 1
        if index < 0 or end > sentences[index].end:
            continue
        word = lowered[start:end]
        verdict = verdicts.get(word)
        if verdict is None:
            verdict = verdicts[word] = _LETTERS.fullmatch(word) is not None and _is_nominalization(word)
        if verdict:
            nouns_by_sentence.setdefault(index, []).append(text[start:end])
    findings: list[Finding] = []
    for index, nouns in nouns_by_sentence.items():
        sentence = sentences[index]
        words = len(sentence.words)
        if len(nouns) >= NOUN_HEAVY_MIN and len(nouns) >= NOUN_HEAVY_SHARE * words:
            examples = ", ".join(f"”{noun}”" for noun in nouns[:3])
            more = " …" if len(nouns) > 3 else ""
            findings.append(
                Finding(
                    "noun_heavy",
                    sentence.start,
                    sentence.end,
                    f"Substantivtung mening: {len(nouns)} av {words} ord är substantiveringar "
                    f"({examples}{more}). Skriv med verb i stället.",
                )
            )
    return findings
