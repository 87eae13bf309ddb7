"""Names written in lower case, in chat-like text: "säg till j. lundgren att amir kommer"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from ...lexicon import Lexicon
from .tokens import Tok
from .words import SPEAKS_AFTER, SURNAME_END

# Text with a sentence or line that starts in lower case: chat, quick notes.
CHAT_LIKE: Final = re.compile(r"(?:^|[.!?][ \t]+|\n[ \t]*)@?[a-zåäö]")  # "@anders kan du ..." too
# CHAT_LIKE past the text's start as four patterns that open with one character, which the regex engine skips
# ahead to: one class of four is tried at each character, four times as long (tests/redaction/test_patterns.py).
_CHAT_AFTER: Final = (re.compile(r"\n[ \t]*@?[a-zåäö]"), re.compile(r"\.[ \t]+@?[a-zåäö]"),
                      re.compile(r"![ \t]+@?[a-zåäö]"), re.compile(r"\?[ \t]+@?[a-zåäö]"))
_LOWER_START: Final = frozenset("abcdefghijklmnopqrstuvwxyzåäö")


def chat_like(text: str) -> bool:
    """Whether CHAT_LIKE.search(text) finds something: a sentence or a line that starts in lower case."""
    first = text[1:2] if text[:1] == "@" else text[:1]
    return first in _LOWER_START or any(p.search(text) is not None for p in _CHAT_AFTER)


def lowercase_names(lex: Lexicon, text: str, toks: list[Tok]) -> Iterator[list[Tok]]:
    """Groups of lower-case tokens (Classifier.lower_tokens) that the name lists call a name."""
    i = 0
    while i < len(toks):
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if (len(t.norm) == 1 and nxt is not None and lex.is_name(nxt.norm) and nxt.norm not in lex.common
                and text[t.word.end:nxt.word.start] in (". ", ".")):
            yield [t, nxt]  # "j. lundgren"
            i += 2
            continue
        if len(t.norm) >= 3 and lex.is_name(t.norm) and t.norm not in lex.allow_words:
            surname = (nxt is not None and nxt.norm in lex.last_names
                       and nxt.norm not in lex.common and text[t.word.end:nxt.word.start] == " ")
            if t.norm not in lex.common and t.norm in lex.first_names:
                group = [t, nxt] if surname and nxt is not None else [t]
            elif surname and nxt is not None and t.norm in lex.first_names:
                group = [t, nxt]  # "hans lindström": the surname vouches for the first name
            elif t.norm not in lex.common and t.norm in lex.last_names and SURNAME_END.search(t.norm):
                group = [t]
            elif t.norm in lex.first_names and SPEAKS_AFTER.match(text, t.word.end):
                group = [t]  # "sol sa att hon skulle maila": a given name that is also a word, speaking
            else:
                i += 1
                continue
            yield group
            i += len(group)
            continue
        i += 1
