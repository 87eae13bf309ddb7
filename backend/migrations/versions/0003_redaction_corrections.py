"""The user's corrections of the masking, counted by action and type per record (never values).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A server default, so hosts still running the previous release can keep writing during a rollout.
    op.add_column("audit_records",
                  sa.Column("corrections", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))


def downgrade() -> None:
    with op.batch_alter_table("audit_records") as batch:
        batch.drop_column("corrections")
