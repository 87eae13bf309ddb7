"""The user's corrections of the masking: more to mask, and detected spans to send as they are.

What a correction does, in this order (docs/redaction.md, "Corrections"):
1. Detection finds its spans, as without corrections.
2. Each `mask` span is masked with the user's type, and so is every other mention of the same value in
   the text: at the start of a word, any case (a capitalised value only where the mention is capitalised
   too), followed by the end of the word, a genitive ("Kjells", "SMHI:s"), or, after a value of 5 letters
   or more, a Swedish ending of up to 5 letters ("kanariefebern"); the ending stays outside the span.
   Values masked in one text of a request are masked in its later texts too (a draft's instruction and
   context, the rewrite's readability hints).
3. Each `unmask` range sends the detected spans and mentions that lie wholly inside it as they are. A
   span it covers only in part stays masked (never more is revealed than was asked for), and a range
   that covers no span changes nothing. The user's own `mask` spans are never unmasked: a request
   whose mask and unmask overlap is refused.
4. Overlapping spans merge as detection's do; the user's type wins.
Offsets are Python string indices (code points) into the text the corrections belong to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .entities import ENTITY_TYPES, Candidate, traits
from .errors import InvalidText
from .spans import merge
from .text import WORD_RE, normalize_word

# A correction without a type masks the span as "other personal data" (a diagnosis, a school).
DEFAULT_TYPE = "OTHER"
CORRECTION_TYPES = ENTITY_TYPES
# Per list and request: more than a person makes by hand, few enough to keep the mention scan cheap.
MAX_CORRECTIONS = 200
# Above every recognizer's score, so that the user's type wins when a span merges with a detected one.
USER_SCORE = 2.0
# The letters after a mention, up to the end of its word (the lookahead bounds it to 6).
_TAIL = re.compile(r"[:'’]?\w{0,5}")
# Values at least this long mask their inflected forms too ("kanariefebern", "kanariefeberns").
MIN_STEM = 5


class InvalidCorrection(InvalidText):
    """A correction does not fit its text (offsets outside it, an empty span, mask and unmask overlapping)."""


@dataclass(frozen=True, slots=True)
class MaskSpan:
    start: int
    end: int
    type: str = DEFAULT_TYPE


@dataclass(frozen=True, slots=True)
class UnmaskSpan:
    start: int
    end: int


@dataclass(frozen=True)
class Corrections:
    """One text's corrections, as the request gave them."""

    mask: tuple[MaskSpan, ...] = ()
    unmask: tuple[UnmaskSpan, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.mask or self.unmask)

    @classmethod
    def from_json(cls, mask: Iterable[Mapping[str, Any]] = (), unmask: Iterable[Mapping[str, Any]] = ()) -> Corrections:
        return cls(
            tuple(MaskSpan(int(m["start"]), int(m["end"]), str(m.get("type") or DEFAULT_TYPE)) for m in mask),
            tuple(UnmaskSpan(int(u["start"]), int(u["end"])) for u in unmask),
        )


def problems(text: str, corrections: Corrections) -> list[tuple[str, str]]:
    """What is wrong with these corrections for this text, as (list name, message); empty when they fit.

    The messages name positions, never the text.
    """
    found: list[tuple[str, str]] = []
    length = len(text)
    lists: tuple[tuple[str, tuple[MaskSpan | UnmaskSpan, ...]], ...] = (
        ("mask", corrections.mask), ("unmask", corrections.unmask))
    for name, spans in lists:
        if len(spans) > MAX_CORRECTIONS:
            found.append((name, f"At most {MAX_CORRECTIONS} spans per request; {len(spans)} were sent."))
            continue
        for i, span in enumerate(spans):
            if span.start < 0 or span.end > length:
                found.append((name, f"Item {i}: {span.start}..{span.end} is outside the text (0..{length})."))
            elif span.start >= span.end:
                found.append((name, f"Item {i}: start must be less than end ({span.start} >= {span.end})."))
            elif isinstance(span, MaskSpan) and not text[span.start:span.end].strip():
                found.append((name, f"Item {i}: {span.start}..{span.end} holds only white space."))
            elif isinstance(span, MaskSpan) and span.type not in CORRECTION_TYPES:
                found.append((name, f"Item {i}: unknown type; use one of {', '.join(CORRECTION_TYPES)}."))
    if not found:
        for i, u in enumerate(corrections.unmask):
            for j, m in enumerate(corrections.mask):
                if u.start < m.end and m.start < u.end:
                    found.append(("unmask", f"Item {i} overlaps mask item {j}: a span cannot be masked and "
                                            "unmasked at once."))
    return found


def check(text: str, corrections: Corrections) -> None:
    """Raise InvalidCorrection saying what does not fit; the API checks the same before this."""
    found = problems(text, corrections)
    if found:
        raise InvalidCorrection(f"{found[0][0]}: {found[0][1]}")


def parts_key(value: str) -> tuple[str, ...]:
    """A value's parts as recognizers key a type known by its parts (TypeTraits.by_parts): a masked "Kjell"
    joins a detected "Kjell Ek"."""
    words = [normalize_word(w) for w in WORD_RE.findall(value)]
    return tuple(w for w in words if len(w) > 1) or tuple(words)


class CorrectionLedger:
    """One request's corrections: the values the user masked (for its later texts) and counts by type.

    Memory only, like the placeholder map; counts carry types, never values.
    """

    def __init__(self) -> None:
        # (type, case-folded value) -> the value as first written.
        self._values: dict[tuple[str, str], str] = {}
        # Plain dicts, not Counters: building a Counter costs a Python-level __init__, and a ledger is made
        # for every request.
        self.masked: dict[str, int] = {}
        self.unmasked: dict[str, int] = {}

    def __repr__(self) -> str:  # the values are personal data: never in a repr or a log line
        return f"CorrectionLedger({len(self._values)} values, {sum(self.masked.values())} masked, " \
               f"{sum(self.unmasked.values())} unmasked)"

    def learn(self, text: str, corrections: Corrections) -> None:
        """Take note of the values masked in a text that is redacted later, so that earlier texts mask them too."""
        check(text, corrections)
        for m in corrections.mask:
            value = text[m.start:m.end].strip()
            self._values.setdefault((m.type, _fold(value)), value)

    def apply(self, text: str, spans: list[Candidate], corrections: Corrections | None = None) -> list[Candidate]:
        """Detected spans with the corrections applied; unchanged when there are none and none before."""
        corrections = corrections or Corrections()
        if not corrections and not self._values:
            return spans
        check(text, corrections)
        explicit: list[Candidate] = []
        for m in corrections.mask:
            # White space at the edges of a selection is not part of the value.
            raw = text[m.start:m.end]
            start = m.start + len(raw) - len(raw.lstrip())
            end = m.end - len(raw) + len(raw.rstrip())
            value = text[start:end]
            key = parts_key(value) if traits(m.type).by_parts else ()
            explicit.append(Candidate(start, end, m.type, USER_SCORE, key, None, "user"))
            self._values.setdefault((m.type, _fold(value)), value)
        mentions = list(self._mentions(text))
        unmask = corrections.unmask
        kept: list[Candidate] = []
        for c in [*spans, *mentions]:
            if any(u.start <= c.start and c.end <= u.end for u in unmask):
                self.unmasked[c.type] = self.unmasked.get(c.type, 0) + 1
                continue
            kept.append(c)
        for m in corrections.mask:
            self.masked[m.type] = self.masked.get(m.type, 0) + 1
        return merge(kept + explicit)

    def counts(self) -> dict[str, dict[str, int]]:
        """{"mask": {TYPE: n}, "unmask": {TYPE: n}}: spans the user masked, and detected spans sent as they are."""
        out: dict[str, dict[str, int]] = {}
        if self.masked:
            out["mask"] = dict(self.masked)
        if self.unmasked:
            out["unmask"] = dict(self.unmasked)
        return out

    def _mentions(self, text: str) -> Iterable[Candidate]:
        if not self._values:
            return
        by_fold: dict[str, tuple[str, str]] = {}
        for (entity_type, folded), value in self._values.items():
            by_fold.setdefault(folded, (entity_type, value))
        # Longest first, so that "Kjell Ek" wins over "Kjell" where both are masked.
        values = sorted(by_fold, key=len, reverse=True)
        # Literal words and possessive white space: linear time whatever the text holds. The lookahead lets
        # a word ending follow the value (at most 5 letters, checked below).
        alternatives = "|".join(r"\s++".join(re.escape(w) for w in v.split()) for v in values)
        pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?=[:'’]?\w{{0,5}}(?!\w))", re.IGNORECASE)
        for match in pattern.finditer(text):
            mention = match.group()
            entity_type, value = by_fold[_fold(mention)]
            # "Bo" masked does not mask the verb "bo": a capitalised value needs a capitalised mention.
            if value[:1].isupper() and not mention[:1].isupper():
                continue
            # A genitive always; other Swedish endings ("kanariefeberns") only after a value of 5 or more
            # letters, so that a masked "Bo" does not mask "Bodil". The ending stays outside the span
            # ("[OTHER_1]ns"), so the placeholder restores to the word as written.
            tail = _TAIL.match(text, match.end())
            ending = tail.group() if tail else ""
            core = ending.lstrip(":'’")
            if core not in ("", "s") and (len(value) < MIN_STEM or core != ending or not core.isalpha()):
                continue
            key = parts_key(mention) if traits(entity_type).by_parts else ()
            yield Candidate(match.start(), match.end(), entity_type, USER_SCORE, key, None, "user-mention")


def _fold(value: str) -> str:
    return " ".join(value.split()).casefold()
