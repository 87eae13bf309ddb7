"""The one place where the pipeline's, the engine's and the redactor's errors become problem answers."""

from __future__ import annotations

import logging

from flask import Flask, Response

from backend.api.engine_errors import problem_from_engine
from backend.engine import EngineError
from backend.generation.errors import REFUSALS, GenerationError, Refusal, TextTooLong, refusal_code
from backend.problems import Problem, retry_problem
from backend.redaction.errors import InvalidText, RedactionError

log = logging.getLogger("kollega.errors")

REDACTION_FAILED = "Personal data could not be masked in this text, so nothing was sent on."


def problem_for(error: Refusal) -> Problem:
    """The problem object for a refusal; its detail never quotes the user's text."""
    code = refusal_code(error)
    if isinstance(error, InvalidText):
        return Problem(422, code, str(error))
    if isinstance(error, RedactionError):
        # Never fall back to sending unmasked text; the message says why nothing happened.
        log.error("redaction failed; the request was stopped before the text went anywhere")
        return Problem(500, code, REDACTION_FAILED)
    if isinstance(error, EngineError):
        return problem_from_engine(error)
    if isinstance(error, TextTooLong):
        return Problem(422, code, error.detail, limit_tokens=error.limit_tokens)
    if error.retry_after is not None:
        return retry_problem(503, code, error.detail, error.retry_after)
    return Problem(500, code, error.detail)


def init_app(app: Flask) -> None:
    """Routes let these errors through; the answer is made here."""

    def answer(error: Exception) -> Response:
        assert isinstance(error, REFUSALS)
        return problem_for(error).response()

    for kind in (GenerationError, EngineError, RedactionError):
        app.register_error_handler(kind, answer)
