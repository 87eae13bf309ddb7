"""The one mapping from the engine's errors to HTTP problems.

The same name and function as p13-engine's version of this file, which maps EngineError kinds; at the
merge that version replaces this one, and backend/api/errors.py keeps calling problem_from_engine.
"""

from __future__ import annotations

from backend.engine import EngineError
from backend.problems import Problem, retry_problem


def problem_from_engine(error: EngineError) -> Problem:
    """The problem for an engine error; a Retry-After header where trying later helps."""
    if error.retry_after is not None or error.status in (429, 503):
        return retry_problem(error.status, error.code, error.detail, error.retry_after)
    return Problem(error.status, error.code, error.detail)
