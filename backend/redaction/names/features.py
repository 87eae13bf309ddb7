"""Tokens and CRF features for the name model: a word's shape, its lists, its neighbours and its line.

Training (train.py) and tagging (model.py) share this module, so a feature means the same in both.
A word's own features depend only on its spelling and are cached per spelling; the features of its
neighbours and its line are added per position.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import ClassVar, NamedTuple

from ..lexicon import Lexicon
from ..text import normalize_word
from .cues import (
    FOREIGN_LETTERS,
    GREETING_WORDS,
    INSTITUTION_END,
    SIGNOFF_WORDS,
    SURNAME_END,
    line_features,
    line_head,
    prev_line_kind,
    shape,
)

# Words with their inner hyphens, apostrophes and dots (e-mail addresses and "A.B." stay whole),
# or one other character. Each repetition starts with a separator, so the pattern is linear.
TOKEN_RE = re.compile(r"\w+(?:[-'’.@]\w+)*\.?|[^\w\s]")
class Line(NamedTuple):
    raws: list[str]
    fixed: list[str]
    bol: list[str]


class Token(NamedTuple):
    start: int
    end: int
    raw: str


_new = tuple.__new__


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    # tuple.__new__ builds each token without a Python-level constructor call (a long line has hundreds).
    return [_new(Token, (*m.span(), m.group()))
            for m in TOKEN_RE.finditer(text, start, len(text) if end is None else end)]


def line_tokens(text: str) -> Iterator[list[Token]]:
    """The tokens of each line that has any, in order: what training and the tests read line by line."""
    pos = 0
    for line in text.split("\n"):
        toks = tokenize(text, pos, pos + len(line))
        pos += len(line) + 1
        if toks:
            yield toks


class Featurizer:
    """Features of tokens, with a cache of each spelling's own features."""

    CACHE: ClassVar[int] = 50_000

    def __init__(self, lex: Lexicon, word_class: Callable[[str], str], roles: frozenset[str],
                 allow: Callable[[str], bool]) -> None:
        self.lex = lex
        self.word_class = word_class
        self.roles = roles
        self.allow = allow
        self._own: dict[str, tuple[str, ...]] = {}
        self._ctx: dict[str, tuple[str, ...]] = {}
        self._ctx_at: dict[tuple[int, str], tuple[str, ...]] = {}
        self._kind: dict[str, str] = {}

    def flags(self, raw: str, hide_lists: int = 0) -> tuple[str, ...]:
        """A word's own features: shape, affixes, lists and the rules' class.

        hide_lists drops what the name lists say, as if the word were a name no list has (2: one the
        rules take for a compound, 3: one a word list has): training does that for a share of names,
        so that the model learns shape and context as well.
        """
        if not hide_lists:
            got = self._own.get(raw)
            if got is not None:
                return got
        lex = self.lex
        norm = normalize_word(raw.rstrip("."))
        f = ["sh=" + shape(raw)]
        alpha = norm.replace("-", "").replace("'", "").isalpha()
        if not alpha:
            f.append("nonalpha")
        else:
            f += ["s2=" + norm[-2:], "s3=" + norm[-3:], "p2=" + norm[:2], "len=" + str(min(len(norm), 9))]
            if len(norm) > 4:
                f.append("s4=" + norm[-4:])
        common = norm in lex.common
        if common:
            f.append("w=" + norm)  # only ordinary words by identity: names are judged by what they look like
            f.append("common")
            if norm in lex.top_common:
                f.append("top")
        elif not alpha and len(raw) == 1:
            f.append("w=" + raw)
        if norm in self.roles:
            f.append("role")
        if self.allow(norm):
            f.append("allow")
        if INSTITUTION_END.search(norm) and len(norm) > 7:
            f.append("inst")
        if FOREIGN_LETTERS.search(norm):
            f.append("foreign")
        if raw.endswith(".") and len(raw) <= 3:
            f.append("initial.")
        if not hide_lists:
            first, last = norm in lex.first_names, norm in lex.last_names
            if first:
                f.append("fn")
            if last:
                f.append("ln")
            if (first or last) and common:
                f.append("namecommon")
            if SURNAME_END.search(norm) and alpha:
                f.append("surend")
            if raw[:1].isupper():
                f.append("cls=" + self.word_class(raw))
        else:
            if SURNAME_END.search(norm) and alpha:
                f.append("surend")
            if raw[:1].isupper():
                # Half of the hidden names look like an ordinary word to the rules: wordfreq lists
                # nicknames ("Danne"), and "Farshid" splits into "fars" + "hid".
                if hide_lists == 2:
                    f.append("cls=K")
                elif hide_lists == 3:
                    f += ["common", "cls=C"]
                else:
                    f.append("cls=U")
        out = tuple(f)
        if not hide_lists and len(self._own) < self.CACHE:
            self._own[raw] = out
        return out

    def context(self, raw: str) -> tuple[str, ...]:
        """What a word says about its neighbour: the word itself if ordinary, else its shape and lists."""
        got = self._ctx.get(raw)
        if got is not None:
            return got
        lex = self.lex
        norm = normalize_word(raw.rstrip(".")) if len(raw) > 1 else raw.lower()
        f: list[str] = []
        if norm in lex.common or not raw[:1].isalnum():
            f.append("w=" + norm)
        else:
            f.append("sh=" + shape(raw))
        if raw[:1].isupper():
            f.append("T")
        if norm in lex.first_names:
            f.append("fn")
        if norm in lex.last_names:
            f.append("ln")
        if norm in self.roles:
            f.append("role")
        if norm in GREETING_WORDS:
            f.append("greet")
        if norm in SIGNOFF_WORDS:
            f.append("signoff")
        out = tuple(f)
        if len(self._ctx) < self.CACHE:
            self._ctx[raw] = out
        return out

    def context_at(self, k: int, raw: str) -> tuple[str, ...]:
        """context(raw) as seen from k words away ("-1:w=hej"), cached: most of tagging's time is here."""
        key = (k, raw)
        got = self._ctx_at.get(key)
        if got is None:
            got = tuple(f"{k}:{x}" for x in self.context(raw))
            if len(self._ctx_at) < 4 * self.CACHE:
                self._ctx_at[key] = got
        return got

    def sequence(self, text: str, toks: list[Token], lo: int = 0, hi: int | None = None,
                 hidden: dict[int, int] | None = None) -> list[list[str]]:
        """Features of toks[lo:hi], which all lie on one line of text."""
        hi = len(toks) if hi is None else hi
        line_start = text.rfind("\n", 0, toks[0].start) + 1 if toks else 0
        head = line_head(text, line_start)
        prev_line = prev_line_kind(text, line_start)
        out: list[list[str]] = []
        n = len(toks)
        for i in range(lo, hi):
            t = toks[i]
            f = ["b"]
            f.extend(self.flags(t.raw, hidden.get(i, 0) if hidden else 0))
            if i == 0:
                f.append("bol")
                if prev_line:
                    f.append("after_" + prev_line)
            elif toks[i - 1].raw in (".", "!", "?", ":"):
                f.append("sent")
            if head:
                f.append("hdr")
            if n <= 4:
                f.append("shortline")
            for k in (-2, -1, 1, 2):
                j = i + k
                if 0 <= j < n:
                    f.extend(self.context_at(k, toks[j].raw))
                    if k == -1 and toks[j].end == t.start:
                        f.append("glued_prev")  # "@Mikaela", "/AK"
                else:
                    f.append(f"{k}:none")
            if i + 1 < n and i > 0:
                f.append("bi=" + _bigram(toks[i - 1].raw, toks[i + 1].raw))
            out.append(f)
        return out

    def items(self, text: str, toks: list[Token], lo: int, hi: int) -> list[list[str]]:
        """sequence(text, toks, lo, hi), the same features in the same order, built from per-spelling
        lists with a few list operations per word instead of a few dozen: tagging reads these, training
        reads sequence() (tests/redaction/test_model_speed.py holds the two equal)."""
        return self.line_items(toks, lo, hi, self.line(text, toks))

    def line(self, text: str, toks: list[Token]) -> Line:
        """What items() needs of the line that toks (all on one line) stand on, worked out once for all
        its windows: the words, the features every word gets, and those of its first word."""
        line_start = text.rfind("\n", 0, toks[0].start) + 1
        fixed, bol = line_features(line_head(text, line_start), prev_line_kind(text, line_start), len(toks))
        return Line([t.raw for t in toks], fixed, bol)

    def line_items(self, toks: list[Token], lo: int, hi: int, line: Line) -> list[list[str]]:
        """items() with the line's part worked out (line()). The word's own features and its
        neighbours' come from the caches flags() and context_at() keep (no copies: no more memory)."""
        n = len(toks)
        raws, fixed, bol = line
        own = self._own
        ctx = self._ctx_at
        flags, context_at = self.flags, self.context_at
        kind = self._kind
        out: list[list[str]] = []
        for i in range(lo, hi):
            raw = raws[i]
            f = ["b"]
            f += own.get(raw) or flags(raw)
            if i == 0:
                f += bol
            elif raws[i - 1] in _SENTENCE_END:
                f.append("sent")
            if fixed:
                f += fixed
            if i >= 2:
                r = raws[i - 2]
                f += ctx.get((-2, r)) or context_at(-2, r)
            else:
                f.append("-2:none")
            if i >= 1:
                r = raws[i - 1]
                f += ctx.get((-1, r)) or context_at(-1, r)
                if toks[i - 1].end == toks[i].start:
                    f.append("glued_prev")
            else:
                f.append("-1:none")
            if i + 1 < n:
                r = raws[i + 1]
                f += ctx.get((1, r)) or context_at(1, r)
                if i + 2 < n:
                    r = raws[i + 2]
                    f += ctx.get((2, r)) or context_at(2, r)
                else:
                    f.append("2:none")
                if i > 0:
                    a, b = raws[i - 1], raws[i + 1]
                    f.append("bi=" + (kind.get(a) or _kind(kind, a)) + (kind.get(b) or _kind(kind, b)))
            else:
                f += ("1:none", "2:none")
            out.append(f)
        return out


_SENTENCE_END = frozenset((".", "!", "?", ":"))
# _kind()'s cache keeps spellings up to this long: a 200 000-character token must not stay in memory.
_CACHED_LENGTH = 64


def _kind(cache: dict[str, str], raw: str) -> str:
    """_bigram's letter for one word, cached."""
    got = "T" if raw[:1].isupper() else "p" if not raw[:1].isalnum() else "x"
    if len(cache) < Featurizer.CACHE and len(raw) <= _CACHED_LENGTH:
        cache[raw] = got
    return got


def _bigram(a: str, b: str) -> str:
    return ("T" if a[:1].isupper() else "p" if not a[:1].isalnum() else "x") + (
        "T" if b[:1].isupper() else "p" if not b[:1].isalnum() else "x")
