"""Input checks and the word tokenizer that the recognizers share."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .errors import InvalidText

# C0 and C1 controls other than tab, newline, vertical tab, form feed and carriage return:
# they have no place in prose and are a known way to split a value so that rules miss it.
_DISALLOWED = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")

LETTER = r"[^\W\d_]"
# Combining marks (a decomposed å is a + U+030A) and invisible joiners stay inside a word.
MARK = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u00ad\u200b-\u200d\u2060]"
WORD_RE = re.compile(rf"{LETTER}(?:{LETTER}|{MARK})*(?:['’\-]{LETTER}(?:{LETTER}|{MARK})*)*")
# Upper- and title-case letters of the scripts below U+2000 (Latin, Greek, Cyrillic and more).
_UPPER = "".join(re.escape(chr(c)) for c in range(0x41, 0x2000) if chr(c).isupper() or chr(c).istitle())
# A word that starts with a capital; most words do not, and the name rules look only at these.
CAP_WORD_RE = re.compile(
    rf"(?<![\w\u0300-\u036f])[{_UPPER}](?:{LETTER}|{MARK})*(?:['’\-]{LETTER}(?:{LETTER}|{MARK})*)*"
)
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060]")


def check_text(text: object, max_chars: int) -> str:
    """Return the text if it can be redacted; raise InvalidText saying why not."""
    if not isinstance(text, str):
        raise InvalidText(f"text must be a string, not {type(text).__name__}")
    if len(text) > max_chars:
        raise InvalidText(f"text is {len(text)} characters long; the limit is {max_chars}")
    bad = _DISALLOWED.search(text)
    if bad:
        raise InvalidText(f"text contains the control character U+{ord(bad.group()):04X} at offset {bad.start()}")
    lone = _SURROGATE.search(text)
    if lone:
        raise InvalidText(f"text contains an unpaired surrogate at offset {lone.start()}")
    return text


def normalize_word(word: str) -> str:
    """The form lists are keyed by: NFC, case-folded, without invisible characters."""
    if word.isascii():
        return word.lower()
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", word)).casefold()


@dataclass(frozen=True, slots=True)
class Word:
    """One word of the text: offsets into the original and the normalized form."""

    start: int
    end: int
    raw: str
    norm: str

    @property
    def upper(self) -> bool:
        return len(self.raw) > 1 and self.raw.isupper()


class Document:
    """The text under analysis, and what one recognizer works out that another can reuse."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Work that one recognizer does and another reuses (the person tokens, for coreference).
        self.cache: dict[str, Any] = {}
