"""The engine's wire format: every message on its two hops, as dataclasses, with one codec per hop.

Hop 1, worker <-> dispatcher: JSON lines on the dispatcher's Unix socket, one connection per generation
(closing it is the cancel). Hop 2, dispatcher <-> runner: JSON messages on a socket pair, framed by
multiprocessing's Connection.send_bytes. Both are JSON rather than pickle so that a reader can check
the shape of what arrives and say what is wrong, instead of unpickling whatever it is sent.

Each encoded message is an object `{"v": VERSION, "type": tag, ...fields}`. A message of another
version, an unknown type or a wrong shape raises ProtocolError, whose text names the hop, the type and
the field, never a value: values carry the user's (redacted) text, which no log may hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from backend.engine import ErrorKind, Finished, GenerationRequest, Started, TokenText
from backend.engine.codec import Codec
from backend.engine.codec import ProtocolError as ProtocolError

# Raise it when a message's fields change meaning; both ends of a hop are started by the same
# `kollega serve`, so a mismatch means a stale process, and the reader says so instead of guessing.
VERSION = 1


# ----- hop 1: worker -> dispatcher ---------------------------------------------------------------


@dataclass(frozen=True)
class GenerateCall:
    """Start one generation; the dispatcher answers with engine events on the same connection."""

    request: GenerationRequest


@dataclass(frozen=True)
class StatusCall:
    """Ask for the engine's status; the dispatcher answers with one StatusReply and closes."""


# ----- hop 1: dispatcher -> worker (Started, TokenText and Finished are the engine's own events) --


@dataclass(frozen=True)
class ErrorReply:
    """The generation was refused or ended early; the worker raises it as an EngineError."""

    kind: ErrorKind
    detail: str
    retry_after: int | None = None


@dataclass(frozen=True)
class RunnerState:
    ready: bool
    restarts: int
    pid: int | None


@dataclass(frozen=True)
class StatusReply:
    ready: bool
    detail: str
    queue_depth: int
    active: int
    capacity: int
    context_length: int
    runners: tuple[RunnerState, ...]
    counters: dict[str, int]


# ----- hop 2: dispatcher -> runner ---------------------------------------------------------------


@dataclass(frozen=True)
class Generate:
    request: GenerationRequest


@dataclass(frozen=True)
class Cancel:
    request_id: str


@dataclass(frozen=True)
class Stop:
    """Finish: the runner exits after its current step."""


# ----- hop 2: runner -> dispatcher ---------------------------------------------------------------


@dataclass(frozen=True)
class Ready:
    """The runner loaded the model and takes work."""

    context_length: int
    pid: int


@dataclass(frozen=True)
class LoadFailed:
    """The runner could not load the model; `reason` names the error (no user text exists yet)."""

    reason: str


@dataclass(frozen=True)
class RunStarted:
    request_id: str
    prompt_tokens: int


@dataclass(frozen=True)
class Tokens:
    """New text of each running generation since the runner's last batch, by request id, in order."""

    texts: dict[str, str] = field(repr=False)


@dataclass(frozen=True)
class RunFinished:
    request_id: str
    finish_reason: str
    prompt_tokens: int
    completion_tokens: int


@dataclass(frozen=True)
class RunFailed:
    request_id: str
    kind: ErrorKind
    detail: str


@dataclass(frozen=True)
class Cancelled:
    request_id: str


WorkerCall = GenerateCall | StatusCall
WorkerReply = Started | TokenText | Finished | ErrorReply | StatusReply
RunnerCommand = Generate | Cancel | Stop
GenerationReport = RunStarted | Tokens | RunFinished | RunFailed | Cancelled
RunnerReport = Ready | LoadFailed | GenerationReport


# ----- the codecs: one per direction of each hop; the tags are the wire names ----------------------

TO_DISPATCHER: Codec[WorkerCall] = Codec("worker->dispatcher", VERSION, {
    "generate": GenerateCall, "status": StatusCall,
})
# The engine's own events travel on hop 1 as they are.
TO_WORKER: Codec[WorkerReply] = Codec("dispatcher->worker", VERSION, {
    "started": Started, "token": TokenText, "done": Finished, "error": ErrorReply, "status": StatusReply,
})
TO_RUNNER: Codec[RunnerCommand] = Codec("dispatcher->runner", VERSION, {
    "generate": Generate, "cancel": Cancel, "stop": Stop,
})
FROM_RUNNER: Codec[RunnerReport] = Codec("runner->dispatcher", VERSION, {
    "ready": Ready, "load_failed": LoadFailed, "started": RunStarted, "tokens": Tokens, "done": RunFinished,
    "error": RunFailed, "cancelled": Cancelled,
})


def line(data: bytes) -> bytes:
    """Hop 1 frames messages as lines; JSON escapes every newline inside strings, so none is ambiguous."""
    return data + b"\n"
