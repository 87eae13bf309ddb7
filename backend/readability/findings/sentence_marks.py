"""Sentence marks, as a Hemingway-style editor shows them: hard and very hard sentences.

Length alone is the long_sentence finding. These marks add structure: how many clauses a sentence
stacks (subordinators and relative words) and how many long words it carries. Each sentence gets at
most one of long_sentence, hard_sentence and very_hard_sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from backend.readability.lix import is_long_word
from backend.readability.report import Finding
from backend.readability.splitting import Sentence

# Words that open a subordinate or relative clause. "att" counts: in official prose it mostly opens a
# clause ("beslutade att …", "konstaterat att …"), and an infinitive after it is a clause of its own.
CLAUSE_WORDS = frozenset(
    {"att", "som", "eftersom", "om", "när", "då", "medan", "innan", "tills", "vilket", "vilken", "vilka",
     "vars", "där", "dit", "varför", "huruvida", "såvida", "fastän", "trots", "ifall", "såsom"}
)
# Klarspråk advice puts a comfortable sentence at 15–20 words; past 25 most readers have to go back.
LONG_SENTENCE_WORDS = 25
VERY_LONG_WORDS = 35
HARD_MIN_WORDS = 12
LONG_WORD_SHARE = 0.35
MANY_CLAUSES = 3


class _WordCache(dict[str, bool]):
    """Word as written → a yes/no about it, worked out on first use; bounded, as the process lives long."""

    def __init__(self, test: Callable[[str], bool]) -> None:
        super().__init__()
        self._test = test

    def __missing__(self, word: str) -> bool:
        if len(self) >= _CACHE_MAX:
            self.clear()
        found = self[word] = self._test(word)
        return found


_CACHE_MAX = 200_000
_clause_words = _WordCache(lambda word: word.lower() in CLAUSE_WORDS)
_long_words = _WordCache(is_long_word)


def sentence_level(sentence: Sentence) -> str | None:
    """"very_hard_sentence", "long_sentence", "hard_sentence" or None for one sentence."""
    words = len(sentence.words)
    if words < HARD_MIN_WORDS:
        return None
    # Two dict lookups per word, in C (map): a text repeats its words, so each is checked once.
    clauses = sum(map(_clause_words.__getitem__, sentence.words))
    long_share = sum(map(_long_words.__getitem__, sentence.words)) / words
    dense = long_share >= LONG_WORD_SHARE
    if words > VERY_LONG_WORDS or (words > LONG_SENTENCE_WORDS and (clauses >= MANY_CLAUSES or dense)):
        return "very_hard_sentence"
    if words > LONG_SENTENCE_WORDS:
        return "long_sentence"
    if clauses >= MANY_CLAUSES or (dense and words >= 15) or (clauses >= 2 and dense):
        return "hard_sentence"
    return None


def find_sentence_marks(text: str, sentences: Sequence[Sentence]) -> list[Finding]:
    """One finding per hard or very hard sentence (long ones are find_long_sentences' job)."""
    findings: list[Finding] = []
    for sentence in sentences:
        level = sentence_level(sentence)
        if level == "very_hard_sentence":
            findings.append(Finding(
                "very_hard_sentence", sentence.start, sentence.end,
                f"Mycket svår mening ({len(sentence.words)} ord, många bisatser eller långa ord). "
                "Dela upp den i flera korta meningar med en sak i varje.",
            ))
        elif level == "hard_sentence":
            findings.append(Finding(
                "hard_sentence", sentence.start, sentence.end,
                "Svår mening: flera bisatser eller många långa ord. Dela upp den, eller börja med det viktigaste.",
            ))
    return findings
