"""Tagging with the name model's weights in Python (names/crf.py, names/scores.py) gives what
CRFsuite's own tagger gives: the same weights, the same labels, the same marginals.

The windows come from generated case notes and e-mails and from the handwritten corpora, every
window the model would tag and every whole line, so that names, ordinary words, line starts,
sentence starts, headers and glued words all occur.
"""

from __future__ import annotations

import random
import struct
from pathlib import Path

import pycrfsuite
import pytest
from holdout_corpus import generate, unmarked

from backend.redaction.names import crf
from backend.redaction.names.cues import line_head, prev_line_kind
from backend.redaction.names.features import line_tokens
from backend.redaction.names.model import MODEL_PATH
from backend.redaction.recognizers.person import PersonRecognizer

HERE = Path(__file__).parent


def _texts() -> list[str]:
    texts = [unmarked(marked) for _id, marked in generate(150, seed=11)]
    for name in ("review_cases.txt", "hard_cases.txt", "more_cases.txt"):
        texts += [t for t in (HERE / name).read_text(encoding="utf-8").split("\n\n") if t.strip()]
    return texts


@pytest.fixture(scope="module")
def rec() -> PersonRecognizer:
    return PersonRecognizer()


@pytest.fixture(scope="module")
def tagger() -> pycrfsuite.Tagger:
    t = pycrfsuite.Tagger()
    t.open(str(MODEL_PATH))
    return t


def test_weights_are_what_crfsuite_reports(tagger: pycrfsuite.Tagger) -> None:
    weights = crf.read_weights(MODEL_PATH)
    info = tagger.info()
    assert weights.labels == tuple(tagger.labels())
    index = {label: i for i, label in enumerate(weights.labels)}
    # CRFsuite's dump prints weights with six decimals.
    assert len(info.state_features) > 500
    for (attr, label), w in info.state_features.items():
        assert abs(weights.state[attr][index[label]] - w) <= 5e-7, (attr, label)
    reported = sum(1 for v in weights.state.values() for x in v if x != 0.0)
    assert reported == len(info.state_features)
    for (a, b), w in info.transitions.items():
        assert abs(weights.trans[index[a]][index[b]] - w) <= 5e-7
    assert sum(1 for row in weights.trans for x in row if x != 0.0) == len(info.transitions)


def test_scores_labels_and_marginals_are_crfsuites(rec: PersonRecognizer, tagger: pycrfsuite.Tagger) -> None:
    assert rec.model is not None
    table, fz = rec.model.scores, rec.featurizer
    weights = rec.model.weights
    rng = random.Random(5)
    windows = named = 0
    for text in _texts():
        for toks in line_tokens(text):
            line_text = text[toks[0].start:toks[-1].end]
            line = fz.line(text, toks)
            raws, starts = [t.raw for t in toks], [t.start for t in toks]
            line_start = text.rfind("\n", 0, toks[0].start) + 1
            words = table.spellings(raws)
            sums = table.line(line_head(text, line_start), prev_line_kind(text, line_start), len(toks))
            spans = [(0, len(toks))]
            for _ in range(3):
                lo = rng.randrange(len(toks))
                spans.append((lo, min(len(toks), lo + rng.randint(1, 9))))
            for lo, hi in spans:
                items = fz.line_items(toks, lo, hi, line)
                scores = table.window(words, raws, starts, lo, hi, sums)
                assert len(scores) == 3 * len(items)
                for k, feats in enumerate(items):
                    want = weights.total(feats)
                    assert all(abs(scores[3 * k + j] - want[j]) < 1e-9 for j in range(3)), feats
                tagger.set(items)
                want_labels = tagger.tag()
                labels = crf.viterbi(scores, weights.trans)
                assert [weights.labels[i] for i in labels] == want_labels, line_text
                probs = crf.marginals(scores, weights.trans)
                assert len(probs) == len(scores)
                for k in range(len(items)):
                    for j, label in enumerate(weights.labels):
                        assert abs(probs[3 * k + j] - tagger.marginal(label, k)) < 1e-9
                windows += 1
                named += any(labels)
    assert windows > 3000 and named > 300


def test_viterbi_breaks_ties_as_crfsuite_does() -> None:
    # Equal scores everywhere and no transition weights: CRFsuite keeps the first label.
    zero = (0.0, 0.0, 0.0)
    assert crf.viterbi([0.0] * 9, (zero, zero, zero)) == [0, 0, 0]
    assert crf.viterbi([0.0, 1.0, 1.0], (zero, zero, zero)) == [1]
    # From the label before: I-PER and B-PER tie for the word after B-PER, O wins the first word.
    assert crf.viterbi([0.0, 0.0, 0.0, 0.0, 1.0, 1.0], (zero, zero, zero)) == [0, 1]
    probs = crf.marginals([0.0] * 6, (zero, zero, zero))
    assert len(probs) == 6 and all(abs(p - 1 / 3) < 1e-12 for p in probs)


def test_a_file_that_is_no_model_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "x.crfsuite"
    bad.write_bytes(b"not a model at all, but long enough for the header....")
    with pytest.raises(crf.ModelFormatError, match="not a CRFsuite"):
        crf.read_weights(bad)
    short = tmp_path / "y.crfsuite"
    short.write_bytes(b"lCRF")
    with pytest.raises(crf.ModelFormatError, match="too short"):
        crf.read_weights(short)
    data = bytearray(MODEL_PATH.read_bytes())
    # A feature of an unknown type (the first feature record's type field).
    off_features = struct.unpack_from("<I", data, 28)[0]
    struct.pack_into("<I", data, off_features + 12, 7)
    broken = tmp_path / "z.crfsuite"
    broken.write_bytes(bytes(data))
    with pytest.raises(crf.ModelFormatError, match="unknown type"):
        crf.read_weights(broken)
