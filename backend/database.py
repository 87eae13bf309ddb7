"""The SQL database that the audit store and the user templates share: one declarative Base for their tables,
and engines that give SQLite real transactions.

backend/migrations builds the schema from Base.metadata; it imports this module, not the stores, so that the
stores may run the migrations without an import cycle.
"""

from __future__ import annotations

import sqlite3
import time
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import DeclarativeBase

# Execution option that makes a SQLite transaction start with BEGIN IMMEDIATE (the write lock at once).
SQLITE_WRITE_LOCK = "kollega_sqlite_write_lock"


class Base(DeclarativeBase):
    pass


def make_engine(url: str) -> Engine:
    """An engine for the store; on SQLite with real transactions (see `_sqlite_connect`)."""
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: object) -> None:
    # pysqlite opens transactions only before DML and commits DDL at once; turned off here so that
    # the BEGIN below is real and a migration runs as one transaction under one lock.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # The busy timeout first: switching to WAL needs a lock that another worker may hold.
    cursor.execute("PRAGMA busy_timeout=5000")
    # Several gunicorn workers write at once: WAL lets them read while one writes. WAL is stored in the
    # file, so it is switched on once; switching needs an exclusive lock, and SQLite may answer "locked"
    # at once (without waiting) when two fresh workers try together, so a failed switch is retried.
    for attempt in range(50):
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() in ("wal", "memory"):
            break
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError:
            if attempt == 49:
                raise
            time.sleep(0.1)
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock before the first read, so a migration or purge cannot act on
    # a state that another process is about to change.
    immediate = connection.get_execution_options().get(SQLITE_WRITE_LOCK)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
