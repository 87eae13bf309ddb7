"""`kollega db backup`, the documented restore (docs/deploy/operations.md), and rollback with
`kollega db downgrade`, on SQLite and a real PostgreSQL server."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import threading
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from backend.audit import AuditEntry, AuditStore, make_engine, upgrade
from backend.backup import pg_environment
from backend.cli import main
from backend.migrations import alembic_config, head
from tests.audit.conftest import PostgresServer


def entry(request_id: str) -> AuditEntry:
    return AuditEntry(request_id=request_id, tenant_id="t", user_id="u", feature="summarize", host="api",
                      engine="test", redactions={"PERSON": 2, "EMAIL": 1}, latency_ms=10, outcome="completed")


def request_ids(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return {row[0] for row in connection.execute(text("SELECT request_id FROM audit_records"))}
    finally:
        engine.dispose()


def kollega(monkeypatch: pytest.MonkeyPatch, url: str, *argv: str) -> int:
    monkeypatch.setenv("KOLLEGA_AUTH_MODE", "dev")
    monkeypatch.setenv("KOLLEGA_DATABASE_URL", url)
    return main(list(argv))


def fill(url: str, *ids: str) -> None:
    store = AuditStore(url)
    try:
        store.upgrade()
        for request_id in ids:
            store.write(entry(request_id))
    finally:
        store.close()


def restore(url: str, backup: Path) -> None:
    """The restore steps of docs/deploy/operations.md, with Kollega stopped."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        shutil.copyfile(backup, parsed.database or "")  # cp kollega-backup.db /var/lib/kollega/kollega.db
        return
    args, env = pg_environment(url)
    result = subprocess.run(["pg_restore", *args, "--clean", "--if-exists", "--no-owner", "--no-privileges",
                             "--single-transaction", "--dbname", env["PGDATABASE"], str(backup)],
                            env={**os.environ, **env}, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_a_backup_restores_the_store_as_it_was(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(database_url, "r1", "r2")
    backup = tmp_path / "backups" / "kollega-backup"
    assert kollega(monkeypatch, database_url, "db", "backup", str(backup)) == 0
    assert str(backup) in capsys.readouterr().out
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600  # pseudonymous ids: personal data
    fill(database_url, "r3")  # written after the backup, so gone after the restore
    restore(database_url, backup)
    assert request_ids(database_url) == {"r1", "r2"}
    assert kollega(monkeypatch, database_url, "db", "current") == 0
    assert f"store at {head()}" in capsys.readouterr().out
    store = AuditStore(database_url)
    try:
        store.upgrade()
        store.write(entry("r4"))  # the restored store takes new records
        assert {r.request_id for r in store.recent()} == {"r1", "r2", "r4"}
    finally:
        store.close()


def test_a_backup_never_overwrites_a_file(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    fill(database_url, "r1")
    existing = tmp_path / "earlier-backup"
    existing.write_text("an earlier backup")
    assert kollega(monkeypatch, database_url, "db", "backup", str(existing)) == 1
    assert "exists already" in capsys.readouterr().err
    assert existing.read_text() == "an earlier backup"


def test_a_postgresql_backup_restores_into_a_new_server_database(postgres_server: PostgresServer, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Disaster recovery: the dump goes into a freshly created, empty database."""
    source, target = postgres_server.url("backup_source"), postgres_server.url("backup_target")
    postgres_server.admin("CREATE DATABASE backup_source")
    postgres_server.admin("CREATE DATABASE backup_target")
    try:
        fill(source, "a", "b")
        backup = tmp_path / "kollega.dump"
        assert kollega(monkeypatch, source, "db", "backup", str(backup)) == 0
        restore(target, backup)
        assert request_ids(target) == {"a", "b"}
        assert upgrade(target) == head()  # at the head already: nothing to do
    finally:
        postgres_server.admin("DROP DATABASE backup_source WITH (FORCE)")
        postgres_server.admin("DROP DATABASE backup_target WITH (FORCE)")


def test_a_failing_pg_dump_leaves_no_file(postgres_server: PostgresServer, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    backup = tmp_path / "kollega.dump"
    assert kollega(monkeypatch, postgres_server.url("no_such_database"), "db", "backup", str(backup)) == 1
    assert "pg_dump failed" in capsys.readouterr().err and not backup.exists()


def test_a_sqlite_backup_is_consistent_while_workers_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'kollega.db'}"
    fill(url, *[f"before-{i}" for i in range(200)])
    stop = threading.Event()

    def write() -> None:
        store = AuditStore(url)
        try:
            n = 0
            while not stop.is_set():
                store.write(entry(f"during-{n}"))
                n += 1
        finally:
            store.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        backup = tmp_path / "kollega-backup.db"
        assert kollega(monkeypatch, url, "db", "backup", str(backup)) == 0
    finally:
        stop.set()
        writer.join(timeout=30)
    with sqlite3.connect(backup) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        ids = {row[0] for row in copy.execute("SELECT request_id FROM audit_records")}
    assert {f"before-{i}" for i in range(200)} <= ids


def test_rollback_downgrades_to_the_older_release_and_keeps_the_records(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(database_url, "r1", "r2")
    assert kollega(monkeypatch, database_url, "db", "downgrade", "0001") == 0
    assert capsys.readouterr().out.strip() == "0001"
    engine = make_engine(database_url)
    try:
        columns = {c["name"] for c in inspect(engine).get_columns("audit_records")}
        indexes = {i["name"] for i in inspect(engine).get_indexes("audit_records")}
    finally:
        engine.dispose()
    # Exactly revision 0001's table again, as the older release expects it.
    assert "redactions_total" not in columns and "ix_audit_records_created_at" in indexes
    assert "ix_audit_records_created_at_feature_host" not in indexes
    assert request_ids(database_url) == {"r1", "r2"}
    # Upgrading again (the newer release back) fills the new column in from the records.
    assert kollega(monkeypatch, database_url, "db", "upgrade") == 0
    store = AuditStore(database_url)
    try:
        assert {r.request_id: r.redactions_total for r in store.recent()} == {"r1": 3, "r2": 3}
    finally:
        store.close()


def test_every_migration_steps_down_and_up_again(database_url: str) -> None:
    from alembic.script import ScriptDirectory

    revisions = [s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()]  # newest first
    fill(database_url, "r1")
    engine = make_engine(database_url)
    try:
        from backend.migrations import downgrade, migrate

        for older in [*revisions[1:], "base"]:
            assert downgrade(engine, older) == older
        for newer in reversed(revisions):
            assert migrate(engine, newer) == newer
    finally:
        engine.dispose()
    assert upgrade(database_url) == head()


def test_an_unknown_revision_is_refused(database_url: str, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    fill(database_url, "r1")
    assert kollega(monkeypatch, database_url, "db", "downgrade", "9999") == 1
    assert "unknown revision" in capsys.readouterr().err
    assert request_ids(database_url) == {"r1"}
