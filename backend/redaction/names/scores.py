"""Each word's label scores under the name model, from per-spelling sums of its feature groups.

Featurizer.line_items() lists a word's features as: the bias and its own features (one spelling),
the line's first-word or sentence-start features, the line's fixed features, what each of up to four
neighbours says from its distance (one spelling and a distance each), "glued_prev", and a bigram of
the neighbours' kinds. ScoreTable keeps, per spelling, one Spelling with the summed weights of each
group that spelling takes part in, so scoring a window costs one dictionary read per word and a few
additions; the sum is the same as over the feature strings (tests/redaction/test_crf.py), and the
same, bit for bit, as summing each group's weights in that order (tests/redaction/test_model_tokens.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from .crf import ZERO, CrfWeights, Vec
from .cues import line_features
from .features import _SENTENCE_END, Featurizer

# Spellings longer than this are not kept: a 200 000-character token must not stay in memory.
_CACHED_LENGTH = 64


@dataclass(slots=True)
class Spelling:
    """One spelling's summed weights for the three labels (O, B-PER, I-PER) in each role it plays.

    Plain float fields, not tuples: compiled (mypyc), reading one is a load from the object, with no
    tuple to unpack and no float to unbox."""

    # The bias and the word's own features.
    own0: float
    own1: float
    own2: float
    # What the word says of the word two after it ("-2:..."), of the next one ("-1:..."), of the one
    # before it ("1:...") and of the one two before it ("2:...").
    back2_0: float
    back2_1: float
    back2_2: float
    back1_0: float
    back1_1: float
    back1_2: float
    ahead1_0: float
    ahead1_1: float
    ahead1_2: float
    ahead2_0: float
    ahead2_1: float
    ahead2_2: float
    # The word's letter in the neighbours' bigram as an index into "Tpx" (Featurizer's _kind()).
    kind: int
    # ".", "!", "?" or ":": the word after it opens a sentence ("sent").
    stop: bool


_NAN = float("nan")
_UNREAD = Spelling(_NAN, _NAN, _NAN, _NAN, _NAN, _NAN, _NAN, _NAN, _NAN, _NAN, _NAN, _NAN, _NAN, _NAN, _NAN, 0, False)


class ScoreTable:
    """Label scores of words in windows of a line; the cache is bounded like the featurizer's."""

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
        self._spellings: dict[str, Spelling] = {}
        self._line: dict[tuple[str, ...], Vec] = {}
        # prev_line_kind() has three values: at most 12 keys.
        self._lines: dict[tuple[bool, str, bool], tuple[Vec, Vec]] = {}

    def spellings(self, raws: list[str], lo: int = 0, hi: int = -1) -> list[Spelling]:
        """The Spelling of each word of raws[lo:hi] (hi -1: to the end), in its place in a list as long
        as raws; the places before and after hold _UNREAD, whose scores are NaN (and would make any
        score that read one NaN)."""
        cache = self._spellings
        hi = len(raws) if hi < 0 else hi
        out: list[Spelling] = [_UNREAD] * lo
        for k in range(lo, hi):
            raw = raws[k]
            got = cache.get(raw)
            if got is None:
                got = self.spelling(raw)
                if len(cache) < Featurizer.CACHE and len(raw) <= _CACHED_LENGTH:
                    cache[raw] = got
            out.append(got)
        out.extend([_UNREAD] * (len(raws) - hi))
        return out

    def spelling(self, raw: str) -> Spelling:
        """The sums of each of the spelling's groups, each over the features in the featurizer's order."""
        fz, total = self.featurizer, self.weights.total
        b = self._bias
        own = total(fz.flags(raw))
        ctx = fz.context(raw)
        back2, back1 = total([f"-2:{x}" for x in ctx]), total([f"-1:{x}" for x in ctx])
        ahead1, ahead2 = total([f"1:{x}" for x in ctx]), total([f"2:{x}" for x in ctx])
        kind = 0 if raw[:1].isupper() else 1 if not raw[:1].isalnum() else 2
        return Spelling(b[0] + own[0], b[1] + own[1], b[2] + own[2], back2[0], back2[1], back2[2],
                        back1[0], back1[1], back1[2], ahead1[0], ahead1[1], ahead1[2],
                        ahead2[0], ahead2[1], ahead2[2], kind, raw in _SENTENCE_END)

    def line(self, head: bool, prev_line: str, n: int) -> tuple[Vec, Vec]:
        """The summed weights of the fixed features of a line of n tokens, and of its first word's:
        cues.line_features() of line_head() and prev_line_kind() of the line. Kept per what they
        depend on, a few keys in all."""
        key = (head, prev_line, n <= 4)
        got = self._lines.get(key)
        if got is None:
            fixed, bol = line_features(head, prev_line, n)
            got = ((self.fixed(fixed) if fixed else ZERO), self.fixed(bol))
            self._lines[key] = got
        return got

    def fixed(self, features: list[str]) -> Vec:
        """The summed weights of a line's fixed or first-word features (few distinct lists)."""
        key = tuple(features)
        got = self._line.get(key)
        if got is None:
            got = self.weights.total(features)
            self._line[key] = got
        return got

    def window(self, words: list[Spelling], raws: list[str], starts: list[int], lo: int, hi: int,
               line: tuple[Vec, Vec]) -> list[float]:
        """The three label scores of each of the words lo..hi-1 of a line, one after the other: the same
        sums as over Featurizer.line_items() for those words.

        words, raws and starts: the line's (or a stretch's, names.model._segments) Spellings, spellings
        and start offsets; line: ScoreTable.line()'s sums. The groups are added in line_items()' order.
        """
        n = len(words)
        (f0, f1, f2), (b0, b1, b2) = line
        s0, s1, s2 = self._sent
        g0, g1, g2 = self._glued
        bigrams = self._bigrams
        out: list[float] = []
        # Each neighbour's part is written out, not looped over or put in a helper: this loop runs for
        # every word the model reads, and compiled (mypyc) it keeps the three sums in C doubles.
        for i in range(lo, hi):
            w = words[i]
            a, b, c = w.own0, w.own1, w.own2
            if i == 0:
                a, b, c = a + b0, b + b1, c + b2
            elif words[i - 1].stop:
                a, b, c = a + s0, b + s1, c + s2
            a, b, c = a + f0, b + f1, c + f2
            if i >= 2:
                w = words[i - 2]
                a, b, c = a + w.back2_0, b + w.back2_1, c + w.back2_2
            else:
                v = self._none_m2
                a, b, c = a + v[0], b + v[1], c + v[2]
            if i >= 1:
                w = words[i - 1]
                a, b, c = a + w.back1_0, b + w.back1_1, c + w.back1_2
                if starts[i - 1] + len(raws[i - 1]) == starts[i]:
                    a, b, c = a + g0, b + g1, c + g2
            else:
                v = self._none_m1
                a, b, c = a + v[0], b + v[1], c + v[2]
            if i + 1 < n:
                w = words[i + 1]
                a, b, c = a + w.ahead1_0, b + w.ahead1_1, c + w.ahead1_2
                if i + 2 < n:
                    w = words[i + 2]
                    a, b, c = a + w.ahead2_0, b + w.ahead2_1, c + w.ahead2_2
                else:
                    v = self._none_p2
                    a, b, c = a + v[0], b + v[1], c + v[2]
                if i > 0:
                    v = bigrams[3 * words[i - 1].kind + words[i + 1].kind]
                    a, b, c = a + v[0], b + v[1], c + v[2]
            else:
                v = self._none_after
                a, b, c = a + v[0], b + v[1], c + v[2]
            out.append(a)
            out.append(b)
            out.append(c)
        return out
