"""Writing, reading and purging records through AuditStore, on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.audit import AuditEntry, AuditRecord, AuditStore, purge


@pytest.fixture
def store(database_url: str) -> Iterator[AuditStore]:
    store = AuditStore(database_url)
    store.upgrade()
    yield store
    store.close()


def entry(request_id: str, **fields: object) -> AuditEntry:
    values: dict[str, object] = dict(request_id=request_id, tenant_id="t", user_id="u", feature="summarize",
                                     host="api", engine="scripted")
    values.update(fields)
    return AuditEntry(**values)  # type: ignore[arg-type]


def add_aged(store: AuditStore, request_id: str, age: timedelta) -> None:
    with Session(store.engine) as session, session.begin():
        session.add(AuditRecord(created_at=datetime.now(UTC) - age, latency_ms=1, outcome="completed",
                                **{k: v for k, v in entry(request_id).__dict__.items()
                                   if k not in ("latency_ms", "outcome")}))


def test_written_records_appear(store: AuditStore) -> None:
    store.write(entry("r1", redactions={"PERSON": 2, "PHONE": 1}, prompt_tokens=12, completion_tokens=7,
                      latency_ms=120, ttft_ms=30, outcome="completed"))
    store.write(entry("r2", outcome="error:timeout"))
    newest, oldest = store.recent(10)
    assert (newest.request_id, newest.outcome) == ("r2", "error:timeout")
    assert oldest.redactions == {"PERSON": 2, "PHONE": 1} and oldest.redactions_total == 3
    assert (oldest.prompt_tokens, oldest.completion_tokens, oldest.latency_ms, oldest.ttft_ms) == (12, 7, 120, 30)
    assert abs(oldest.created_at.replace(tzinfo=UTC) - datetime.now(UTC)) < timedelta(minutes=1)


def test_ping(store: AuditStore) -> None:
    assert store.ping()
    unreachable = AuditStore("sqlite:////nonexistent-folder/for/kollega.db")
    assert not unreachable.ping()
    unreachable.close()


def test_purge_deletes_only_old_records(store: AuditStore, database_url: str) -> None:
    for n in range(7):
        add_aged(store, f"old{n}", timedelta(days=31 + n))
    for n in range(3):
        add_aged(store, f"new{n}", timedelta(days=29, hours=n))
    store.write(entry("now"))
    assert purge(database_url, 30) == 7
    assert sorted(r.request_id for r in store.recent()) == ["new0", "new1", "new2", "now"]
    assert purge(database_url, 30) == 0
    assert purge(database_url, 0) == 0  # 0 means keep forever
    assert len(store.recent()) == 4


def test_purge_works_in_batches(store: AuditStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("backend.audit.PURGE_BATCH", 3)
    for n in range(8):
        add_aged(store, f"old{n}", timedelta(days=400))
    add_aged(store, "kept", timedelta(days=1))
    assert store.purge(365) == 8
    assert [r.request_id for r in store.recent()] == ["kept"]


def test_retention_is_enforced_by_the_writing_process(database_url: str) -> None:
    store = AuditStore(database_url, retention_days=30)
    try:
        store.upgrade()
        add_aged(store, "old", timedelta(days=40))
        store.write(entry("fresh"))  # the first write starts a purge in the background
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with Session(store.engine) as session:
                if session.scalar(select(func.count()).select_from(AuditRecord)) == 1:
                    break
            time.sleep(0.05)
        assert [r.request_id for r in store.recent()] == ["fresh"]
    finally:
        store.close()


def test_a_failed_write_does_not_raise() -> None:
    store = AuditStore("sqlite:////nonexistent-folder/for/kollega.db")
    store.write(entry("lost"))  # logged, not raised: the user already has their answer
    store.close()
