"""The engine's wire format: every message on its two hops, as dataclasses, with one codec per hop.

Hop 1, worker <-> dispatcher: JSON lines on the dispatcher's Unix socket, one connection per generation
(closing it is the cancel). Hop 2, dispatcher <-> runner: JSON messages on a socket pair, framed by
multiprocessing's Connection.send_bytes. Both are JSON rather than pickle so that a reader can check
the shape of what arrives and say what is wrong, instead of unpickling whatever it is sent.

Each encoded message is an object `{"v": VERSION, "type": TAG, ...fields}`. A message of another
version, an unknown type or a wrong shape raises ProtocolError, whose text names the hop, the type and
the field, never a value: values carry the user's (redacted) text, which no log may hold.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import ClassVar, Generic, TypeAlias, TypeVar, Union

from backend.engine import ErrorKind, Finished, GenerationRequest, Started, TokenText

# Raise it when a message's fields change meaning; both ends of a hop are started by the same
# `kollega serve`, so a mismatch means a stale process, and the reader says so instead of guessing.
VERSION = 1

JsonValue: TypeAlias = "bool | int | float | str | list[JsonValue] | dict[str, JsonValue] | None"


class ProtocolError(Exception):
    """A message that this side cannot read; the text says which hop, type and field, never a value."""


# ----- hop 1: worker -> dispatcher ---------------------------------------------------------------


@dataclass(frozen=True)
class GenerateCall:
    """Start one generation; the dispatcher answers with engine events on the same connection."""

    TAG: ClassVar[str] = "generate"
    request: GenerationRequest


@dataclass(frozen=True)
class StatusCall:
    """Ask for the engine's status; the dispatcher answers with one StatusReply and closes."""

    TAG: ClassVar[str] = "status"


# ----- hop 1: dispatcher -> worker (Started, TokenText and Finished are the engine's own events) --


@dataclass(frozen=True)
class ErrorReply:
    """The generation was refused or ended early; the worker raises it as an EngineError."""

    TAG: ClassVar[str] = "error"
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
    TAG: ClassVar[str] = "status"
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
    TAG: ClassVar[str] = "generate"
    request: GenerationRequest


@dataclass(frozen=True)
class Cancel:
    TAG: ClassVar[str] = "cancel"
    request_id: str


@dataclass(frozen=True)
class Stop:
    TAG: ClassVar[str] = "stop"


# ----- hop 2: runner -> dispatcher ---------------------------------------------------------------


@dataclass(frozen=True)
class Ready:
    """The runner loaded the model and takes work."""

    TAG: ClassVar[str] = "ready"
    context_length: int
    pid: int


@dataclass(frozen=True)
class LoadFailed:
    """The runner could not load the model; `reason` names the error (no user text exists yet)."""

    TAG: ClassVar[str] = "load_failed"
    reason: str


@dataclass(frozen=True)
class RunStarted:
    TAG: ClassVar[str] = "started"
    request_id: str
    prompt_tokens: int


@dataclass(frozen=True)
class Tokens:
    """New text of each running generation since the runner's last batch, by request id, in order."""

    TAG: ClassVar[str] = "tokens"
    texts: dict[str, str] = field(repr=False)


@dataclass(frozen=True)
class RunFinished:
    TAG: ClassVar[str] = "done"
    request_id: str
    finish_reason: str
    prompt_tokens: int
    completion_tokens: int


@dataclass(frozen=True)
class RunFailed:
    TAG: ClassVar[str] = "error"
    request_id: str
    kind: ErrorKind
    detail: str


@dataclass(frozen=True)
class Cancelled:
    TAG: ClassVar[str] = "cancelled"
    request_id: str


WorkerCall = GenerateCall | StatusCall
WorkerReply = Started | TokenText | Finished | ErrorReply | StatusReply
RunnerCommand = Generate | Cancel | Stop
GenerationReport = RunStarted | Tokens | RunFinished | RunFailed | Cancelled
RunnerReport = Ready | LoadFailed | GenerationReport

# The engine's own events travel on hop 1 as they are; their tags live here, with the others.
_EVENT_TAGS: dict[type, str] = {Started: "started", TokenText: "token", Finished: "done"}

M = TypeVar("M")


class Codec(Generic[M]):
    """Encodes and decodes the messages of one direction of one hop."""

    def __init__(self, hop: str, *kinds: type[M]) -> None:
        self.hop = hop
        self._by_tag: dict[str, type[M]] = {_tag(kind): kind for kind in kinds}
        self._readers: dict[type, Callable[[object, str], object]] = {}
        for kind in kinds:
            self._readers[kind] = _reader(kind)

    def encode(self, message: M) -> bytes:
        body = _plain(message)
        assert isinstance(body, dict)
        return json.dumps({"v": VERSION, "type": _tag(type(message)), **body}, ensure_ascii=False).encode()

    def decode(self, data: bytes | str) -> M:
        try:
            raw = json.loads(data)
        except (ValueError, UnicodeDecodeError):
            raise ProtocolError(f"{self.hop}: a message that is not JSON") from None
        if not isinstance(raw, dict):
            raise ProtocolError(f"{self.hop}: a message that is not a JSON object")
        version = raw.pop("v", None)
        if version != VERSION:
            shown = version if isinstance(version, int) and not isinstance(version, bool) else "missing or invalid"
            raise ProtocolError(f"{self.hop}: protocol version {shown}; this side speaks version {VERSION}")
        tag = raw.pop("type", None)
        kind = self._by_tag.get(tag) if isinstance(tag, str) else None
        if kind is None:
            known = ", ".join(sorted(self._by_tag))
            raise ProtocolError(f"{self.hop}: an unknown message type (expected one of {known})")
        return typing.cast(M, self._readers[kind](raw, f"{self.hop} {tag}"))


def _tag(kind: type) -> str:
    tag = _EVENT_TAGS.get(kind) or getattr(kind, "TAG", None)
    if not isinstance(tag, str):
        raise TypeError(f"{kind.__name__} is not a protocol message")
    return tag


def _plain(value: object) -> JsonValue:
    """A message as JSON-ready values: dataclasses as objects, enums as their values, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return _plain(value.value)
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"{type(value).__name__} cannot be sent")


# ----- reading: one checker per type hint, built once per message class ---------------------------

Reader = Callable[[object, str], object]


def _reader(hint: object) -> Reader:
    """A function that checks a decoded JSON value against `hint` and returns it as that type."""
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_reader(hint)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum_reader(hint)
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (Union, types.UnionType):
        return _optional_reader(hint, args)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _reader(args[0])
        return lambda value, where: tuple(item(v, f"{where}[]") for v in _as_list(value, where))
    if origin is dict and args and args[0] is str:
        entry = _reader(args[1])
        return lambda value, where: {
            _expect(k, str, where): entry(v, f"{where}.{k}") for k, v in _as_dict(value, where).items()
        }
    if hint is float:
        return lambda value, where: float(typing.cast(float, _expect(value, (int, float), where)))
    if hint in (str, int, bool):
        expected = typing.cast(type, hint)
        return lambda value, where: _expect(value, expected, where)
    raise TypeError(f"no protocol reader for {hint!r}")


def _dataclass_reader(cls: type) -> Reader:
    hints = typing.get_type_hints(cls)
    fields = [(f.name, _reader(hints[f.name]), _has_default(f)) for f in dataclasses.fields(cls)]
    names: set[object] = {name for name, _, _ in fields}

    def read(value: object, where: str) -> object:
        body = _as_dict(value, where)
        unknown = set(body) - names
        if unknown:
            # Counted, not named: a malformed message may carry text in its keys as well as its values.
            raise ProtocolError(f"{where}: {len(unknown)} unexpected field(s)")
        arguments: dict[str, object] = {}
        for name, read_field, optional in fields:
            if name in body:
                arguments[name] = read_field(body[name], f"{where}.{name}")
            elif not optional:
                raise ProtocolError(f"{where}: field {name} is missing")
        return cls(**arguments)

    return read


def _enum_reader(cls: type[Enum]) -> Reader:
    values = {member.value: member for member in cls}

    def read(value: object, where: str) -> object:
        if isinstance(value, str | int) and value in values:
            return values[value]
        raise ProtocolError(f"{where}: not a known {cls.__name__}")

    return read


def _optional_reader(hint: object, args: tuple[object, ...]) -> Reader:
    others = [a for a in args if a is not type(None)]
    if len(others) != 1 or len(args) != 2:
        raise TypeError(f"only X | None unions are supported, not {hint!r}")
    inner = _reader(others[0])
    return lambda value, where: None if value is None else inner(value, where)


def _has_default(f: dataclasses.Field[object]) -> bool:
    return f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING


def _expect(value: object, expected: type | tuple[type, ...], where: str) -> object:
    # bool is an int to Python but not to this protocol: `true` is never a token count.
    if isinstance(value, bool) and expected is not bool:
        raise ProtocolError(f"{where}: should be {_name(expected)}, not a boolean")
    if not isinstance(value, expected):
        raise ProtocolError(f"{where}: should be {_name(expected)}")
    return value


def _as_dict(value: object, where: str) -> dict[object, object]:
    return typing.cast(dict[object, object], _expect(value, dict, where))


def _as_list(value: object, where: str) -> list[object]:
    return typing.cast(list[object], _expect(value, list, where))


def _name(expected: type | tuple[type, ...]) -> str:
    names = {dict: "an object", list: "a list", str: "a string", int: "an integer", float: "a number",
             bool: "a boolean"}
    kinds = expected if isinstance(expected, tuple) else (expected,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


# ----- the codecs ---------------------------------------------------------------------------------

TO_DISPATCHER: Codec[WorkerCall] = Codec("worker->dispatcher", GenerateCall, StatusCall)
TO_WORKER: Codec[WorkerReply] = Codec("dispatcher->worker", Started, TokenText, Finished, ErrorReply, StatusReply)
TO_RUNNER: Codec[RunnerCommand] = Codec("dispatcher->runner", Generate, Cancel, Stop)
FROM_RUNNER: Codec[RunnerReport] = Codec(
    "runner->dispatcher", Ready, LoadFailed, RunStarted, Tokens, RunFinished, RunFailed, Cancelled
)


def line(data: bytes) -> bytes:
    """Hop 1 frames messages as lines; JSON escapes every newline inside strings, so none is ambiguous."""
    return data + b"\n"

