"""The OpenAI-compatible engine against a scripted endpoint at the network boundary: the failure paths
that a real inference cluster shows (busy, down, slow, cut off) and cancellation."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from backend.engine import (
    ChatMessage,
    EngineBusy,
    EngineTimeout,
    EngineUnavailable,
    Finished,
    GenerationRequest,
    PromptTooLong,
    TokenText,
)
from backend.engine.remote import CircuitBreaker, RemoteEngine


class ScriptedOpenAI:
    """Answers /v1/chat/completions as `script` says: a list of (status, headers, chunks, delay_s)."""

    def __init__(self) -> None:
        self.script: list[tuple[int, dict[str, str], list[str], float]] = []
        self.requests: list[dict[str, Any]] = []
        self.disconnected = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append({"body": body, "auth": self.headers.get("Authorization")})
                status, headers, chunks, delay = outer.script.pop(0) if outer.script else (200, {}, ["hej"], 0)
                if status != 200:
                    payload = json.dumps({"error": {"message": headers.pop("X-Message", "nej")}}).encode()
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                try:
                    for i, text in enumerate(chunks):
                        finish = "stop" if i == len(chunks) - 1 else None
                        chunk = {"choices": [{"index": 0, "delta": {"content": text}, "finish_reason": finish}]}
                        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                        self.wfile.flush()
                        time.sleep(delay)
                    usage = {"choices": [], "usage": {"prompt_tokens": 11, "completion_tokens": len(chunks)}}
                    self.wfile.write(f"data: {json.dumps(usage)}\n\ndata: [DONE]\n\n".encode())
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    outer.disconnected.set()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def upstream() -> Iterator[ScriptedOpenAI]:
    server = ScriptedOpenAI()
    yield server
    server.close()


def engine(url: str, **kwargs: Any) -> RemoteEngine:
    kwargs.setdefault("breaker", CircuitBreaker(threshold=3, cool_down_s=30))
    return RemoteEngine(url, api_key="sekret", model="m", context_length=2048, **kwargs)


def request(cap: int = 50, deadline_s: float = 10) -> GenerationRequest:
    messages = (ChatMessage("user", "Sammanfatta [PERSON_1]s mejl."),)
    return GenerationRequest("r", messages, cap, time.time() + deadline_s)


def test_streams_text_with_the_cap_and_usage(upstream: ScriptedOpenAI) -> None:
    upstream.script.append((200, {}, ["Hej ", "[PERSON_1]", "!"], 0))
    events = [e for e in engine(upstream.url).generate(request(cap=7)) if e is not None]
    assert "".join(e.text for e in events if isinstance(e, TokenText)) == "Hej [PERSON_1]!"
    done = events[-1]
    assert isinstance(done, Finished) and done.prompt_tokens == 11 and done.completion_tokens == 3
    sent = upstream.requests[0]
    assert sent["body"]["max_tokens"] == 7 and sent["body"]["stream"] is True and sent["auth"] == "Bearer sekret"


def test_busy_upstream_is_retried_then_reported_with_retry_after(upstream: ScriptedOpenAI) -> None:
    upstream.script += [(429, {"Retry-After": "1"}, [], 0)] * 3
    with pytest.raises(EngineBusy) as busy:
        list(engine(upstream.url, max_retries=2).generate(request()))
    assert busy.value.retry_after == 1 and len(upstream.requests) == 3


def test_a_passing_503_is_retried_safely(upstream: ScriptedOpenAI) -> None:
    upstream.script += [(503, {}, [], 0), (200, {}, ["ok"], 0)]
    events = list(engine(upstream.url).generate(request()))
    assert any(isinstance(e, Finished) for e in events) and len(upstream.requests) == 2


def test_a_client_error_is_not_retried(upstream: ScriptedOpenAI) -> None:
    upstream.script.append((400, {"X-Message": "This model's maximum context length is 2048 tokens"}, [], 0))
    with pytest.raises(PromptTooLong):
        list(engine(upstream.url).generate(request()))
    assert len(upstream.requests) == 1


def test_unreachable_engine_opens_the_circuit(upstream: ScriptedOpenAI) -> None:
    url = upstream.url
    upstream.close()
    remote = engine(url, max_retries=1)
    with pytest.raises(EngineUnavailable):
        list(remote.generate(request()))
    with pytest.raises(EngineUnavailable):
        list(remote.generate(request()))
    assert not remote.status().ready
    started = time.monotonic()
    with pytest.raises(EngineUnavailable) as refused:
        list(remote.generate(request()))
    assert time.monotonic() - started < 0.1  # refused at once, without trying the network
    assert refused.value.retry_after is not None and refused.value.retry_after > 20


def test_closing_the_stream_closes_the_upstream_connection(upstream: ScriptedOpenAI) -> None:
    upstream.script.append((200, {}, ["ord "] * 200, 0.02))
    stream = engine(upstream.url).generate(request(cap=200))
    seen = 0
    for event in stream:
        if isinstance(event, TokenText):
            seen += 1
            if seen == 3:
                break
    stream.close()
    assert upstream.disconnected.wait(3)


def test_deadline_ends_a_slow_answer(upstream: ScriptedOpenAI) -> None:
    upstream.script.append((200, {}, ["långsam "] * 50, 0.1))
    with pytest.raises(EngineTimeout):
        list(engine(upstream.url).generate(request(deadline_s=0.5)))


def test_context_length_comes_from_configuration(upstream: ScriptedOpenAI) -> None:
    remote = engine(upstream.url)
    assert remote.context_length == 2048
    assert 0 < remote.count_tokens("kort") < remote.count_tokens("en betydligt längre text om verksamheten")
