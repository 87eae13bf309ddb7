"""Reading the readability word lists, and turning a list of phrases into one fast regex."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from importlib import resources

_DATA_PACKAGE = "backend.readability.data"
# A phrase trie: one character per level, "" marks the end of a phrase.
Trie = dict[str, "Trie"]


def read_data(name: str) -> str:
    """The text of one file in backend/readability/data/."""
    return resources.files(_DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def data_lines(text: str) -> Iterator[tuple[int, str]]:
    """Non-blank, non-comment lines with their 1-based line numbers; trailing whitespace removed."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.rstrip()
        if stripped and not stripped.lstrip().startswith("#"):
            yield number, stripped


def word_set(name: str) -> frozenset[str]:
    """All whitespace-separated words of a list file, lowercased."""
    return frozenset(word.lower() for _, line in data_lines(read_data(name)) for word in line.split())


def word_sections(name: str) -> dict[str, frozenset[str]]:
    """The words of a list file split into "[section]" parts, lowercased."""
    sections: dict[str, set[str]] = {}
    current: set[str] | None = None
    for number, line in data_lines(read_data(name)):
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], set())
        elif current is None:
            raise ValueError(f"{name} line {number}: words before the first [section]")
        else:
            current.update(word.lower() for word in line.split())
    return {section: frozenset(words) for section, words in sections.items()}


def lowercase(text: str) -> str:
    """text.lower() with the same indices as text, so spans found in it hold for text.

    Lowering keeps the length for all Swedish text; a character that would lower to two ("İ")
    is kept as it is. Inside phrase_scan() the text's lowered copy is made once and shared.
    """
    scanned = _SCANNED.get()
    if scanned is not None and scanned[0] is text:
        return scanned[2]
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


class PhraseMatcher:
    """Finds listed phrases on word boundaries, case-insensitively, longest first."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = frozenset(phrase.lower() for phrase in phrases)
        alternation = phrase_alternation(sorted(self.phrases))
        self._pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
        self._at = re.compile(rf"(?:{alternation})(?!\w)").match  # the same, tried at one place

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each match, in order."""
        scanned = _SCANNED.get()
        if scanned is not None and scanned[0] is text and self in scanned[1]:
            return iter(scanned[1][self])  # found in the shared pass of phrase_scan()
        # Matching the lowercased text is twice as fast as re.IGNORECASE.
        return (match.span() for match in self._pattern.finditer(lowercase(text)))


# Inside phrase_scan(): the text, what each matcher found in it, and its lowercase().
_SCANNED: contextvars.ContextVar[tuple[str, dict[PhraseMatcher, list[tuple[int, int]]], str] | None] = (
    contextvars.ContextVar("phrase_scan", default=None)
)


@contextlib.contextmanager
def phrase_scan(text: str, matchers: tuple[PhraseMatcher, ...]) -> Iterator[None]:
    """Find the matchers' phrases in text in one pass; inside the block their spans(text) answer from it."""
    lowered = lowercase(text)
    found = spans_together(lowered, matchers)
    token = _SCANNED.set((text, dict(zip(matchers, found, strict=True)), lowered))
    try:
        yield
    finally:
        _SCANNED.reset(token)


def spans_together(lowered: str, matchers: tuple[PhraseMatcher, ...]) -> list[list[tuple[int, int]]]:
    """[list(matcher.spans(text)) for matcher in matchers], with one regex pass; lowered is lowercase(text).

    A scan for all the phrases together finds each place where one of them starts (a regex of three
    lists costs about as much as one of them); each matcher then only tries those places, and skips
    the ones inside its own last match, as finditer() would.
    """
    scan, at_start = _union(matchers)
    starts = [match.end() for match in scan.finditer(lowered)]
    if at_start(lowered):
        starts.insert(0, 0)
    found: list[list[tuple[int, int]]] = []
    for matcher in matchers:
        spans: list[tuple[int, int]] = []
        at, end = matcher._at, 0
        for start in starts:
            if start >= end:
                match = at(lowered, start)
                if match is not None:
                    end = match.end()
                    spans.append((start, end))
        found.append(spans)
    return found


@functools.lru_cache(maxsize=8)
def _union(matchers: tuple[PhraseMatcher, ...]) -> tuple[re.Pattern[str], Callable[[str], object]]:
    """A scan for the places where any of the matchers' phrases starts, and the same test at position 0.

    The scan consumes the non-word character before a phrase: a pattern that starts with a plain
    character set lets the regex engine skip every word character in C.
    """
    union = phrase_alternation(sorted(frozenset().union(*(matcher.phrases for matcher in matchers))))
    return re.compile(rf"\W(?=(?:{union})(?!\w))"), re.compile(rf"(?:{union})(?!\w)").match


class WordStarts:
    """finditer(rf"(?<!\\w){body}") as a list of spans, for a body that matches only word characters.

    The pattern consumes the non-word character before the match instead of looking back at it: one
    that starts with a plain character set lets the regex engine skip every word character in C.
    As the matches hold no non-word character, none can start inside another, and the spans are
    those of finditer().
    """

    def __init__(self, body: str) -> None:
        self._scan = re.compile(rf"\W(?=({body}))")
        self._first = re.compile(body).match

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each match, in order."""
        first = self._first(text)
        if first is not None:
            yield first.span()
        for match in self._scan.finditer(text):
            yield match.span(1)


class WordEndings:
    """finditer(rf"(?<!\\w){letters}{{minimum,}}+{suffix_lookbehind(endings)}(?!\\w)") as a list of
    spans, for letters that match word characters only and endings of letters.

    Found from the end of each word: the scan runs over the reversed text, where an ending is a prefix
    that most words fail at their first or second letter, so only the words with a listed ending are
    read through, not every word of the text.
    """

    def __init__(self, letters: str, minimum: int, endings: Iterable[str]) -> None:
        reversed_endings = phrase_alternation(sorted({ending[::-1] for ending in endings}))
        self._scan = WordStarts(rf"(?={reversed_endings}){letters}{{{minimum},}}+(?!\w)")

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each match, in order."""
        size = len(text)
        found = [(size - end, size - start) for start, end in self._scan.spans(text[::-1])]
        found.reverse()
        return found


def phrase_alternation(phrases: Iterable[str]) -> str:
    """A regex alternation that matches any of the phrases, longest first; a space matches any whitespace.

    The phrases are folded into a trie first: Python's regex engine tries alternatives one by one, so
    sharing prefixes ("i syfte att", "i samband med") keeps matching fast with hundreds of phrases.
    """
    trie: Trie = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(trie) or "(?!)"


def _emit(node: Trie) -> str:
    ends_here = "" in node
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _emit(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    if len(branches) == 1 and not ends_here:
        return branches[0]
    # Greedy "?" tries the longer phrase first, so "i syfte att" wins over "i syfte".
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if ends_here else group


def suffix_lookbehind(suffixes: Iterable[str]) -> str:
    """A zero-width regex that holds where the text just before ends with one of the suffixes.

    Python's lookbehind needs a fixed width, so the suffixes are grouped by length, behind a one-
    character guard on their last letters that lets most words fail at once. Placed after a
    possessive run of letters, it checks a word's ending without backtracking through the word.
    """
    unique = sorted(set(suffixes))
    if not unique or not all(unique):
        raise ValueError("suffixes must be non-empty strings")
    by_length: dict[int, list[str]] = {}
    for suffix in unique:
        by_length.setdefault(len(suffix), []).append(re.escape(suffix))
    guard = "[" + "".join(re.escape(char) for char in sorted({suffix[-1] for suffix in unique})) + "]"
    groups = "|".join("(?<=" + "|".join(by_length[length]) + ")" for length in sorted(by_length))
    return f"(?<={guard})(?:{groups})"
