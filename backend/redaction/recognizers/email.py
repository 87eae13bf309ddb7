"""E-mail addresses."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ..base import Recognizer
from ..entities import Candidate
from ..text import Document
from .starts import match_at

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


# Addresses written to fool harvesters: "anna.svensson(at)gmail.com", "anna [at] gmail [dot] com",
# "anna.svensson at gmail dot com", "anna.svensson(a)gmail.com", "anna.svensson @ gmail.com". Found from
# the "at" word and read backwards like a real one.


def _bracketed(word: str) -> str:
    return r"[ \t]?[(\[{][ \t]?" + word + r"[ \t]?[)\]}][ \t]?"


# "(at)", "[a]", "(@)", "snabel-a"; " at " between words; an "@" with a space before or after it
# ("anna.svensson @ gmail.com"). One space at most: a pattern that opened with a run of spaces would be
# tried again from every space of a long run.
_AT_WORD = re.compile(_bracketed("(?:at|snabel-?a|a|@)") + r"|[ \t](?:at|snabel-a)[ \t]|[ \t]@[ \t]?|@[ \t]",
                      re.I)
_DOT = rf"(?:\.|{_bracketed('(?:dot|punkt)')}|[ \t](?:dot|punkt)[ \t])"
_OBFUSCATED_DOMAIN = re.compile(rf"(?:[^\W_](?:[\w-]{{0,62}}[^\W_])?{_DOT})+[^\W\d_]{{2,6}}\b", re.I)


def at_word_starts(text: str, lower: str) -> list[int] | None:
    """Where _AT_WORD can start, in order (starts.py); None where lower, text.lower(), is not as long as
    text, so that its offsets are not the text's.

    Each of its forms opens with a bracket, an "@", or a space or tab before one of them, or before
    "at" or "snabel-a" with a space or tab after it: found with str.find, not a scan that tries every
    position (the pattern opens with something optional). "at" and "nabel-a" are found in lower,
    which holds every spelling that ignoring case accepts for them (the "s" of "snabel", which may be
    a long s, is left to the pattern). Most texts have none of these, and their scan ends here.
    """
    if len(lower) != len(text):
        return None
    starts: list[int] = []
    for sign in "([{@":
        i = text.find(sign)
        while i >= 0:
            if i > 0 and text[i - 1] in " \t":
                starts.append(i - 1)
            starts.append(i)
            i = text.find(sign, i + 1)
    for word in (" at ", " at\t", "\tat ", "\tat\t", "nabel-a") if "\t" in text else (" at ", "nabel-a"):
        back = 2 if word == "nabel-a" else 0
        i = lower.find(word)
        while i >= 0:
            if i >= back:
                starts.append(i - back)
            i = lower.find(word, i + 1)
    return sorted(set(starts))


def find_obfuscated_emails(text: str, lower: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each address written with "(at)", "[at]" or " at " for the "@"; lower is text.lower()."""
    starts = at_word_starts(text, lower)
    for m in _AT_WORD.finditer(text) if starts is None else match_at(_AT_WORD, text, starts):
        start = local_part_start(text, m.start())
        domain = _OBFUSCATED_DOMAIN.match(text, m.end())
        if start == m.start() or not domain or domain.group().lower().startswith("www"):
            continue
        local = text[start:m.start()]
        # " at " is also English ("look at kommun.se"): there the local part must look like one,
        # with a letter first and a dot, underscore or digit in it ("anna.svensson at gmail dot com").
        if m.group().strip()[:1] not in "([{@" and not (local[0].isalpha() and any(c in "._" or c.isdigit()
                                                                                     for c in local)):
            continue
        yield start, domain.end()


class EmailRecognizer(Recognizer):
    """Masks e-mail addresses, whoever they belong to: the local part often spells a name."""

    entity_type = "EMAIL"
    name = "email"

    def find(self, doc: Document) -> Iterator[Candidate]:
        for start, _at, end in find_emails(doc.text):
            key = (doc.text[start:end].casefold(),)
            yield Candidate(start, end, self.entity_type, 0.99, key, source=self.name)
        for start, end in find_obfuscated_emails(doc.text, doc.lower):
            key = (doc.text[start:end].casefold(),)
            yield Candidate(start, end, self.entity_type, 0.9, key, source=self.name)
