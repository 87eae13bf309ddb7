"""The HTTP worker's side of the local engine: a thin client of the dispatcher's Unix socket."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from backend.engine import (
    ERRORS_BY_CODE,
    IDLE,
    EngineError,
    EngineEvent,
    EngineStatus,
    EngineUnavailable,
    Finished,
    GenerationRequest,
    Started,
    TokenText,
)

# How long generate() waits for the next event before yielding IDLE, so the caller can flush coalesced
# output and check whether its HTTP client is still there.
POLL_INTERVAL_S = 0.1


class LocalOnnxEngine:
    """Generation by the local onnxruntime-genai runners, reached through the dispatcher."""

    name = "local-onnx"

    def __init__(self, socket_path: Path, model_path: Path) -> None:
        self.socket_path = socket_path
        self.model_path = model_path
        self._tokenizer: Any = None
        self._context_length: int | None = None
        self._lock = threading.Lock()

    @property
    def context_length(self) -> int:
        if self._context_length is None:
            config = json.loads((self.model_path / "genai_config.json").read_text(encoding="utf-8"))
            self._context_length = int(config["model"]["context_length"])
        return self._context_length

    def count_tokens(self, text: str) -> int:
        """Token count with the model's own tokenizer (HF tokenizers; releases the GIL, no model needed)."""
        with self._lock:
            if self._tokenizer is None:
                from tokenizers import Tokenizer

                self._tokenizer = Tokenizer.from_file(str(self.model_path / "tokenizer.json"))
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)

    def _connect(self, timeout: float = 5.0) -> socket.socket:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(str(self.socket_path))
        except OSError:
            sock.close()
            raise EngineUnavailable("The model engine is not running. Try again shortly.", retry_after=5) from None
        return sock

    def generate(self, request: GenerationRequest) -> Iterator[EngineEvent]:
        payload = {
            "messages": [asdict(m) for m in request.messages],
            "max_new_tokens": request.max_new_tokens,
            "deadline": request.deadline,
            "temperature": request.temperature,
        }
        sock = self._connect()
        try:
            sock.sendall((json.dumps({"op": "generate", "request_id": request.request_id,
                                      "payload": payload}) + "\n").encode())
            sock.settimeout(POLL_INTERVAL_S)
            for message in _read_lines(sock):
                if message is None:
                    yield IDLE
                    continue
                kind = message["type"]
                if kind == "token":
                    yield TokenText(message["text"])
                elif kind == "started":
                    yield Started(message["prompt_tokens"])
                elif kind == "done":
                    yield Finished(message["finish_reason"], message["prompt_tokens"], message["completion_tokens"])
                    return
                elif kind == "error":
                    error_class = ERRORS_BY_CODE.get(message["code"], EngineError)
                    error = error_class(message["detail"], retry_after=message.get("retry_after"))
                    if error_class is EngineError and message["code"] != "internal":
                        error.code = message["code"]
                    raise error
            raise EngineUnavailable("The model engine stopped unexpectedly. Try again.", retry_after=5)
        finally:
            # Closing the socket is the cancel: the dispatcher stops the generation within one step.
            sock.close()

    def status(self) -> EngineStatus:
        try:
            sock = self._connect(timeout=2.0)
        except EngineError as exc:
            return EngineStatus(ready=False, detail=exc.detail)
        try:
            sock.sendall(b'{"op": "status"}\n')
            # The first item: the answer, or None when the dispatcher did not answer within the timeout.
            message = next(iter(_read_lines(sock)), None)
        except OSError:
            message = None
        finally:
            sock.close()
        if message is None:
            return EngineStatus(ready=False, detail="the engine did not answer")
        return EngineStatus(
            ready=bool(message["ready"]),
            detail=str(message["detail"]),
            queue_depth=int(message["queue_depth"]),
            active=int(message["active"]),
            capacity=int(message["capacity"]),
            counters={k: int(v) for k, v in message["counters"].items()},
        )


def _read_lines(sock: socket.socket) -> Iterator[dict[str, Any] | None]:
    """JSON lines from the socket; None after each quiet poll interval; ends at EOF."""
    buffer = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            yield None
            continue
        except OSError:
            return
        if not chunk:
            return
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            if line:
                yield json.loads(line)
