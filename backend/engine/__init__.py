"""The inference engine seam: one small interface, with a local ONNX engine and an OpenAI-compatible one behind it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
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


@dataclass(frozen=True)
class Idle:
    """Nothing arrived for a moment: the caller may flush its output and check that its client is still there."""


# The one Idle event; generate() yields it while it waits, so a caller can test `event is IDLE`.
IDLE = Idle()

EngineEvent = Started | TokenText | Finished | Idle


class ErrorKind(Enum):
    """Why a generation did not happen or did not finish, in the engine's own terms (no HTTP here).

    The values travel on the engine's wire and label `kollega_engine_requests_total{outcome}`; they are
    the names that metric used before the kinds existed, so dashboards and alert rules keep working.
    """

    BUSY = "busy"  # the queue is full; retry_after estimates when a place frees up
    UNAVAILABLE = "engine_unavailable"  # not running, restarting, or a remote engine that does not answer
    SHUTTING_DOWN = "shutting_down"  # the server is draining before a restart
    TIMEOUT = "timeout"  # the request's deadline passed, in the queue or while generating
    TOO_LONG = "text_too_long"  # the prompt does not fit the model's context
    FAILED = "internal"  # anything else: the model or the engine broke; trying again may not help


class EngineError(Exception):
    """Generation failed, for a reason of `kind`; `retry_after` (seconds) is set where trying later helps."""

    kind = ErrorKind.FAILED

    def __init__(self, detail: str, *, retry_after: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.retry_after = retry_after


class EngineBusy(EngineError):
    kind = ErrorKind.BUSY


class EngineUnavailable(EngineError):
    kind = ErrorKind.UNAVAILABLE


class EngineShuttingDown(EngineError):
    kind = ErrorKind.SHUTTING_DOWN


class EngineTimeout(EngineError):
    kind = ErrorKind.TIMEOUT


class PromptTooLong(EngineError):
    kind = ErrorKind.TOO_LONG


ERRORS_BY_KIND: dict[ErrorKind, type[EngineError]] = {
    cls.kind: cls for cls in (EngineError, EngineBusy, EngineUnavailable, EngineShuttingDown, EngineTimeout,
                              PromptTooLong)
}


def engine_error(kind: ErrorKind, detail: str, retry_after: int | None = None) -> EngineError:
    """The error of `kind`, as its own class, so callers may catch EngineBusy and the like."""
    return ERRORS_BY_KIND[kind](detail, retry_after=retry_after)


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
