"""Templates: saved instructions with named fields, per organisation (tenant) or per user.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_templates",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("owner_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("task", sa.String(16), nullable=False),
        sa.Column("instruction", sa.Text(), nullable=False),
        sa.Column("tone", sa.String(16), nullable=False),
        sa.Column("length", sa.String(16), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_user_templates_tenant_scope_owner", "user_templates", ["tenant_id", "scope", "owner_id"])


def downgrade() -> None:
    op.drop_index("ix_user_templates_tenant_scope_owner", table_name="user_templates")
    op.drop_table("user_templates")
