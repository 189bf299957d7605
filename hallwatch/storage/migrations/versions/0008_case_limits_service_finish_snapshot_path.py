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
    _backfill_cases()
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


def _backfill_cases() -> None:
    """Fill the new case columns of the rows already stored.

    Limits: each case with a service item gets the item's limits as they are when the
    database is upgraded. A case imported with limits of its own before 0008 kept only
    its due dates, and the limits in force when older cases came in are recorded
    nowhere: the item's current limits are what every screen used until now, so no
    screen changes at the upgrade, and from then on a change to the catalogue no longer
    moves these cases. A case without an item keeps its stored due dates alone.

    End of service: the one finish a ticket had was the queue's when it came within 12
    hours of the call (the window's service, including a 即办件 finished there); a later
    finish (days after, as the demo's approval cases have) was the case's own and says
    nothing about the window. Every device and the server run this on their own copy of
    the same rows, so the values agree without a sync.
    """
    bind = op.get_bind()
    op.execute(
        "UPDATE cases SET"
        " promised_days = (SELECT si.promised_days FROM service_items si"
        "  WHERE si.id = cases.service_item_id),"
        " legal_days = (SELECT si.legal_days FROM service_items si"
        "  WHERE si.id = cases.service_item_id)"
        " WHERE service_item_id IS NOT NULL AND promised_days IS NULL"
    )
    if bind.dialect.name == "sqlite":
        within = "julianday(finished_at) - julianday(called_at) < 0.5"
    else:
        within = "finished_at - called_at < interval '12 hours'"
    op.execute(
        "UPDATE cases SET service_finished_at = finished_at"
        " WHERE service_finished_at IS NULL AND finished_at IS NOT NULL"
        f" AND called_at IS NOT NULL AND finished_at >= called_at AND {within}"
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
