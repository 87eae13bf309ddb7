"""Turns a mail's HTML body into plain text with the standard library's HTML parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements that start a new line of text.
_LISTS_AND_TABLES = frozenset({"dd", "dl", "dt", "li", "ol", "ul", "table", "tr"})
_BLOCKS = _LISTS_AND_TABLES | {"address", "article", "blockquote", "div", "footer", "header", "p", "pre", "section"}
_BLOCKS |= {"h1", "h2", "h3", "h4", "h5", "h6"}
_HIDDEN = frozenset({"head", "script", "style", "title", "template", "xml"})
# Outlook puts a rule like this above the "From: / Sent:" block of the message it replies to.
OUTLOOK_RULE = "_" * 32


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._line: list[str] = []
        self._prefix = ""
        self._hidden = 0
        self._pre = 0
        self._quote = 0

    def _break(self, force: bool = False) -> None:
        if self._line or force:
            self.lines.append(self._prefix + "".join(self._line).strip())
        self._line = []
        self._prefix = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "br":
            self._break(force=True)
        elif tag == "hr":
            self._break()
            self.lines.append(OUTLOOK_RULE)
        elif tag in _BLOCKS:
            self._break()
            if tag == "blockquote":
                self._quote += 1
            elif tag == "pre":
                self._pre += 1
            elif tag == "li":
                self._line.append("- ")
        elif tag in ("td", "th") and self._line:
            self._line.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self._break()
            if tag == "blockquote":
                self._quote = max(0, self._quote - 1)
            elif tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if self._pre:
            pieces = data.split("\n")
            for piece in pieces[:-1]:
                self._append(piece)
                self._break(force=True)
            self._append(pieces[-1])
            return
        # HTML collapses ASCII whitespace only; a lone &nbsp; paragraph is Outlook's blank line.
        self._append(re.sub(r"[ \t\r\n\f]+", " ", data))

    def _append(self, text: str) -> None:
        if not text:
            return
        if not self._line:
            # Quoted HTML (<blockquote>) becomes "> " lines, which strip_quoted then removes.
            self._prefix = "> " * self._quote
            text = text.lstrip(" ")
            if not text:
                return
        self._line.append(text)


def html_to_text(html: str) -> str:
    """Readable plain text from an HTML mail body: block elements become lines, blockquotes "> " lines."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    collector._break()
    lines = [line.replace("\xa0", " ").rstrip() for line in collector.lines]
    text = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text)
