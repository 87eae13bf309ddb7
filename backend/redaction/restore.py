"""Putting the real values back into model output, whole or streamed in chunks.

Rules for what the model writes:
- [TYPE_N] that this request issued becomes its value.
- Near misses of an issued placeholder are restored too: other case, a space or hyphen for the
  underscore, spaces inside the brackets, doubled brackets ("[[PERSON_1]]", "[ person 1 ]").
- Anything else is left as it is: a placeholder this request never issued ("[PERSON_9]"), or one
  without brackets ("PERSON_1"), so that the reader sees it and fills it in.
Streaming gives exactly the same text as restoring the whole at once, wherever the chunks split.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .entities import ENTITY_TYPES

_TYPES = "|".join(sorted(ENTITY_TYPES, key=len, reverse=True))
_INNER = rf"[ \t]*({_TYPES})[ _\-]?(\d{{1,6}})[ \t]*"
_LOOSE = re.compile(rf"\[\[{_INNER}\]\]|\[{_INNER}\]", re.I)
# Longer than any placeholder can be: a "[" further back than this is ordinary text.
_MAX_PENDING = 48


def restore_text(text: str, values: Mapping[str, str]) -> str:
    """Replace every issued placeholder (and its near misses) in a complete text."""

    def sub(m: re.Match[str]) -> str:
        kind, number = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return values.get(f"[{kind.upper()}_{int(number)}]", m.group())

    return _LOOSE.sub(sub, text) if "[" in text else text


class StreamRestorer:
    """Restores a stream chunk by chunk; holds back only what may be the start of a placeholder."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self._values = values
        self._pending = ""

    def __repr__(self) -> str:
        return f"StreamRestorer(pending={len(self._pending)} chars)"

    def feed(self, chunk: str) -> str:
        buf = self._pending + chunk
        cut = _safe_end(buf)
        self._pending = buf[cut:]
        return restore_text(buf[:cut], self._values)

    def finish(self) -> str:
        rest, self._pending = self._pending, ""
        return restore_text(rest, self._values)


def _safe_end(buf: str) -> int:
    """How much of buf can be restored and emitted now without cutting through a placeholder."""
    start = buf.rfind("[")
    if start == -1 or len(buf) - start > _MAX_PENDING:
        return len(buf)
    if start > 0 and buf[start - 1] == "[":
        start -= 1
    if "]" not in buf[start:]:
        return start  # still open
    if buf.startswith("[[", start) and not buf.endswith("]]") and buf.endswith("]"):
        return start  # "[[PERSON_1]" may still get its second bracket
    return len(buf)
