"""The hand-marked test set (corpus/) and how the review is scored against it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"
_MARK = re.compile(r"\[\[(.+?)\]\]", re.DOTALL)

# A marked passage is found when findings cover this share of its characters; a finding is
# rejected by the reference when less than this share of it lies inside marked passages.
FOUND_COVERAGE = 0.6
ACCEPTED_INSIDE = 0.5


@dataclass(frozen=True)
class Document:
    name: str
    area: str
    text: str
    passages: tuple[tuple[int, int], ...]


def load(path: Path) -> Document:
    raw = path.read_text(encoding="utf-8")
    header, _, body = raw.partition("\n")
    match = re.fullmatch(r"# area: (\w+)", header.strip())
    if not match:
        raise ValueError(f"{path.name}: the first line must be '# area: NAME'")
    pieces: list[str] = []
    passages: list[tuple[int, int]] = []
    pos = 0
    length = 0
    for mark in _MARK.finditer(body):
        pieces.append(body[pos:mark.start()])
        length += mark.start() - pos
        passages.append((length, length + len(mark.group(1))))
        pieces.append(mark.group(1))
        length += len(mark.group(1))
        pos = mark.end()
    pieces.append(body[pos:])
    return Document(path.stem, match.group(1), "".join(pieces), tuple(passages))


def documents() -> list[Document]:
    return [load(path) for path in sorted(CORPUS.glob("*.txt"))]


def covered(intervals: list[tuple[int, int]], start: int, end: int) -> int:
    """How many characters of [start, end) the union of intervals covers."""
    marks = bytearray(max(end - start, 0))
    for s, e in intervals:
        for i in range(max(s, start), min(e, end)):
            marks[i - start] = 1
    return sum(marks)


@dataclass
class Score:
    passages: int = 0
    found: int = 0
    findings: int = 0
    rejected: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.passages if self.passages else 1.0

    @property
    def rejected_share(self) -> float:
        return self.rejected / self.findings if self.findings else 0.0


def score(doc: Document, spans: list[tuple[int, int]], total: Score, misses: list[str]) -> None:
    for start, end in doc.passages:
        total.passages += 1
        if covered(spans, start, end) >= FOUND_COVERAGE * (end - start):
            total.found += 1
        else:
            misses.append(f"{doc.name}: missed {doc.text[start:end]!r}")
    for start, end in spans:
        total.findings += 1
        if covered(list(doc.passages), start, end) < ACCEPTED_INSIDE * (end - start):
            total.rejected += 1
            misses.append(f"{doc.name}: rejected {doc.text[start:end]!r}")
