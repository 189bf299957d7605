"""letter lifecycle: source of a draft, receipt, answer, rectification, revocation

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hallwatch.storage.types

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    moment = hallwatch.storage.types.UtcDateTime(timezone=True)
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source", sa.String(length=16), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("suggestion_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("complaint_id", sa.Uuid(), nullable=True))
        batch_op.add_column(
            sa.Column("delivered_to", sa.String(length=60), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("acknowledged_at", moment, nullable=True))
        batch_op.add_column(
            sa.Column("acknowledgement", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("rectified_at", moment, nullable=True))
        batch_op.add_column(
            sa.Column("rectification", sa.JSON(), nullable=False, server_default="{}")
        )
        batch_op.add_column(sa.Column("revoked_at", moment, nullable=True))
        batch_op.add_column(
            sa.Column("revoked_by", sa.String(length=60), nullable=False, server_default="")
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_letters_suggestion_id_suggestions"),
            "suggestions",
            ["suggestion_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_letters_complaint_id_complaints"), "complaints", ["complaint_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_letters_complaint_id_complaints"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_letters_suggestion_id_suggestions"), type_="foreignkey"
        )
        for name in (
            "revoked_by",
            "revoked_at",
            "rectification",
            "rectified_at",
            "acknowledgement",
            "acknowledged_at",
            "delivered_to",
            "complaint_id",
            "suggestion_id",
            "source",
        ):
            batch_op.drop_column(name)
