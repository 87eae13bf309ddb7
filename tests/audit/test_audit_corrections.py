"""The corrections column (migration 0003), on SQLite and PostgreSQL: counts by action and type, and a
default for rows written by a release that does not know it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from backend.audit import AuditEntry, AuditStore


@pytest.fixture
def store(database_url: str) -> Iterator[AuditStore]:
    store = AuditStore(database_url)
    store.upgrade()
    yield store
    store.close()


def test_corrections_are_stored_as_counts(store: AuditStore) -> None:
    counts = {"mask": {"OTHER": 2, "PERSON": 1}, "unmask": {"ADDRESS": 1}}
    store.write(AuditEntry("r1", "t", "u", "redact", "api", "none", corrections=counts, outcome="completed"))
    store.write(AuditEntry("r2", "t", "u", "summarize", "api", "x", outcome="completed"))
    newest, oldest = store.recent(2)
    assert oldest.corrections == counts
    assert newest.corrections == {}


def test_rows_from_the_previous_release_get_an_empty_count(store: AuditStore) -> None:
    """During a rolling upgrade, hosts still on the previous release insert without the column."""
    with store.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO audit_records (created_at, request_id, tenant_id, user_id, feature, host, engine, "
            "prompt_tokens, completion_tokens, redactions, latency_ms, outcome) VALUES "
            "('2026-12-01 10:00:00', 'old', 't', 'u', 'summarize', 'api', 'x', 1, 2, '{}', 50, 'completed')"))
    (record,) = store.recent(1)
    assert record.request_id == "old" and record.corrections == {}


def test_downgrade_drops_the_column(store: AuditStore, database_url: str) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from backend.migrations import alembic_config

    with store.engine.connect() as connection, connection.begin():
        command.downgrade(alembic_config(connection), "0002")
    assert "corrections" not in {c["name"] for c in inspect(store.engine).get_columns("audit_records")}
    assert store.upgrade() == "0004"
    assert "corrections" in {c["name"] for c in inspect(store.engine).get_columns("audit_records")}
