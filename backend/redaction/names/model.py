"""The trained name model: a CRF (CRFsuite) that tags words as a person's name by shape and context.

The rules in recognizers/person/ decide first. The model then looks only at windows around words
the rules left open (a capitalised word that is not an ordinary word, a place or an organisation; a
name-list word in lower-case chat; a short run of capitals such as "AK"), so that plain prose costs
next to nothing. Its spans join the rules' candidates and go through the same coreference pass.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import MODEL_PATH
from .crf import Vec, marginals, read_weights, viterbi
from .cues import line_head, prev_line_kind
from .features import Featurizer
from .scores import ScoreTable, Spelling
from .tokens import split_tokens

# Words either side of a word the rules left open that the model sees: its features reach two words
# out, and a name has at most four parts.
WINDOW = 2
# The lowest mean marginal probability of a name's words for the model's span to count.
THRESHOLD = 0.5
LABELS = ("B-PER", "I-PER")
# The labels in the model file's order, which tagging relies on: 0 is outside a name.
LABELS_ALL = ("O", "B-PER", "I-PER")


# Not frozen: compiled (mypyc), a plain dataclass is a native class built in C, where a frozen one
# runs the dataclasses module's Python __init__ (a few microseconds a span).
@dataclass(slots=True)
class ModelSpan:
    start: int
    end: int
    score: float
    words: tuple[str, ...]


class NameModel:
    """Loads the CRF's weights once (crf.py) and tags with them; thread-safe (the caches only grow,
    and a value computed twice by two threads is the same)."""

    def __init__(self, featurizer: Featurizer, path: Path = MODEL_PATH, threshold: float = THRESHOLD) -> None:
        if not path.is_file():
            raise FileNotFoundError(f"name model {path} is missing: run `make name-model`")
        self.path = path
        self.featurizer = featurizer
        self.threshold = threshold
        # Read at start-up, so that an unreadable file stops the start, not the first request.
        self.weights = read_weights(path)
        if self.weights.labels != LABELS_ALL:
            raise ValueError(f"name model {path} has labels {self.weights.labels}, not {LABELS_ALL}: "
                             "run `make name-model`")
        self.scores = ScoreTable(self.weights, featurizer)
        # An attribute, not only the module's constant, so that a test can tag whole lines to compare:
        # compiled code reads its own copy of a module constant.
        self.long_line = LONG_LINE

    def spans(self, text: str, triggers: Iterable[int]) -> list[ModelSpan]:
        """Names the model finds in windows around the given offsets (the start of a word each)."""
        by_line: dict[int, list[int]] = {}
        for pos in triggers:
            line_start = text.rfind("\n", 0, pos) + 1
            by_line.setdefault(line_start, []).append(pos)
        out: list[ModelSpan] = []
        table = self.scores
        for line_start, positions in by_line.items():
            line_end = text.find("\n", line_start)
            end_of_line = len(text) if line_end < 0 else line_end
            # What the line's words all get, once for the line's stretches.
            head = line_head(text, line_start)
            # What the line before says counts only for the first word ("bol"): it is worked out
            # only where a window holds that word, and no window reads it elsewhere.
            before: str | None = None
            for start, end, here in _segments(text, line_start, end_of_line, positions, self.long_line):
                raws, starts = split_tokens(text, start, end)
                n = len(raws)
                hits: list[int] = []
                for p in here:
                    # The token that starts at p, if one does (starts are sorted and distinct).
                    i = bisect_left(starts, p)
                    if i < n and starts[i] == p:
                        hits.append(i)
                if not hits:
                    continue  # no window
                hits.sort()
                if hits[0] > WINDOW:
                    kind = ""  # read by no window
                else:
                    if before is None:
                        before = prev_line_kind(text, line_start)
                    kind = before
                line = table.line(head, kind, n)
                # The windows reach WINDOW words either side of their hits, and read two more words
                # either side (ScoreTable.window()): the Spellings of the others are never read.
                words = table.spellings(raws, max(0, hits[0] - WINDOW - 2), min(n, hits[-1] + WINDOW + 3))
                for lo, hi, marks in _windows(hits, n):
                    out.extend(self._tag(words, raws, starts, lo, hi, marks, line))
        return out

    def _tag(self, words: list[Spelling], raws: list[str], starts: list[int], lo: int, hi: int,
             marks: set[int], line: tuple[Vec, Vec]) -> list[ModelSpan]:
        scores = self.scores.window(words, raws, starts, lo, hi, line)
        trans = self.weights.trans
        labels = viterbi(scores, trans)
        out: list[ModelSpan] = []
        if not any(labels):
            return out  # most windows hold no name
        # Worked out at the first name that holds a word the rules left open: a name without one is
        # dropped whatever its score, so a window with none needs no marginals.
        probs_at: list[float] | None = None
        i = 0
        while i < len(labels):
            if labels[i] == 0:
                i += 1
                continue
            j = i + 1
            while j < len(labels) and labels[j] == 2:
                j += 1
            if not any(lo + k in marks for k in range(i, j)):
                i = j
                continue
            if probs_at is None:
                probs_at = marginals(scores, trans)
            probs = [probs_at[3 * k + labels[k]] for k in range(i, j)]
            score = sum(probs) / len(probs)
            if score >= self.threshold:
                found = tuple(raw.rstrip(".") for raw in raws[lo + i:lo + j] if raw[:1].isalnum())
                if found:
                    last = lo + j - 1
                    out.append(ModelSpan(starts[lo + i], starts[last] + len(raws[last]), score, found))
            i = j
        return out


# Lines longer than this (a case note written as one paragraph) are tokenized only around the words
# the model looks at; shorter ones whole.
LONG_LINE = 200
# How far either side of such a word to look for the whitespace-separated chunks it needs.
REACH = 400
# Six chunks either side: each holds at least one token, a window reads four tokens either side of
# a word, and two words' windows merge when the words are at most five tokens apart.
_AFTER = re.compile(r"\S*(?:\s+\S+){6}")


def _segments(text: str, line_start: int, line_end: int, positions: list[int],
              long_line: int = LONG_LINE) -> list[tuple[int, int, list[int]]]:
    """The stretches of a line to tokenize for these positions: (start, end, positions inside).

    The whole line, or, on a long line, six whitespace-separated chunks either side of each position,
    merged where they overlap. Tokens never cross white space, so a stretch that starts after white
    space (or at the line's start) and ends before it is tokenized exactly as within the whole line;
    with six chunks either side, each window (_windows) and the words its features read lie inside one
    stretch, its token indices are offset alike, and it is cut by the line's ends only where the
    stretch reaches them: the features and so the model's spans are the same as from the whole line
    (tests/redaction/test_model_speed.py). Where the chunks are not found within REACH characters the
    whole line is used.
    """
    whole = [(line_start, line_end, positions)]
    if line_end - line_start <= long_line:
        return whole
    out: list[tuple[int, int, list[int]]] = []
    back = -1  # the last _reach_back() worked out
    for p in sorted(positions):
        if out and p < out[-1][1] and (back > p - REACH or p - REACH <= line_start):
            # p lies inside the stretch so far, which its own stretch joins whatever its start: only a
            # start of -1 would matter, and there is none. The sixth chunk back from a later position
            # starts no earlier than from an earlier one, so it starts at or after back, and back lies
            # within REACH of p (or the line's start does: no -1 then either).
            start = back
        else:
            start = back = _reach_back(text, p, line_start)
        end = _reach_forward(text, p, line_end)
        if start < 0 or end < 0:
            return whole
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end), out[-1][2])
            out[-1][2].append(p)
        else:
            out.append((start, end, [p]))
    return out


def _reach_forward(text: str, p: int, line_end: int) -> int:
    """The end of the sixth chunk after p's, or the line's end if that is nearer; -1 beyond REACH."""
    bound = min(line_end, p + REACH)
    m = _AFTER.match(text, p, bound)
    if m is None:
        return line_end if bound == line_end else -1
    end = m.end()
    return end if end == line_end or text[end].isspace() else -1


def _reach_back(text: str, p: int, line_start: int) -> int:
    """The start of the sixth chunk before p's, or the line's start if that is nearer; -1 beyond REACH."""
    lo = max(line_start, p - REACH)
    before = text[lo:p][::-1]
    m = _AFTER.match(before)
    if m is None or m.end() == len(before):
        return line_start if lo == line_start else -1
    return p - m.end()  # the character before is white space


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
