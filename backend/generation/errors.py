"""Why the pipeline refuses or ends a request, as domain errors. backend/api/errors.py maps them to problems."""

from __future__ import annotations

from backend.engine import EngineError
from backend.redaction.errors import InvalidText, RedactionError


class GenerationError(Exception):
    """A request the pipeline cannot answer. `code` is the stable code the task pane acts on."""

    code = "internal"

    def __init__(self, detail: str, *, retry_after: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail  # never the user's text: it ends up in an answer and may be logged
        self.retry_after = retry_after


class TextTooLong(GenerationError):
    """The text (with the answer) does not fit the model's context."""

    code = "text_too_long"

    def __init__(self, detail: str, *, limit_tokens: int | None = None) -> None:
        super().__init__(detail)
        self.limit_tokens = limit_tokens


class NoAnswer(GenerationError):
    """The engine ended a request without an event; trying again shortly usually helps."""

    code = "engine_unavailable"


# Everything that refuses or ends a generation: ours, the engine's and the redactor's.
Refusal = GenerationError | EngineError | RedactionError
REFUSALS = (GenerationError, EngineError, RedactionError)


def refusal_code(error: Refusal) -> str:
    """The code for the audit record and the problem object; the same in both."""
    if isinstance(error, InvalidText):
        return "validation"
    if isinstance(error, RedactionError):
        return "redaction_failed"
    if isinstance(error, EngineError):
        return error.kind.value  # the kinds' values are the problem codes (backend/api/engine_errors.py)
    return str(error.code)
