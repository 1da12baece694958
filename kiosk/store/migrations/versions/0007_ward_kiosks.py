"""cases: the kiosk that started each case, and the draft lock of a shared ward database

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Cases from before this revision have no kiosk number: they were all this kiosk's,
    # and the queue shows them without one.
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kiosk_number", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("locked_by_kiosk", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_cases_kiosk_number"), ["kiosk_number"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_kiosk_number"))
        batch_op.drop_column("locked_until")
        batch_op.drop_column("locked_by_kiosk")
        batch_op.drop_column("kiosk_number")
