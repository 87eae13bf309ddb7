"""Citations: the answer's [1] markers, its list of quotes, and each quote checked against the source.

The model is asked to end its answer with a line "Citat:" (or "Quotes:") and one line per source,
`[1] "exact words from passage 1"`. That list is held back from the streamed answer, parsed at the
end, and every quote is looked up in the original text: a quote that is not there is dropped. What
the user is shown is always `text[start:end]`, so every citation shown is an exact substring of the
source, whatever the model wrote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from backend.ask.passages import Passage

# A marker in the answer: [1], [12]. Placeholders ([PERSON_1]) are restored before this reads the text.
MARKER = re.compile(r"\[(\d{1,3})\]")
_QUOTE_CHARS = "\"'“”„»«‘’"
# The line that opens the list of quotes, in either language (Markdown bold or a heading allowed).
_HEADERS = ("citat", "citaten", "källor", "källa", "källhänvisningar", "quotes", "quote", "sources", "source",
            "citations", "references")
_HEADER_LINE = re.compile(rf"[#*\s-]*(?:{'|'.join(_HEADERS)})[*\s]*:[*\s]*.*", re.IGNORECASE | re.DOTALL)
_HEADER_BARE = re.compile(rf"[#*\s-]*(?:{'|'.join(_HEADERS)})[*\s]*\n", re.IGNORECASE)
# A line that is itself a quote: [1] "…" (an answer sentence that starts with [1] and no quote mark is not).
_QUOTE_LINE = re.compile(rf"[*\s•-]*\[\d{{1,3}}\][*\s]*[:.\-–]?\s*[{_QUOTE_CHARS}]")
_QUOTE_ITEM = re.compile(r"^[*\s•-]*\[(\d{1,3})\][*\s]*[:.\-–]?\s*(.*?)\s*$", re.MULTILINE)
# Shorter quotes than this say nothing checkable ("ja", "2027"): they are dropped like invented ones.
MIN_QUOTE_CHARS = 8


@dataclass(frozen=True)
class Citation:
    """A checked source: `quote == text[start:end]` of the original text."""

    id: int
    start: int
    end: int
    quote: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "start": self.start, "end": self.end, "quote": self.quote}


class QuoteSplitter:
    """Splits the streamed answer from its list of quotes: feed() returns what the user may see now.

    Only the start of a line is held back, and only while it may still become the list's header or a
    quote line; trailing white space waits for the next words, so the shown answer ends without it.
    """

    def __init__(self) -> None:
        self.section = ""
        self.shown = ""
        self._pending = ""
        self._line_open = False
        self._in_section = False
        self._space = ""

    def feed(self, text: str) -> str:
        self._pending += text
        out: list[str] = []
        while self._pending:
            if self._in_section:
                self.section += self._pending
                self._pending = ""
                break
            if self._line_open:
                newline = self._pending.find("\n")
                if newline < 0:
                    out.append(self._pending)
                    self._pending = ""
                    break
                out.append(self._pending[: newline + 1])
                self._pending = self._pending[newline + 1:]
                self._line_open = False
                continue
            kind = _line_kind(self._pending)
            if kind == "section":
                self._in_section = True
            elif kind == "maybe":
                break
            else:
                self._line_open = True
        return self._release("".join(out))

    def finish(self) -> str:
        if not self._in_section and _line_kind(self._pending + "\n") != "section":
            shown = self._release(self._pending)
        else:
            self.section += self._pending
            shown = ""
        self._pending = ""
        self._space = ""
        return shown

    def _release(self, text: str) -> str:
        if not text:
            return ""
        text = self._space + text
        kept = text.rstrip()
        self._space = text[len(kept):]
        self.shown += kept
        return kept


def _line_kind(pending: str) -> str:
    """"section" when this line opens the quote list, "maybe" while it still could, else "line"."""
    newline = pending.find("\n")
    line = pending if newline < 0 else pending[: newline + 1]
    if _HEADER_LINE.fullmatch(line) or _HEADER_BARE.fullmatch(line) or _QUOTE_LINE.match(line):
        return "section"
    if newline >= 0:
        return "line"
    stripped = line.lstrip("#*•- \t").lower()
    if not stripped:
        return "maybe"
    if any(h.startswith(stripped.rstrip("*: \t")) or stripped.rstrip("*: \t") == h for h in _HEADERS) \
            and len(stripped) <= 24:
        return "maybe"
    if re.fullmatch(r"\[\d{0,3}\]?[*\s]*[:.\-–]?\s*", stripped):
        return "maybe"
    return "line"


def parse_quotes(section: str) -> list[tuple[int, str]]:
    """(id, quote) for each quote line of the list, quote marks and ellipses taken off."""
    out: list[tuple[int, str]] = []
    for match in _QUOTE_ITEM.finditer(section):
        quote = match.group(2).strip()
        quote = quote.strip(_QUOTE_CHARS + " ").strip("…").strip()
        quote = re.sub(r"^\.\.\.\s*|\s*\.\.\.$", "", quote).strip(_QUOTE_CHARS + " ")
        out.append((int(match.group(1)), quote))
    return out


def locate(quote: str, text: str, within: Passage | None = None) -> tuple[int, int] | None:
    """Where the quote stands in the text: in the cited passage first, then anywhere.

    Exact first; then allowing different white space between the same words (a model that quotes
    across a line break writes a space). Letters, case and punctuation must match.
    """
    if len(quote) < MIN_QUOTE_CHARS:
        return None
    ranges = [(within.start, within.end)] if within is not None else []
    ranges.append((0, len(text)))
    for start, end in ranges:
        found = text.find(quote, start, end)
        if found >= 0:
            return found, found + len(quote)
    pattern = re.compile(r"\s+".join(re.escape(word) for word in quote.split()))
    for start, end in ranges:
        match = pattern.search(text, start, end)
        if match:
            return match.start(), match.end()
    return None


def build(answer: str, section: str, text: str, passages: Sequence[Passage]) -> list[Citation]:
    """The checked citations of an answer: one per source it marks or quotes, in the order of their ids.

    `passages` are those the model saw, numbered from 1. A source with a quote gets that quote if it is
    in the text, and nothing if it is not (an invented quote is dropped, never replaced). A marker
    without any quote cites its whole passage, which is the source by construction.
    """
    quotes: dict[int, list[str]] = {}
    for number, quote in parse_quotes(section):
        quotes.setdefault(number, []).append(quote)
    marked = {int(m.group(1)) for m in MARKER.finditer(answer)}
    out: list[Citation] = []
    for number in sorted(marked | set(quotes)):
        if not 1 <= number <= len(passages):
            continue
        passage = passages[number - 1]
        if number not in quotes:
            out.append(Citation(number, passage.start, passage.end, text[passage.start:passage.end]))
            continue
        for quote in quotes[number]:
            span = locate(quote, text, passage)
            if span is not None:
                out.append(Citation(number, span[0], span[1], text[span[0]:span[1]]))
                break
    return out
