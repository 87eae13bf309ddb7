"""Coreference: other mentions of the names found, and the forms that join two candidates into one person."""

from __future__ import annotations

import re
from typing import Final

from ...entities import Candidate
from ...lexicon import Lexicon
from .things import names_a_thing
from .tokens import INITIAL, LOWER, PARTICLE, Tok, inside, merged_spans, previous_word, sentence_start
from .words import PLACE_PREPOSITION

_TRAILING_INITIAL: Final = re.compile(r"[ \u00a0][A-ZÅÄÖ](?![\w\-&/])")
# A capitalised word right before or after: the mention is one word of a longer name.
_CAP_BEFORE: Final = re.compile(r"[A-ZÅÄÖ][^\W\d_]*[ \u00a0]$")
_CAP_NEXT: Final = re.compile(r"[ \u00a0][A-ZÅÄÖ]")


def mentions(lex: Lexicon, text: str, toks: list[Tok], candidates: list[Candidate],
             entity_type: str) -> list[Candidate]:
    """The candidates and other mentions of the names among them ("Anna Svensson" ... "Anna", "Annas").

    toks are the capitalised tokens of text (Classifier.tokens); the candidates are every recognizer's,
    so a name the NER model found is followed too.
    """
    names = {k for c in candidates if c.type == entity_type for k in c.key if len(k) > 1}
    if not names:
        return candidates
    covered = merged_spans(candidates)
    extra: list[Candidate] = []
    for t in toks:
        w = t.word
        if t.cls in (LOWER, PARTICLE, INITIAL):
            continue
        norm = w.norm
        stem = norm[:-1] if norm.endswith("s") and norm[:-1] in names else norm
        if stem not in names or inside(covered, w.start, w.end):
            continue
        if norm in lex.allow_words and (not lex.is_name(stem) or previous_word(text, w.start) in PLACE_PREPOSITION):
            continue  # "Ronja Kalmar flyttade från Kalmar": after "från", "i", "till" the town
        if stem in lex.top_common and sentence_start(text, w.start):
            continue
        if _in_thing_name(lex, text, w.start, w.end):
            continue  # "Gustav Ek" found; "Gustav Adolfs torg" is a square
        canonical = w.raw[:-1] if stem != norm else None
        extra.append(Candidate(w.start, w.end, entity_type, 0.7, (stem,), canonical, "coreference"))
    return candidates + extra


def _in_thing_name(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """Whether the word is part of a name of several words that names a place or an organisation.

    One word alone stays a mention: "Annas skola" after "Anna Svensson" is still Anna's school.
    """
    before = _CAP_BEFORE.search(text, max(0, start - 40), start)
    if before is None and not _CAP_NEXT.match(text, end):
        return False
    return names_a_thing(lex, text, before.start() if before else start, end)


def join_display_names(lex: Lexicon, text: str, found: list[Candidate]) -> list[Candidate]:
    """Outlook's "Lindholm, Karin": a family name, a comma and a given name are one person, one placeholder."""
    if len(found) < 2:
        return found
    ordered = sorted(found, key=lambda c: (c.start, c.end))
    out: list[Candidate] = []
    for c in ordered:
        prev = out[-1] if out else None
        if (prev is not None and text[prev.end:c.start] == ", " and len(prev.key) == 1 and len(c.key) == 1
                and prev.key[0] not in lex.first_names and c.key[0] in lex.first_names
                and "\n" not in text[prev.start:c.end]):
            out[-1] = Candidate(prev.start, c.end, prev.type, max(prev.score, c.score),
                                (c.key[0], prev.key[0]), None, prev.source)
            continue
        out.append(c)
    return out


def _capital(c: str) -> bool:
    """Whether c is one of [A-ZÅÄÖ]."""
    return c != "" and ("A" <= c <= "Z" or c in "ÅÄÖ")


def extend_initials(text: str, found: list[Candidate]) -> None:
    """"Mikaela H", "Pekka S.": the initial of the family name after a name belongs to the name."""
    for c in found:
        # The pattern opens with a blank and a capital: most names are followed by neither.
        if text[c.end:c.end + 1] not in (" ", "\u00a0") or not _capital(text[c.end + 1:c.end + 2]):
            continue
        initial = _TRAILING_INITIAL.match(text, c.end)
        if initial:
            c.end = initial.end()
