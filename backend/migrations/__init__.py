"""Schema migrations for the audit and usage store: Alembic, configured in code and shipped in the package.

`migrate` is what start-up and `kollega db upgrade` call. Several gunicorn workers (and hosts) may call it
at the same moment, so it runs under a database-wide lock and the late ones find nothing left to do.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError

from backend.database import SQLITE_WRITE_LOCK

log = logging.getLogger("kollega.audit")

HERE = Path(__file__).resolve().parent
# Not Alembic's default name, so Kollega can share a PostgreSQL database with another Alembic project.
VERSION_TABLE = "kollega_alembic_version"
# The schema that create_all made before there were migrations; such a database is adopted at this revision.
FIRST_REVISION = "0001"
# Any fixed 64-bit number; PostgreSQL advisory locks are scoped to the database.
ADVISORY_LOCK_KEY = 0x4B6F6C6C656761  # "Kollega"
# How long a worker keeps retrying while another holds SQLite's write lock (each try waits 5 s itself).
SQLITE_LOCK_PATIENCE_S = 120.0

# Alembic's `context` and `op` are module-level proxies: one migration at a time per process.
_in_process = threading.Lock()


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's Config built in code: the scripts in this folder, run on `connection`."""
    config = Config()
    config.set_main_option("script_location", str(HERE).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision this package knows."""
    revision = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert revision is not None
    return revision


def current(connection: Connection) -> str | None:
    """The revision the database is at, or None before the first migration."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    # Read directly: a MigrationContext would log its set-up again at every worker's start.
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def migrate(engine: Engine, revision: str = "head") -> str:
    """Upgrade to `revision` under a database-wide lock; returns the revision the database is then at."""
    if revision == "head":
        # Most starts find the schema up to date: a plain read then, without queueing for the lock.
        with engine.connect() as connection:
            found = current(connection)
        if found == head():
            return found
    deadline = time.monotonic() + SQLITE_LOCK_PATIENCE_S
    while True:
        try:
            with _in_process, _locked(engine, SQLITE_WRITE_LOCK) as connection:
                _adopt_unversioned(connection)
                command.upgrade(alembic_config(connection), revision)
                found = current(connection)
            assert found is not None
            return found
        except OperationalError as exc:
            # SQLite's busy timeout ran out while another worker migrated a large table: wait for it.
            if engine.dialect.name != "sqlite" or "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            log.info("audit store is locked by another migration; waiting")


def downgrade(engine: Engine, revision: str) -> str:
    """Downgrade to `revision` (for a rollback) under the same lock; returns the revision it is then at.

    Run it with the release being rolled back, before the older release starts: only the newer
    release has the scripts that undo its own migrations.
    """
    known = {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if revision != "base" and revision not in known:
        raise ValueError(f"unknown revision {revision!r}; known: {', '.join(sorted(known))} and base")
    with _in_process, _locked(engine, SQLITE_WRITE_LOCK) as connection:
        command.downgrade(alembic_config(connection), revision)
        found = current(connection)
    return found or "base"


@contextmanager
def _locked(engine: Engine, sqlite_write_lock: str) -> Iterator[Connection]:
    """One transaction that holds the database's migration lock until it commits."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection, connection.begin():
            # Transaction-scoped: released by COMMIT or ROLLBACK, so a crashed worker cannot leave it held.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            yield connection
    else:
        # SQLite: BEGIN IMMEDIATE (see backend.database._sqlite_begin) takes the file's write lock up front.
        with engine.connect().execution_options(**{sqlite_write_lock: True}) as connection, connection.begin():
            yield connection


def _adopt_unversioned(connection: Connection) -> None:
    # Stores made by create_all before migrations existed hold exactly the first revision's table.
    tables = inspect(connection)
    if tables.has_table("audit_records") and not tables.has_table(VERSION_TABLE):
        log.info("audit store predates migrations; recording it at revision %s", FIRST_REVISION)
        command.stamp(alembic_config(connection), FIRST_REVISION)
