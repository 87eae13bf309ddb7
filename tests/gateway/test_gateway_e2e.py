"""The OpenAI-compatible gateway with the official openai client, and instance B using instance A as its engine."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest

from tests.conftest import ServerProcess

pytestmark = pytest.mark.integration

PERSONAL = "Ring Anna Svensson på 070-123 45 67 eller mejla anna.svensson@exempel.se, pnr 19811218-9876."


def audit_rows(server: ServerProcess, at_least: int = 0) -> list[dict[str, object]]:
    """The audit records; waits briefly for `at_least`, since a record is written as its stream closes."""
    deadline = time.monotonic() + 5
    while True:
        with sqlite3.connect(server.instance / "kollega.db") as db:
            db.row_factory = sqlite3.Row
            rows = [dict(row) for row in db.execute("SELECT * FROM audit_records ORDER BY id")]
        if len(rows) >= at_least or time.monotonic() > deadline:
            return rows
        time.sleep(0.05)


@pytest.fixture(scope="module")
def instance_a(tmp_path_factory: pytest.TempPathFactory, tiny_model: Path) -> Iterator[ServerProcess]:
    server = ServerProcess(tmp_path_factory.mktemp("a") / "instance", tiny_model, KOLLEGA_ENGINE_SLOTS="4")
    server.wait_ready()
    yield server
    server.stop()


def test_openai_client_non_streaming(instance_a: ServerProcess) -> None:
    client = openai.OpenAI(base_url=f"{instance_a.url}/v1", api_key=instance_a.token(), max_retries=0)
    models = client.models.list()
    assert [m.id for m in models.data] == ["kollega"]
    before = len(audit_rows(instance_a))
    answer = client.chat.completions.create(
        model="kollega", max_tokens=20,
        messages=[{"role": "system", "content": "Du är en assistent."}, {"role": "user", "content": PERSONAL}],
    )
    assert answer.object == "chat.completion" and answer.choices[0].message.role == "assistant"
    assert isinstance(answer.choices[0].message.content, str)
    assert 0 < answer.usage.completion_tokens <= 20 and answer.usage.prompt_tokens > 0
    rows = audit_rows(instance_a, before + 1)[before:]
    assert len(rows) == 1 and rows[0]["feature"] == "gateway" and rows[0]["outcome"] == "completed"
    counts = json.loads(str(rows[0]["redactions"]))
    assert counts.get("PERSON", 0) >= 1 and counts.get("PHONE", 0) >= 1 and counts.get("EMAIL", 0) >= 1


def test_openai_client_streaming_with_usage(instance_a: ServerProcess) -> None:
    client = openai.OpenAI(base_url=f"{instance_a.url}/v1", api_key=instance_a.token(), max_retries=0)
    stream = client.chat.completions.create(
        model="kollega", max_tokens=30, stream=True, stream_options={"include_usage": True},
        messages=[{"role": "user", "content": [{"type": "text", "text": "Sammanfatta mötet."}]}],
    )
    chunks = list(stream)
    assert chunks[0].choices[0].delta.role == "assistant"
    finishes = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
    assert finishes in (["stop"], ["length"])
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens > 0


def test_openai_client_sees_errors(instance_a: ServerProcess) -> None:
    client = openai.OpenAI(base_url=f"{instance_a.url}/v1", api_key="not-a-token", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        client.chat.completions.create(model="kollega", messages=[{"role": "user", "content": "hej"}])
    client = openai.OpenAI(base_url=f"{instance_a.url}/v1", api_key=instance_a.token(), max_retries=0)
    with pytest.raises(openai.UnprocessableEntityError):
        client.chat.completions.create(model="kollega", messages=[{"role": "robot", "content": "hej"}])


def test_instance_b_runs_on_instance_a_and_a_never_sees_personal_data(
    tmp_path: Path, tiny_model: Path, instance_a: ServerProcess
) -> None:
    b = ServerProcess(tmp_path / "b", tiny_model, KOLLEGA_ENGINE_URL=f"{instance_a.url}/v1",
                      KOLLEGA_ENGINE_API_KEY=instance_a.token("Instance B"), KOLLEGA_ENGINE_MODEL="kollega",
                      KOLLEGA_ENGINE_CONTEXT_LENGTH="1024",
                      KOLLEGA_ENGINE_TOKENIZER=str(tiny_model / "tokenizer.json"))
    try:
        b.wait_ready()
        before = len(audit_rows(instance_a))
        headers = {"Authorization": f"Bearer {b.token()}", "Accept": "text/event-stream"}
        calls = [
            ("/api/v1/summarize", {"text": PERSONAL, "length": "short"}),
            ("/api/v1/draft", {"instruction": "Svara vänligt", "context": PERSONAL, "length": "short"}),
            ("/api/v1/rewrite", {"text": PERSONAL, "goal": "formal"}),
        ]
        for path, body in calls:
            with httpx.stream("POST", f"{b.url}{path}", json=body, headers=headers, timeout=60) as response:
                assert response.status_code == 200
                text = "".join(response.iter_text())
            assert "event: meta" in text and "event: done" in text, text[-300:]
        a_rows = audit_rows(instance_a, before + 3)[before:]
        b_rows = audit_rows(b, 3)
        assert len(a_rows) == 3 and all(r["feature"] == "gateway" for r in a_rows)
        assert len(b_rows) == 3 and all(r["engine"] == "openai" for r in b_rows)
        # B masked everything before it left; A's own redaction found nothing left to mask.
        assert all(sum(json.loads(str(r["redactions"])).values()) >= 3 for r in b_rows)
        assert all(json.loads(str(r["redactions"])) == {} for r in a_rows)
    finally:
        b.stop()
    log = instance_a.read_log()
    for value in ("Anna Svensson", "070-123 45 67", "anna.svensson@exempel.se", "19811218-9876"):
        assert value not in log
