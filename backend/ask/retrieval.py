"""Which passages answer a question: BM25 (bm25s) over words reduced by the Swedish Snowball stemmer.

Stemming lets "beslutade" find "beslutet" and "ansökningar" find "ansökan"'s kin; bench/retrieval.py
compares it with plain words. Everything here is computed per request, in memory, and never logged.
"""

from __future__ import annotations

import functools
import math
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import bm25s
import numpy as np
import snowballstemmer
from bm25s.stopwords import STOPWORDS_SWEDISH

from backend.ask.passages import Passage

_WORD = re.compile(r"\w+")
# Words that say what is asked, not what it is about: "Vad står det i dokumentet om ...?"
_QUESTION_WORDS = frozenset({
    "vad", "vem", "vilka", "vilken", "vilket", "när", "var", "hur", "varför", "finns", "fanns", "står", "stod",
    "enligt", "gäller", "gällde", "texten", "text", "dokumentet", "dokument", "brevet", "mejlet", "meddelandet",
    "tråden", "protokollet", "handlar", "sägs", "säger", "nämns", "nämner", "många", "mycket", "ska", "skall",
    "blir", "bli", "får", "fick", "också", "sina", "vilkas", "kommer", "tas", "togs",
    # The same in English, for questions asked in English about a Swedish text's names and numbers.
    "what", "who", "when", "where", "why", "how", "which", "does", "did", "is", "are", "was", "were", "the",
    "a", "an", "of", "in", "on", "to", "for", "about", "say", "says", "document", "message",
})
STOPWORDS = frozenset(STOPWORDS_SWEDISH) | _QUESTION_WORDS

# The best passage must hold at least this share of the question's weight (its words' IDF) for the
# question to count as answered by the text; below it the answer says nothing was found. Set on the
# corpus of bench/retrieval.py, leaning towards answering: there 7% of the answerable questions fall
# below it (their words are not the text's: "kostar" for "kronor", "larmet" for "trygghetslarm") and
# half of the off-topic ones; the model, told to say when the excerpts do not answer, is the next guard.
MIN_COVERAGE = 0.12
# Room left in the budget below which no passage is worth looking for (the shortest are ~75 tokens).
MIN_ROOM = 48


_local = threading.local()


def _swedish() -> Any:
    # One stemmer per thread: a Snowball stemmer keeps its working word in the object (so does PyStemmer's,
    # which snowballstemmer uses when it is installed), and gunicorn's threads rank at the same time.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("swedish")
    return stemmer


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_swedish().stemWord(word))


def words(text: str, stem: bool = True) -> list[str]:
    """The text's content words, lower-cased, stop words out, stemmed unless told not to."""
    found = [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS]
    return [_stem(w) for w in found] if stem else found


@dataclass(frozen=True)
class Ranked:
    """A passage with its BM25 score for one question, and where it stands in the text."""

    passage: Passage
    index: int
    score: float


@dataclass(frozen=True)
class Ranking:
    """Passages best first, and how much of the question the best one covers (0 to 1)."""

    ranked: tuple[Ranked, ...]
    coverage: float
    question_words: int

    @property
    def found(self) -> bool:
        """Whether the text seems to answer the question at all; a question of only general words
        ("Vad handlar texten om?") is about the whole text and counts as found."""
        return self.question_words == 0 or self.coverage >= MIN_COVERAGE


def rank(passages: Sequence[Passage], question: str, stem: bool = True) -> Ranking:
    """The passages ranked by BM25 for the question, best first (ties in the text's order)."""
    terms = list(dict.fromkeys(words(question, stem)))
    if not passages:
        return Ranking((), 0.0, len(terms))
    parts = _compound_parts(terms) if stem else {}
    documents = _documents(passages, [*terms, *parts], stem)
    scores = np.zeros(len(passages), dtype=np.float32)
    if terms:
        bm25 = bm25s.BM25()
        bm25.index(documents, show_progress=False)
        known = [t for t in [*terms, *parts] if t in bm25.vocab_dict]
        if known:
            scores = bm25.get_scores(known)
    order = sorted(range(len(passages)), key=lambda i: (-float(scores[i]), i))
    ranked = tuple(Ranked(passages[i], i, float(scores[i])) for i in order)
    return Ranking(ranked, _coverage(documents, terms, parts, ranked[0].index), len(terms))


# The shortest word that may stand as one part of a compound ("skola" in "förskoleklass" is 5).
MIN_PART = 4


def _compound_parts(terms: list[str]) -> dict[str, str]:
    """Candidate parts of the question's compounds, each mapped to its compound.

    Swedish joins words ("miljötillsyn", "vårdcentralsbesök"); the text often names the parts apart
    ("tillsyn enligt miljöbalken", "besök på vårdcentralen"). Every split of a long question word into
    two stems of MIN_PART letters or more (with or without a linking s) is looked for in the text as
    well; splits that are not words of the text simply match nothing.
    """
    parts: dict[str, str] = {}
    for term in terms:
        for cut in range(MIN_PART, len(term) - MIN_PART + 1):
            head, tail = term[:cut], term[cut:]
            for part in (head, head[:-1] if head.endswith("s") else "", tail):
                if len(part) >= MIN_PART and part not in terms:
                    parts.setdefault(_stem(part), term)
    return parts


def _documents(passages: Sequence[Passage], terms: list[str], stem: bool) -> list[list[str]]:
    """Each passage as BM25 sees it: the question's terms where they occur, "" for every other word.

    Only the question's terms are ever scored, so only they need a place in the index; the other
    words still count for each passage's length (BM25's length normalisation) as bm25s's empty token.
    That keeps the index a few entries wide and the step under a few milliseconds for 200,000
    characters, instead of stemming and indexing every distinct word of the text.
    """
    wanted = set(terms)
    lowered = [_WORD.findall(p.text.lower()) for p in passages]
    prefixes = tuple(wanted)
    key: dict[str, str] = {}
    for word in set().union(*lowered):
        if word in STOPWORDS:
            continue
        if not stem:
            key[word] = word if word in wanted else ""
        elif prefixes and word.startswith(prefixes):
            # The Swedish Snowball stemmer only takes endings off, so a word can stem to a term only
            # if it starts with it: the rest of the text's words need no stemming at all.
            found = _stem(word)
            key[word] = found if found in wanted else ""
        else:
            key[word] = ""
    # bm25s needs one token per document at least; "" is its own empty token.
    return [[key[w] for w in ws if w in key] or [""] for ws in lowered]


def _coverage(documents: list[list[str]], terms: list[str], parts: dict[str, str], best: int) -> float:
    """The IDF-weighted share of the question's words that the best passage holds (a compound counts as
    held when one of its parts is there)."""
    if not terms:
        return 0.0
    n = len(documents)
    sets = []
    for document in documents:
        found = set(document)
        sets.append(found | {parts[t] for t in found if t in parts})
    total = held = 0.0
    for term in terms:
        df = sum(1 for s in sets if term in s)
        weight = math.log(1 + (n - df + 0.5) / (df + 0.5))  # BM25's IDF; a word absent from the text weighs most
        total += weight
        if term in sets[best]:
            held += weight
    return held / total if total else 0.0


def fit(ranking: Ranking, budget_tokens: int, count_tokens: Callable[[Ranked], int]) -> list[Ranked]:
    """The passages that go to the model, in the text's order.

    A text that fits the budget goes whole: a short message is best read entire. Otherwise the best
    passages are taken first; one that no longer fits is skipped, and a smaller, lower-ranked one may
    still fill the room. Passages that share no word with the question stay out (they cost prompt time
    and distract a small model), unless the question has no words of its own to match. Tokens are
    counted only as far as needed: a long text's hundreds of passages are not all counted.
    """
    costs: dict[int, int] = {}

    def cost(item: Ranked) -> int:
        if item.index not in costs:
            costs[item.index] = count_tokens(item)
        return costs[item.index]

    total = 0
    for item in ranking.ranked:
        total += cost(item)
        if total > budget_tokens:
            break
    else:
        return sorted(ranking.ranked, key=lambda r: r.index)
    chosen: list[Ranked] = []
    left = budget_tokens
    for item in ranking.ranked:
        if (item.score <= 0 and ranking.question_words) or left < MIN_ROOM:
            break
        if cost(item) <= left:
            chosen.append(item)
            left -= cost(item)
    return sorted(chosen, key=lambda r: r.index)
