"""cases: indexes for the retention purge (cases finished or sent long ago, not yet purged)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 10:40:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Without them the nightly purge reads every case (a store grows by years of purged
    # ones): "purged_at IS NULL" first, then the range on finished_at / sent_at (the
    # purge's third way, returned and untouched, uses ix_cases_status_updated).
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index("ix_cases_purge_finished", ["purged_at", "finished_at"])
        batch_op.create_index("ix_cases_purge_sent", ["purged_at", "sent_at"])


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_purge_sent")
        batch_op.drop_index("ix_cases_purge_finished")
