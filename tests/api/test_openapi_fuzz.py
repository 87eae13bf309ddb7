"""Property-based requests generated from the OpenAPI document (schemathesis), with a valid token, without one
and with garbage ones: no 5xx, every 4xx is problem+json, and nothing but the public endpoints answers 2xx
without a valid token. Scripted engine (fast), real redactor. `pytest -s` prints the figures."""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import ignored_auth, negative_data_rejection, positive_data_acceptance

from backend.settings import Settings, load_settings
from tests.fakes import ScriptedEngine

PUBLIC = frozenset({"/healthz", "/readyz", "/metrics", "/api/v1/openapi.json", "/api/v1/auth/config",
                    "/api/v1/auth/dev-token"})
# Bounded and deterministic: about 25 s for the file on two shared cores.
FUZZ = settings(
    derandomize=True, database=None, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
# Not applicable here: ignored_auth reads our replaced token as "generated auth", and positive_data_acceptance
# counts the dev-mode refusal of conversation_id (it needs Entra sign-in) as a failure.
EXCLUDED = [ignored_auth, positive_data_acceptance]
# Negative cases in a query string are often extra keys that schemathesis cannot put into a URL (an empty or
# non-string key), so the request that goes out is a valid one: for a GET, and for a POST with query
# parameters (the template import's ?scope=). The admin export's and the templates' own tests refuse
# unknown and malformed parameters.
EXCLUDED_GET = [*EXCLUDED, negative_data_rejection]
# Werkzeug's plain test client sends no client address; dev mode serves loopback, so the requests come from there.
LOOPBACK = {"REMOTE_ADDR": "127.0.0.1"}


@dataclass
class Figures:
    """What each run tried and how the app answered."""

    tried: Counter[str] = field(default_factory=Counter)
    answers: dict[str, Counter[tuple[int, str]]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def record(self, run: str, response: Any) -> None:
        code = ""
        if response.status_code >= 400 and response.content.startswith(b"{"):
            code = str(json.loads(response.content).get("code", ""))
        self.tried[run] += 1
        self.answers.setdefault(run, Counter())[(response.status_code, code)] += 1

    def report(self) -> str:
        lines = ["", "OpenAPI fuzz (schemathesis): run | cases | 2xx | s | refused: status code (count)"]
        for run, count in self.tried.items():
            answers = self.answers[run]
            accepted = sum(n for (status, _), n in answers.items() if status < 300)
            refused = ", ".join(f"{status} {code} ({n})" for (status, code), n in sorted(answers.items())
                                if status >= 300)
            lines.append(f"  {run:<22} {count:>5} {accepted:>5} {self.seconds[run]:>5.1f}  {refused or '-'}")
        lines.append(f"  all checks passed for {sum(self.tried.values())} cases")
        return "\n".join(lines)


@pytest.fixture(scope="module")
def figures() -> Iterator[Figures]:
    found = Figures()
    yield found
    print(found.report())


def generous_limits(settings: Settings) -> Settings:
    """High rate limits, so that the fuzzing is not answered 429 (the limits have tests of their own)."""
    limits = {"rate_limit_generate": "100000/minute", "rate_limit_api": "100000/minute",
              "rate_limit_ip": "100000/minute"}
    if set(limits) <= {f.name for f in fields(Settings)}:
        return settings.replace(**limits)
    copy = settings.replace()
    for name, value in limits.items():  # until Settings declares them; backend.limits reads them with getattr
        object.__setattr__(copy, name, value)
    return copy


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    from backend import create_app

    folder = tmp_path_factory.mktemp("fuzz")
    settings = load_settings({
        "KOLLEGA_AUTH_MODE": "dev",
        "KOLLEGA_INSTANCE_PATH": str(folder / "instance"),
        "KOLLEGA_MODEL_PATH": str(folder / "no-model"),
        "KOLLEGA_ENGINE_SOCKET": f"/tmp/kollega-fuzz-{os.getpid()}-{time.monotonic_ns()}.sock",
    })
    engine: Any = ScriptedEngine(["Kort ", "svar ", "här."])  # Engine's protocol, as tests/api/test_pipeline has it
    return create_app(generous_limits(settings), engine=engine)


@pytest.fixture(scope="module")
def schema(app: Flask) -> Any:
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, environ_base=LOOPBACK)


@pytest.fixture(scope="module")
def valid_token(app: Flask) -> str:
    # The admin role too, so that the admin export is fuzzed beyond its 403 (dev tokens carry no role unless asked).
    admin = app.extensions["kollega"].settings.entra_admin_role
    return str(app.extensions["kollega.auth"].dev_tokens.issue("Fuzz", roles=[admin]))


def check(case: Any, response: Any, valid_token: str) -> None:
    """Kollega's own properties (problem+json errors, no 5xx), then schemathesis's own conformance checks."""
    status = response.status_code
    where = f"{case.method} {case.path} -> {status}"
    assert status < 500, f"{where}: {response.content[:300]!r}"
    if 400 <= status < 500:
        content_type = response.headers.get("content-type", [""])[0]
        assert content_type.startswith("application/problem+json"), f"{where}: {content_type}"
        body = json.loads(response.content)
        assert body["status"] == status and body["code"] and body["title"] and body["detail"], where
        if status == 401:
            assert response.headers.get("www-authenticate", [""])[0].startswith("Bearer"), where
        if status in (429, 503):
            assert response.headers.get("retry-after"), where
    sent = response.request.headers.get("Authorization", "")
    if status < 300 and sent != f"Bearer {valid_token}":
        assert case.path in PUBLIC, f"{where} without a valid token (Authorization: {sent[:40]!r})"
    case.validate_response(response, excluded_checks=EXCLUDED_GET if case.method == "GET" or case.query else EXCLUDED)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda mode: mode.value)
def test_with_a_valid_token(schema: Any, valid_token: str, figures: Figures, mode: GenerationMode) -> None:
    # Negative cases include requests whose Authorization schemathesis removes on purpose: those go out without.
    run = f"valid token, {mode.value}"
    started = time.monotonic()
    accept = st.sampled_from(["*/*", "application/json", "text/event-stream"])

    @settings(FUZZ, max_examples=600)
    @given(case=schema.as_strategy(generation_mode=mode), accept=accept)
    def fuzz(case: Any, accept: str) -> None:
        headers = {"Authorization": f"Bearer {valid_token}", "Accept": accept}
        response = case.call(headers=headers, environ_base=LOOPBACK)
        figures.record(run, response)
        check(case, response, valid_token)

    fuzz()
    figures.seconds[run] = time.monotonic() - started


def test_without_a_token(schema: Any, valid_token: str, figures: Figures) -> None:
    run = "no token"
    started = time.monotonic()

    @settings(FUZZ, max_examples=300)
    @given(case=schema.as_strategy(generation_mode=GenerationMode.POSITIVE))
    def fuzz(case: Any) -> None:
        case.headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
        response = case.call(environ_base=LOOPBACK)
        figures.record(run, response)
        check(case, response, valid_token)

    fuzz()
    figures.seconds[run] = time.monotonic() - started


def _tampered(token: str, position: int, replacement: str) -> str:
    # Only characters inside a segment: the last one of a base64url segment carries padding bits, and some
    # changes to it decode to the same bytes (a token that is still valid).
    inner = [i for i in range(len(token) - 1) if token[i] != "." and token[i + 1] != "."]
    index = inner[position % len(inner)]
    original = token[index]
    swapped = replacement if replacement != original else ("A" if original != "A" else "B")
    return token[:index] + swapped + token[index + 1:]


def garbage_headers(app: Flask, valid_token: str, folder: Path) -> st.SearchStrategy[str]:
    """Authorization values that must not sign anyone in."""
    from backend.auth.dev import DevTokens

    # Stripped: requests refuses to send a header value with leading or trailing whitespace at all.
    printable = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=120).map(str.strip)
    foreign = DevTokens(folder).issue("Fuzz")  # well formed, signed with another server's key
    expired = app.extensions["kollega.auth"].dev_tokens.issue("Fuzz", lifetime_s=-120)
    base64url = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    return st.one_of(
        st.sampled_from(["", "Bearer", "Bearer ", f"Basic {valid_token}", f"Bearer {valid_token}x",
                         f"Bearer {foreign}", f"Bearer {expired}", f"Token {valid_token}"]),
        printable,
        printable.map(lambda text: f"Bearer {text}"),
        st.builds(lambda i, c: f"Bearer {_tampered(valid_token, i, c)}", st.integers(0, 10_000), base64url),
    )


def test_with_garbage_tokens(app: Flask, schema: Any, valid_token: str, figures: Figures,
                             tmp_path_factory: pytest.TempPathFactory) -> None:
    run = "garbage token"
    started = time.monotonic()
    garbage = garbage_headers(app, valid_token, tmp_path_factory.mktemp("foreign"))

    @settings(FUZZ, max_examples=600)
    @given(case=schema.as_strategy(generation_mode=GenerationMode.POSITIVE), authorization=garbage)
    def fuzz(case: Any, authorization: str) -> None:
        headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
        case.headers = {**headers, "Authorization": authorization}
        response = case.call(environ_base=LOOPBACK)
        figures.record(run, response)
        check(case, response, valid_token)

    fuzz()
    figures.seconds[run] = time.monotonic() - started
