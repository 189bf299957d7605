"""window events, import batches, suggestions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hallwatch.storage.types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_batches",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("file_name", sa.String(length=260), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("mapping", sa.String(length=60), nullable=False),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_imported", sa.Integer(), nullable=False),
        sa.Column("rows_skipped", sa.Integer(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column(
            "imported_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("imported_by", sa.String(length=60), nullable=False),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_import_batches_hall_id_halls")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_batches_hall_id"), ["hall_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_import_batches_hall_id_imported_at"),
            ["hall_id", "imported_at"],
            unique=False,
        )

    op.create_table(
        "suggestions",
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("staff_id", sa.Uuid(), nullable=True),
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("subject_id", sa.String(length=36), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "confirmed",
                "dismissed",
                name="suggestionstatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=60), nullable=False),
        sa.Column("decided_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_suggestions_hall_id_halls")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_suggestions_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_suggestions_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestions")),
        sa.UniqueConstraint(
            "hall_id",
            "rule",
            "subject_id",
            "period",
            name=op.f("uq_suggestions_hall_id_rule_subject_id_period"),
        ),
    )
    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_suggestions_hall_id"), ["hall_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_suggestions_hall_id_status"), ["hall_id", "status"], unique=False
        )

    op.create_table(
        "window_events",
        sa.Column("window_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("paused", "resumed", name="windoweventkind", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column(
            "occurred_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=60), nullable=False),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_window_events_hall_id_halls")
        ),
        sa.ForeignKeyConstraint(
            ["window_id"], ["windows.id"], name=op.f("fk_window_events_window_id_windows")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_window_events")),
    )
    with op.batch_alter_table("window_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_window_events_hall_id"), ["hall_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_window_events_window_id_occurred_at"),
            ["window_id", "occurred_at"],
            unique=False,
        )

    with op.batch_alter_table("attendance_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("batch_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_attendance_events_batch_id_import_batches"),
            "import_batches",
            ["batch_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("attendance_events", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_attendance_events_batch_id_import_batches"), type_="foreignkey"
        )
        batch_op.drop_column("batch_id")

    with op.batch_alter_table("window_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_window_events_window_id_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_window_events_hall_id"))

    op.drop_table("window_events")
    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_suggestions_hall_id_status"))
        batch_op.drop_index(batch_op.f("ix_suggestions_hall_id"))

    op.drop_table("suggestions")
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_batches_hall_id_imported_at"))
        batch_op.drop_index(batch_op.f("ix_import_batches_hall_id"))

    op.drop_table("import_batches")
