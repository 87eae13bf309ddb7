"""Whether capitalised words name a place, an organisation or a room, not a person: what stands around
them ("Astrid Lindgrens barnsjukhus", "Karl XII:s torg", "sal Nova")."""

from __future__ import annotations

import re
from typing import Final

from ...lexicon import Lexicon
from .follows import institution_after
from .tokens import last_word, normalized
from .words import INSTITUTION_ENDINGS, ROOM_BEFORE, STREET_ENDINGS

# A regnal number after a given name: "Karl XII:s torg", "Gustav III" (one letter only with ":s": "Malcolm X").
_REGNAL: Final = re.compile(r"[ \t\u00a0](?:(?:II|III|IV|VI{1,3}|IX|XI{1,3}|XIV|XVI{0,3})(?::s)?|[IVX]:s)(?![\w])")
_CAP_AFTER: Final = re.compile(r"(?:[ \u00a0][A-ZÅÄÖ][^\W\d_]*){1,4}")
_COMPOUND_AFTER: Final = re.compile(r"-?[ \t\u00a0]*[^\W\d_]*-[a-zåäö]")


def cap_after(text: str, end: int) -> re.Match[str] | None:
    """_CAP_AFTER.match(text, end), tried only where its first two characters stand: a blank and a capital
    (most words are followed by a lower-case one)."""
    if text[end:end + 1] not in (" ", "\u00a0"):
        return None
    c = text[end + 1:end + 2]
    if not c or not ("A" <= c <= "Z" or c in "ÅÄÖ"):
        return None
    return _CAP_AFTER.match(text, end)


def compound_after(text: str, end: int) -> bool:
    """Whether _COMPOUND_AFTER matches at end, tried only where it can: a match runs over an optional "-",
    blanks and letters to a "-" and a lower-case letter, so before that "-" it holds no line break and no
    space after its leading blanks. Where the next 64 characters hold no "-" but one of those, or the text
    ends before any "-", no match starts here."""
    window = text[end:end + 64]
    if "-" not in window and (len(window) < 64 or "\n" in window or " " in window.lstrip(" \t\u00a0")):
        return False
    return _COMPOUND_AFTER.match(text, end) is not None


def names_a_thing(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """Whether the capitalised words in text[start:end] name a place, an organisation or a room.

    "Astrid Lindgrens barnsjukhus", "Raoul Wallenbergskolan", "Carl Larsson-gården", "sal Nova",
    "Sankt Görans": what stands around a name says it is not a person.
    """
    stop = min(len(text), end + 8)
    window = text[start:stop]
    # Every regnal number opens with I, V or X: a window without one holds none (the pattern costs more).
    if ("I" in window or "V" in window or "X" in window) and _REGNAL.search(text, start, stop):
        return True  # "Karl XII:s torg", "Gustav III": a monarch, in a place's name or a history
    # The whole run of capitalised words counts: "Ester Blenda Nordströms skola".
    more = cap_after(text, end)
    if more:
        end = more.end()
    words = text[start:end].split()
    if not words:
        return False
    last = words[-1]
    if "-" in last and last.rsplit("-", 1)[1][:1].islower():
        return True
    if len(words) > 1 and normalized(last).endswith(STREET_ENDINGS):
        return True  # "Karl Johansgatan", "Olof Palmes gata" is below
    if compound_after(text, end):
        return True  # "Ingrid Marie-gården" where the name stops before the compound
    for w in words:
        norm = normalized(w)
        stem = norm[:-1] if norm.endswith("s") else norm  # "Raoul Wallenbergskolans flytt"
        # endswith() is INSTITUTION_END.search(): its alternatives are literals anchored at "$", and a
        # word split on blanks holds no line break for "$" to stand before.
        if (len(norm) > 9 and (norm.endswith(INSTITUTION_ENDINGS) or stem.endswith(INSTITUTION_ENDINGS))
                and not lex.is_name(norm)):
            return True
    if last.endswith(("s", "s'")) and institution_after(text, end):
        return True
    if any(normalized(w) in ROOM_BEFORE for w in words[:-1]):
        return True  # "Sal Nova" at the start of a sentence
    before = text[max(0, start - 30):start].rstrip(" \t\u00a0")
    # Only a room word right before the name: "förskolan Solbacken", not "med förskolan, Aisha ska ringa".
    return before[-1:].isalpha() and last_word(before) in ROOM_BEFORE
