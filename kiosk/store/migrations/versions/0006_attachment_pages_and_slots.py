"""attachment pages and slots

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 09:50:00

Only metadata: the sealed page bytes are files under the kiosk home's
``attachments/`` folder (see kiosk/attachments/storage.py for why).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment_pages",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("slot_key", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=40), nullable=False),
        sa.Column("sealed_bytes", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_attachment_pages_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment_pages")),
    )
    with op.batch_alter_table("attachment_pages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_pages_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            "ix_attachment_pages_case_slot", ["case_id", "slot_key", "position"], unique=False
        )
    op.create_table(
        "attachment_slots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("slot_key", sa.String(length=80), nullable=False),
        sa.Column("bring_later_reason", sa.String(length=30), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("pdf_bytes", sa.Integer(), nullable=True),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_attachment_slots_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment_slots")),
        sa.UniqueConstraint("case_id", "slot_key", name=op.f("uq_attachment_slots_case_id")),
    )
    with op.batch_alter_table("attachment_slots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_slots_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("attachment_slots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_slots_case_id"))
    op.drop_table("attachment_slots")
    with op.batch_alter_table("attachment_pages", schema=None) as batch_op:
        batch_op.drop_index("ix_attachment_pages_case_slot")
        batch_op.drop_index(batch_op.f("ix_attachment_pages_case_id"))
    op.drop_table("attachment_pages")
