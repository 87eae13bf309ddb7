"""The passage to mask around a hit: the clause a careful case officer would black out, not the word.

The rule (docs/release-review.md):
1. Start from the sentence that holds the hit. A sentence ends at ".", "!" or "?" followed by a space
   and a capital letter (not after an abbreviation such as "kap." or "t.ex."), and at every line break:
   a heading, a list item or a form field is a passage of its own.
2. A form field ("Diagnos: F32.1 Depression") masks the value after the label, not the label.
3. A sentence longer than LONG_SENTENCE characters is cut to the clause that holds the hit, at ";",
   ",", " – " and the conjunctions "men", "samt", "eftersom", "då", "och att", "vilket".
4. Spaces and the closing punctuation are left outside the mask, so the copy still reads as sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_right

LONG_SENTENCE = 220
# A form label: a few words and a colon at the start of the line ("Diagnos:", "Läkemedel:").
MAX_LABEL = 40

_ABBREVIATIONS = frozenset({
    "kap", "st", "p", "t.ex", "bl.a", "f.d", "m.m", "resp", "ca", "nr", "dnr", "jfr", "s.k", "d.v.s", "dvs",
    "ang", "tel", "lgh", "leg", "ssk", "dr", "f", "fr.o.m", "t.o.m", "o.s.v", "osv", "m.fl", "bl", "mm", "kl",
})
_SENTENCE_END = re.compile(r"[.!?…]+(?=[\"”»)]*\s+[\"“«(]?[A-ZÅÄÖÉ])")
_CLAUSE_BREAK = re.compile(r"[;,]\s+|\s+[–—-]\s+|\s+(?=(?:men|samt|eftersom|då|vilket|och att)\s)")
_TRIM_END = " \t\r\n.,;:!?…"


class Sentences:
    """Sentence and line boundaries of one text, found once, looked up per hit."""

    def __init__(self, text: str) -> None:
        self.text = text
        cuts = {0, len(text)}
        for match in re.finditer(r"\n", text):
            cuts.add(match.start())
            cuts.add(match.end())
        for match in _SENTENCE_END.finditer(text):
            if _abbreviation_before(text, match.start()):
                continue
            cuts.add(match.end())
        self.cuts = sorted(cuts)

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence (or line) around text[start:end]; a hit across a boundary takes both sides."""
        i = bisect_right(self.cuts, start) - 1
        j = bisect_right(self.cuts, max(start, end - 1))
        left = self.cuts[max(i, 0)]
        right = self.cuts[min(j, len(self.cuts) - 1)]
        return left, right

    def passage(self, start: int, end: int) -> tuple[int, int]:
        """The passage to mask for a hit at text[start:end] (the rule in this module's docstring)."""
        text = self.text
        left, right = self.sentence(start, end)
        # A form field: mask what follows the label, also when the hit is the label ("Diagnos: ...").
        label_end = self.label_end(left, right)
        if label_end is not None and label_end < right:
            left = label_end
        if right - left > LONG_SENTENCE:
            left, right = _clause(text, left, right, start, end)
        while left < start and text[left] in " \t\r\n\"“«(-–•*":
            left += 1
        while right > end and text[right - 1] in _TRIM_END:
            right -= 1
        return left, max(right, end, left)

    def label_end(self, left: int, right: int) -> int | None:
        """Where the value of a form field ("Diagnos: F32.1") on text[left:right] starts; None if no label."""
        head = self.text[left:min(right, left + MAX_LABEL + 2)]
        colon = head.find(":")
        if colon <= 0 or head[colon + 1:colon + 2] not in (" ", "\t") or re.search(r"[.!?]", head[:colon]):
            return None
        value = left + colon + 1
        while value < right and self.text[value] in " \t":
            value += 1
        return value


def _abbreviation_before(text: str, dot: int) -> bool:
    """Whether the "." at `dot` ends an abbreviation ("kap.", "t.ex.") rather than a sentence."""
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower().rstrip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _clause(text: str, left: int, right: int, start: int, end: int) -> tuple[int, int]:
    """The clause of a long sentence that holds text[start:end]."""
    clause_left, clause_right = left, right
    for match in _CLAUSE_BREAK.finditer(text, left, right):
        if match.end() <= start:
            clause_left = match.end()
        elif match.start() >= end:
            clause_right = match.start()
            break
    return clause_left, clause_right
