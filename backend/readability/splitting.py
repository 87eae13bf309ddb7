"""Splitting Swedish text into sentences and words, with spans; the rules are in docs/readability.md."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from backend.readability.abbreviations import abbreviations
from backend.readability.wordlists import phrase_alternation

# The line breaks str.splitlines() knows that occur in practice; Word's task pane API separates
# paragraphs with "\r" and manual line breaks with "\v", so those count as well as "\n".
_BREAK_CLASS = r"\n\r\v\f\x85\u2028\u2029"
_LINE_BREAK = rf"(?:\r\n|[{_BREAK_CLASS}])"

# A list marker at the start of a line: a bullet, "1." / "1)" / "(1)", or "a)" / "A.". It is layout,
# not a word, and it starts a new sentence.
_LIST_MARKER = r"(?:[-*•–—▪◦‣●○■□►➢✓]|\(?\d{1,3}[.)]|\(?[A-Za-zÅÄÖåäö][.)])"

# Every place a sentence may end starts with one of these characters. A pattern that starts with a
# plain character set lets the regex engine skip everything else in C, which is most of the text.
_CANDIDATES = re.compile(
    rf"(?P<first>[.!?…:{_BREAK_CLASS}])"
    # . ! ? … (one or more), then closing quotes or brackets, then whitespace or the end. A period
    # between digits ("3.5", "08.30") or letters ("t.ex.") is never followed by whitespace here.
    # Only from the first stop of a run: tried from every stop of "....x", the run would be
    # rescanned from each one (quadratic); where the first fails, every later one fails too.
    r"(?:(?<=[.!?…])(?<![.!?…]{2})[.!?…]*+[\"”’'»)\]]*+(?=\s|\Z)"
    # A colon at the end of a line introduces a list or a block: the lead-in is its own sentence.
    rf"|(?<=:)[ \t]*+(?={_LINE_BREAK}|\Z)"
    # A line break ("\r\n" is one), and any blank lines after it.
    rf"|(?<=[{_BREAK_CLASS}])(?:(?<=\r)\n)?(?P<blank>(?:[ \t]*{_LINE_BREAK})+)?)"
)
_STOPS = ".!?…"
_BREAK_CHARACTERS = "\n\r\v\f\x85\u2028\u2029"
_NEXT_LINE = re.compile(rf"[ \t]*(?:(?P<marker>{_LIST_MARKER})[ \t]+)?(?P<first>\S)?")
_AFTER_STOP = re.compile(r"[ \t\u00a0\u202f]*(?P<next>.)?", re.DOTALL)

_ALNUM = r"[^\W_]"
_LETTER = r"[^\W\d_]"
_WORD_JOINER = r"[-‐‑'’:\u00ad]"  # inside one word: "e-post", "EU:s", "08:30", soft hyphen


class Sentence(NamedTuple):
    """A sentence: its span in the text (trimmed of whitespace) and its words in order."""

    start: int
    end: int
    words: list[str]


@functools.cache
def word_pattern() -> re.Pattern[str]:
    """Matches one word; abbreviations, numbers with digit groups, links and addresses count as one."""
    phrases = sorted(
        variant.lower() for abbreviation in abbreviations() for variant in abbreviation.variants if " " in variant
    )
    spaced = phrase_alternation(phrases)
    # Nearly every word takes the last branch once; abbreviations with periods and e-mail addresses
    # are optional tails on it, so they cost little for ordinary words. Every branch starts with a word
    # character: the lookahead turns spaces and punctuation away at once.
    #
    # Written for Python's regex engine, without changing what matches (tests/readability check the
    # words; docs/readability.md, Speed): an alternative that starts with a plain character or set
    # is skipped by the engine without entering it, so lookbehinds come after the first character
    # ("[.,](?<=\d[.,])" rather than "(?<=\d)[.,]"); an optional tail is "(?:...|)", which is cheaper
    # than "(?:...)?"; and nothing after the word's run of letters can fail, so the runs are possessive.
    return re.compile(
        r"(?=\w)(?:"
        # listed "t ex", "t. ex.", "bl a": one word, as "t.ex." is. The lookahead is a cheap first test:
        # the case-insensitive trie would otherwise be entered at every word.
        rf"{_spaced_guard(phrases)}(?<!\w)(?i:{spaced})(?!\w)"
        r"|(?:https?://|www\.)[^\s<>\"”]*[^\s<>\"”.,;:!?)]"  # a link
        r"|\d\d{0,2}+(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?(?!\d)"  # "1 000", "12 500,50"
        # A run of letters and digits, joined by hyphens, colons, apostrophes ("e-post", "EU:s"),
        # by a period or comma between digits ("3.5", "08.30"), or by the periods of an e-mail address
        # (looked for at most 64 characters ahead, the longest local part: an unbounded look from
        # every period of "abcdef.abcdef.…" would be quadratic).
        rf"|\w++(?:(?:{_WORD_JOINER}|[.,](?<=\d[.,])(?=\d)|[.+](?=[\w.+-]{{0,64}}+@\w))\w++)*+"
        # "t.ex.", "bl.a.", "fr.o.m.": parts of at most four letters, each closed by a period.
        r"(?:\.(?<!\w{5}\.)(?:\w{1,4}+\.)+|)"
        r"(?:@[\w-]+(?:\.[\w-]+)+|)"  # the domain of an e-mail address
        r")"
    )


def _spaced_guard(phrases: list[str]) -> str:
    """A lookahead that every listed spaced abbreviation passes: one of their first letters, a short run
    of letters, then "." or a space ("t ex", "bl. a."). Most words fail it at their first letter.

    Empty (no guard) if a phrase does not start that way, so a new entry in the list can never be missed.
    """
    leads = [re.match(r"\w+(?=[. ])", phrase) for phrase in phrases]
    if not phrases or not all(leads):
        return ""
    longest = max(len(lead.group()) for lead in leads if lead)
    firsts = "".join(re.escape(char) for char in sorted({phrase[0] for phrase in phrases}))
    return rf"(?=(?i:[{firsts}])\w{{0,{longest - 1}}}[.\s])"


@functools.cache
def _nonfinal_before_period() -> re.Pattern[str]:
    """Matches, ending at a period, an abbreviation after which a capital letter goes on the sentence.

    A single letter counts too: initials ("Anna K. Svensson") and "s. 12". The cost: a sentence that
    ends in a one-letter word ("vitamin C. Nästa") is not split there.
    """
    nonfinal = phrase_alternation(
        sorted(
            variant.lower()[:-1]
            for abbreviation in abbreviations()
            if not abbreviation.may_end_sentence
            for variant in abbreviation.variants
            if variant.endswith(".")
        )
    )
    # The one-letter branch must not follow a period: the last "m." of "m.m." is not an initial.
    return re.compile(rf"(?:(?<!{_ALNUM})(?:{nonfinal})|(?<![\w.]){_LETTER})\.\Z", re.IGNORECASE)


class _Tails(NamedTuple):
    words: frozenset[str]  # the letters that end each abbreviation of _nonfinal_before_period(), lowercase
    longest: int  # the most of them: "forts" of "forts.", 5


@functools.cache
def _nonfinal_tails() -> _Tails:
    """The last letters of each abbreviation that _nonfinal_before_period() finds ("ex" of "t. ex.")."""
    words = {
        re.search(r"[^\W\d_]*\Z", variant.lower()[:-1]).group()  # type: ignore[union-attr]  # always matches
        for abbreviation in abbreviations()
        if not abbreviation.may_end_sentence
        for variant in abbreviation.variants
        if variant.endswith(".")
    }
    return _Tails(frozenset(words), max([1, *map(len, words)]))


# Letters whose lower() is exactly what the regex engine's IGNORECASE matches (no "ſ", "K", "İ").
_PLAIN_LETTERS = "abcdefghijklmnopqrstuvwxyzåäöéüABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉÜ"


def words_in(text: str) -> list[str]:
    """The words of a text, in order."""
    return word_pattern().findall(text)


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences. Segments without a word (a lone bullet, "***") are dropped."""
    sentences: list[Sentence] = []
    append = sentences.append
    words_of = word_pattern().findall
    next_line = _NEXT_LINE.match
    size = len(text)
    start = _after_marker(text, 0)
    # One pass over the candidate positions; the common cases are decided inline, without a function
    # or regex call (about 30,000 candidates per MB).
    for match in _CANDIDATES.finditer(text):
        first = match.group("first")
        if first in _STOPS:
            if not _ends_sentence(text, match):
                continue
            cut = following = match.end()
        elif first == ":":
            cut = following = match.start() + 1
        else:
            after = match.end()
            letter = text[after] if after < size else ""
            if letter.isalpha() and text[after + 1 : after + 2] not in (".", ")"):
                # A letter that is not a list marker ("a)", "A."): what _NEXT_LINE would find, at once.
                if not (match.group("blank") or letter.isupper()):
                    continue  # a wrapped line
                cut, following = match.start(), after
            else:
                line = next_line(text, after)
                if line is not None and line.group("marker"):
                    cut, following = match.start(), line.end("marker")
                elif match.group("blank") or line is None or _starts_sentence(line.group("first")):
                    cut, following = match.start(), after
                else:
                    continue
        if cut > start:
            segment = text[start:cut]
            words = words_of(segment)  # none in an empty or blank segment
            if words:
                lead = len(segment) - len(segment.lstrip())
                trail = len(segment) - len(segment.rstrip())
                append(Sentence(start + lead, cut - trail, words))
        start = following
    if start < size:
        segment = text[start:]
        words = words_of(segment)
        if words:
            lead = len(segment) - len(segment.lstrip())
            trail = len(segment) - len(segment.rstrip())
            append(Sentence(start + lead, size - trail, words))
    return sentences


def _ends_sentence(text: str, stop: re.Match[str]) -> bool:
    punctuation = stop.group()
    if "!" in punctuation or "?" in punctuation:
        return True
    end = stop.end()
    following: str | None
    if text.startswith(" ", end) and end + 1 < len(text) and text[end + 1] not in " \t\u00a0\u202f":
        following = text[end + 1]  # the common case, without a regex call
    else:
        after = _AFTER_STOP.match(text, end)
        following = after.group("next") if after else None
    if following is None or following in _BREAK_CHARACTERS:
        return True
    if following.islower():
        # Swedish sentences start with a capital; a period before a small letter closes an
        # abbreviation we do not know ("enl. lag", "Tel. nr").
        return False
    if punctuation == ".":
        # Most words before a period are decided without the regex: a word of more letters than any
        # listed abbreviation's last part ("ansökan."), or a word after a space that is no such last
        # part ("beslut."; plain letters only, for which lower() is the regex's case-insensitive match).
        tails = _nonfinal_tails()
        window = end - 2 - tails.longest
        before = text[max(0, window) : end - 1]
        if window >= 0 and before.isalpha():
            return True
        _, space, word = before.rpartition(" ")
        if space and len(word) > 1 and not word.strip(_PLAIN_LETTERS) and word.lower() not in tails.words:
            return True
        return _nonfinal_before_period().search(text, max(0, stop.start() - 16), end) is None
    return True


def _after_marker(text: str, position: int) -> int:
    """Where the line at position starts once a list marker ("- ", "1. ", "a) ") is skipped."""
    match = _NEXT_LINE.match(text, position)
    return match.end("marker") if match and match.group("marker") else position


def _starts_sentence(first: str | None) -> bool:
    """After a single line break: a capital letter (or nothing) starts a new sentence.

    A small letter, a digit or a bracket goes on the sentence: the line was wrapped ("och\nkommer").
    """
    return first is None or first.isupper()
