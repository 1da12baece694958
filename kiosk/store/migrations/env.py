"""Alembic environment: always run on a connection handed in by kiosk.store.migrate."""

from __future__ import annotations

from alembic import context

from kiosk.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the kiosk's own code runs migrations
    raise RuntimeError("run migrations through kiosk.store.migrate, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move tables
    compare_type=True,
    # One transaction for the whole upgrade (kiosk.store.migrate opens it): a kill
    # anywhere leaves the file exactly as it was before.
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
