"""Alembic's environment script: migrates on the connection that backend.migrations hands over."""

from __future__ import annotations

from alembic import context

from backend import audit as _audit  # noqa: F401 - its table joins Base.metadata
from backend.database import Base
from backend.migrations import VERSION_TABLE
from backend.usertemplates import model as _templates  # noqa: F401 - its table joins Base.metadata

connection = context.config.attributes.get("connection")
if connection is None:
    # Kollega has no alembic.ini: the lock and the connection come from backend.migrations.migrate.
    raise RuntimeError("Run migrations with `kollega db upgrade` (backend.migrations.migrate).")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    version_table=VERSION_TABLE,
    # SQLite included: backend.database's engine issues a real BEGIN, and migrate() holds that transaction.
    transactional_ddl=True,
    # SQLite alters most things by copying the table; batch mode does that for the operations that need it.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
