"""`kollega redact [--jsonl]` as the README documents it, through run() and as a process."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from backend.redaction import Redactor
from backend.redaction.cli import run
from backend.settings import REPO_ROOT


def test_jsonl_in_order_with_an_error_line(redactor: Redactor) -> None:
    lines = [
        json.dumps({"id": "a", "text": "Hej Anna Svensson, ring 070-123 45 67."}, ensure_ascii=False),
        "",
        "{not json",
        json.dumps({"id": 7, "text": "Bad \u0007 char"}),
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": ""}),
        json.dumps({"id": "e", "text": "Bilen ABC 123."}),
    ]
    out = io.StringIO()
    status = run(True, io.StringIO("\n".join(lines) + "\n"), out, redactor)
    answers = [json.loads(line) for line in out.getvalue().splitlines()]
    assert status == 1
    assert [a["id"] for a in answers] == ["a", None, 7, "c", "d", "e"]
    assert answers[0]["redacted"] == "Hej [PERSON_1], ring [PHONE_1]."
    assert answers[0]["entities"][0] == {"start": 4, "end": 17, "type": "PERSON", "placeholder": "[PERSON_1]"}
    assert "error" in answers[1] and "error" in answers[2] and "error" in answers[3]
    assert "U+0007" in answers[2]["error"]
    assert answers[4] == {"id": "d", "redacted": "", "entities": []}
    assert answers[5]["entities"][0]["type"] == "PLATE"
    # Each line is its own request: numbering starts again.
    assert answers[5]["entities"][0]["placeholder"] == "[PLATE_1]"


def test_whole_stdin_as_one_text(redactor: Redactor) -> None:
    out = io.StringIO()
    assert run(False, io.StringIO("Mvh Thomas Gren\n070-914 02 77\n"), out, redactor) == 0
    answer = json.loads(out.getvalue())
    assert answer["redacted"] == "Mvh [PERSON_1]\n[PHONE_1]\n"
    assert set(answer) == {"redacted", "entities"}


def test_module_runs_as_a_command() -> None:
    payload = json.dumps({"id": "x", "text": "Hej Åsa Öberg!"}, ensure_ascii=False) + "\n"
    # Invalid UTF-8 on stdin becomes an error object for that line, not a crash.
    data = payload.encode() + b'{"id": "y", "text": "\xff"}\n'
    proc = subprocess.run([sys.executable, "-m", "backend.redaction", "--jsonl"], input=data,
                          capture_output=True, cwd=REPO_ROOT, timeout=120)
    answers = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert answers[0]["redacted"] == "Hej [PERSON_1]!"
    assert answers[1]["id"] == "y" and "surrogate" in answers[1]["error"]
    assert proc.returncode == 1
    assert b"\xc3\x85sa" not in proc.stderr
