"""The one mapping from engine errors to HTTP problems: the statuses and codes clients have always seen."""

from __future__ import annotations

import pytest

from backend.api.engine_errors import PROBLEMS, problem_from_engine
from backend.engine import (
    EngineBusy,
    EngineError,
    EngineShuttingDown,
    EngineTimeout,
    EngineUnavailable,
    ErrorKind,
    PromptTooLong,
    engine_error,
)

# What the API answered for each engine error before the kinds existed (problem status, code).
BEFORE = {
    EngineBusy: (503, "busy"),
    EngineUnavailable: (503, "engine_unavailable"),
    EngineShuttingDown: (503, "shutting_down"),
    EngineTimeout: (504, "timeout"),
    PromptTooLong: (422, "text_too_long"),
    EngineError: (500, "internal"),
}


def test_every_kind_has_a_problem_and_a_class() -> None:
    assert set(PROBLEMS) == set(ErrorKind)
    for kind in ErrorKind:
        error = engine_error(kind, "detail")
        assert error.kind is kind
        assert isinstance(error, EngineError)


@pytest.mark.parametrize(("cls", "expected"), list(BEFORE.items()), ids=lambda v: getattr(v, "__name__", str(v)))
def test_statuses_and_codes_are_unchanged(cls: type[EngineError], expected: tuple[int, str]) -> None:
    problem = problem_from_engine(cls("What happened."))
    assert (problem.status, problem.code) == expected
    assert problem.detail == "What happened."
    body = problem.to_json()
    assert body["code"] == expected[1] and body["status"] == expected[0]


@pytest.mark.parametrize("cls", [EngineBusy, EngineUnavailable, EngineShuttingDown])
def test_a_503_always_says_when_to_retry(cls: type[EngineError]) -> None:
    problem = problem_from_engine(cls("Try later."))
    assert problem.headers["Retry-After"] == "5"  # the default when the engine gave no estimate
    timed = problem_from_engine(cls("Try later.", retry_after=12))
    assert timed.headers["Retry-After"] == "12" and timed.to_json()["retry_after"] == 12


def test_retry_after_is_passed_on_where_the_engine_gives_it() -> None:
    problem = problem_from_engine(EngineTimeout("Slow.", retry_after=3))
    assert problem.status == 504 and problem.headers["Retry-After"] == "3"
    assert "Retry-After" not in problem_from_engine(EngineTimeout("Slow.")).headers
    assert "Retry-After" not in problem_from_engine(PromptTooLong("Long.")).headers


def test_the_engine_package_knows_no_http() -> None:
    for cls in BEFORE:
        assert not hasattr(cls, "status") and not hasattr(cls, "code")
