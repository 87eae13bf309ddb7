"""The user's corrections of the masking, read from a validated request (docs/redaction.md, "Corrections")."""

from __future__ import annotations

from typing import Any

from backend.api.context import services
from backend.problems import Problem
from backend.redaction.corrections import Corrections
from backend.schemas import corrections_by_field


def read_corrections(data: dict[str, Any]) -> dict[str, Corrections]:
    """The corrections per text field; refuses unmask where the organisation has switched it off."""
    if data.get("unmask") and not services().settings.redaction_allow_unmask:
        raise Problem(403, "unmask_not_allowed",
                      "Your organisation does not allow sending detected personal data unmasked. "
                      "Leave out unmask; marking more text to mask is still possible.")
    return corrections_by_field(data)
