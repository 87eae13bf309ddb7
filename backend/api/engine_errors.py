"""The one mapping from the engine's domain errors to HTTP problems."""

from __future__ import annotations

from backend.engine import EngineError, ErrorKind
from backend.problems import Problem, retry_problem

# Status and problem code per kind. The codes are what the task pane and API clients act on: they
# must not change.
PROBLEMS: dict[ErrorKind, tuple[int, str]] = {
    ErrorKind.BUSY: (503, "busy"),
    ErrorKind.UNAVAILABLE: (503, "engine_unavailable"),
    ErrorKind.SHUTTING_DOWN: (503, "shutting_down"),
    ErrorKind.TIMEOUT: (504, "timeout"),
    ErrorKind.TOO_LONG: (422, "text_too_long"),
    ErrorKind.FAILED: (500, "internal"),
}


def problem_from_engine(error: EngineError) -> Problem:
    """The problem for an engine error; a Retry-After header where trying later helps."""
    status, code = PROBLEMS[error.kind]
    if error.retry_after is not None or status in (429, 503):
        return retry_problem(status, code, error.detail, error.retry_after)
    return Problem(status, code, error.detail)
