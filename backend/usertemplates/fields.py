"""Named fields in a template's instruction: `{ärende}` is a field, `{{` and `}}` are literal braces.

The syntax is Python's format-string syntax, read with the standard library's parser, but only plain names
are allowed: no positions (`{0}`), attributes (`{a.b}`), indexes, conversions or format specs. Filling is
done here, piece by piece, never with str.format, so a value can never reach into an object.
"""

from __future__ import annotations

from string import Formatter

MAX_NAME_CHARS = 40


class FieldError(ValueError):
    """The instruction's fields are malformed; the message says where, never quoting the text."""


def field_names(instruction: str) -> list[str]:
    """The fields in order of first appearance. Raises FieldError for a malformed instruction."""
    names: list[str] = []
    for _literal, name, spec, conversion in _parse(instruction):
        if name is None:
            continue
        if not name.isidentifier() or len(name) > MAX_NAME_CHARS:
            raise FieldError(
                f"A field must be a name of letters, digits and _ (at most {MAX_NAME_CHARS} characters, not "
                "starting with a digit), written as {name}; write {{ and }} for literal braces."
            )
        if spec or conversion:
            raise FieldError("A field is written as {name}, without ':' or '!' after the name.")
        if name not in names:
            names.append(name)
    return names


def fill(instruction: str, values: dict[str, str]) -> str:
    """The instruction with each field replaced by its value; every field must have one."""
    out: list[str] = []
    for literal, name, _spec, _conversion in _parse(instruction):
        out.append(literal)
        if name is not None:
            out.append(values[name])
    return "".join(out)


def _parse(instruction: str) -> list[tuple[str, str | None, str | None, str | None]]:
    try:
        return list(Formatter().parse(instruction))
    except ValueError:
        # "Single '}' encountered" and the like; Python's message names no position we could show safely.
        raise FieldError("The instruction has an unmatched { or }; write {{ and }} for literal braces.") from None
