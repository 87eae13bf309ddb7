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

    def encode(self, message: M) -> bytes:
        tag = self._tags.get(type(message))
        if tag is None:
            raise TypeError(f"{type(message).__name__} is not a message of {self.hop}")
        body = _plain(message)
        assert isinstance(body, dict)
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
        return typing.cast(M, self._readers[kind](raw, f"{self.hop} {tag}"))


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
