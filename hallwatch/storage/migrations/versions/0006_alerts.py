"""alerts: raised once per transition, acknowledged on this device

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hallwatch.storage.types

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("subject_id", sa.String(length=36), nullable=False),
        sa.Column("since", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("raised_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column(
            "acknowledged_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=True
        ),
        sa.Column("acknowledged_by", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_alerts_hall_id_halls")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
        sa.UniqueConstraint(
            "hall_id",
            "kind",
            "subject_id",
            "since",
            name=op.f("uq_alerts_hall_id_kind_subject_id_since"),
        ),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_alerts_hall_id_acknowledged_at"), ["hall_id", "acknowledged_at"]
        )


def downgrade() -> None:
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alerts_hall_id_acknowledged_at"))
    op.drop_table("alerts")
