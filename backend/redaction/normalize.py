"""The normalised view the recognizers read, and the map from its offsets back to the original.

Disguised identifiers ("850101–1236" with Word's en dash, a zero-width space inside a number,
fullwidth digits, narrow no-break spaces in a phone number) look like plain ones here, so every
recognizer sees one spelling of each character:
- NFKC (fullwidth and other compatibility forms become their plain letters and digits);
- invisible characters removed: format characters (zero-width space, joiner and non-joiner, soft
  hyphen, word joiner, BOM, bidi marks: Unicode category Cf) and the other default-ignorable ones
  (combining grapheme joiner, variation selectors, Hangul fillers, Mongolian free variation selectors);
- dashes and minus signs folded to "-" (category Pd, U+2212 and its relatives, the swung dash);
- spaces folded to " " (category Zs, and the tab); line and paragraph separators, vertical tab,
  form feed and a lone carriage return folded to "\n";
- decimal digits of every script folded to ASCII (NFKC leaves Arabic-Indic digits alone).

The text is cut into segments of one character and the combining marks after it (a decomposed "å"
is "a" and U+030A), and each segment is normalised on its own. A segment whose normal form differs
is an edit; a span in the normalised view maps back to whole original segments, so a span never
splits a character from its marks and covers every invisible character inside it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters that may need work. ASCII other than tab, VT, FF and CR is left as it is, and so is
# Latin-1's letter block (À-ÿ is stable under NFKC); Swedish text is mostly these.
_SPECIAL_RUN = re.compile(r"[^\x00-\x08\n\x0e-\x7f\u00c0-\u00ff]+")


def latin1(text: str) -> bytes | None:
    """The text as Latin-1 bytes, or None when a character lies beyond U+00FF.

    Most Swedish text fits (å, ä, ö and é are Latin-1). A yes-or-no question about its characters is
    then bytes.translate(None, bytes_that_answer_no): 10 to 20 times faster than a regex scan for the
    same characters. Each table (byte_table) is built from the pattern it stands for, so the two agree
    on every byte.
    """
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return None


def byte_table(pattern: re.Pattern[str]) -> bytes:
    """The Latin-1 bytes whose character the pattern does not match: translate() deletes them."""
    return bytes(b for b in range(256) if not pattern.match(chr(b)))


_PLAIN_BYTES = byte_table(_SPECIAL_RUN)
# Minus signs and dash-like punctuation that Unicode does not file as dashes (Pd): the swung dash and
# the hyphen bullet are "Po".
_MINUS = frozenset("\u2212\u2796\u02d7\u2e3a\u2e3b\ufe63\uff0d\u2053\u2043")
# Invisible characters that are not format characters (Cf), from Unicode's Default_Ignorable_Code_Point
# list: the combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian free variation
# selectors and the variation selectors. Each can sit inside a number and show nothing.
_IGNORABLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0")
_LINE = frozenset("\v\f\u2028\u2029\x85")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """The normalised form of one character (NFKC already applied by the caller where needed)."""
    if ch == "\t":
        return " "
    if ch in _LINE:
        return "\n"
    category = unicodedata.category(ch)
    if category == "Cf" or ch in _IGNORABLE or "\ufe00" <= ch <= "\ufe0f" or "\U000e0100" <= ch <= "\U000e01ef":
        return ""
    if category == "Pd" or ch in _MINUS:
        return "-"
    if category == "Zs":
        return " "
    if category == "Nd":
        return str(unicodedata.decimal(ch))
    return ch


@lru_cache(maxsize=8192)
def _fold_segment(segment: str) -> str:
    normal = unicodedata.normalize("NFKC", segment)
    folded = "".join(_fold_char(ch) for ch in normal)
    if len(folded) > 1 and folded[0].isdigit() and all(unicodedata.combining(ch) for ch in folded[1:]):
        return folded[0]  # a mark on a digit is noise, and would split a number
    return folded


def _carriage_return(text: str, after: int) -> str:
    """"\r\n" stays as it is; a lone "\r" (Word's paragraph end) is a line break."""
    return "\r" if text.startswith("\n", after) else "\n"


@dataclass(frozen=True, slots=True)
class Edit:
    """One original segment [orig_start, orig_end) that reads as [norm_start, norm_end) in the view."""

    orig_start: int
    orig_end: int
    norm_start: int
    norm_end: int


class OffsetMap:
    """Maps spans of the normalised view back to spans of the original text."""

    __slots__ = ("_edits", "_norm_starts")

    def __init__(self, edits: list[Edit]) -> None:
        self._edits = edits
        self._norm_starts = [e.norm_start for e in edits]

    def __repr__(self) -> str:
        return f"OffsetMap({len(self._edits)} edits)"

    def _original(self, i: int) -> tuple[int, int]:
        """The original span of the view's character i."""
        k = bisect.bisect_right(self._norm_starts, i) - 1
        if k < 0:
            return i, i + 1
        e = self._edits[k]
        if i < e.norm_end:
            return e.orig_start, e.orig_end
        pos = e.orig_end + (i - e.norm_end)
        return pos, pos + 1

    def start(self, i: int) -> int:
        """Where a span that starts at the view's offset i starts in the original."""
        return self._original(i)[0]

    def end(self, j: int) -> int:
        """Where a span that ends at the view's offset j (exclusive) ends in the original."""
        return self._original(j - 1)[1] if j > 0 else 0

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the view's span [start, end); it is never empty when that is not."""
        if end <= start:
            s = self.end(start)
            return s, s
        return self.start(start), self.end(end)


def normalize(text: str) -> tuple[str, OffsetMap | None]:
    """The normalised view of text, and the map back (None when the view is the text itself)."""
    raw = latin1(text)
    if raw is not None and not raw.translate(None, _PLAIN_BYTES):
        return text, None  # most text: Latin-1 with nothing to fold, found with one byte check
    runs = list(_SPECIAL_RUN.finditer(text))
    if not runs:
        return text, None
    out: list[str] = []
    edits: list[Edit] = []
    pos = 0  # original offset copied up to
    npos = 0  # length of the view so far
    for run in runs:
        a, b = run.span()
        if a > 0 and unicodedata.combining(text[a]) and pos < a:
            a -= 1  # a mark belongs to the plain character before it
        if a > pos:
            out.append(text[pos:a])
            npos += a - pos
        i = a
        while i < b:
            j = i + 1
            while j < b and unicodedata.combining(text[j]):
                j += 1
            segment = text[i:j]
            folded = _fold_segment(segment) if segment != "\r" else _carriage_return(text, j)
            if folded != segment:
                edits.append(Edit(i, j, npos, npos + len(folded)))
            out.append(folded)
            npos += len(folded)
            i = j
        pos = b
    if not edits:
        return text, None
    out.append(text[pos:])
    return "".join(out), OffsetMap(edits)
