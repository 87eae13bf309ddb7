"""The trained name model: a CRF (CRFsuite) that tags words as a person's name by shape and context.

The rules in recognizers/person/ decide first. The model then looks only at windows around words
the rules left open (a capitalised word that is not an ordinary word, a place or an organisation; a
name-list word in lower-case chat; a short run of capitals such as "AK"), so that plain prose costs
next to nothing. Its spans join the rules' candidates and go through the same coreference pass.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from .features import Featurizer, Token, tokenize

MODEL_PATH = Path(__file__).resolve().parent / "name_crf.crfsuite"
# Words either side of a word the rules left open that the model sees: its features reach two words
# out, and a name has at most four parts.
WINDOW = 2
# The lowest mean marginal probability of a name's words for the model's span to count.
THRESHOLD = 0.5
LABELS = ("B-PER", "I-PER")


@dataclass(frozen=True, slots=True)
class ModelSpan:
    start: int
    end: int
    score: float
    words: tuple[str, ...]


class NameModel:
    """Loads the CRF once; tagging is thread-safe (one CRFsuite tagger per thread)."""

    def __init__(self, featurizer: Featurizer, path: Path = MODEL_PATH, threshold: float = THRESHOLD) -> None:
        if not path.is_file():
            raise FileNotFoundError(f"name model {path} is missing: run `make name-model`")
        self.path = path
        self.featurizer = featurizer
        self.threshold = threshold
        self._local = threading.local()
        self._tagger()  # fail at start-up, not on the first request, when the file is unreadable

    def _tagger(self) -> pycrfsuite.Tagger:
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            tagger = pycrfsuite.Tagger()
            tagger.open(str(self.path))
            self._local.tagger = tagger
        return tagger

    def spans(self, text: str, triggers: Iterable[int]) -> list[ModelSpan]:
        """Names the model finds in windows around the given offsets (the start of a word each)."""
        by_line: dict[int, list[int]] = {}
        for pos in triggers:
            line_start = text.rfind("\n", 0, pos) + 1
            by_line.setdefault(line_start, []).append(pos)
        out: list[ModelSpan] = []
        for line_start, positions in by_line.items():
            line_end = text.find("\n", line_start)
            toks = tokenize(text, line_start, len(text) if line_end < 0 else line_end)
            if not toks:
                continue
            index = {t.start: i for i, t in enumerate(toks)}
            hits = sorted(index[p] for p in positions if p in index)
            for lo, hi, marks in _windows(hits, len(toks)):
                out.extend(self._tag(text, toks, lo, hi, marks))
        return out

    def _tag(self, text: str, toks: list[Token], lo: int, hi: int, marks: set[int]) -> list[ModelSpan]:
        tagger = self._tagger()
        tagger.set(self.featurizer.items(text, toks, lo, hi))
        labels = tagger.tag()
        out: list[ModelSpan] = []
        i = 0
        while i < len(labels):
            if labels[i] == "O":
                i += 1
                continue
            j = i + 1
            while j < len(labels) and labels[j] == "I-PER":
                j += 1
            probs = [tagger.marginal(labels[k], k) for k in range(i, j)]
            score = sum(probs) / len(probs)
            if score >= self.threshold and any(lo + k in marks for k in range(i, j)):
                words = tuple(t.raw.rstrip(".") for t in toks[lo + i:lo + j] if t.raw[:1].isalnum())
                if words:
                    out.append(ModelSpan(toks[lo + i].start, toks[lo + j - 1].end, score, words))
            i = j
        return out


def _windows(hits: list[int], n: int) -> list[tuple[int, int, set[int]]]:
    """Merged [lo, hi) windows of WINDOW tokens around each hit, with the hits inside each."""
    out: list[tuple[int, int, set[int]]] = []
    for h in hits:
        lo, hi = max(0, h - WINDOW), min(n, h + WINDOW + 1)
        if out and lo <= out[-1][1]:
            plo, _phi, marks = out[-1]
            marks.add(h)
            out[-1] = (plo, max(out[-1][1], hi), marks)
        else:
            out.append((lo, hi, {h}))
    return out
