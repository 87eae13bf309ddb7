"""The table of templates. On the audit store's metadata, so one Alembic history migrates both."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.database import Base


class Template(Base):
    """A saved instruction with named fields. `owner_id` is empty for the organisation's templates.

    Unlike the audit records this table holds text the users wrote (the instruction); it is never logged.
    """

    __tablename__ = "user_templates"
    # Every read is "this tenant's templates, the organisation's and one user's".
    __table_args__ = (Index("ix_user_templates_tenant_scope_owner", "tenant_id", "scope", "owner_id"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(16))
    owner_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    task: Mapped[str] = mapped_column(String(16))
    instruction: Mapped[str] = mapped_column(Text)
    tone: Mapped[str] = mapped_column(String(16))
    length: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(8))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
