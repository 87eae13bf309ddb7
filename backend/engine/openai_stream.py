"""Reading an OpenAI-compatible chat-completions stream (Server-Sent Events) on a thread of its own."""

from __future__ import annotations

import json
import queue
import threading
import time
from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int | None
    completion_tokens: int | None

    def counts(self, prompt: int, completion: int) -> tuple[int, int]:
        """The engine's own counts where it gave them, else ours."""
        return (prompt if self.prompt_tokens is None else self.prompt_tokens,
                completion if self.completion_tokens is None else self.completion_tokens)


@dataclass(frozen=True)
class Chunk:
    """One server-sent chunk of the answer: new text, the finish reason once, token usage at the end."""

    text: str
    finish_reason: str | None
    usage: Usage | None


# What the reader thread hands over: a chunk, None at the end of the stream, or what broke it.
StreamItem = Chunk | Exception | None


def read_stream(response: httpx.Response, events: queue.Queue[StreamItem], stop: threading.Event) -> None:
    """Parse the SSE stream into chunks; None at the end, or the exception that broke it."""
    try:
        for line in response.iter_lines():
            if stop.is_set():
                return
            if not line.startswith("data:"):
                continue
            data = line[5:].strip()
            if data == "[DONE]":
                break
            chunk = json.loads(data)
            usage = _usage(chunk.get("usage"))
            choices = chunk.get("choices") or []
            if choices:
                choice = choices[0]
                text = (choice.get("delta") or {}).get("content") or ""
                events.put(Chunk(str(text), choice.get("finish_reason"), usage))
            elif usage:
                events.put(Chunk("", None, usage))
        events.put(None)
    except Exception as exc:  # reported to the generating thread, which decides
        if not stop.is_set():
            events.put(exc)


def _usage(value: object) -> Usage | None:
    if not isinstance(value, dict):
        return None
    prompt, completion = value.get("prompt_tokens"), value.get("completion_tokens")
    return Usage(int(prompt) if isinstance(prompt, int | float) else None,
                  int(completion) if isinstance(completion, int | float) else None)


def drain_usage(events: queue.Queue[StreamItem], deadline: float) -> Usage | None:
    wait_until = min(deadline, time.time() + 2.0)
    while time.time() < wait_until:
        try:
            item = events.get(timeout=0.1)
        except queue.Empty:
            continue
        if item is None or isinstance(item, Exception):
            return None
        if item.usage:
            return item.usage
    return None
