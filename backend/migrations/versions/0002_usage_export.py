"""For the usage export: a redaction total per record and an index on (created_at, feature, host).

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Sum the JSON object of counts per type; each database spells it differently.
BACKFILL = {
    "sqlite": "UPDATE audit_records SET redactions_total = "
              "COALESCE((SELECT SUM(value) FROM json_each(audit_records.redactions)), 0)",
    "postgresql": "UPDATE audit_records SET redactions_total = "
                  "COALESCE((SELECT SUM(value::integer) FROM json_each_text(audit_records.redactions)), 0) "
                  "WHERE json_typeof(redactions) = 'object'",
}


def upgrade() -> None:
    # A server default, so hosts still running the previous release can keep writing during a rollout.
    op.add_column("audit_records",
                  sa.Column("redactions_total", sa.Integer(), nullable=False, server_default=sa.text("0")))
    op.execute(BACKFILL[op.get_bind().dialect.name])
    op.create_index("ix_audit_records_created_at_feature_host", "audit_records", ["created_at", "feature", "host"])
    # The new index starts with created_at, so it serves every range query the old one did.
    op.drop_index("ix_audit_records_created_at", table_name="audit_records")


def downgrade() -> None:
    op.create_index("ix_audit_records_created_at", "audit_records", ["created_at"])
    op.drop_index("ix_audit_records_created_at_feature_host", table_name="audit_records")
    with op.batch_alter_table("audit_records") as batch:
        batch.drop_column("redactions_total")
