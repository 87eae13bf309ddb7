"""Migration 0003 on SQLite and a real PostgreSQL: the table and its index come and go with upgrade and downgrade."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from backend.audit import make_engine, upgrade
from backend.migrations import alembic_config


def test_upgrade_creates_the_table_and_downgrade_removes_it(database_url: str) -> None:
    assert upgrade(database_url) == "0004"
    engine = make_engine(database_url)
    try:
        tables = inspect(engine)
        columns = {c["name"] for c in tables.get_columns("user_templates")}
        assert {"id", "tenant_id", "scope", "owner_id", "name", "instruction", "task", "tone", "length",
                "language"} <= columns
        indexes = {i["name"]: i["column_names"] for i in tables.get_indexes("user_templates")}
        assert indexes["ix_user_templates_tenant_scope_owner"] == ["tenant_id", "scope", "owner_id"]
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0003")
        assert not inspect(engine).has_table("user_templates")
        assert inspect(engine).has_table("audit_records")
    finally:
        engine.dispose()
    assert upgrade(database_url) == "0004"
