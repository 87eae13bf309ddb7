"""Migrations on SQLite and a real PostgreSQL: fresh, repeated, concurrent, adopting a pre-migration store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import String, inspect, text

from backend.audit import AuditRecord, AuditStore, Base, make_engine, upgrade
from backend.migrations import VERSION_TABLE, alembic_config, head
from backend.settings import REPO_ROOT
from backend.usertemplates import model as _templates  # noqa: F401 - its table is in Base.metadata

COLUMNS = {
    "id", "created_at", "request_id", "tenant_id", "user_id", "feature", "host", "engine", "prompt_tokens",
    "completion_tokens", "redactions", "redactions_total", "corrections", "latency_ms", "ttft_ms", "outcome",
}


def test_upgrade_creates_the_table_and_export_index(database_url: str) -> None:
    assert upgrade(database_url) == head() == "0004"
    engine = make_engine(database_url)
    try:
        tables = inspect(engine)
        assert {c["name"] for c in tables.get_columns("audit_records")} == COLUMNS
        indexes = {i["name"]: i["column_names"] for i in tables.get_indexes("audit_records")}
        assert indexes["ix_audit_records_created_at_feature_host"] == ["created_at", "feature", "host"]
        assert tables.has_table(VERSION_TABLE)
    finally:
        engine.dispose()


def test_upgrade_is_idempotent(database_url: str) -> None:
    assert upgrade(database_url) == "0004"
    assert upgrade(database_url) == "0004"


def test_the_model_matches_the_migrations(database_url: str) -> None:
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_no_column_can_hold_text(database_url: str) -> None:
    """Records are metadata: ids, names from closed lists, numbers and times; nothing long enough for prose."""
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        columns = {c["name"]: c["type"] for c in inspect(engine).get_columns("audit_records")}
    finally:
        engine.dispose()
    # A new column must be added here on purpose, after asking whether it could carry personal data.
    assert set(columns) == COLUMNS
    for name, kind in columns.items():
        if isinstance(kind, String):  # VARCHAR; TEXT and CLOB have no length
            assert kind.length is not None and kind.length <= 64, f"{name} is {kind}"
        else:
            assert type(kind).__name__.upper() in {"INTEGER", "DATETIME", "TIMESTAMP", "JSON"}, f"{name} is {kind}"
    for column in AuditRecord.__table__.columns:
        assert not isinstance(column.type, String) or (column.type.length or 10**9) <= 64, column.name


def test_concurrent_upgrades_take_turns(database_url: str, tmp_path: Path) -> None:
    """Gunicorn workers start together: several processes upgrade one empty database at the same moment."""
    # A barrier in files: each process says it is ready, then waits for the others, imports done.
    script = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "import backend.migrations\n"
        "from backend.audit import upgrade\n"
        "barrier = Path(sys.argv[2])\n"
        "(barrier / str(os.getpid())).touch()\n"
        "deadline = time.monotonic() + 60\n"
        "while len(list(barrier.iterdir())) < int(sys.argv[3]) and time.monotonic() < deadline:\n"
        "    time.sleep(0.005)\n"
        "print(upgrade(sys.argv[1]))\n"
    )
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    workers = [
        subprocess.Popen([sys.executable, "-c", script, database_url, str(barrier), "4"], cwd=REPO_ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    results = [worker.communicate(timeout=120) for worker in workers]
    for worker, (out, err) in zip(workers, results, strict=True):
        assert worker.returncode == 0, err
        assert out.strip() == "0004"
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text(f"SELECT count(*) FROM {VERSION_TABLE}")).scalar() == 1
    finally:
        engine.dispose()


def test_a_store_from_before_migrations_is_adopted(database_url: str) -> None:
    """A store that create_all made (revision 0001's table, no version table) is upgraded, its rows kept."""
    assert upgrade(database_url, "0001") == "0001"
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f"DROP TABLE {VERSION_TABLE}"))
            connection.execute(text(
                "INSERT INTO audit_records (created_at, request_id, tenant_id, user_id, feature, host, engine, "
                "prompt_tokens, completion_tokens, redactions, latency_ms, outcome) VALUES "
                "('2024-05-01 10:00:00', 'r1', 't', 'u', 'summarize', 'api', 'x', 1, 2, "
                "'{\"PERSON\": 2, \"EMAIL\": 1}', 50, 'completed'), "
                "('2024-05-01 11:00:00', 'r2', 't', 'u', 'draft', 'api', 'x', 1, 2, '{}', 60, 'completed')"
            ))
    finally:
        engine.dispose()
    assert upgrade(database_url) == "0004"
    store = AuditStore(database_url)
    try:
        totals = {r.request_id: r.redactions_total for r in store.recent()}
        assert totals == {"r1": 3, "r2": 0}  # the new column is filled in from the JSON counts
    finally:
        store.close()


def test_downgrade_and_upgrade_again(database_url: str) -> None:
    store = AuditStore(database_url)
    try:
        store.upgrade()
        with store.engine.connect() as connection, connection.begin():
            command.downgrade(alembic_config(connection), "base")
        assert not inspect(store.engine).has_table("audit_records")
        assert store.upgrade() == "0004"
    finally:
        store.close()
