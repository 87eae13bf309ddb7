"""Every pattern runs in linear time: pathological inputs at the field limit complete.

The check is completion within a generous limit, in a thread joined with a timeout, not a timing
assertion: the figures are in bench/pathological.py. A quadratic pattern on 200,000 characters
runs for minutes, far past the limit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from pathological_inputs import INPUTS

from backend import readability
from backend.graph.thread import ThreadMessage, format_thread, strip_quoted
from backend.readability.splitting import split_sentences
from backend.redaction import get_redactor

FIELD_LIMIT = 200_000
LIMIT_S = 60.0


def _completes(work: Callable[[], object]) -> bool:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(LIMIT_S)
    if errors:
        raise errors[0]
    return not thread.is_alive()


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {name: make(FIELD_LIMIT) for name, make in INPUTS.items()}


@pytest.mark.parametrize("name", list(INPUTS))
def test_redaction_completes(name: str, texts: dict[str, str]) -> None:
    text = texts[name]
    assert len(text) == FIELD_LIMIT
    redactor = get_redactor()
    assert _completes(lambda: redactor.redact(text)), name


@pytest.mark.parametrize("name", list(INPUTS))
def test_readability_completes(name: str, texts: dict[str, str]) -> None:
    text = texts[name]

    def work() -> None:
        report = readability.analyze(text)
        readability.findings_for_prompt(report, text)
        split_sentences(text)

    assert _completes(work), name


@pytest.mark.parametrize("name", list(INPUTS))
def test_thread_parsing_completes(name: str, texts: dict[str, str]) -> None:
    from datetime import UTC, datetime

    text = texts[name]
    message = ThreadMessage(name, datetime(2026, 1, 1, tzinfo=UTC), "Sv: " + text[:200], text)
    assert _completes(lambda: (strip_quoted(text), format_thread([message]))), name


def test_the_inputs_are_what_they_say() -> None:
    """A catalogue entry that made short or empty texts would test nothing."""
    for name, make in INPUTS.items():
        text = make(1000)
        assert len(text) == 1000, name
        assert len(set(text)) <= 30, name
