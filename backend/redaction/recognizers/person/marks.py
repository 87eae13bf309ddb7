"""Names a mark in the text vouches for, whatever the word lists say of the word itself.

- a maiden name after "född" or "flicknamn" ("född Lund", "Lund är hennes flicknamn"), a town too;
- chat speakers: a given name opening several lines as "name: ..." ("stig: ja", "Dag: ny dag");
- a nickname the text calls one ("Ros (som hon kallas)");
- initials in lower case as a signature ("/ms" alone at a line's end);
- initials after a responsibility label ("Ansvarig för uppföljning: RF.").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Final

from ...lexicon import Lexicon
from ...text import WORD_RE, normalize_word
from .context import line_end
from .follows import possession_after, speaks_after, verb_after
from .tokens import last_word, previous_word
from .words import ABBREVIATIONS, LISTS, MONTHS_SV, PERSON_PREPOSITION

# "född Lund", "f. Ek" is left out: "f." also stands before a year. Possessive blanks: linear on runs.
# Opens with the "f" ((?i:f) matches f and F only) and checks the character before it right after: the
# plain form, (?<![\w-])(?i:född|flicknamn...), is tried at every position (tests/redaction/test_person_speed.py).
_MAIDEN: Final = re.compile(r"[fF](?<![\w-][fF])(?i:ödd|licknamn(?:et)?(?:[ \t]++(?:är|var))?:?)[ \t]++"
                     r"([A-ZÅÄÖ][^\W\d_]++(?:-[A-ZÅÄÖ][^\W\d_]++)?)(?![\w-])")
_MAIDEN_AFTER: Final = re.compile(r"[ \t]++(?:är|var)[ \t]++(?:hennes|hans|sitt|mitt|ditt|deras)[ \t]++flicknamn\b")
_CAP_NAME: Final = re.compile(r"(?<![\w-])([A-ZÅÄÖ][^\W\d_]++)(?=[ \t]++(?:är|var)[ \t])")
# "stig: ja", "@Dag: ok": a speaker's label at a line's start, then what was said.
_LABEL_BODY: Final = r"[ \t]*+@?([^\W\d_][\w-]{1,20}+)[ \t]*+:[ \t]++(?=\S)"
_LABEL: Final = re.compile("^" + _LABEL_BODY, re.M)
# _LABEL past the text's start, opening with the line break: "^" under re.M is tried at every position.
_LABEL_LINE: Final = re.compile(r"\n" + _LABEL_BODY)
# "/ms", "/ jn": two or three lower-case letters alone after a slash at the end of a line.
# Each pattern below opens with a character and checks the one before it right after (see phone._NATIONAL):
# one that opens with a lookbehind is tried at every position of the text.
_SLASH_LOWER: Final = re.compile(r"/(?<![^\s]/)[ \t]?([a-zåäö]{2,3})(?=[ \t]*(?:\r?\n|$))")
# "Ansvarig för uppföljning:", "Ansvariga:", "Åtgärd av:" before initials that end a line.
_RESPONSIBLE: Final = re.compile(
    r"(?:^|(?<=\s))(?i:ansvarig[at]?|ansvar|kontaktperson|föredragande|protokollförare|utförare|beslutsfattare|"
    r"åtgärd[ \t]+av|utförs[ \t]+av)(?:[ \t]++för(?:[ \t]++[^\W\d_]++){1,3})?[ \t]*+:[ \t]*+$"
)
_INITIALS: Final = re.compile(r"([A-ZÅÄÖ](?<![\w-][A-ZÅÄÖ])[A-ZÅÄÖ]{1,2})(?![\w-])")
_HEADER_WORDS: Final = frozenset(normalize_word(w) for w in LISTS["headers"] if " " not in w)
# These two open with a character and check the one before it right after, as _MAIDEN.
_CALLED_AFTER: Final = re.compile(
    r"([A-ZÅÄÖ](?<![\w-][A-ZÅÄÖ])[^\W\d_]++)[ \t]*+\((?:som[ \t]++(?:hon|han|hen|de|vi)[ \t]++)?kallas\b"
)
_CALLED_BEFORE: Final = re.compile(
    r"[ka](?<![\w-][ka])(?:(?<=k)all(?:ad|as|ades)|(?<=a)lias)[ \t]++\"?([A-ZÅÄÖ][^\W\d_]++)"
)
_CAP: Final = r"[A-ZÅÄÖ][^\W\d_]++(?:-[A-ZÅÄÖ][^\W\d_]++)?"
# _CAP with the check of the character before it after its first capital.
_CAP_FIRST: Final = r"[A-ZÅÄÖ](?<![\w-][A-ZÅÄÖ])[^\W\d_]++(?:-[A-ZÅÄÖ][^\W\d_]++)?"
_BRACKET_ID: Final = re.compile(
    rf"({_CAP_FIRST}(?:[ \t]{_CAP})?)[ \t]*+\([ \t]*+(?:[\w.+-]++@|(?:19|20)?\d{{6}}[-+]?\d{{4}}\))"
)
# What follows the bracket in every match of _BRACKET_ID, and of _BRACKET_NAME: opening with "(", so that
# the regex engine skips from bracket to bracket. A text without them holds no match of the longer pattern,
# which is tried at every capital.
_BRACKET_ID_TAIL: Final = re.compile(r"\([ \t]*+(?:[\w.+-]++@|(?:19|20)?\d{6}[-+]?\d{4}\))")
_BRACKET_CAP: Final = re.compile(r"\([A-ZÅÄÖ]")
# "Urai (Phanthong) hade feber": a given name with the family name in brackets, before a verb.
_BRACKET_NAME: Final = re.compile(
    rf"({_CAP_FIRST})[ \t]*+\(({_CAP})\)(?=[ \t]++[a-zåäö])"
)
_HEADER_BODY: Final = r"[ \t]*+(?i:från|till|kopia|hemlig kopia|from|to|cc|avsändare|mottagare)[ \t]*+:([^\n]*+)"
_HEADER_LINE: Final = re.compile("^" + _HEADER_BODY, re.M)
_HEADER_LINE_BREAK: Final = re.compile(r"\n" + _HEADER_BODY)
# Where _RESPONSIBLE can end before initials: a colon, blanks, at most one line break ("$" stands before one).
_AFTER_COLON: Final = re.compile(r":[ \t]*+\n?(?=[A-ZÅÄÖ])")
_DISPLAY_NAME: Final = re.compile(rf"[ \t]*+({_CAP})(?:,[ \t]*+|[ \t]++)({_CAP})[ \t]*+(?:<[^>\n]*+>)?[ \t]*+$")
_SAID: Final = re.compile(
    rf",[ \t]*+(?:sa|sade|skrattade|frågade|svarade|undrade|ropade|suckade|viskade|log)[ \t]++({_CAP})\b"
)
# Words after which a clause starts, so that a word and a finite verb after them are its subject.
_CLAUSE_WORDS: Final = frozenset(("och", "men", "att", "om", "när", "eftersom", "så", "fast", "typ", "asså"))
_TALK_BEFORE: Final = re.compile(
    r"(?<![\w])(?:prata|pratar|pratade|pratat|snacka|snackar|snackade|snackat|ringt|mejlat|mailat|sms:at|hört|"
    r"träffat|träffade|kolla|kollat|kollade|stäm|stämma|stämt)[ \t]++(?:av[ \t]++)?\w++$"
)
_SENT_BEFORE: Final = re.compile(
    r"(?<![\w])(?:skicka|skickar|skickade|skickat|mejla|mejlade|maila|mailade|sms:a|sms:ade|ge|gav|lämna|lämnade)"
    r"(?:[ \t]++[a-zåäö]++)?[ \t]++till$"
)


def line_starts(plain: re.Pattern[str], after_break: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """plain.finditer(text) for a pattern that opens with "^" under re.M and never crosses a line break:
    a match at the text's start, then after_break's (the same pattern opening with "\n" instead of "^"),
    whose line break the regex engine skips to. Their groups are the same."""
    first = plain.match(text)
    if first is not None:
        yield first
    yield from after_break.finditer(text)


# Chat speakers need at least this many label lines in the text: one "Namn: ..." is a form.
_MIN_LABELS: Final = 2


def maiden_names(lex: Lexicon, text: str, lower: str) -> Iterator[tuple[int, int]]:
    """A family name after "född" or "flicknamn", or before "är hennes flicknamn": a person's, even
    where it is also a town ("född Lund"); "född i Lund" and "född 1948" have no capital there.

    lower: text.lower() (Document.lower), where the gate looks for the words in any case, as _MAIDEN
    reads them: "Född Lund", "FÖDD LUND"."""
    for m in _MAIDEN.finditer(text) if "född" in lower or "licknamn" in lower else ():
        if normalize_word(m.group(1)) not in MONTHS_SV:
            yield m.span(1)
    if "flicknamn" in text:
        for m in _MAIDEN_AFTER.finditer(text):
            name = _CAP_NAME.search(text, max(0, m.start() - 30), m.start() + 5)
            if name and name.end(1) == m.start():
                yield name.span(1)


def chat_speakers(lex: Lexicon, text: str) -> Iterator[tuple[int, int]]:
    """Speakers' labels in a chat log: given names opening lines as "name: ...", where the text has at
    least two such lines; a label no word list has counts as well where a given name vouches for the log.
    Form fields ("Namn:", "Adress:") are header words or ordinary words, never a speaker."""
    if ":" not in text:
        return
    labels = [(m.span(1), normalize_word(m.group(1))) for m in line_starts(_LABEL, _LABEL_LINE, text)]
    labels = [(span, norm) for span, norm in labels if norm not in _HEADER_WORDS]

    def given(norm: str) -> bool:
        return norm in lex.first_names and norm not in lex.allow_words

    def rare(span: tuple[int, int], norm: str) -> bool:  # not "Dnr:", "OBS:", "questionLabel:"
        raw = text[span[0]:span[1]]
        return (norm not in lex.common and norm not in lex.allow_words and len(norm) >= 4
                and norm not in ABBREVIATIONS and raw.isalpha() and raw[1:].islower())

    named = [norm for _, norm in labels if given(norm)]
    name_like = [norm for span, norm in labels if given(norm) or rare(span, norm)]
    # Two lines under given names, or one given name among three turns or more, most of them name-like.
    if len(named) < _MIN_LABELS and not (named and len(labels) >= 3 and 3 * len(name_like) >= 2 * len(labels)):
        return
    rare_words: set[str] = set()
    for span, norm in labels:
        if given(norm):
            yield span
        elif rare(span, norm):
            rare_words.add(norm)
            yield span
    # A speaker no word list has, named again in lower case ("kan jag byta pass med anong"): the same person.
    label_starts = {span[0] for span, _ in labels}
    for m in WORD_RE.finditer(text) if rare_words else ():
        if m.start() not in label_starts and m.group().casefold() in rare_words:
            yield m.span()


def acting_lower(text: str, open_words: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """In chat, a lower-case word no word list has (Classifier.chat_words' open words) where a name stands:
    opening a clause before a finite verb ("pınar vet mer", "och dashne ringde"), or after "med", "hos" or
    "åt" after a verb of talking ("har någon pratat med yahye om schemat")."""
    last_end = -1  # a second word right after a yielded one is the family name ("awate tsehaye")
    for start, end in open_words:
        before = text[max(0, start - 30):start].rstrip(" \t")
        clause = not before or before[-1] in ".!?\n" or last_word(before) in _CLAUSE_WORDS
        prev = previous_word(text, start)
        if ((clause and (verb_after(text, end) or speaks_after(text, end)))
                or (prev in PERSON_PREPOSITION and _TALK_BEFORE.search(before))
                or (prev == "till" and _SENT_BEFORE.search(before))
                or (text[end - 1] == "s" and possession_after(text, end))
                or (start - 1 == last_end and text[start - 1] == " ")):
            last_end = end
            yield start, end


def vouched_by_what_follows(lex: Lexicon, text: str,
                            compound: Callable[[str], bool]) -> Iterator[tuple[int, int]]:
    """One or two capitalised words before an e-mail address or a personnummer in brackets ("till Wilai
    (wthongdee@outlook.com)", "Jana Höst (440922-7230) har ansökt"), a name with another in brackets
    ("Urai (Phanthong) hade feber"), or after a verb of saying inverted
    after a comma ("..., skrattade Shahd."): a person, unless a word list calls them a place or a thing."""
    if "(" in text:
        for m in before_brackets(_BRACKET_ID, _BRACKET_ID_TAIL, text):
            if _plausible(lex, m.group(1), compound):
                yield m.span(1)
        for m in before_brackets(_BRACKET_NAME, _BRACKET_CAP, text):
            if _plausible(lex, m.group(1), compound) and _plausible(lex, m.group(2), compound):
                yield m.span(1)
                yield m.span(2)
    if "," in text:
        for m in _SAID.finditer(text):
            if _plausible(lex, m.group(1), compound):
                yield m.span(1)


def before_brackets(rx: re.Pattern[str], tail: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """rx.finditer(text) for _BRACKET_ID and _BRACKET_NAME, tried only on the line of each bracket that
    opens a match of tail, instead of at every capital of the text.

    Each match of rx holds one "(" (where a match of tail opens) and, before it, neither a line break nor
    another "(": so the next match starts after the line break and the "(" that stand last before the
    next bracket tail finds (and after the last match), and a search from there finds it."""
    pos = 0
    while (bracket := tail.search(text, pos)) is not None:
        q = bracket.start()
        m = rx.search(text, max(pos, text.rfind("\n", pos, q) + 1, text.rfind("(", pos, q) + 1))
        if m is None:
            return
        yield m
        pos = m.end()


def _plausible(lex: Lexicon, words: str, compound: Callable[[str], bool]) -> bool:
    """Whether the words may be a name: no place or organisation, and not only ordinary words or
    compounds of them ("Kontakta Kundtjänst")."""
    norms = [normalize_word(w) for w in words.split()]
    return not any(n in lex.allow_words and not lex.is_name(n) for n in norms) and not all(
        (n in lex.common or compound(n)) and not lex.is_name(n) for n in norms)


def header_display_names(lex: Lexicon, text: str) -> Iterator[tuple[int, int]]:
    """Two words as the sender or a recipient in an e-mail header, surname first or not ("Till: Kha, Vinh",
    "Från: Kaka, Narin <…>", "Till: Hellsten Linnea"): a person's display name when one word is a given
    name that is no everyday word and none names a place or an organisation ("Till: Socialjouren" is one
    word; "Till: Region Halland" a place)."""
    if ":" not in text:
        return
    for line in line_starts(_HEADER_LINE, _HEADER_LINE_BREAK, text):
        pos = line.start(1)
        for piece in text[line.start(1):line.end(1)].split(";"):
            m = _DISPLAY_NAME.match(text, pos, pos + len(piece))
            pos += len(piece) + 1
            if m is None:
                continue
            norms = [normalize_word(m.group(1)), normalize_word(m.group(2))]
            # "Kha, Vinh": the comma of a surname-first display name is evidence enough for a name no list
            # has; without it one word must be a given name that is no everyday word.
            named = any((n in lex.first_names and n not in lex.top_common)
                        or ("," in m.group() and (lex.is_name(n) or n not in lex.common)) for n in norms)
            if named and not any(n in lex.allow_words and not lex.is_name(n) for n in norms):
                yield m.span(1)
                yield m.span(2)


def nicknames(text: str) -> Iterator[tuple[int, int]]:
    """A name the text calls a nickname: "Ros (som hon kallas)", "kallad Jocke", "alias Nettan"."""
    if "kalla" not in text and "alias" not in text:
        return
    for m in _CALLED_AFTER.finditer(text):
        yield m.span(1)
    for m in _CALLED_BEFORE.finditer(text):
        yield m.span(1)


def slash_initials(lex: Lexicon, text: str) -> Iterator[tuple[int, int]]:
    """Lower-case initials as a signature: "/ms" alone at the end of a line, not an ordinary word ("/och")."""
    for m in _SLASH_LOWER.finditer(text) if "/" in text else ():
        if m.group(1) not in lex.top_common:
            yield m.span(1)


def responsible_initials(text: str) -> Iterator[tuple[int, int]]:
    """Initials that end a line after a label that names who is responsible ("Ansvarig: HM.")."""
    # _RESPONSIBLE ends in a colon and blanks (and "$" may stand before a line break), so only initials
    # right after those can follow it: tried after each colon, not at every capital. Matches of _INITIALS
    # never overlap, so each one found here is one _INITIALS.finditer() finds, in the same order.
    for colon in _AFTER_COLON.finditer(text) if ":" in text else ():
        m = _INITIALS.match(text, colon.end())
        if (m is not None and line_end(text, m.end())
                and _RESPONSIBLE.search(text, max(0, m.start() - 50), m.start())):
            yield m.span(1)
