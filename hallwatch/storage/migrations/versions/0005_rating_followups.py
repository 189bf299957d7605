"""rating follow-ups: the follow-up task of each bad rating (差评整改) and its appeal

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hallwatch.storage.types

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rating_followups",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("opened_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("due_provisional", sa.Boolean(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("open", "closed", name="followupstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("call_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("call_by", sa.String(length=60), nullable=False),
        sa.Column("call_content", sa.Text(), nullable=False),
        sa.Column("closed_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=60), nullable=False),
        sa.Column(
            "appeal_status",
            sa.Enum(
                "none",
                "pending",
                "approved",
                "rejected",
                name="appealstatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("appeal_reason", sa.Text(), nullable=False),
        sa.Column("appeal_by", sa.String(length=60), nullable=False),
        sa.Column("appeal_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("reviewed_by", sa.String(length=60), nullable=False),
        sa.Column("reviewed_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("review_note", sa.Text(), nullable=False),
        sa.Column("rating_mistaken", sa.Boolean(), nullable=False),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_rating_followups_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_rating_followups_hall_id_halls")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rating_followups")),
        sa.UniqueConstraint("case_id", name=op.f("uq_rating_followups_case_id")),
    )
    with op.batch_alter_table("rating_followups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rating_followups_hall_id"), ["hall_id"])
        batch_op.create_index(
            batch_op.f("ix_rating_followups_hall_id_status_due_on"),
            ["hall_id", "status", "due_on"],
        )


def downgrade() -> None:
    with op.batch_alter_table("rating_followups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rating_followups_hall_id_status_due_on"))
        batch_op.drop_index(batch_op.f("ix_rating_followups_hall_id"))
    op.drop_table("rating_followups")
