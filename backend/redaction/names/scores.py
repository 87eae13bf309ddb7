"""Each word's label scores under the name model, from per-spelling sums of its feature groups.

Featurizer.line_items() lists a word's features as: the bias and its own features (one spelling),
the line's first-word or sentence-start features, the line's fixed features, what each of up to four
neighbours says from its distance (one spelling and a distance each), "glued_prev", and a bigram of
the neighbours' kinds. ScoreTable caches the summed weights of each spelling's groups, so scoring a
window costs a handful of dictionary reads and additions per word; the sum is the same as over the
feature strings (tests/redaction/test_crf.py).
"""

from __future__ import annotations

from .crf import ZERO, CrfWeights, Vec
from .features import _SENTENCE_END, Featurizer, Line, Token


def _add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


class ScoreTable:
    """Label scores of words in windows of a line; the caches are bounded like the featurizer's."""

    def __init__(self, weights: CrfWeights, featurizer: Featurizer) -> None:
        self.weights = weights
        self.featurizer = featurizer
        w = weights.total
        self._bias = w(("b",))
        self._sent = w(("sent",))
        self._glued = w(("glued_prev",))
        self._none_m2 = w(("-2:none",))
        self._none_m1 = w(("-1:none",))
        self._none_p2 = w(("2:none",))
        self._none_after = w(("1:none", "2:none"))
        # "bi=" and the kinds of the words either side, indexed 3 * kind before + kind after ("Tpx").
        self._bigrams = [w(("bi=" + a + b,)) for a in "Tpx" for b in "Tpx"]
        self._kinds: dict[str, int] = {}
        self._own: dict[str, Vec] = {}
        # One cache per distance: what a word says of its neighbour from -2, -1, +1 and +2 words away.
        self._ctx: dict[int, dict[str, Vec]] = {k: {} for k in (-2, -1, 1, 2)}
        self._line: dict[tuple[str, ...], Vec] = {}

    def own(self, raw: str) -> Vec:
        got = self._own.get(raw)
        if got is None:
            got = _add(self._bias, self.weights.total(self.featurizer.flags(raw)))
            if len(self._own) < Featurizer.CACHE:
                self._own[raw] = got
        return got

    def context(self, k: int, raw: str) -> Vec:
        cache = self._ctx[k]
        got = cache.get(raw)
        if got is None:
            got = self.weights.total(self.featurizer.context_at(k, raw))
            if len(cache) < Featurizer.CACHE:
                cache[raw] = got
        return got

    def fixed(self, features: list[str]) -> Vec:
        """The summed weights of a line's fixed or first-word features (few distinct lists)."""
        key = tuple(features)
        got = self._line.get(key)
        if got is None:
            got = self.weights.total(features)
            self._line[key] = got
        return got

    def kind(self, raw: str) -> int:
        """Featurizer._bigram's letter for a word as an index into "Tpx", cached per spelling."""
        got = self._kinds.get(raw)
        if got is None:
            got = 0 if raw[:1].isupper() else 1 if not raw[:1].isalnum() else 2
            if len(self._kinds) < Featurizer.CACHE and len(raw) <= 64:
                self._kinds[raw] = got
        return got

    def window(self, toks: list[Token], lo: int, hi: int, line: Line) -> list[Vec]:
        """The scores of toks[lo:hi]: the same sums as over Featurizer.line_items(toks, lo, hi, line)."""
        n = len(toks)
        raws, fixed_features, bol_features = line
        f0, f1, f2 = self.fixed(fixed_features) if fixed_features else ZERO
        b0, b1, b2 = self.fixed(bol_features)
        s0, s1, s2 = self._sent
        g0, g1, g2 = self._glued
        own_cache = self._own
        m2, m1, p1, p2 = self._ctx[-2], self._ctx[-1], self._ctx[1], self._ctx[2]
        bigrams = self._bigrams
        out: list[Vec] = []
        # Each neighbour's lookup is written out, not looped over or put in a helper: this loop runs for
        # every word the model reads, and compiled (mypyc) it keeps the three sums in C doubles.
        for i in range(lo, hi):
            raw = raws[i]
            v = own_cache.get(raw)
            if v is None:
                v = self.own(raw)
            a, b, c = v
            if i == 0:
                a, b, c = a + b0, b + b1, c + b2
            elif raws[i - 1] in _SENTENCE_END:
                a, b, c = a + s0, b + s1, c + s2
            a, b, c = a + f0, b + f1, c + f2
            if i >= 2:
                r = raws[i - 2]
                v = m2.get(r)
                if v is None:
                    v = self.context(-2, r)
            else:
                v = self._none_m2
            a, b, c = a + v[0], b + v[1], c + v[2]
            if i >= 1:
                r = raws[i - 1]
                v = m1.get(r)
                if v is None:
                    v = self.context(-1, r)
                a, b, c = a + v[0], b + v[1], c + v[2]
                if toks[i - 1].end == toks[i].start:
                    a, b, c = a + g0, b + g1, c + g2
            else:
                v = self._none_m1
                a, b, c = a + v[0], b + v[1], c + v[2]
            if i + 1 < n:
                r = raws[i + 1]
                v = p1.get(r)
                if v is None:
                    v = self.context(1, r)
                a, b, c = a + v[0], b + v[1], c + v[2]
                if i + 2 < n:
                    r = raws[i + 2]
                    v = p2.get(r)
                    if v is None:
                        v = self.context(2, r)
                else:
                    v = self._none_p2
                a, b, c = a + v[0], b + v[1], c + v[2]
                if i > 0:
                    v = bigrams[3 * self.kind(raws[i - 1]) + self.kind(raws[i + 1])]
                    a, b, c = a + v[0], b + v[1], c + v[2]
            else:
                v = self._none_after
                a, b, c = a + v[0], b + v[1], c + v[2]
            out.append((a, b, c))
        return out
