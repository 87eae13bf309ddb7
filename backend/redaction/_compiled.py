"""Refuse to run compiled redaction modules that are older than their sources.

`make compile` builds the hot modules (setup.py's COMPILED) with mypyc into C extensions beside their
.py files, and Python imports an extension before a source file of the same name. After an edit to
such a source, without a rebuild, the old code would run and tests would pass or fail on code that is
not the one in the file. In a checkout, an extension older than its source stops the import with what
to run. An installed wheel has no pyproject.toml beside the package and is not checked: its files are
written together, in no particular order.
"""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent.parent


def stale_modules(package: Path = PACKAGE) -> list[str]:
    """The sources, relative to the package, whose compiled extension is older than they are."""
    out: list[str] = []
    for suffix in EXTENSION_SUFFIXES:
        for ext in package.rglob("*" + suffix):
            source = ext.with_name(ext.name[: -len(suffix)] + ".py")
            if source.is_file() and source.stat().st_mtime > ext.stat().st_mtime:
                out.append(str(source.relative_to(package)))
    return sorted(out)


def check_compiled(package: Path = PACKAGE) -> None:
    if not (package.parent.parent / "pyproject.toml").is_file():
        return
    stale = stale_modules(package)
    if stale:
        raise ImportError(
            f"compiled redaction modules are older than their sources ({', '.join(stale)}): run `make compile` "
            "to rebuild them, or `make clean-compiled` to run the plain Python"
        )


check_compiled()
