"""The audit and usage store: one record of metadata per request, never any text."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, Integer, String, create_engine, event, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

log = logging.getLogger("kollega.audit")


class Base(DeclarativeBase):
    pass


class AuditRecord(Base):
    """What was done, by whom (pseudonymous ids), how big and how fast; no content."""

    __tablename__ = "audit_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    request_id: Mapped[str] = mapped_column(String(64))
    tenant_id: Mapped[str] = mapped_column(String(64), index=True)
    user_id: Mapped[str] = mapped_column(String(64), index=True)
    feature: Mapped[str] = mapped_column(String(32))
    host: Mapped[str] = mapped_column(String(32))
    engine: Mapped[str] = mapped_column(String(32))
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    redactions: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
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
    latency_ms: int = 0
    ttft_ms: int | None = None
    outcome: str = "started"


class AuditStore:
    """SQLAlchemy-backed store. SQLite by default; PostgreSQL through KOLLEGA_DATABASE_URL."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url, pool_pre_ping=True)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def create_schema(self) -> None:
        Base.metadata.create_all(self.engine)

    def write(self, entry: AuditEntry) -> None:
        record = AuditRecord(created_at=datetime.now(UTC), **entry.__dict__)
        try:
            with Session(self.engine) as session, session.begin():
                session.add(record)
        except Exception as exc:  # an audit failure must not break the answer the user already has
            log.error("audit write failed: %s", type(exc).__name__)

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


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    # Several gunicorn workers write at once: WAL and a busy timeout keep them from failing on locks.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def dumps(entry: AuditEntry) -> str:
    return json.dumps(entry.__dict__, sort_keys=True)
