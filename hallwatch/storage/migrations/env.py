"""Alembic environment: run against the connection the caller hands in."""

from __future__ import annotations

from alembic import context

from hallwatch.storage.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("HallWatch migrations run through hallwatch.storage.migrate, not the CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things: batch mode copies the table instead.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
