"""`kollega redact [--jsonl]`: the redaction preview on the command line.

With --jsonl each input line {"id", "text"} gets one output line, in order:
{"id", "redacted", "entities": [{"start", "end", "type", "placeholder"}]}. A line that cannot be
redacted (bad JSON, no text, a text over the limit, control characters) gets {"id", "error"}
instead and the run goes on; the exit status is then 1. Blank lines are skipped.
Without --jsonl all of stdin is one text and the answer is one JSON object.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from .errors import RedactionError
from .redactor import Redactor, get_redactor


def _dump(obj: dict[str, Any], stdout: TextIO) -> None:
    stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _line(redactor: Redactor, line: str) -> tuple[dict[str, Any], bool]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        # The decoder's message quotes no input, only a position.
        return {"id": None, "error": f"not valid JSON ({exc.msg} at column {exc.colno})"}, False
    except ValueError:
        return {"id": None, "error": "not valid JSON"}, False
    if not isinstance(item, dict):
        return {"id": None, "error": "each line must be a JSON object with id and text"}, False
    ident = item.get("id")
    text = item.get("text")
    if not isinstance(text, str):
        return {"id": ident, "error": "text is missing or not a string"}, False
    try:
        result = redactor.redact(text)
    except RedactionError as exc:
        return {"id": ident, "error": str(exc)}, False
    return {"id": ident, **result.to_json()}, True


def run(argv_jsonl: bool, stdin: TextIO, stdout: TextIO, redactor: Redactor | None = None) -> int:
    """Redact stdin to stdout as the contract says; returns the exit status."""
    redactor = redactor or get_redactor()
    if not argv_jsonl:
        try:
            _dump(redactor.redact(stdin.read()).to_json(), stdout)
        except RedactionError as exc:
            _dump({"error": str(exc)}, stdout)
            return 1
        return 0
    status = 0
    for line in stdin:
        if not line.strip():
            continue
        answer, ok = _line(redactor, line)
        _dump(answer, stdout)
        if not ok:
            status = 1
    stdout.flush()
    return status


def utf8_stdio() -> tuple[TextIO, TextIO]:
    """stdin and stdout as UTF-8 whatever the locale.

    Undecodable input bytes become lone surrogates, which the redactor rejects for that line with a
    clear error, instead of the whole run dying on a UnicodeDecodeError.
    """
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="surrogateescape")
    stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="replace", newline="\n")
    return stdin, stdout


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kollega redact", description=__doc__.splitlines()[0])
    parser.add_argument("--jsonl", action="store_true", help="read JSON Lines {id, text}, write one line each")
    args = parser.parse_args(argv)
    stdin, stdout = utf8_stdio()
    try:
        return run(args.jsonl, stdin, stdout)
    finally:
        stdout.flush()
