"""A document as the release review reads it: lines, sentences, form labels and headings, and the
passages around hits, merged where they overlap."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from backend.release.spans import Sentences
from backend.release.terms import Hit

# Form labels whose line says who or where, never what: category words there are not findings.
HEADER_LABELS = frozenset({
    "från", "till", "kopia", "cc", "närvarande", "deltagare", "enhet", "skola", "befattning", "chef", "handläggare",
    "behandlare", "datum", "anställd som", "tillträde", "förening", "mottagare", "avsändare", "anmälare",
    "intygsskrivande läkare", "ansvarig läkare", "utredare", "signerad av",
})


@dataclass
class Passage:
    """The clause or sentence around hits, with their categories and labels (merge joins overlapping ones)."""

    start: int
    end: int
    categories: set[str]
    labels: list[str]


class SpanSet:
    """Spans sorted by start, for "is there one inside [lo, hi)?" in log time (a text has thousands)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def any_within(self, lo: int, hi: int) -> bool:
        i = bisect_left(self.starts, lo)
        while i < len(self.spans) and self.spans[i][0] < hi:
            if self.spans[i][1] <= hi:
                return True
            i += 1
        return False

    def any_covering(self, lo: int, hi: int) -> bool:
        """A span that holds all of [lo, hi). Spans here are single words or phrases, so look back a little."""
        i = bisect_right(self.starts, lo)
        return any(s <= lo and hi <= e for s, e in self.spans[max(0, i - 8):i])


@dataclass(frozen=True)
class Document:
    text: str
    lowered: str
    sentences: Sentences

    def line_at(self, pos: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end == -1 else end

    def _sentence_at(self, pos: int) -> tuple[int, int]:
        start, end = self.sentences.sentence(pos, pos + 1)
        while start < end and self.text[start] in " \t":
            start += 1
        return start, end

    def label_line(self, pos: int) -> bool:
        """Whether pos lies in a form field ("Patient: Emma Lundgren")."""
        start, end = self._sentence_at(pos)
        return self.sentences.label_end(start, end) is not None

    def header_line(self, pos: int) -> bool:
        """A letter's or a form's header (Från:, Till:, Närvarande:): who and where, not circumstances."""
        start, end = self._sentence_at(pos)
        label_end = self.sentences.label_end(start, end)
        if label_end is None:
            return False
        label = self.lowered[start:label_end].strip().rstrip(":").strip()
        return label in HEADER_LABELS

    def heading(self, p: Passage, spans: Context) -> bool:
        """A title or section heading: one short line, no closing full stop, no label, nobody named."""
        start, end = self.line_at(p.start)
        line = self.text[start:end].strip()
        if p.end > end or len(line) > 80 or line.endswith((".", "!", "?")) or self.label_line(p.start):
            return False
        return not spans.personal.any_within(start, end) and not spans.people.any_within(start, end)


def passage_around(doc: Document, start: int, end: int, category: str, label: str) -> Passage:
    left, right = doc.sentences.passage(start, end)
    return Passage(left, right, {category}, [label] if label else [])


Spans = list[tuple[int, int]]


def context_hits(hits: list[Hit]) -> tuple[Spans, Spans, Spans]:
    """Words about the organisation in general, words that point at a person, and standard text."""
    sections: dict[str, Spans] = {"allmänt": [], "personligt": [], "standardtext": []}
    for start, end, section in hits:
        sections[section].append((start, end))
    return sections["allmänt"], sections["personligt"], sections["standardtext"]


@dataclass(frozen=True)
class Context:
    general: SpanSet
    personal: SpanSet
    boilerplate: SpanSet
    people: SpanSet


def is_general(p: Passage, spans: Context) -> bool:
    """A passage about the organisation's work in general: a general word and nobody in particular."""
    return (spans.general.any_within(p.start, p.end) and not spans.personal.any_within(p.start, p.end)
            and not spans.people.any_within(p.start, p.end))


def merge(passages: list[Passage]) -> list[Passage]:
    """Overlapping passages become one, with every category and label of its parts."""
    merged: list[Passage] = []
    for p in sorted(passages, key=lambda p: (p.start, -p.end)):
        last = merged[-1] if merged else None
        if last is not None and p.start < last.end:
            last.end = max(last.end, p.end)
            last.categories |= p.categories
            last.labels.extend(p.labels)
        else:
            merged.append(Passage(p.start, p.end, set(p.categories), list(p.labels)))
    return merged
