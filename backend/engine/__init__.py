"""The inference engine seam: one small interface, a local ONNX engine behind it (and later a remote one)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class ChatMessage:
    role: str  # "system" | "user" | "assistant"
    content: str = field(repr=False)


@dataclass(frozen=True)
class GenerationRequest:
    """One generation: chat messages in, at most max_new_tokens out, before the deadline (epoch seconds)."""

    request_id: str
    messages: tuple[ChatMessage, ...]
    max_new_tokens: int
    deadline: float
    temperature: float = 0.0


@dataclass(frozen=True)
class Started:
    prompt_tokens: int


@dataclass(frozen=True)
class TokenText:
    text: str = field(repr=False)


@dataclass(frozen=True)
class Finished:
    finish_reason: str  # "stop" | "length"
    prompt_tokens: int
    completion_tokens: int


# Yielded by generate() while nothing arrived for a moment, so the caller can flush output and notice a
# client that has gone away without waiting for the next token.
IDLE = None

EngineEvent = Started | TokenText | Finished | None


class EngineError(Exception):
    """Generation failed. `code` is the API's problem code; `retry_after` is set where trying later helps."""

    status = 500
    code = "internal"

    def __init__(self, detail: str, *, retry_after: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.retry_after = retry_after


class EngineBusy(EngineError):
    status = 503
    code = "busy"


class EngineUnavailable(EngineError):
    status = 503
    code = "engine_unavailable"


class EngineShuttingDown(EngineError):
    status = 503
    code = "shutting_down"


class EngineTimeout(EngineError):
    status = 504
    code = "timeout"


class PromptTooLong(EngineError):
    status = 422
    code = "text_too_long"


@dataclass(frozen=True)
class EngineStatus:
    ready: bool
    detail: str
    queue_depth: int = 0
    active: int = 0
    capacity: int = 0
    counters: dict[str, int] = field(default_factory=dict)


class Engine(Protocol):
    """What the pipeline needs from an engine; local ONNX or an OpenAI-compatible endpoint."""

    name: str

    @property
    def context_length(self) -> int: ...

    def count_tokens(self, text: str) -> int: ...

    def generate(self, request: GenerationRequest) -> Iterator[EngineEvent]:
        """Stream events. Closing the iterator cancels the generation. Raises EngineError."""
        ...

    def status(self) -> EngineStatus: ...


ERRORS_BY_CODE: dict[str, type[EngineError]] = {
    cls.code: cls for cls in (EngineError, EngineBusy, EngineUnavailable, EngineShuttingDown, EngineTimeout,
                              PromptTooLong)
}
