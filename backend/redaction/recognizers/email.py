"""E-mail addresses."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ..base import Recognizer
from ..entities import Candidate
from ..text import Document

# The local part is read backwards from each "@" by hand: a regex that starts with a character
# class would rescan long runs of word characters from every position (quadratic).
_LOCAL_CHARS = frozenset("!#$%&'*+/=?^`{|}~-._")
_DOMAIN = re.compile(r"(?:[^\W_](?:[\w-]{0,62}[^\W_])?\.)+[^\W\d_]{2,63}\b")
MAX_LOCAL = 64


def local_part_start(text: str, at: int) -> int:
    i = at
    # Combining marks count: a decomposed "å" (a + U+030A) is part of the address.
    while i > 0 and at - i < MAX_LOCAL and (text[i - 1].isalnum() or text[i - 1] in _LOCAL_CHARS
                                            or unicodedata.combining(text[i - 1])):
        i -= 1
    while i < at and text[i] in ".-":
        i += 1
    return i


def find_emails(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, at, end) of each address in the text."""
    at = text.find("@")
    while at != -1:
        start = local_part_start(text, at)
        m = _DOMAIN.match(text, at + 1)
        if start < at and m:
            yield start, at, m.end()
        at = text.find("@", at + 1)


class EmailRecognizer(Recognizer):
    """Masks e-mail addresses, whoever they belong to: the local part often spells a name."""

    entity_type = "EMAIL"
    name = "email"

    def find(self, doc: Document) -> Iterator[Candidate]:
        for start, _at, end in find_emails(doc.text):
            key = (doc.text[start:end].casefold(),)
            yield Candidate(start, end, self.entity_type, 0.99, key, source=self.name)
