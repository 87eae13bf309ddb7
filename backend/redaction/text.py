"""Input checks and the word tokenizer that the recognizers share."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from .errors import InvalidText
from .normalize import OffsetMap, byte_table, latin1, normalize

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
# The capital comes first and the check of the character before it after it ("no word character
# before the capital"): a pattern that opens with a character class lets the regex engine skip
# ahead to the next capital, one that opens with a lookbehind tries every position (3x slower).
CAP_WORD_RE = re.compile(
    rf"[{_UPPER}](?<![\w\u0300-\u036f].)(?:{LETTER}|{MARK})*(?:['’\-]{LETTER}(?:{LETTER}|{MARK})*)*"
)
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060]")
_DIGIT = re.compile(r"\d")


_NOT_DISALLOWED = byte_table(_DISALLOWED)
# Latin-1 bytes to "0" where the character is a digit (\d: only 0-9 in Latin-1), " " elsewhere; and
# the plain scan for digit runs, for text beyond Latin-1 with digits of other scripts.
_DIGIT_MASK = bytes(48 if _DIGIT.match(chr(b)) else 32 for b in range(256))
_DIGIT_RUN = re.compile(r"\d+")


def new_word(start: int, end: int, raw: str, norm: str) -> Word:
    """Word(start, end, raw, norm), built directly as a tuple (about twice as fast)."""
    return _tuple_new(Word, (start, end, raw, norm))


_tuple_new = tuple.__new__


def check_text(text: object, max_chars: int) -> str:
    """Return the text if it can be redacted; raise InvalidText saying why not."""
    if not isinstance(text, str):
        raise InvalidText(f"text must be a string, not {type(text).__name__}")
    if len(text) > max_chars:
        raise InvalidText(f"text is {len(text)} characters long; the limit is {max_chars}")
    raw = latin1(text)
    if raw is not None and not raw.translate(None, _NOT_DISALLOWED):
        return text  # no control character, and Latin-1 has no surrogates
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


class Word(NamedTuple):
    """One word of the text: offsets into the original and the normalized form.

    A tuple: the name rules make one for every capitalised word, and new_word() builds it without a
    Python-level constructor call."""

    start: int
    end: int
    raw: str
    norm: str

    @property
    def upper(self) -> bool:
        return len(self.raw) > 1 and self.raw.isupper()


class Document:
    """The text under analysis.

    `text` is what recognizers read: the redactor gives them the normalised view (normalize.py),
    and candidates' offsets index it. `original` is the text as sent; `offsets` maps spans of
    `text` back to it (None: the two are the same).
    """

    def __init__(self, text: str, original: str | None = None, offsets: OffsetMap | None = None) -> None:
        self.text = text
        self.original = text if original is None else original
        self.offsets = offsets
        self._lower: str | None = None
        self._digit_runs: list[tuple[int, int]] | None = None

    @property
    def has_digit(self) -> bool:
        """Whether the text holds a digit: every identifier but an e-mail address and "c/o" needs one,
        and most plain prose has none, so the recognizers skip their scans. Read off digit_runs, which
        the recognizers of a text with digits use anyway."""
        return bool(self.digit_runs)

    @property
    def lower(self) -> str:
        """text.lower(), made once: recognizers look for their context words in it before a scan."""
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    @property
    def digit_runs(self) -> list[tuple[int, int]]:
        """(start, end) of every run of digits (\\d+), in order, found once: the identifier recognizers try
        their patterns only next to these (recognizers/starts.py) instead of scanning the whole text."""
        if self._digit_runs is None:
            self._digit_runs = self._find_digit_runs()
        return self._digit_runs

    def _find_digit_runs(self) -> list[tuple[int, int]]:
        # The text as Latin-1 bytes, a character beyond Latin-1 as "?": one byte per character, so the
        # runs of "0" in the translated bytes are the runs of digits (str.find at C speed, where the
        # regex scan costs about 30 ms a megabyte). A character beyond Latin-1 may be a digit of
        # another script (the normalised view has none: it folds them to ASCII); then the scan runs.
        text = self.text
        raw = latin1(text)
        if raw is None:
            raw = text.encode("latin-1", "replace")
            i = raw.find(b"?")
            while i >= 0:
                if text[i].isdecimal():  # what \d matches (tests/redaction/test_starts.py)
                    return [m.span() for m in _DIGIT_RUN.finditer(text)]
                i = raw.find(b"?", i + 1)
        mask = raw.translate(_DIGIT_MASK)
        runs: list[tuple[int, int]] = []
        start = mask.find(b"0")
        while start >= 0:
            end = mask.find(b" ", start)
            if end < 0:
                end = len(mask)
            runs.append((start, end))
            start = mask.find(b"0", end)
        return runs

    @classmethod
    def normalized(cls, original: str) -> Document:
        """A document whose recognizers read the normalised view of original."""
        view, offsets = normalize(original)
        return cls(view, original, offsets)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that the view's span [start, end) stands for."""
        if self.offsets is not None:
            start, end = self.offsets.span(start, end)
        # Never split a character from its combining marks ("-" and U+0301 are two in the view too).
        original = self.original
        while 0 < end < len(original) and unicodedata.combining(original[end]):
            end += 1
        return start, end
