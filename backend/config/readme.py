"""The README's settings table, written from the declaration in backend/settings.py.

`python -m backend.config.readme` rewrites the table in README.md; tests/settings checks that it is current.
"""

from __future__ import annotations

import sys
from dataclasses import fields
from pathlib import Path

from backend.config.declare import spec_of
from backend.settings import REPO_ROOT, Settings

README = REPO_ROOT / "README.md"
BEGIN = "<!-- settings table: written by `python -m backend.config.readme` from backend/settings.py -->"
END = "<!-- end of the settings table -->"


def table() -> str:
    """One row per setting an operator may set: name, meaning, values it takes, default."""
    rows = ["| name | meaning | values | default |", "|---|---|---|---|"]
    for item in fields(Settings):
        spec = spec_of(item)
        if not spec.internal:
            default = spec.shown or spec.kind.show(item.default)
            rows.append(f"| `{spec.env}` | {spec.help} | {spec.kind.describe()} | {default} |")
    return "\n".join(rows)


def with_table(text: str) -> str:
    """`text` (the README) with the table between its markers replaced by the current one."""
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n" + table() + "\n" + text[end:]


def main(path: Path = README) -> int:
    text = path.read_text(encoding="utf-8")
    updated = with_table(text)
    if updated != text:
        path.write_text(updated, encoding="utf-8")
        print(f"{path}: settings table rewritten", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
