"""Street addresses with entrance, apartment, floor, c/o and postcode."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import Recognizer
from ..entities import Candidate
from ..text import Document

# Endings of Swedish street names ("Kvarngatan", "Ekbacken", "Sjövägen"), and the separate words
# of multi-word names ("Drottning Kristinas väg").
_SUFFIX = (
    r"(?i:gatan|vägen|stigen|gränd|gränden|torget|torg|backen|backe|allén|allé|alle|plan|platsen|leden|"
    r"stråket|gången|liden|slingan|ringen|kroken|svängen|bågen|hagen|lyckan|vången|gärdet|ängen|lunden|"
    r"höjden|kullen|udden|bryggan|kajen|promenaden|esplanaden|parken|terrassen|gata|väg|stig|led|"
    r"katu|tie|kuja|polku|gate|gaten|veien|vegen|vej|gade|straße|strasse|"
    r"g\.|v\.)"
)
_PREFIX_WORD = r"(?:Stora|Lilla|Norra|Södra|Östra|Västra|Gamla|Nya|Övre|Nedre|Yttre|Inre|S:t|Sankt)"
_PREFIX = rf"(?:{_PREFIX_WORD}[ \u00a0])?"
_UP = r"[A-ZÅÄÖÉÜ]"
# In lower case ("bor på kvarngatan 4b") only the endings that are never ordinary nouns, after a
# stem of two letters or more ("på vägen 3" is no address).
_LOWER_SUFFIX = r"(?:gatan|vägen|gränd|gränden|stigen|allén|backen|torget|gata|katu)"
_STREET = (
    rf"(?:{_PREFIX}{_UP}[\w\-]*{_SUFFIX}"
    rf"|[a-zåäöéü][a-zåäöéü\-]+{_LOWER_SUFFIX}"
    rf"|{_PREFIX_WORD}[ \u00a0]{_UP}[\w\-]*"
    # Polish streets: "ul. Marszałkowska 84", "al. Jana Pawła II 12" (ulica, aleja, osiedle, plac).
    rf"|(?:ul\.|ulica|al\.|aleja|os\.|osiedle|pl\.|plac)[ \u00a0]?[A-ZÅÄÖÉÜŁŚŻŹĆŃ][\w\-]*"
    rf"(?:[ \u00a0][A-ZŁŚŻŹĆŃ][\w\-]*){{0,2}}"
    rf"|(?:{_UP}[\w:\-]*[ \u00a0]){{1,3}}(?:väg|gata|gränd|allé|torg|plan|stig|backe|led|park|gård|plats))"
)
# Number, entrance letter, and a Finnish staircase and flat ("Hämeenkatu 14 A 5").
_NUMBER = (r"[ \u00a0]+\d{1,4}(?:[ \u00a0]?[-–][ \u00a0]?\d{1,4})?"
           r"(?:[ \u00a0]?[A-Ha-h](?:[ \u00a0]\d{1,3}(?![\d.:]))?(?![\w]))?")
_EXTRA = (
    r"(?:[ \u00a0]*,?[ \u00a0]*(?:lgh|lägenhet|lägenhetsnummer|lgh\.?[ \u00a0]?nr)\.?[ \u00a0]*\d{3,4}(?!\d)"
    r"|[ \u00a0]*,?[ \u00a0]*\d{1,2}[ \u00a0]*(?:tr|trappor|trappa|vån|våning|n\.b\.|nb)\.?(?![\w])"
    r"|[ \u00a0]*,?[ \u00a0]*(?:ög|uppgång|port|ingång)[ \u00a0]*[A-Z0-9](?![\w]))"
)
# Swedish "123 45" (or "SE-123 45"); Finnish, Danish and Norwegian codes after their prefix.
_POSTCODE = (r"(?:[ \u00a0]*,?[ \u00a0]*\r?\n?[ \u00a0]*(?:(?:SE-?[ \u00a0]?|S-)?[1-9]\d\d[ \u00a0]?\d\d"
             r"|(?:FI|SF|DK|NO|DE|D|N)-[ \u00a0]?\d{4,5}"
             r"|(?:PL-)?\d\d-\d{3}(?![\d-])"  # Poland: "00-514 Warszawa"
             # Norway's and Denmark's four digits without a prefix, where the town follows: "0155 Oslo".
             # Not 19xx or 20xx: after a comma those are years ("Storgatan 12, 2019 Anna ...").
             r"|(?!19|20)\d{4}(?=[ \u00a0][A-ZÅÄÖÆØ][a-zåäöæø]))(?!\d|[.,:]\d))")
_CO = rf"(?:c/o[ \u00a0]+{_UP}[\w\-]*(?:[ \u00a0]+{_UP}[\w\-]*){{0,2}}[ \u00a0]*,?[ \u00a0]*\r?\n?[ \u00a0]*)"
_ADDRESS = re.compile(rf"(?<![\w]){_CO}?{_STREET}{_NUMBER}(?:{_EXTRA}){{0,3}}{_POSTCODE}?")
# Pieces that identify a home on their own: "lgh 1102", "c/o Svensson".
# First letter in both cases, the rest ignoring case (see bank._FIELD).
_LONE = re.compile(
    rf"(?:[lL](?<![\w][lL])(?i:(?:gh|ägenhet|ägenhetsnummer)\.?[ \u00a0]*(?:nr\.?[ \u00a0]*)?\d{{4}}(?!\d))"
    rf"|[cC](?<![\w][cC])(?i:/o[ \u00a0]+{_UP}[\w\-]*(?:[ \u00a0]+{_UP}[\w\-]*){{0,2}}))",
)


# Only from the first space of a run: a pattern that could start at every space of a long run would
# rescan the rest of the run from each one (quadratic on 100,000 spaces).
# A farm or village address has no street ending: "Lövhult 3, 311 96", "Stora Hult 5". A name and a
# number are an address when a postcode follows, or when the text says someone lives there.
_PLACE_NAME = (rf"(?:{_PREFIX_WORD}[ \u00a0])?{_UP}[a-zåäöéü]+(?:[ \u00a0-]{_UP}?[a-zåäöéü]{{2,}})?")
_PREFIX_RE = re.compile(_PREFIX_WORD)
_PA_BEFORE = re.compile(r"\bpå[ \u00a0]\Z", re.I)
_RURAL_HEAD = re.compile(rf"(?<![\w\-./])({_PLACE_NAME})[ \u00a0]")
_RURAL_TAIL = re.compile(r"\d{1,4}(?:[ \u00a0]?[A-Ha-h])?(?![\w\-/]|[.,:]\d)")
_LIVES_AT = re.compile(
    r"(?:\bbor|\bbosatt|\bboende|folkbokförd|\bskriven|adress(?:en)?|\bgården)"
    r"(?:[ \u00a0](?:kvar|fortfarande|nu|numera|själv|ensam|sedan länge))?(?:[ \u00a0](?:på|är))?"
    r"[ \u00a0]?:?[ \u00a0]*\Z",
    re.I,
)
_RURAL_POSTCODE = re.compile(r"[ \u00a0]?,?[ \u00a0]?(?:SE-?[ \u00a0]?)?[1-9]\d\d[ \u00a0]?\d\d(?!\d|[.,:]\d)")
# Words before a number that make it a reference in a document or a quantity, not a home.
_NOT_PLACES = frozenset((
    "kapitel", "bilaga", "avsnitt", "paragraf", "punkt", "sida", "sidan", "tabell", "figur", "rum", "rad", "steg",
    "fas", "version", "del", "artikel", "moment", "ärende", "vecka", "kvartal", "klass", "grupp", "nivå", "plan",
    "våning", "hus", "port", "buss", "linje", "tåg", "spår", "perrong", "gate", "sal", "kurs", "sektion", "team",
    "avdelning", "enhet", "mottagning", "område", "zon", "block", "modul", "utgåva", "nummer", "bilagor", "lag",
    "box", "fack", "postbox", "postlåda", "pl", "postfack",
))
_UNIT_AFTER = re.compile(
    r"[ \u00a0]*(?:år|dagar|dag|veckor|månader|timmar|minuter|km|mil|st|gånger|personer|barn|%|kr|procent|"
    r"meter|m|tim|min)\b", re.I,
)

# What number_ahead() finds (tests/redaction/test_starts.py holds the two equal).
_NUMBER_AHEAD = re.compile(r"[ \u00a0](?<![ \u00a0][ \u00a0])[ \u00a0]*+\d")
_SUFFIXES = tuple(x.replace("\\", "") for x in _SUFFIX[4:-1].split("|"))
# "ul. Marszałkowska 84": a Polish street is named by the word before it, not by an ending.
# The first letter, then the check of the character before it and the rest of the word: see
# phone._NATIONAL (searched in the 40 characters before each number, twice as fast).
_POLISH_BEFORE = re.compile(
    r"[uaop](?<![\w][uaop])(?:(?<=u)l(?:\.|ica)|(?<=a)l(?:\.|eja)|(?<=o)s(?:\.|iedle)|(?<=p)l(?:\.|ac))[ \u00a0]"
)
_SEPARATE = ("väg", "gata", "gränd", "allé", "torg", "plan", "stig", "backe", "led", "park", "gård", "plats")


def number_ahead(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each match of _NUMBER_AHEAD.finditer(text): the spaces before a run of digits, and
    its first digit.

    The digit after the spaces opens a run (a space before it), and a run with spaces before it is
    a match, from the first of those spaces (the lookbehind) to that digit: one walk back per run
    instead of a scan of the whole text (starts.py).
    """
    found: list[tuple[int, int]] = []
    for start, _end in runs:
        p = start
        while p > 0 and text[p - 1] in " \u00a0":
            p -= 1
        if p < start:
            found.append((p, start + 1))
    return found


def _numbers(text: str, runs: list[tuple[int, int]]) -> Iterator[tuple[int, int, int, bool]]:
    """For each number after a space: where the spaces start, where the word before them starts,
    where the number starts, and whether that word is street-like.

    The full pattern run over every position costs ten times more than finding " 12" and looking back.
    """
    for p, hit_end in number_ahead(text, runs):
        q = p
        while q > 0 and p - q < 40 and not text[q - 1].isspace():
            q -= 1
        word = text[q:p].lower()
        yield p, q, hit_end - 1, (word.endswith(_SUFFIXES) or word in _SEPARATE
                                    or bool(_POLISH_BEFORE.search(text, max(0, q - 40), q)))


def _street_at(text: str, p: int, q: int) -> re.Match[str] | None:
    """The full address pattern around a street-like word at q before a number at p."""
    for m in _ADDRESS.finditer(text, max(0, q - 80), min(len(text), p + 120)):
        if m.start() <= q and m.end() > p:
            return m
    return None


def _word_start(text: str, end: int) -> int:
    """Where the word that ends at end starts (letters and hyphens, at most 40 back)."""
    i = end
    while i > 0 and end - i < 40 and (text[i - 1].isalpha() or text[i - 1] == "-"):
        i -= 1
    return i


def _place_before(text: str, digit: int) -> re.Match[str] | None:
    """A place name of one or two words that ends right before the space before text[digit].

    Tried from the start of the word before, and of the one before that, only: searching a window
    for a pattern anchored at its end would try every position in it.
    """
    end = digit - 1
    one = _word_start(text, end)
    if one == end or not text[one].isupper():
        return None
    if one >= 2 and text[one - 1] in " \u00a0":
        two = _word_start(text, one - 1)
        if two < one - 1:
            m = _RURAL_HEAD.match(text, two, digit)
            if m is not None and m.end() == digit:
                return m
    m = _RURAL_HEAD.match(text, one, digit)
    return m if m is not None and m.end() == digit else None


class AddressRecognizer(Recognizer):
    """Masks the street and number with everything that narrows it to one home, postcode included."""

    entity_type = "ADDRESS"
    name = "address"

    def find(self, doc: Document) -> Iterator[Candidate]:
        text = doc.text
        seen: set[int] = set()
        for p, q, digit, street_like in _numbers(text, doc.digit_runs) if doc.has_digit else ():
            if not street_like:
                if q < p and text[q].isupper():
                    yield from self._rural(text, digit)
                continue
            m = _street_at(text, p, q)
            if m is None or m.start() in seen:
                continue
            seen.add(m.start())
            end = m.end()
            while end > m.start() and text[end - 1] in " ,\n\r\u00a0":
                end -= 1
            if _UNIT_AFTER.match(text, end):
                continue  # "på Norra Torget 5 minuter före": a quantity, not a house number
            key = (" ".join(text[m.start():end].split()).casefold(),)
            yield Candidate(m.start(), end, self.entity_type, 0.85, key, source=self.name)
        # Only where one of its words is: "lgh", "lägenhet" or "c/o" in any case (no other character
        # matches theirs when case is ignored, and lower() folds each of theirs to one letter).
        lone = "lgh" in doc.lower or "lägenhet" in doc.lower or "c/o" in doc.lower
        for m in _LONE.finditer(text) if lone else ():
            key = (" ".join(m.group().split()).casefold(),)
            yield Candidate(m.start(), m.end(), self.entity_type, 0.7, key, source=self.name)

    def _rural(self, text: str, p: int) -> Iterator[Candidate]:
        """A place name and the number at p, with a postcode after it or "bor på" / "adress:" before it."""
        head = _place_before(text, p)
        if head is None:
            return
        words = head.group(1).split()
        if words[-1].lower() in _NOT_PLACES or words[0].lower() in _NOT_PLACES:
            return
        number = _RURAL_TAIL.match(text, p)
        if number is None:
            return
        end = number.end()
        postcode = _RURAL_POSTCODE.match(text, end)
        if postcode is not None:
            end = postcode.end()
        elif _UNIT_AFTER.match(text, end) or not (
                _LIVES_AT.search(text, max(0, head.start() - 30), head.start())
                # "grannen på Stora Hult 5": a farm's name with its "Stora", "Norra" ..., after "på"
                or (len(words) == 2 and _PREFIX_RE.fullmatch(words[0]) and _PA_BEFORE.search(
                    text, max(0, head.start() - 4), head.start()))):
            return
        key = (" ".join(text[head.start():end].split()).casefold(),)
        yield Candidate(head.start(), end, self.entity_type, 0.9, key, source=self.name)
