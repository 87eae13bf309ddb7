"""The name model's tagging reads flat lists: they give what the plain forms give, bit for bit.

- names.tokens.split_tokens() gives features.tokenize()'s tokens (spellings and offsets), on the
  corpora and on random text full of white space, punctuation and odd characters.
- ScoreTable.window() adds the same groups in the same order as summing each group's weights word by
  word from the featurizer (the plain form): the same doubles, not merely close ones.
- NameModel.spans() finds what plain tagging finds: each line tokenized whole, the feature strings
  of each window summed, all marginals worked out, the score tested before the words left open.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest
from holdout_corpus import generate, unmarked

from backend.redaction.names import crf
from backend.redaction.names import model as model_module
from backend.redaction.names.crf import Vec
from backend.redaction.names.cues import line_head, prev_line_kind
from backend.redaction.names.features import Featurizer, Token, _bigram, line_tokens, tokenize
from backend.redaction.names.scores import ScoreTable
from backend.redaction.names.tokens import split_tokens
from backend.redaction.recognizers.person import PersonRecognizer

HERE = Path(__file__).parent


def _texts() -> list[str]:
    texts = [unmarked(marked) for _id, marked in generate(150, seed=21)]
    for name in ("review_cases.txt", "hard_cases.txt", "more_cases.txt", "identifier_cases.txt"):
        texts += [t for t in (HERE / name).read_text(encoding="utf-8").split("\n\n") if t.strip()]
    return texts


# White space of every kind str.split() and \s know, word characters, the token regex's separators and
# characters that are neither (combining marks, symbols, "_", which \w has and isalnum() has not).
_ALPHABET = ("aZåÖé9_²½-'’.@,:;!?/()\"«»\u0301\u200b€😀 \t\n\r\x0b\x0c\x1c\x1f\x85\u00a0\u2003\u2028\u3000"
             "Anna Berg ")


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 60)))


def _plain(text: str, start: int, end: int) -> tuple[list[str], list[int]]:
    toks = tokenize(text, start, end)
    return [t.raw for t in toks], [t.start for t in toks]


def test_split_tokens_gives_the_regex_tokens() -> None:
    rng = random.Random(7)
    checked = 0
    for text in _texts():
        pos = 0
        for line in text.split("\n"):
            assert split_tokens(text, pos, pos + len(line)) == _plain(text, pos, pos + len(line)), line
            pos += len(line) + 1
            checked += 1
        assert split_tokens(text, 0, len(text)) == _plain(text, 0, len(text))
    for _ in range(20_000):
        text = _random_text(rng)
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))  # anywhere, inside a word too
        assert split_tokens(text, start, end) == _plain(text, start, end), (text, start, end)
        assert split_tokens(text, 0, len(text)) == _plain(text, 0, len(text)), text
    assert checked > 1000


@pytest.fixture(scope="module")
def rec() -> PersonRecognizer:
    return PersonRecognizer()


def _plain_scores(fz: Featurizer, table: ScoreTable, text: str, toks: list[Token], lo: int, hi: int) -> list[float]:
    """Each word's scores as the sum of its feature groups' weights, group by group in line_items()'
    order, each group summed over its feature strings: the sums ScoreTable keeps per spelling."""
    total = table.weights.total
    raws, fixed, bol = fz.line(text, toks)
    n = len(toks)
    out: list[float] = []
    for i in range(lo, hi):
        bias, own = total(["b"]), total(fz.flags(raws[i]))
        groups: list[Vec] = [(bias[0] + own[0], bias[1] + own[1], bias[2] + own[2])]
        if i == 0:
            groups.append(total(bol))
        elif raws[i - 1] in (".", "!", "?", ":"):
            groups.append(total(["sent"]))
        groups.append(total(fixed))
        groups.append(total(fz.context_at(-2, raws[i - 2])) if i >= 2 else total(["-2:none"]))
        if i >= 1:
            groups.append(total(fz.context_at(-1, raws[i - 1])))
            if toks[i - 1].end == toks[i].start:
                groups.append(total(["glued_prev"]))
        else:
            groups.append(total(["-1:none"]))
        if i + 1 < n:
            groups.append(total(fz.context_at(1, raws[i + 1])))
            groups.append(total(fz.context_at(2, raws[i + 2])) if i + 2 < n else total(["2:none"]))
            if i > 0:
                groups.append(total(["bi=" + _bigram(raws[i - 1], raws[i + 1])]))
        else:
            groups.append(total(["1:none", "2:none"]))
        a, b, c = groups[0]
        for v in groups[1:]:
            a, b, c = a + v[0], b + v[1], c + v[2]
        out += (a, b, c)
    return out


def test_window_scores_are_the_group_sums_bit_for_bit(rec: PersonRecognizer) -> None:
    assert rec.model is not None
    table, fz = rec.model.scores, rec.featurizer
    rng = random.Random(8)
    windows = 0
    for text in _texts():
        for toks in line_tokens(text):
            raws, starts = [t.raw for t in toks], [t.start for t in toks]
            line_start = text.rfind("\n", 0, toks[0].start) + 1
            words = table.spellings(raws)
            line = table.line(line_head(text, line_start), prev_line_kind(text, line_start), len(toks))
            lo = rng.randrange(len(toks))
            for a, b in ((0, len(toks)), (lo, min(len(toks), lo + rng.randint(1, 9)))):
                assert table.window(words, raws, starts, a, b, line) == _plain_scores(fz, table, text, toks, a, b)
                windows += 1
    assert windows > 1000


def test_long_spellings_are_not_kept(rec: PersonRecognizer) -> None:
    assert rec.model is not None
    table = rec.model.scores
    long, short = "Abc" * 100, "Quixotiska"
    first = table.spellings([long, short])
    assert long not in table._spellings and short in table._spellings
    assert table.spellings([long, short]) == first
    # a part only: the others are placeholders whose scores are NaN, so that a score that read one shows it
    part = table.spellings(["Anna", short, "Berg"], 1, 2)
    assert part[1] == first[1] and all(math.isnan(w.own0) and math.isnan(w.ahead2_2) for w in (part[0], part[2]))


PlainSpan = tuple[int, int, float, tuple[str, ...]]


def _plain_spans(rec: PersonRecognizer, text: str, triggers: list[int]) -> list[PlainSpan]:
    model, fz = rec.model, rec.featurizer
    assert model is not None
    weights = model.weights
    by_line: dict[int, list[int]] = {}
    for pos in triggers:
        by_line.setdefault(text.rfind("\n", 0, pos) + 1, []).append(pos)
    out = []
    for line_start, positions in by_line.items():
        end = text.find("\n", line_start)
        toks = tokenize(text, line_start, len(text) if end < 0 else end)
        index = {t.start: i for i, t in enumerate(toks)}
        hits = sorted(index[p] for p in positions if p in index)
        for lo, hi, marks in model_module._windows(hits, len(toks)):
            scores = [x for features in fz.items(text, toks, lo, hi) for x in weights.total(features)]
            labels = crf.viterbi(scores, weights.trans)
            probs = crf.marginals(scores, weights.trans)
            i = 0
            while i < len(labels):
                if labels[i] == 0:
                    i += 1
                    continue
                j = i + 1
                while j < len(labels) and labels[j] == 2:
                    j += 1
                score = sum(probs[3 * k + labels[k]] for k in range(i, j)) / (j - i)
                if score >= model.threshold and any(lo + k in marks for k in range(i, j)):
                    words = tuple(t.raw.rstrip(".") for t in toks[lo + i:lo + j] if t.raw[:1].isalnum())
                    if words:
                        out.append((toks[lo + i].start, toks[lo + j - 1].end, score, words))
                i = j
    return out


def test_spans_are_the_plain_taggings(rec: PersonRecognizer) -> None:
    assert rec.model is not None
    rng = random.Random(10)
    texts = _texts()
    # long lines: documents joined into one paragraph, tagged in stretches (names.model._segments)
    texts += [" ".join(texts[i:i + 6]).replace("\n", " ") for i in range(0, 300, 6)]
    found = 0
    for text in texts:
        starts = [t.start for t in tokenize(text) if t.raw[:1].isalpha()]
        for triggers in (starts, sorted(rng.sample(starts, min(5, len(starts)))), starts[::-3]):
            got = rec.model.spans(text, triggers)
            want = _plain_spans(rec, text, triggers)
            assert [(s.start, s.end, s.words) for s in got] == [(s, e, w) for s, e, _score, w in want], text[:80]
            assert all(abs(s.score - w[2]) < 1e-9 for s, w in zip(got, want, strict=True))
            found += len(got)
    assert found > 1000
