"""The name model's weights, read from CRFsuite's model file, and tagging with them in Python.

CRFsuite's own tagger takes each word's features as strings and looks every one of them up in the
model's attribute table, for every window: for the name model that was most of its cost. But a
word's features fall into a few groups that each depend on one spelling (its own features, and what
it says about a neighbour one or two words away) and a few fixed ones. ScoreTable sums each group's
weights once per spelling and caches the three label scores, so a word's scores are six additions;
Viterbi and forward-backward over three labels are a few dozen operations per word.

The sums run in another order than CRFsuite's, so scores may differ in the last bits of a double;
tests/redaction/test_crf.py holds the labels equal to CRFsuite's and the marginals within 1e-9 on
thousands of windows, and the weights equal to what CRFsuite itself reports.

The file format (crf1d_model.c and cqdb.c in CRFsuite 0.12): a header of twelve little-endian
fields, a FEAT chunk of (type, source, destination, weight) records, and two constant databases that
map label and attribute ids to their strings through a backward array.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_FEATURE = struct.Struct("<IIId")
_CHUNK_HEADER = struct.Struct("<4sII")  # a chunk's id, size and count
_CHUNK = _CHUNK_HEADER.size
_CQDB_HEADER = struct.Struct("<4sIIIII")
_STATE, _TRANSITION = 0, 1

Vec = tuple[float, float, float]
ZERO: Vec = (0.0, 0.0, 0.0)


class ModelFormatError(ValueError):
    """The file is not a CRFsuite 1st-order model with three labels."""


@dataclass(frozen=True, slots=True)
class CrfWeights:
    labels: tuple[str, ...]
    # Attribute -> its weight for each label; attributes the model dropped are absent (weight 0).
    state: dict[str, Vec]
    # trans[i][j]: the weight of label j following label i.
    trans: tuple[Vec, Vec, Vec]

    def total(self, features: Iterable[str]) -> Vec:
        """The summed weights of these features, one per label (unknown features weigh nothing)."""
        a = b = c = 0.0
        state = self.state
        for f in features:
            w = state.get(f)
            if w is not None:
                a += w[0]
                b += w[1]
                c += w[2]
        return (a, b, c)


def read_weights(path: Path) -> CrfWeights:
    """The labels, state weights and transition weights of a CRFsuite model file."""
    data = path.read_bytes()
    if len(data) < _HEADER.size:
        raise ModelFormatError(f"{path} is too short for a CRFsuite model")
    (magic, _size, kind, _version, _n_features, n_labels, n_attrs, off_features, off_labels, off_attrs,
     _off_label_refs, _off_attr_refs) = _HEADER.unpack_from(data, 0)
    if magic != b"lCRF" or kind != b"FOMC":
        raise ModelFormatError(f"{path} is not a CRFsuite 1st-order model (magic {magic!r}, type {kind!r})")
    labels = _strings(data, off_labels, n_labels)
    if len(labels) != 3:
        raise ModelFormatError(f"{path} has labels {labels}; the name model has three")
    attrs = _strings(data, off_attrs, n_attrs)
    # The header's feature count is written as 0; the FEAT chunk's own count is the one to read.
    chunk, _chunk_size, n_features = _CHUNK_HEADER.unpack_from(data, off_features)
    if chunk != b"FEAT":
        raise ModelFormatError(f"{path} has no feature chunk where its header says")
    state: dict[str, list[float]] = {}
    trans = [[0.0] * 3 for _ in range(3)]
    for fid in range(n_features):
        kind_id, src, dst, weight = _FEATURE.unpack_from(data, off_features + _CHUNK + _FEATURE.size * fid)
        if kind_id == _STATE:
            state.setdefault(attrs[src], [0.0, 0.0, 0.0])[dst] += weight
        elif kind_id == _TRANSITION:
            trans[src][dst] = weight
        else:
            raise ModelFormatError(f"{path}: feature {fid} has unknown type {kind_id}")
    return CrfWeights(tuple(labels), {a: (w[0], w[1], w[2]) for a, w in state.items()},
                      ((trans[0][0], trans[0][1], trans[0][2]), (trans[1][0], trans[1][1], trans[1][2]),
                       (trans[2][0], trans[2][1], trans[2][2])))


def _strings(data: bytes, base: int, count: int) -> list[str]:
    """Id -> string of one constant database (CQDB) in the file, through its backward array."""
    chunk, _size, _flag, _order, bwd_size, bwd_offset = _CQDB_HEADER.unpack_from(data, base)
    if chunk != b"CQDB" or bwd_offset == 0 or bwd_size < count:
        raise ModelFormatError("the model's string table has no backward array")
    out: list[str] = []
    for i in range(count):
        (offset,) = struct.unpack_from("<I", data, base + bwd_offset + 4 * i)
        (length,) = struct.unpack_from("<I", data, base + offset + 4)  # after the id; counts the NUL
        start = base + offset + 8
        out.append(data[start:start + length - 1].decode("utf-8"))
    return out


def _best(x: float, y: float, z: float) -> tuple[float, int]:
    """The highest of three label scores and its label, with CRFsuite's ties: the lowest label wins.
    (Compiled, the pair comes back unboxed: nothing is allocated.)"""
    if x >= y and x >= z:
        return x, 0
    if y >= z:
        return y, 1
    return z, 2


def viterbi(scores: list[float], trans: tuple[Vec, Vec, Vec]) -> list[int]:
    """The best label sequence, with CRFsuite's ties: the lowest label index wins.

    scores: each word's three label scores one after the other (ScoreTable.window()); a flat list of
    floats, not a tuple per word, so that compiled code reads doubles with no tuple to take apart.
    Each step keeps its back-pointers in one small int (b0 + 3 b1 + 9 b2, which Python does not
    allocate), and compares and adds as a tuple per step did: the same labels."""
    t00, t01, t02 = trans[0]
    t10, t11, t12 = trans[1]
    t20, t21, t22 = trans[2]
    p0, p1, p2 = scores[0], scores[1], scores[2]
    back: list[int] = []
    for t in range(3, len(scores), 3):
        # The best label before each label j, from p + trans[.][j].
        c0, b0 = _best(p0 + t00, p1 + t10, p2 + t20)
        c1, b1 = _best(p0 + t01, p1 + t11, p2 + t21)
        c2, b2 = _best(p0 + t02, p1 + t12, p2 + t22)
        back.append(b0 + 3 * b1 + 9 * b2)
        p0, p1, p2 = c0 + scores[t], c1 + scores[t + 1], c2 + scores[t + 2]
    last = _best(p0, p1, p2)[1]
    labels = [last]
    for i in range(len(back) - 1, -1, -1):
        k = back[i]
        last = k % 3 if last == 0 else k // 3 % 3 if last == 1 else k // 9
        labels.append(last)
    labels.reverse()
    return labels


def marginals(scores: list[float], trans: tuple[Vec, Vec, Vec]) -> list[float]:
    """Each word's probability of each label, three a word one after the other as in scores (viterbi()):
    scaled forward-backward, as CRFsuite computes it."""
    exp = math.exp
    e00, e01, e02 = exp(trans[0][0]), exp(trans[0][1]), exp(trans[0][2])
    e10, e11, e12 = exp(trans[1][0]), exp(trans[1][1]), exp(trans[1][2])
    e20, e21, e22 = exp(trans[2][0]), exp(trans[2][1]), exp(trans[2][2])
    es = [exp(s) for s in scores]
    n = len(es)
    alpha: list[float] = []
    scale: list[float] = []
    q0 = q1 = q2 = 0.0
    for t in range(0, n, 3):
        x0, x1, x2 = es[t], es[t + 1], es[t + 2]
        if t > 0:
            x0 = (q0 * e00 + q1 * e10 + q2 * e20) * x0
            x1 = (q0 * e01 + q1 * e11 + q2 * e21) * x1
            x2 = (q0 * e02 + q1 * e12 + q2 * e22) * x2
        total = x0 + x1 + x2
        k = 1.0 / total if total != 0.0 else 1.0
        q0, q1, q2 = x0 * k, x1 * k, x2 * k
        alpha.append(q0)
        alpha.append(q1)
        alpha.append(q2)
        scale.append(k)
    out = [0.0] * n
    k = scale[-1]
    r0 = r1 = r2 = k  # beta
    for t in range(n - 3, -1, -3):
        k = scale[t // 3]
        if t < n - 3:
            u0, u1, u2 = r0 * es[t + 3], r1 * es[t + 4], r2 * es[t + 5]
            r0 = (e00 * u0 + e01 * u1 + e02 * u2) * k
            r1 = (e10 * u0 + e11 * u1 + e12 * u2) * k
            r2 = (e20 * u0 + e21 * u1 + e22 * u2) * k
        out[t] = alpha[t] * r0 / k
        out[t + 1] = alpha[t + 1] * r1 / k
        out[t + 2] = alpha[t + 2] * r2 / k
    return out
