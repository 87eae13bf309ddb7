"""Word lists as data: phrases with "*" endings, found in a text word by word through a dict index.

A list file has "[label]" sections, one lower-case phrase a line, "!" lines for exceptions and "#"
comments. A 60,000-character document has about 9,000 words; looking each up in a dict (and its
prefixes for "*" phrases) costs far less than running hundreds of regex alternatives over the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

_DATA_PACKAGE = "backend.release.data"
WORD = re.compile(r"\w+")


def read_data(name: str, package: str = _DATA_PACKAGE) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Term:
    """One listed phrase: its list, its section, and how to match it at a word start."""

    phrase: str
    section: str
    pattern: re.Pattern[str] = field(compare=False, repr=False)
    source: str = ""
    exception: bool = False


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """ "psykisk ohälsa" -> psykisk\\s+ohälsa(?!\\w); "depression*" -> depression\\w*(?!\\w)."""
    parts = []
    for word in phrase.split():
        if word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"\w*")
        else:
            parts.append(re.escape(word))
    return re.compile(r"\s+".join(parts) + r"(?!\w)")


def lowercase(text: str) -> str:
    """text.lower() with the same indices as text (a character that lowers to two is kept)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


@dataclass(frozen=True)
class WordList:
    """One list file: its phrases (and "!" exceptions) by section, and its compound tails."""

    name: str
    terms: tuple[Term, ...]
    # Compound tails ("~smärt" finds "bröstsmärta"): Swedish joins words, and a list cannot hold them all.
    tails: tuple[str, ...] = ()
    tail_section: str = ""


Hit = tuple[int, int, str]  # start, end, section


class Lexicon:
    """Every list in one index, so that a text is read word by word once for all of them."""

    def __init__(self, lists: dict[str, WordList]) -> None:
        self.exact: dict[str, list[Term]] = {}
        self.prefix: dict[str, list[Term]] = {}
        self.keys = tuple(lists)
        for key, word_list in lists.items():
            for term in word_list.terms:
                term = Term(term.phrase, term.section, term.pattern, key, term.exception)
                first = term.phrase.split()[0]
                key_match = WORD.match(first)
                if key_match is None:
                    raise ValueError(f"{word_list.name}: {term.phrase!r} does not start with a letter or digit")
                word = key_match.group()
                # A "*" on a one-word key ("depression*") matches any word that starts with the key.
                wildcard = first.endswith("*") and word == first[:-1]
                (self.prefix if wildcard else self.exact).setdefault(word, []).append(term)
        self.prefix_lengths = sorted({len(k) for k in self.prefix})
        self.tails = [
            (key, wl.tail_section, re.compile("|".join(re.escape(t) for t in wl.tails)))
            for key, wl in lists.items() if wl.tails
        ]

    def find(self, lowered: str) -> dict[str, list[Hit]]:
        """Hits per list, with the hits that a list's own exceptions cover left out."""
        hits: dict[str, list[Hit]] = {key: [] for key in self.keys}
        excepted: dict[str, list[tuple[int, int]]] = {key: [] for key in self.keys}
        exact, prefix, lengths = self.exact, self.prefix, self.prefix_lengths
        for word in WORD.finditer(lowered):
            token = word.group()
            start = word.start()
            candidates = exact.get(token)
            found = list(candidates) if candidates else []
            size = len(token)
            for length in lengths:
                if length > size:
                    break
                more = prefix.get(token[:length])
                if more:
                    found.extend(more)
            for term in found:
                matched = term.pattern.match(lowered, start)
                if matched:
                    target = excepted if term.exception else hits
                    target[term.source].append((start, matched.end(), term.section))  # type: ignore[arg-type]
            if size > 4:
                for key, section, tail in self.tails:
                    # The tail must follow a first part of at least two letters: "bröst|smärta".
                    if tail.search(token, 2):
                        hits[key].append((start, word.end(), section))
        for key, spans in excepted.items():
            if spans:
                hits[key] = [h for h in hits[key] if not any(s <= h[0] and h[1] <= e for s, e, *_ in spans)]
        return hits


def parse_list(name: str, text: str, extra: dict[str, Iterable[str]] | None = None) -> WordList:
    """Read a list file's text; `extra` adds phrases to sections (medicines from the redaction data)."""
    terms: list[Term] = []
    exceptions: list[Term] = []
    tails: list[str] = []
    tail_section = ""
    section: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            continue
        phrase = " ".join(line.lower().split())
        if phrase.startswith("~"):
            tails.append(phrase[1:].strip())
            tail_section = tail_section or (section or "")
            continue
        try:
            if phrase.startswith("!"):
                exceptions.append(Term(phrase[1:].strip(), "", phrase_pattern(phrase[1:].strip()), exception=True))
                continue
            if section is None:
                raise ValueError("a phrase before the first [section]")
            terms.append(Term(phrase, section, phrase_pattern(phrase)))
        except ValueError as exc:
            raise ValueError(f"{name} line {number}: {exc}") from None
    for extra_section, phrases in (extra or {}).items():
        for phrase in phrases:
            terms.append(Term(phrase.lower(), extra_section, phrase_pattern(phrase.lower())))
    return WordList(name, tuple(terms + exceptions), tuple(tails), tail_section)


def load_list(name: str, extra: dict[str, Iterable[str]] | None = None) -> WordList:
    return parse_list(name, read_data(name), extra)


def medicine_names() -> list[str]:
    """The medicine names the redaction keeps as a list of its own (read only; that package owns it)."""
    text = read_data("medicines.txt", "backend.redaction.data")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
