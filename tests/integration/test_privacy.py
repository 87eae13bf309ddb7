"""Canary personal data through every endpoint; none of it may appear in a log, a metric or the audit store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import pytest

from tests.conftest import ServerProcess

pytestmark = pytest.mark.integration

# Unlikely strings: if any of them shows up anywhere, it came from the requests below.
MARKER = "Kanariemening-7f3a9"
CANARIES = {
    "marker": MARKER,
    "personnummer": "19811218-9876",
    "email": "kanarie.fagelsson@exempel.se",
    "phone": "070-987 65 43",
    "name": "Kanarie Fågelsson",
    # No detector finds it: only the user's correction masks it (mask below).
    "corrected": "kanariefeber",
}
TEXT = (
    f"Hej! {MARKER}. Patienten {CANARIES['name']}, personnummer {CANARIES['personnummer']}, nås på "
    f"{CANARIES['phone']} eller {CANARIES['email']}. Diagnos: {CANARIES['corrected']}. Hälsningar, handläggaren."
)
# The user's corrections of the preview: mask the missed word, unmask the phone number.
CORRECTIONS = {
    "mask": [{"start": TEXT.index(CANARIES["corrected"]),
              "end": TEXT.index(CANARIES["corrected"]) + len(CANARIES["corrected"]), "type": "OTHER"}],
    "unmask": [{"start": TEXT.index(CANARIES["phone"]), "end": TEXT.index(CANARIES["phone"]) + len(CANARIES["phone"])}],
}


def test_no_canary_reaches_logs_metrics_or_audit(tmp_path: Path, tiny_model: Path) -> None:
    server = ServerProcess(tmp_path / "instance", tiny_model)
    try:
        server.wait_ready()
        auth = {"Authorization": f"Bearer {server.token()}"}
        sse = {**auth, "Accept": "text/event-stream"}
        calls = [
            ("/api/v1/summarize", {"text": TEXT}, auth),
            ("/api/v1/summarize", {"text": TEXT, "kind": "thread"}, sse),
            ("/api/v1/draft", {"instruction": f"Svara {CANARIES['name']}", "context": TEXT}, sse),
            ("/api/v1/rewrite", {"text": TEXT, "goal": "plain"}, auth),
            ("/api/v1/rewrite", {"text": TEXT, "goal": "proofread"}, sse),
            ("/api/v1/redact", {"text": TEXT}, auth),
            ("/api/v1/redact", {"text": TEXT, **CORRECTIONS}, auth),
            ("/api/v1/summarize", {"text": TEXT, **CORRECTIONS}, sse),
            ("/api/v1/readability", {"text": TEXT}, auth),
            ("/api/v1/release/review", {"text": TEXT, "area": "healthcare"}, auth),
            ("/api/v1/ask", {"text": TEXT, "question": f"Vilken diagnos har {CANARIES['name']}?"}, sse),
            ("/api/v1/ask", {"text": TEXT, "question": "Vem nås på telefon?", **CORRECTIONS}, auth),
            ("/api/v1/ask", {"text": TEXT, "question": TEXT, "language": "xx"}, auth),
            ("/api/v1/translate", {"text": TEXT, "target": "en"}, auth),
            ("/api/v1/translate", {"text": TEXT, "target": "sv-lattlast", "source": "sv", **CORRECTIONS}, sse),
            ("/api/v1/translate", {"text": TEXT, "target": "klingon"}, auth),
            # Bad requests carry the text too: their error answers and logs must not echo it.
            ("/api/v1/rewrite", {"text": TEXT, "goal": "nonsense"}, auth),
            ("/api/v1/draft", {"instruction": TEXT, "tone": 7}, auth),
            ("/api/v1/redact", {"text": TEXT + "\x07"}, auth),
            ("/api/v1/summarize", {"text": TEXT}, {}),
        ]
        answers = []
        for path, body, headers in calls:
            response = httpx.post(f"{server.url}{path}", json=body, headers=headers, timeout=60)
            answers.append((path, response.status_code, response.text))
        # The redaction preview shows what is masked, and the person who asked gets the values back.
        redacted = httpx.post(f"{server.url}/api/v1/redact", json={"text": TEXT}, headers=auth, timeout=10).json()
        for key in ("personnummer", "email", "phone"):
            assert CANARIES[key] not in redacted["redacted"]
        assert [status for path, status, _ in answers if path == "/api/v1/ask"] == [200, 200, 422]
        for path, status, body in answers:
            if status >= 400:
                for value in CANARIES.values():
                    assert value not in body, f"{path} {status} echoed {value!r}"
        metrics = httpx.get(f"{server.url}/metrics", timeout=5).text
    finally:
        server.stop()

    log = server.read_log()
    assert "POST /api/v1/summarize 200" in log  # the log is real and was captured
    database = server.instance / "kollega.db"
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT * FROM audit_records").fetchall()
    assert len(rows) >= 10  # six generations, three previews, one readability
    stored = database.read_bytes() + b"".join(
        p.read_bytes() for p in server.instance.glob("kollega.db-*") if p.is_file()
    )
    for label, value in CANARIES.items():
        assert value not in log, f"{label} in the server log"
        assert value not in metrics, f"{label} in /metrics"
        assert value not in repr(rows), f"{label} in an audit record"
        assert value.encode() not in stored, f"{label} in the database file"
