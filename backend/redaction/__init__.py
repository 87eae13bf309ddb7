"""Swedish personal-data redaction: recognizers, reversible placeholders and restoring.

Text goes one way: recognizers -> merged spans -> placeholders. The map back to the values lives
in a RedactionSession, in memory, for one request.
"""

from __future__ import annotations

# First: importing it refuses stale compiled modules before any of them is loaded (_compiled.py).
from ._compiled import check_compiled as check_compiled
from .entities import ENTITY_TYPES, Entity, Redaction
from .errors import InvalidText, RedactionError
from .redactor import RedactionSession, Redactor, get_redactor
from .restore import StreamRestorer

__all__ = [
    "ENTITY_TYPES",
    "Entity",
    "InvalidText",
    "Redaction",
    "RedactionError",
    "RedactionSession",
    "Redactor",
    "StreamRestorer",
    "get_redactor",
]
