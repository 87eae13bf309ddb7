"""The HTTP worker's side of the local engine: a thin client of the dispatcher's Unix socket."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from backend.engine import (
    IDLE,
    EngineError,
    EngineEvent,
    EngineStatus,
    EngineUnavailable,
    Finished,
    GenerationRequest,
    engine_error,
)
from backend.engine.model_folder import read_context_length
from backend.engine.protocol import (
    TO_DISPATCHER,
    TO_WORKER,
    ErrorReply,
    GenerateCall,
    ProtocolError,
    StatusCall,
    StatusReply,
    line,
)

if TYPE_CHECKING:
    from tokenizers import Tokenizer

log = logging.getLogger("kollega.engine")

# How long generate() waits for the next event before yielding IDLE, so the caller can flush coalesced
# output and check whether its HTTP client is still there.
POLL_INTERVAL_S = 0.1


class LocalOnnxEngine:
    """Generation by the local onnxruntime-genai runners, reached through the dispatcher."""

    name = "local-onnx"

    def __init__(self, socket_path: Path, model_path: Path) -> None:
        self.socket_path = socket_path
        self.model_path = model_path
        self._tokenizer: Tokenizer | None = None
        self._context_length: int | None = None
        self._lock = threading.Lock()

    @property
    def context_length(self) -> int:
        if self._context_length is None:
            self._context_length = read_context_length(self.model_path)
        return self._context_length

    def count_tokens(self, text: str) -> int:
        """Token count with the model's own tokenizer (HF tokenizers; releases the GIL, no model needed)."""
        with self._lock:
            if self._tokenizer is None:
                from tokenizers import Tokenizer

                self._tokenizer = Tokenizer.from_file(str(self.model_path / "tokenizer.json"))
            tokenizer = self._tokenizer
        return len(tokenizer.encode(text, add_special_tokens=False).ids)

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
        sock = self._connect()
        try:
            sock.sendall(line(TO_DISPATCHER.encode(GenerateCall(request))))
            sock.settimeout(POLL_INTERVAL_S)
            for data in _read_lines(sock):
                if data is None:
                    yield IDLE
                    continue
                try:
                    reply = TO_WORKER.decode(data)
                except ProtocolError as error:
                    log.error("%s", error)  # names the field, never a value
                    raise EngineError("The model engine sent an answer this server cannot read.") from None
                if isinstance(reply, ErrorReply):
                    raise engine_error(reply.kind, reply.detail, reply.retry_after)
                if isinstance(reply, StatusReply):
                    raise EngineError("The model engine answered a generation with its status.")
                yield reply
                if isinstance(reply, Finished):
                    return
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
            sock.sendall(line(TO_DISPATCHER.encode(StatusCall())))
            # The first item: the answer, or None when the dispatcher did not answer within the timeout.
            data = next(iter(_read_lines(sock)), None)
        except OSError:
            data = None
        finally:
            sock.close()
        if data is None:
            return EngineStatus(ready=False, detail="the engine did not answer")
        try:
            reply = TO_WORKER.decode(data)
        except ProtocolError as error:
            log.error("%s", error)
            return EngineStatus(ready=False, detail="the engine's answer could not be read")
        if not isinstance(reply, StatusReply):
            return EngineStatus(ready=False, detail="the engine did not answer with its status")
        return EngineStatus(ready=reply.ready, detail=reply.detail, queue_depth=reply.queue_depth,
                            active=reply.active, capacity=reply.capacity, counters=dict(reply.counters))


def _read_lines(sock: socket.socket) -> Iterator[bytes | None]:
    """Lines from the socket; None after each quiet poll interval; ends at EOF."""
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
        for data in lines:
            if data:
                yield data
