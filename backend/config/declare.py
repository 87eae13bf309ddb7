"""How a setting is declared: `setting()` makes a Settings field that carries its variable, kind and help.

A kind (backend/config/kinds.py) turns the text of one environment variable into a value (`parse`) and checks
a value, however it was made (`check`): load_settings runs both, create_app runs `check` again on a Settings
built in code. Every failure is a ConfigError that names the variable and says what to set instead.
"""

from __future__ import annotations

from dataclasses import Field, dataclass, field
from typing import Any


class ConfigError(Exception):
    """A setting is missing or wrong. The message names the setting and says what to do."""

    def __init__(self, name: str, problem: str, fix: str) -> None:
        self.name = name
        super().__init__(f"{name}: {problem}. {fix}")


class Kind:
    """Plain text. Subclasses parse and check other types; `expect` completes "Set it to ..."."""

    expect = "a text"

    def convert(self, text: str) -> Any:
        """The value for `text`; ValueError or TypeError when it is not one (the message comes from `expect`)."""
        return text

    def parse(self, name: str, text: str) -> Any:
        try:
            return self.convert(text)
        except (ValueError, TypeError):
            raise ConfigError(name, f"{text!r} is not {self.expect}", f"Set it to {self.expect}") from None

    def check(self, name: str, value: Any) -> None:
        """Raise ConfigError when `value` breaks this kind's bounds; None (unset) always passes."""

    def describe(self) -> str:
        """What the value may be, for the README."""
        return "text"

    def show(self, value: Any) -> str:
        """The default as the README shows it."""
        if value is None or value == ():
            return "none"
        if isinstance(value, bool):
            return f"`{str(value).lower()}`"
        if isinstance(value, float) and value.is_integer():
            return f"`{int(value)}`"
        if isinstance(value, tuple):
            return f"`{','.join(value)}`"
        return f"`{value}`"


@dataclass(frozen=True)
class Spec:
    """One setting's environment variable, kind and help text (the README's "meaning" column).

    `shown` replaces the README's default column where the default is computed or needs a word. `internal`
    settings are set by `kollega serve` for its own workers, not by an operator: the README leaves them out.
    """

    env: str
    kind: Kind
    help: str
    shown: str | None = None
    internal: bool = False


def setting(default: Any, env: str, kind: Kind, help: str, *, shown: str | None = None, secret: bool = False,
            internal: bool = False) -> Any:
    """A Settings field: its default and everything load_settings and the README need to know about it."""
    return field(default=default, repr=not secret, metadata={"setting": Spec(env, kind, help, shown, internal)})


def spec_of(dataclass_field: Field[Any]) -> Spec:
    spec: Spec = dataclass_field.metadata["setting"]
    return spec
