"""The name model's fast paths give what the plain ones give.

- Featurizer.items() (tagging) and Featurizer.sequence() (training) give the same features.
- On a long line the model tokenizes only stretches around the words it looks at
  (names.model._segments); its spans must be those of the whole line.
"""

from __future__ import annotations

import random

import pytest
from holdout_corpus import generate, unmarked

from backend.redaction.names import model as model_module
from backend.redaction.names.features import line_tokens, tokenize
from backend.redaction.recognizers.person import PersonRecognizer

TEXTS = [unmarked(marked) for _id, marked in generate(200, seed=5)]
# Long lines: documents joined into one paragraph, as many case notes are written.
LONG = [" ".join(TEXTS[i:i + 6]).replace("\n", " ") for i in range(0, len(TEXTS), 6)]


@pytest.fixture(scope="module")
def rec() -> PersonRecognizer:
    return PersonRecognizer()


def test_items_are_the_training_features(rec: PersonRecognizer) -> None:
    fz = rec.featurizer
    rng = random.Random(3)
    checked = 0
    for text in TEXTS + LONG:
        for toks in line_tokens(text):
            line = text[toks[0].start:toks[-1].end]
            lo = rng.randrange(len(toks))
            hi = rng.randrange(lo, len(toks)) + 1
            assert fz.items(text, toks, lo, hi) == fz.sequence(text, toks, lo, hi), line
            assert fz.items(text, toks, 0, len(toks)) == fz.sequence(text, toks), line
            checked += 1
    assert checked > 300


def _all_word_starts(text: str) -> list[int]:
    return [t.start for t in tokenize(text) if t.raw[:1].isalpha()]


def test_long_lines_tagged_in_stretches_give_the_whole_lines_spans(
        rec: PersonRecognizer, monkeypatch: pytest.MonkeyPatch) -> None:
    model = rec.model
    assert model is not None
    rng = random.Random(4)
    cases = []
    for text in LONG:
        starts = _all_word_starts(text)
        # few words far apart, words close together, and every word
        for k in (2, 8, len(starts)):
            cases.append((text, sorted(rng.sample(starts, min(k, len(starts))))))
    found = 0
    for text, triggers in cases:
        monkeypatch.setattr(model, "long_line", 10**9)
        whole = model.spans(text, triggers)
        monkeypatch.setattr(model, "long_line", 0)
        stretches = model.spans(text, triggers)
        assert stretches == whole, triggers
        found += len(whole)
    assert found > 50  # the model found names, so the comparison says something


def test_segments_fall_back_to_the_whole_line_when_chunks_are_far() -> None:
    text = "Anna " + "x" * 1000 + " Berit Svensson " + "y" * 1000
    segs = model_module._segments(text, 0, len(text), [0, 1006])
    assert segs == [(0, len(text), [0, 1006])]
    near = "Anna Berit " + "ord " * 300 + "Cecilia Ek"
    segs = model_module._segments(near, 0, len(near), [0, len(near) - 10])
    assert len(segs) == 2 and segs[0][0] == 0 and segs[1][1] == len(near)
