"""The kinds of value a setting may hold: how its text is parsed, how its value is checked, how the README
describes it. Each failure is a ConfigError naming the variable, with a message that says what to set."""

from __future__ import annotations

import ipaddress
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from limits import parse_many

from backend.config.declare import ConfigError, Kind
from backend.loopback import is_loopback


class Whole(Kind):
    """A whole number within bounds; with `auto`, the word auto means None (the code picks)."""

    expect = "a whole number"

    def __init__(self, minimum: int = 0, maximum: int | None = None, *, auto: bool = False) -> None:
        self.minimum, self.maximum, self.auto = minimum, maximum, auto

    def convert(self, text: str) -> int | None:
        return None if self.auto and text.lower() == "auto" else int(text)

    def check(self, name: str, value: Any) -> None:
        if value is not None and (value < self.minimum or (self.maximum is not None and value > self.maximum)):
            upper = f" and at most {self.maximum}" if self.maximum is not None else ""
            auto = ", or auto" if self.auto else ""
            raise ConfigError(name, f"{value} is out of range", f"Use a number of at least {self.minimum}{upper}{auto}")

    def show(self, value: Any) -> str:
        return "`auto`" if value is None and self.auto else super().show(value)

    def describe(self) -> str:
        upper = f" to {self.maximum}" if self.maximum is not None else " or more"
        return f"{self.minimum}{upper}" + (", or `auto`" if self.auto else "")


class Number(Kind):
    expect = "a number"

    def __init__(self, minimum: float = 0.0) -> None:
        self.minimum = minimum

    def convert(self, text: str) -> float:
        return float(text)

    def describe(self) -> str:
        return f"a number, {self.minimum:g} or more"

    def check(self, name: str, value: Any) -> None:
        if value is not None and value < self.minimum:
            raise ConfigError(name, f"{value} is below {self.minimum}", f"Use a number of at least {self.minimum}")


class Flag(Kind):
    expect = "true or false"
    WORDS: ClassVar[dict[str, bool]] = {"true": True, "1": True, "yes": True, "on": True,
                                        "false": False, "0": False, "no": False, "off": False}

    def describe(self) -> str:
        return "`true` or `false`"

    def convert(self, text: str) -> bool:
        try:
            return self.WORDS[text.lower()]
        except KeyError:
            raise ValueError(text) from None


class Choice(Kind):
    """One of a few words, in any case; `upper` keeps the value in capitals (log levels)."""

    def __init__(self, *options: str, upper: bool = False) -> None:
        self.options, self.upper = options, upper

    def convert(self, text: str) -> str:
        return text.upper() if self.upper else text.lower()

    def check(self, name: str, value: Any) -> None:
        if value.lower() not in self.options:
            raise ConfigError(name, f"{value.lower()!r} is not a known value", f"Use one of: {', '.join(self.options)}")

    def show(self, value: Any) -> str:
        return f"`{value.lower()}`"

    def describe(self) -> str:
        return " or ".join(f"`{option}`" for option in self.options)


class Guid(Kind):
    """A GUID, or with `many` a comma-separated list of them; kept in canonical lower case."""

    def __init__(self, *, many: bool = False) -> None:
        self.many = many

    def describe(self) -> str:
        return "GUIDs, comma-separated" if self.many else "a GUID"

    def parse(self, name: str, text: str) -> Any:
        items = tuple(item.strip() for item in text.split(",") if item.strip()) if self.many else (text,)
        guids = tuple(self._one(name, item) for item in items)
        return guids if self.many else guids[0]

    @staticmethod
    def _one(name: str, value: str) -> str:
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise ConfigError(name, f"{value!r} is not a GUID",
                              "Copy the id from the app registration's Overview page in Entra ID") from None


class Words(Kind):
    """A comma-separated list."""

    def describe(self) -> str:
        return "a comma-separated list"

    def convert(self, text: str) -> tuple[str, ...]:
        return tuple(item.strip() for item in text.split(",") if item.strip())


class Networks(Words):
    """Addresses or CIDR networks, comma-separated, kept in normalised form."""

    def describe(self) -> str:
        return "addresses or CIDR networks, comma-separated"

    def parse(self, name: str, text: str) -> tuple[str, ...]:
        try:
            return tuple(str(ipaddress.ip_network(item, strict=False)) for item in self.convert(text))
        except ValueError as exc:
            raise ConfigError(name, f"{exc}",
                              "List addresses or networks, comma-separated, e.g. 127.0.0.1,10.8.0.0/24") from None


class Url(Kind):
    """An http(s) URL without a trailing slash. `loopback_http` names the https host to use instead of plain
    http to anything but this machine; without it, any http(s) URL passes (a rule elsewhere may judge it)."""

    def __init__(self, loopback_http: str | None = None) -> None:
        self.loopback_http = loopback_http

    def describe(self) -> str:
        return "an https URL (http only to loopback)" if self.loopback_http else "an http(s) URL"

    def parse(self, name: str, text: str) -> str:
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(name, f"{text!r} is not an http(s) URL", "Give a full URL such as https://host")
        return text.rstrip("/")

    def check(self, name: str, value: Any) -> None:
        parts = urlsplit(value or "")
        if self.loopback_http and parts.scheme == "http" and not is_loopback(parts.hostname or ""):
            raise ConfigError(name, "plain http is only accepted for a loopback test server", self.loopback_http)


class Pattern(Kind):
    """Text that must match `pattern`; `problem` and `fix` complete the message when it does not."""

    def __init__(self, pattern: str, problem: str, fix: str, values: str) -> None:
        self.pattern, self.problem, self.fix, self.values = re.compile(pattern), problem, fix, values

    def describe(self) -> str:
        return self.values

    def check(self, name: str, value: Any) -> None:
        if value and not self.pattern.match(value):
            raise ConfigError(name, self.problem, self.fix)


class Secret(Kind):
    """A key the operator generates: long enough to be one."""

    def __init__(self, min_length: int) -> None:
        self.min_length = min_length

    def describe(self) -> str:
        return f"at least {self.min_length} characters"

    def check(self, name: str, value: Any) -> None:
        if value is not None and len(value) < self.min_length:
            raise ConfigError(name, f"is shorter than {self.min_length} characters",
                              "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'")


class Where(Kind):
    """A file or folder path (a leading ~ is expanded). `need` says what must be there; `fix` how to set it."""

    def __init__(self, need: str = "", fix: str = "") -> None:
        self.need, self.fix = need, fix

    def describe(self) -> str:
        return {"file": "a file", "folder": "a folder", "certificates": "a PEM file"}.get(self.need, "a path")

    def convert(self, text: str) -> Path:
        return Path(text).expanduser()

    def check(self, name: str, value: Any) -> None:
        if value is None or not self.need:
            return
        if self.need == "file" and not value.is_file():
            raise ConfigError(name, f"{value} does not exist", self.fix)
        if self.need == "folder" and not value.is_dir():
            raise ConfigError(name, f"{value} is not a folder", self.fix)
        if self.need == "certificates" and not (value.is_file() and b"-----BEGIN CERTIFICATE" in value.read_bytes()):
            raise ConfigError(name, f"{value} is not a PEM file of certificates", self.fix)


class Expiry(Kind):
    """An ISO date or date-time; UTC when no offset is given."""

    expect = "a date such as 2027-06-30"

    def describe(self) -> str:
        return "an ISO date"

    def convert(self, text: str) -> datetime:
        parsed = datetime.fromisoformat(text)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class RateLimit(Kind):
    """flask-limiter's syntax: a count per period such as "20/minute", several joined by ";"."""

    FIX = 'Use a count per period such as "20/minute" or "500 per hour"; join several with ";"'

    def describe(self) -> str:
        return "count per period, e.g. `20/minute`"

    def check(self, name: str, value: Any) -> None:
        try:
            items = parse_many(value)
        except ValueError:
            raise ConfigError(name, f"{value!r} is not a rate limit", self.FIX) from None
        if not items or any(item.amount < 1 for item in items):
            raise ConfigError(name, f"{value!r} allows no requests at all", self.FIX)
