"""The audit and usage store: one record of metadata per request, never any text.

The schema is managed by Alembic migrations in backend/migrations; `upgrade` runs them, at start-up
and from `kollega db upgrade`.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Index,
    Integer,
    String,
    case,
    cast,
    delete,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from backend.config.declare import ConfigError
from backend.database import SQLITE_WRITE_LOCK, Base, make_engine

log = logging.getLogger("kollega.audit")
# Alembic, imported by `upgrade`, announces each built-in plugin at INFO: seven lines per worker start.
logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)

# Records deleted per transaction: keeps each SQLite write lock short while workers keep writing.
PURGE_BATCH = 5000
# How often one process enforces the retention period on its own.
PURGE_INTERVAL_S = 6 * 3600


class AuditRecord(Base):
    """What was done, by whom (pseudonymous ids), how big and how fast; no content.

    Every column must be an id, a name from a closed list, a number or a time: tests/audit checks it.
    """

    __tablename__ = "audit_records"
    # The usage export and the purge select a time range; feature and host come along for GROUP BY.
    __table_args__ = (Index("ix_audit_records_created_at_feature_host", "created_at", "feature", "host"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    request_id: Mapped[str] = mapped_column(String(64))
    tenant_id: Mapped[str] = mapped_column(String(64), index=True)
    user_id: Mapped[str] = mapped_column(String(64), index=True)
    feature: Mapped[str] = mapped_column(String(32))
    host: Mapped[str] = mapped_column(String(32))
    engine: Mapped[str] = mapped_column(String(32))
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    redactions: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    # The sum of `redactions`, so the export can add them up in SQL on SQLite and PostgreSQL alike.
    redactions_total: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    # The user's corrections of the preview by action and type, {"mask": {"PERSON": 1}}; counts, never values.
    corrections: Mapped[dict[str, dict[str, int]]] = mapped_column(JSON, default=dict,
                                                                   server_default=text("'{}'"))
    latency_ms: Mapped[int] = mapped_column(Integer)
    ttft_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    outcome: Mapped[str] = mapped_column(String(48))


@dataclass
class AuditEntry:
    """The fields of one record, filled in as a request goes."""

    request_id: str
    tenant_id: str
    user_id: str
    feature: str
    host: str
    engine: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    redactions: dict[str, int] = field(default_factory=dict)
    corrections: dict[str, dict[str, int]] = field(default_factory=dict)
    latency_ms: int = 0
    ttft_ms: int | None = None
    outcome: str = "started"


@dataclass(frozen=True)
class UsageRow:
    """Usage for one (UTC) day, feature and host."""

    day: str
    feature: str
    host: str
    requests: int
    completed: int
    errors: int
    cancelled: int
    prompt_tokens: int
    completion_tokens: int
    redactions: int
    p50_latency_ms: int | None

    @staticmethod
    def columns() -> tuple[str, ...]:
        return ("day", "feature", "host", "requests", "completed", "errors", "cancelled", "prompt_tokens",
                "completion_tokens", "redactions", "p50_latency_ms")

    def values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.columns())


class AuditStore:
    """SQLAlchemy-backed store. SQLite by default; PostgreSQL through KOLLEGA_DATABASE_URL."""

    def __init__(self, url: str, *, retention_days: int | None = None) -> None:
        self.url = url
        self.engine: Engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        # None or 0: this process never purges by itself (`kollega audit purge` still can).
        self.retention_days = retention_days
        self._purge_lock = threading.Lock()
        self._next_purge = 0.0

    def upgrade(self, revision: str = "head") -> str:
        """Run the migrations up to `revision` (safe when several workers start at once); returns it."""
        from backend.migrations import migrate  # Alembic only where the schema changes, not in every worker

        database = self.engine.url.database
        if self.engine.dialect.name == "sqlite" and database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)  # a fresh instance folder
        return migrate(self.engine, revision)

    def require_current(self) -> None:
        """Refuse to start on a store whose schema is older (or newer) than this release's."""
        from backend.migrations import current, head

        with self.engine.connect() as connection:
            found, newest = current(connection), head()
        if found != newest:
            raise ConfigError(
                "KOLLEGA_DATABASE_URL", f"the audit store is at schema revision {found or 'none'}, and this release "
                f"needs {newest}", "Run `kollega db upgrade` (`kollega serve` does it before it starts the workers)")

    def write(self, entry: AuditEntry) -> None:
        record = AuditRecord(created_at=datetime.now(UTC), redactions_total=sum(entry.redactions.values()),
                             **entry.__dict__)
        try:
            with Session(self.engine) as session, session.begin():
                session.add(record)
        except Exception as exc:  # an audit failure must not break the answer the user already has
            log.error("audit write failed: %s", type(exc).__name__)
        self._purge_if_due()

    def ping(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except Exception:
            return False

    def recent(self, limit: int = 100) -> list[AuditRecord]:
        with Session(self.engine) as session:
            return list(session.scalars(select(AuditRecord).order_by(AuditRecord.id.desc()).limit(limit)))

    def purge(self, days: int) -> int:
        """Delete records older than `days` days (0 keeps everything); returns how many went."""
        if days <= 0:
            return 0
        cutoff = datetime.now(UTC) - timedelta(days=days)
        oldest = select(AuditRecord.id).where(AuditRecord.created_at < cutoff).order_by(AuditRecord.id)
        deleted = 0
        while True:
            with self.engine.connect().execution_options(**{SQLITE_WRITE_LOCK: True}) as connection, \
                    connection.begin():
                batch = delete(AuditRecord).where(AuditRecord.id.in_(oldest.limit(PURGE_BATCH).scalar_subquery()))
                count = connection.execute(batch).rowcount
            deleted += count
            if count < PURGE_BATCH:
                return deleted

    def usage(self, first: date, last: date, tenant_id: str | None = None) -> list[UsageRow]:
        """Usage per UTC day, feature and host from `first` to `last` (both included), summed in SQL."""
        with self.engine.connect() as connection:
            rows = connection.execute(usage_query(connection, first, last, tenant_id)).all()
        return [
            UsageRow(str(r.day), r.feature, r.host, int(r.requests), int(r.completed), int(r.errors),
                     int(r.cancelled), int(r.prompt_tokens), int(r.completion_tokens), int(r.redactions),
                     None if r.p50_latency_ms is None else round(float(r.p50_latency_ms)))
            for r in rows
        ]

    def close(self) -> None:
        self.engine.dispose()

    def _purge_if_due(self) -> None:
        if not self.retention_days or time.monotonic() < self._next_purge:
            return
        if not self._purge_lock.acquire(blocking=False):
            return  # another thread of this process is purging
        self._next_purge = time.monotonic() + PURGE_INTERVAL_S
        # In the background: the first purge after a long time may delete many rows.
        threading.Thread(target=self._purge_in_background, name="audit-purge", daemon=True).start()

    def _purge_in_background(self) -> None:
        try:
            assert self.retention_days is not None
            deleted = self.purge(self.retention_days)
            if deleted:
                log.info("audit purge: %d records older than %d days deleted", deleted, self.retention_days)
        except Exception as exc:
            log.error("audit purge failed: %s", type(exc).__name__)
        finally:
            self._purge_lock.release()


def usage_query(connection: Connection, first: date, last: date, tenant_id: str | None) -> Any:
    """The export's SELECT: one row per day, feature and host, with a median latency from window functions."""
    record = AuditRecord
    day = _utc_day(connection, record.created_at)
    group = (day, record.feature, record.host)
    start = datetime(first.year, first.month, first.day, tzinfo=UTC)
    end = datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=1)
    # Neither SQLite nor portable SQL has a median aggregate: rank each group's latencies instead.
    ranked = select(
        day.label("day"), record.feature, record.host, record.outcome, record.prompt_tokens,
        record.completion_tokens, record.redactions_total, record.latency_ms,
        func.row_number().over(partition_by=group, order_by=record.latency_ms).label("position"),
        func.count().over(partition_by=group).label("size"),
    ).where(record.created_at >= start, record.created_at < end)
    if tenant_id is not None:
        ranked = ranked.where(record.tenant_id == tenant_id)
    r = ranked.subquery()
    middle = r.c.position.in_([(r.c.size + 1) // 2, (r.c.size + 2) // 2])

    def count_if(condition: ColumnElement[bool]) -> Any:
        return func.sum(case((condition, 1), else_=0))

    return (
        select(
            r.c.day, r.c.feature, r.c.host,
            func.count().label("requests"),
            count_if(r.c.outcome == "completed").label("completed"),
            count_if(or_(r.c.outcome.startswith("error:"), r.c.outcome.startswith("rejected:"))).label("errors"),
            count_if(r.c.outcome == "cancelled").label("cancelled"),
            func.sum(r.c.prompt_tokens).label("prompt_tokens"),
            func.sum(r.c.completion_tokens).label("completion_tokens"),
            func.sum(r.c.redactions_total).label("redactions"),
            func.avg(case((middle, r.c.latency_ms))).label("p50_latency_ms"),
        )
        .group_by(r.c.day, r.c.feature, r.c.host)
        .order_by(r.c.day, r.c.feature, r.c.host)
    )


def _utc_day(connection: Connection, column: Any) -> ColumnElement[Any]:
    if connection.dialect.name == "postgresql":
        # timestamptz → UTC wall time → date; a plain CAST would use the session's time zone.
        return cast(func.timezone(literal_column("'UTC'"), column), Date)
    # SQLite keeps the UTC wall time as text; CAST(... AS DATE) there would yield just the year.
    return func.date(column)


def upgrade(url: str, revision: str = "head") -> str:
    """Create or upgrade the schema at `url`; returns the revision it is at. For `kollega db upgrade`."""
    store = AuditStore(url)
    try:
        return store.upgrade(revision)
    finally:
        store.close()


def purge(url: str, days: int) -> int:
    """Delete records older than `days` days at `url`; returns how many. For `kollega audit purge`."""
    store = AuditStore(url)
    try:
        return store.purge(days)
    finally:
        store.close()
