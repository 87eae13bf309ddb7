"""Answers for a generation: Server-Sent Events with coalesced deltas, or one JSON object."""

from __future__ import annotations

import json
import select
import socket
import time
from collections.abc import Callable, Iterator
from typing import Any

from flask import Response, request, stream_with_context

from backend.generation.events import Citations, Delta, Done, Failed, Meta, Progress, Revision
from backend.generation.pipeline import GenerationStream, close_stream
from backend.problems import Problem


def wants_event_stream() -> bool:
    return "text/event-stream" in request.headers.get("Accept", "")


def client_gone_check(environ: dict[str, Any]) -> Callable[[], bool]:
    """A cheap test for a client that hung up, so its generation stops before the next write fails."""
    sock = environ.get("gunicorn.socket")
    if not isinstance(sock, socket.socket):
        return lambda: False

    def gone() -> bool:
        try:
            readable, _, _ = select.select([sock], [], [], 0)
            if not readable:
                return False
            return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
        except BlockingIOError:
            return False
        except OSError:
            return True

    return gone


def sse(event: str, data: dict[str, Any]) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


def event_stream(stream: GenerationStream, flush_interval: float, gone: Callable[[], bool]) -> Iterator[bytes]:
    """SSE frames. Deltas are coalesced so the browser gets a few events a second, not one per token."""
    buffer: list[str] = []
    last_flush = 0.0
    events = iter(stream)
    try:
        for event in events:
            if isinstance(event, Delta):
                buffer.append(event.text)
                now = time.monotonic()
                # The first text goes out at once: time to first token is what the user feels.
                if last_flush == 0.0 or now - last_flush >= flush_interval:
                    if gone():
                        return
                    yield sse("delta", {"text": "".join(buffer)})
                    buffer.clear()
                    last_flush = now
                continue
            if event is None:
                if gone():
                    return
                if buffer and time.monotonic() - last_flush >= flush_interval:
                    yield sse("delta", {"text": "".join(buffer)})
                    buffer.clear()
                    last_flush = time.monotonic()
                continue
            if buffer:
                yield sse("delta", {"text": "".join(buffer)})
                buffer.clear()
            if isinstance(event, Meta):
                yield sse("meta", {"request_id": event.request_id, "redactions": event.redactions})
            elif isinstance(event, Progress):
                yield sse("progress", {"part": event.part, "parts": event.parts})
            elif isinstance(event, Citations):
                yield sse("citations", {"citations": list(event.citations)})
            elif isinstance(event, Revision):
                yield sse("revision", {"round": event.round, "findings": event.findings,
                                       "readability": event.readability})
            elif isinstance(event, Done):
                usage = {"prompt_tokens": event.prompt_tokens, "completion_tokens": event.completion_tokens}
                yield sse("done", {"finish_reason": event.finish_reason, "usage": usage, **event.extra})
            elif isinstance(event, Failed):
                yield sse("error", event.problem.to_json())
    finally:
        close_stream(events)  # a dropped client lands here: closing the stream cancels the generation


def sse_response(stream: GenerationStream, flush_interval: float) -> Response:
    gone = client_gone_check(request.environ)
    body = stream_with_context(event_stream(stream, flush_interval, gone))
    response = Response(body, mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Accel-Buffering"] = "no"  # nginx must pass each event on at once
    response.headers["X-Request-Id"] = stream.meta.request_id
    return response


class ClientGone(Exception):
    """The HTTP client hung up while its answer was being collected."""


def collect(stream: GenerationStream) -> tuple[str, Done]:
    """The whole answer of a stream, for a JSON reply. Raises the stream's Problem, or ClientGone."""
    gone = client_gone_check(request.environ)
    pieces: list[str] = []
    cited: dict[str, Any] = {}
    events = iter(stream)
    try:
        for event in events:
            if event is None and gone():
                raise ClientGone
            if isinstance(event, Delta):
                pieces.append(event.text)
            elif isinstance(event, Citations):
                cited = {"citations": list(event.citations)}
            elif isinstance(event, Revision):
                pieces.clear()  # the revised text replaces the draft
            elif isinstance(event, Failed):
                raise event.problem
            elif isinstance(event, Done):
                if cited:  # the JSON answer carries them beside the text
                    event = Done(event.finish_reason, event.prompt_tokens, event.completion_tokens,
                                 {**event.extra, **cited})
                return "".join(pieces), event
    finally:
        close_stream(events)
    raise Problem(502, "internal", "The generation ended without an answer.")


def json_response(stream: GenerationStream) -> Response:
    try:
        text, done = collect(stream)
    except ClientGone:
        return Response(status=499)
    body = {
        "text": text,
        "finish_reason": done.finish_reason,
        "usage": {"prompt_tokens": done.prompt_tokens, "completion_tokens": done.completion_tokens},
        "redactions": stream.meta.redactions,
        "request_id": stream.meta.request_id,
        **done.extra,
    }
    return Response(json.dumps(body, ensure_ascii=False), mimetype="application/json")
