"""A JSON codec for dataclass messages that checks what it reads and says what is wrong without quoting it.

Used by protocol.py, which lists the messages; this module knows only how to write and read them.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Generic, TypeAlias, TypeVar, Union

JsonValue: TypeAlias = "bool | int | float | str | list[JsonValue] | dict[str, JsonValue] | None"


class ProtocolError(Exception):
    """A message that this side cannot read; the text says which hop, type and field, never a value."""


M = TypeVar("M")


class Codec(Generic[M]):
    """Encodes and decodes the messages of one direction of one hop as `{"v", "type", ...fields}`."""

    def __init__(self, hop: str, version: int, messages: Mapping[str, type[M]]) -> None:
        self.hop = hop
        self.version = version
        self._by_tag = dict(messages)
        self._tags: dict[type, str] = {kind: tag for tag, kind in messages.items()}
        self._readers: dict[type, Reader] = {kind: _reader(kind) for kind in messages.values()}
        self._writers: dict[type, Writer] = {kind: _writer(kind) for kind in messages.values()}

    def encode(self, message: M) -> bytes:
        tag = self._tags.get(type(message))
        if tag is None:
            raise TypeError(f"{type(message).__name__} is not a message of {self.hop}")
        body = typing.cast(dict[str, JsonValue], self._writers[type(message)](message))
        return json.dumps({"v": self.version, "type": tag, **body}, ensure_ascii=False).encode()

    def decode(self, data: bytes | str) -> M:
        try:
            raw = json.loads(data)
        except (ValueError, UnicodeDecodeError):
            raise ProtocolError(f"{self.hop}: a message that is not JSON") from None
        if not isinstance(raw, dict):
            raise ProtocolError(f"{self.hop}: a message that is not a JSON object")
        version = raw.pop("v", None)
        if version != self.version:
            shown = version if isinstance(version, int) and not isinstance(version, bool) else "missing or invalid"
            raise ProtocolError(f"{self.hop}: protocol version {shown}; this side speaks version {self.version}")
        tag = raw.pop("type", None)
        kind = self._by_tag.get(tag) if isinstance(tag, str) else None
        if kind is None:
            known = ", ".join(sorted(self._by_tag))
            raise ProtocolError(f"{self.hop}: an unknown message type (expected one of {known})")
        try:
            return typing.cast(M, self._readers[kind](raw))
        except _Invalid as error:
            raise ProtocolError(f"{self.hop} {tag}{error.path}: {error.problem}") from None


# ----- writing: one writer per type hint, built once per message class ------------------------------

Writer = Callable[[object], JsonValue]


def _identity(value: object) -> JsonValue:
    return typing.cast(JsonValue, value)


def _writer(hint: object) -> Writer:
    """A function that turns a value of type `hint` into JSON-ready values (enums as values, tuples as lists)."""
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        fields = [(f.name, _writer(hints[f.name])) for f in dataclasses.fields(hint)]
        return lambda value: {name: write(getattr(value, name)) for name, write in fields}
    if isinstance(hint, type) and issubclass(hint, Enum):
        return lambda value: typing.cast(Enum, value).value
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Union, types.UnionType):
        inner = _writer(next(a for a in args if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        item = _writer(args[0])
        return lambda value: [item(v) for v in typing.cast(tuple[object, ...], value)]
    if origin is dict:
        entry = _writer(args[1])
        if entry is _identity:
            return _identity
        return lambda value: {k: entry(v) for k, v in typing.cast(dict[str, object], value).items()}
    if hint in (str, int, float, bool):
        return _identity
    raise TypeError(f"no protocol writer for {hint!r}")


# ----- reading: one checker per type hint, built once per message class ---------------------------
# A checker builds no text on the way in; a failure collects its path on the way out (_Invalid), so a
# valid message costs little more than json.loads.

Reader = Callable[[object], object]


class _Invalid(Exception):
    def __init__(self, path: str, problem: str) -> None:
        super().__init__(problem)
        self.path = path
        self.problem = problem

    def within(self, step: str) -> _Invalid:
        return _Invalid(step + self.path, self.problem)


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
        return _tuple_reader(_reader(args[0]))
    if origin is dict and args and args[0] is str:
        return _dict_reader(_reader(args[1]))
    if hint is float:
        return lambda value: value if type(value) is float else float(typing.cast(float, _expect(value, (int, float))))
    if hint in (str, int, bool):
        expected = typing.cast(type, hint)
        # `type(...) is` first: the common case in one comparison, and a bool is not an int here.
        return lambda value: value if type(value) is expected else _expect(value, expected)
    raise TypeError(f"no protocol reader for {hint!r}")


def _dataclass_reader(cls: type) -> Reader:
    hints = typing.get_type_hints(cls)
    fields = [(f.name, _reader(hints[f.name]), _has_default(f)) for f in dataclasses.fields(cls)]
    names: set[object] = {name for name, _, _ in fields}

    def read(value: object) -> object:
        body = typing.cast(dict[object, object], _expect(value, dict))
        if not names.issuperset(body):
            # Counted, not named: a malformed message may carry text in its keys as well as its values.
            raise _Invalid("", f"{len(set(body) - names)} unexpected field(s)")
        arguments: dict[str, object] = {}
        for name, read_field, optional in fields:
            if name in body:
                try:
                    arguments[name] = read_field(body[name])
                except _Invalid as error:
                    raise error.within(f".{name}") from None
            elif not optional:
                raise _Invalid("", f"field {name} is missing")
        return cls(**arguments)

    return read


def _tuple_reader(item: Reader) -> Reader:
    def read(value: object) -> object:
        items = typing.cast(list[object], _expect(value, list))
        try:
            return tuple(item(v) for v in items)
        except _Invalid as error:
            raise error.within("[]") from None

    return read


def _dict_reader(entry: Reader) -> Reader:
    def read(value: object) -> object:
        body = typing.cast(dict[str, object], _expect(value, dict))
        result: dict[str, object] = {}
        for key, item in body.items():
            try:
                result[key] = entry(item)
            except _Invalid as error:
                raise error.within(f".{key}") from None
        return result

    return read


def _enum_reader(cls: type[Enum]) -> Reader:
    values = {member.value: member for member in cls}

    def read(value: object) -> object:
        if isinstance(value, str | int) and value in values:
            return values[value]
        raise _Invalid("", f"not a known {cls.__name__}")

    return read


def _optional_reader(hint: object, args: tuple[object, ...]) -> Reader:
    others = [a for a in args if a is not type(None)]
    if len(others) != 1 or len(args) != 2:
        raise TypeError(f"only X | None unions are supported, not {hint!r}")
    inner = _reader(others[0])
    return lambda value: None if value is None else inner(value)


def _has_default(f: dataclasses.Field[object]) -> bool:
    return f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING


def _expect(value: object, expected: type | tuple[type, ...]) -> object:
    # bool is an int to Python but not to this protocol: `true` is never a token count.
    if isinstance(value, bool) and expected is not bool:
        raise _Invalid("", f"should be {_name(expected)}, not a boolean")
    if not isinstance(value, expected):
        raise _Invalid("", f"should be {_name(expected)}")
    return value


def _name(expected: type | tuple[type, ...]) -> str:
    names = {dict: "an object", list: "a list", str: "a string", int: "an integer", float: "a number",
             bool: "a boolean"}
    kinds = expected if isinstance(expected, tuple) else (expected,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)
