"""The option values every request shares, and user text: real Unicode without control characters."""

from __future__ import annotations

import re
from typing import Any

from marshmallow import ValidationError, fields

LANGUAGES = ("sv", "en")
LENGTHS = ("short", "medium", "long")
TONES = ("formal", "neutral", "friendly")
KINDS = ("email", "thread", "document")
GOALS = ("plain", "shorter", "formal", "friendly", "proofread")
HOSTS = ("outlook-read", "outlook-compose", "word", "playground", "api")

# Tab, newline and carriage return are text; other C0/C1 controls are not, and some break tokenizers.
_CONTROL_RANGES = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_CONTROL = re.compile(f"[{_CONTROL_RANGES}]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# The same rules as JSON Schema patterns (ECMA and Python read \xHH and \s alike), so that the OpenAPI
# document says what the server accepts.
TEXT_PATTERN = f"^[^{_CONTROL_RANGES}]*$"
NOT_BLANK_TEXT_PATTERN = f"^[^{_CONTROL_RANGES}]*[^\\s{_CONTROL_RANGES}][^{_CONTROL_RANGES}]*$"


class UserText(fields.String):
    """Text from the user: must be real Unicode text without control characters."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        pattern = NOT_BLANK_TEXT_PATTERN if _not_blank in self.validators else TEXT_PATTERN
        self.metadata = {"pattern": pattern, **self.metadata}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        surrogate = _SURROGATE.search(text)
        if surrogate:
            raise ValidationError(
                f"Contains an unpaired surrogate at position {surrogate.start()}; send valid Unicode."
            )
        control = _CONTROL.search(text)
        if control:
            raise ValidationError(
                f"Contains the control character U+{ord(control.group()):04X} at position {control.start()}; "
                "remove it."
            )
        return text


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError("Must not be empty.")
