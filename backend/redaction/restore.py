"""Putting the real values back into model output, whole or streamed in chunks.

Rules for what the model writes, so that no placeholder ever reaches the reader raw:
- [TYPE_N] that this request issued becomes its value.
- Near misses of an issued placeholder are restored too: other case, a space or hyphen for the
  underscore, up to three spaces inside the brackets, doubled brackets ("[[PERSON_1]]",
  "[ person 1 ]"), and the bare form without brackets ("PERSON_1", "person_1s").
- A placeholder of any of these forms that this request never issued ("[PERSON_9]") is removed: no
  other value can be guessed into it, and the reader sees no code.
- A placeholder whose type the model translated or invented ("[PUHELIN_1]", "[TELÉFONO_2]": capitals,
  an underscore and a number, in brackets) restores to the one value of this request with that
  number, or is removed when none or several have it. Ordinary bracketed text ("[Bilaga_1]", "[sic]")
  stays, and the same text in the input is escaped like a placeholder of ours.
Streaming gives exactly the same text as restoring the whole at once, wherever the chunks split.

The same grammar finds text in the *input* that looks like a placeholder (placeholder_literals);
the session masks it with a placeholder of its own that restores to the literal text, so that a
citizen who writes "[PERSONNUMMER_1]" can never get anyone's personnummer back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from .entities import ENTITY_TYPES, Candidate

_TYPES = "|".join(sorted(ENTITY_TYPES, key=len, reverse=True))
# Bounded on purpose: a match is at most 29 characters, so the stream never holds back more than
# _MAX_PENDING and never has to decide on a longer one.
_INNER = rf"[ \t]{{0,3}}({_TYPES})[ _\-]?(\d{{1,6}})[ \t]{{0,3}}"
# Bare: the type right after something that is not a letter ("PERSON_1PERSON_2" is two), the
# number not followed by another digit.
_BARE = rf"(?<![^\W\d_])({_TYPES})_(\d{{1,6}})(?!\d)"
# A placeholder whose type the model translated ("[PUHELIN_1]", "[TELÉFONO_1]", "[هاتف_1]"): a bracketed
# word in capitals (or in a script without case), an underscore and a number. Checked for capitals in
# code (_foreign), since the pattern as a whole ignores case.
_FOREIGN = r"\[[ \t]{0,3}([^\W\d_]{2,20})_(\d{1,6})[ \t]{0,3}\]"
_LOOSE = re.compile(rf"\[\[{_INNER}\]\]|\[{_INNER}\]|{_BARE}|{_FOREIGN}", re.I)
# Longer than any placeholder can be: a "[" further back than this is ordinary text.
_MAX_PENDING = 48
# The end of a buffer that may still grow into a bare placeholder: a prefix of a type name, or a
# whole one with its underscore and digits so far.
_PREFIXES = sorted({t[:k] for t in ENTITY_TYPES for k in range(1, len(t) + 1)}, key=len, reverse=True)
_BARE_TAIL = re.compile(
    rf"(?<![^\W\d_])(?:(?:{_TYPES})_\d{{0,6}}|(?:{'|'.join(_PREFIXES)}))\Z", re.I
)
LITERAL = "literal"


def _group(m: re.Match[str]) -> tuple[str, str]:
    for i in (1, 3, 5, 7):
        if m.group(i):
            return m.group(i), m.group(i + 1)
    raise AssertionError("a placeholder match has a type")  # pragma: no cover


def _foreign(kind: str) -> bool:
    """A type this product never issues, written in capitals: a translated or invented placeholder."""
    return kind.upper() not in ENTITY_TYPES and kind == kind.upper()


def _by_number(values: Mapping[str, str], number: int) -> str:
    """The value of the one placeholder with this number, whatever its type; "" if none or several."""
    found = {value for tag, value in values.items() if tag.endswith(f"_{number}]")}
    return found.pop() if len(found) == 1 else ""


def _restore(text: str, values: Mapping[str, str], pos: int, endpos: int) -> str:
    """text[pos:endpos] restored; the characters before pos are context for the bare form only."""
    pieces: list[str] = []
    last = pos
    for m in _LOOSE.finditer(text, pos, endpos):
        kind, number = _group(m)
        if kind.upper() in ENTITY_TYPES:
            value = values.get(f"[{kind.upper()}_{int(number)}]", "")
        elif _foreign(kind):
            # "[PUHELIN_1]" for "[PHONE_1]": its own value where the number says which, else removed.
            value = _by_number(values, int(number))
        else:
            continue  # "[Bilaga_1]": ordinary text in brackets
        pieces.append(text[last:m.start()])
        pieces.append(value)
        last = m.end()
    if last == pos:
        return text[pos:endpos]
    pieces.append(text[last:endpos])
    return "".join(pieces)


def restore_text(text: str, values: Mapping[str, str]) -> str:
    """Replace every placeholder (and its near misses) in a complete text; remove unissued ones."""
    return _restore(text, values, 0, len(text))


def placeholder_literals(text: str) -> Iterator[Candidate]:
    """Spans of text that a restorer would read as a placeholder."""
    if "_" not in text and "[" not in text:
        return  # every form has one or the other; most texts have neither
    for m in _LOOSE.finditer(text):
        kind, _number = _group(m)
        if kind.upper() in ENTITY_TYPES:
            yield Candidate(m.start(), m.end(), kind.upper(), 1.0, source=LITERAL)
        elif _foreign(kind):
            # "[BILAGA_1]" in the input: escaped like our own, so that an echo restores to itself.
            yield Candidate(m.start(), m.end(), "OTHER", 1.0, source=LITERAL)


class StreamRestorer:
    """Restores a stream chunk by chunk; holds back only what may be the start of a placeholder."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self._values = values
        self._pending = ""
        # The last character already emitted: the bare form looks one character back.
        self._before = ""

    def __repr__(self) -> str:
        return f"StreamRestorer(pending={len(self._pending)} chars)"

    def feed(self, chunk: str) -> str:
        buf = self._before + self._pending + chunk
        ctx = len(self._before)
        cut = max(ctx, _safe_end(buf, ctx))
        self._pending = buf[cut:]
        if cut > ctx:
            self._before = buf[cut - 1]
        return _restore(buf, self._values, ctx, cut)

    def finish(self) -> str:
        buf = self._before + self._pending
        self._pending = ""
        return _restore(buf, self._values, len(self._before), len(buf))


def _safe_end(buf: str, floor: int) -> int:
    """How much of buf can be restored and emitted now without cutting through a placeholder."""
    cut = len(buf)
    start = buf.rfind("[", floor)
    if start != -1 and len(buf) - start <= _MAX_PENDING:
        if start > floor and buf[start - 1] == "[":
            start -= 1
        if "]" not in buf[start:]:
            cut = start  # still open
        elif buf.startswith("[[", start) and not buf.endswith("]]") and buf.endswith("]"):
            cut = start  # "[[PERSON_1]" may still get its second bracket
    tail = _BARE_TAIL.search(buf, max(floor, len(buf) - _MAX_PENDING))
    if tail is not None and tail.start() < cut:
        cut = tail.start()
    return cut
