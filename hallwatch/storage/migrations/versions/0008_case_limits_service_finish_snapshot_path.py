"""a case's own limits, the queue's end of service, a window's snapshot URL, capture path

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hallwatch.storage.types

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    moment = hallwatch.storage.types.UtcDateTime(timezone=True)
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("service_finished_at", moment, nullable=True))
        batch_op.add_column(sa.Column("promised_days", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("legal_days", sa.Integer(), nullable=True))
    with op.batch_alter_table("windows", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "camera_snapshot_url", sa.String(length=400), nullable=False, server_default=""
            )
        )
    with op.batch_alter_table("snapshots", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("capture_path", sa.String(length=24), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("snapshots", schema=None) as batch_op:
        batch_op.drop_column("capture_path")
    with op.batch_alter_table("windows", schema=None) as batch_op:
        batch_op.drop_column("camera_snapshot_url")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("legal_days")
        batch_op.drop_column("promised_days")
        batch_op.drop_column("service_finished_at")
