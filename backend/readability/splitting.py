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
    spaced = phrase_alternation(
        sorted(
            variant.lower() for abbreviation in abbreviations() for variant in abbreviation.variants if " " in variant
        )
    )
    # Nearly every word takes the last branch once; abbreviations with periods and e-mail addresses
    # are optional tails on it, so they cost nothing for ordinary words (1 MB in well under 1 s).
    # Every branch starts with a word character: the lookahead turns spaces and punctuation away before
    # the listed spaced abbreviations are tried case-insensitively at each of them.
    return re.compile(
        r"(?=\w)(?:"
        rf"(?<!\w)(?i:{spaced})(?!\w)"  # listed "t ex", "t. ex.", "bl a": one word, as "t.ex." is
        r"|(?:https?://|www\.)[^\s<>\"”]*[^\s<>\"”.,;:!?)]"  # a link
        r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?(?!\d)"  # "1 000", "12 500,50"
        # A run of letters and digits, joined by hyphens, colons, apostrophes ("e-post", "EU:s"),
        # by a period or comma between digits ("3.5", "08.30"), or by the periods of an e-mail address
        # (looked for at most 64 characters ahead, the longest local part: an unbounded look from
        # every period of "abcdef.abcdef.…" would be quadratic).
        rf"|\w+(?:(?:{_WORD_JOINER}|(?<=\d)[.,](?=\d)|[.+](?=[\w.+-]{{0,64}}+@\w))\w+)*"
        # "t.ex.", "bl.a.", "fr.o.m.": parts of at most four letters, each closed by a period.
        r"(?:(?<!\w{5})\.(?:\w{1,4}+\.)+)?"
        r"(?:@[\w-]+(?:\.[\w-]+)+)?"  # the domain of an e-mail address
        r")"
    )


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


def words_in(text: str) -> list[str]:
    """The words of a text, in order."""
    return word_pattern().findall(text)


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences. Segments without a word (a lone bullet, "***") are dropped."""
    sentences: list[Sentence] = []
    words_of = word_pattern().findall
    start = 0

    def close(end: int) -> None:
        segment = text[start:end]
        if not segment or segment.isspace():
            return
        words = words_of(segment)
        if words:
            lead = len(segment) - len(segment.lstrip())
            trail = len(segment) - len(segment.rstrip())
            sentences.append(Sentence(start + lead, end - trail, words))

    start = _after_marker(text, 0)
    for match in _CANDIDATES.finditer(text):
        first = match.group("first")
        if first in _STOPS:
            if _ends_sentence(text, match):
                close(match.end())
                start = match.end()
        elif first == ":":
            close(match.start() + 1)
            start = match.start() + 1
        else:
            line = _NEXT_LINE.match(text, match.end())
            if line is not None and line.group("marker"):
                close(match.start())
                start = line.end("marker")
            elif match.group("blank") or line is None or _starts_sentence(line.group("first")):
                close(match.start())
                start = match.end()
    close(len(text))
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
