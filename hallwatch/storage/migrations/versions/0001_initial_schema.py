"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hallwatch.storage.types

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("hall_id", sa.Uuid(), nullable=True),
        sa.Column("user", sa.String(length=60), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
        sa.UniqueConstraint("device_id", "seq", name=op.f("uq_audit_entries_device_id_seq")),
    )
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_audit_entries_entity_entity_id"), ["entity", "entity_id"], unique=False
        )

    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=60), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("uploaded", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_blobs")),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("is_local", sa.Boolean(), nullable=False),
        sa.Column("server_url", sa.String(length=300), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("enrolled_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_devices")),
    )
    op.create_table(
        "halls",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_halls")),
        sa.UniqueConstraint("code", name=op.f("uq_halls_code")),
    )
    op.create_table(
        "sync_outbox",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("schema_version", sa.String(length=32), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "pending", "acked", "rejected", name="outboxstate", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("result", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "seq", name=op.f("pk_sync_outbox")),
    )
    with op.batch_alter_table("sync_outbox", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sync_outbox_state_seq"), ["state", "seq"], unique=False
        )

    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("display_name", sa.String(length=60), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "inspector",
                "supervisor",
                "admin",
                "viewer",
                name="role",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("hall_codes", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "holidays",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("is_workday", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("national", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_holidays_hall_id_halls")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holidays")),
        sa.UniqueConstraint("hall_id", "day", name=op.f("uq_holidays_hall_id_day")),
    )
    with op.batch_alter_table("holidays", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_holidays_hall_id"), ["hall_id"], unique=False)

    op.create_table(
        "number_blocks",
        sa.Column("series", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("next_number", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("leased_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_number_blocks_hall_id_halls")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_number_blocks")),
    )
    with op.batch_alter_table("number_blocks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_number_blocks_hall_id"), ["hall_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_number_blocks_hall_id_series_year"),
            ["hall_id", "series", "year"],
            unique=False,
        )

    op.create_table(
        "schedules",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("season_start", sa.String(length=5), nullable=False),
        sa.Column("season_end", sa.String(length=5), nullable=False),
        sa.Column("am_start", sa.Time(), nullable=False),
        sa.Column("am_end", sa.Time(), nullable=False),
        sa.Column("pm_start", sa.Time(), nullable=False),
        sa.Column("pm_end", sa.Time(), nullable=False),
        sa.Column("late_grace_minutes", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_schedules_hall_id_halls")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedules")),
    )
    with op.batch_alter_table("schedules", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_schedules_hall_id"), ["hall_id"], unique=False)

    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_settings_hall_id_halls")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settings")),
        sa.UniqueConstraint("hall_id", "key", name=op.f("uq_settings_hall_id_key")),
    )
    with op.batch_alter_table("settings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_settings_hall_id"), ["hall_id"], unique=False)

    op.create_table(
        "spot_checks",
        sa.Column(
            "kind",
            sa.Enum(
                "open",
                "covert",
                "surprise",
                "video",
                name="spotcheckkind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("team", sa.String(length=200), nullable=False),
        sa.Column("inspector", sa.String(length=60), nullable=False),
        sa.Column("started_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_spot_checks_hall_id_halls")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spot_checks")),
    )
    with op.batch_alter_table("spot_checks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_spot_checks_hall_id"), ["hall_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_spot_checks_hall_id_started_at"), ["hall_id", "started_at"], unique=False
        )

    op.create_table(
        "units",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("short_name", sa.String(length=40), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_units_hall_id_halls")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_units")),
        sa.UniqueConstraint("hall_id", "code", name=op.f("uq_units_hall_id_code")),
    )
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_units_hall_id"), ["hall_id"], unique=False)

    op.create_table(
        "service_items",
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "item_type",
            sa.Enum("immediate", "promised", name="itemtype", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("legal_days", sa.Integer(), nullable=False),
        sa.Column("promised_days", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_service_items_hall_id_halls")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_service_items_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_items")),
        sa.UniqueConstraint("hall_id", "code", name=op.f("uq_service_items_hall_id_code")),
    )
    with op.batch_alter_table("service_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_items_hall_id"), ["hall_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_items_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "staff",
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("staff_no", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("pin", sa.String(length=32), nullable=False),
        sa.Column("gender", sa.String(length=8), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("position", sa.String(length=60), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_staff_hall_id_halls")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_staff_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("hall_id", "staff_no", name=op.f("uq_staff_hall_id_staff_no")),
    )
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_hall_id"), ["hall_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_staff_hall_id_pin"), ["hall_id", "pin"], unique=False)
        batch_op.create_index(batch_op.f("ix_staff_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "windows",
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("zone", sa.String(length=40), nullable=False),
        sa.Column("camera_source", sa.String(length=400), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_windows_hall_id_halls")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_windows_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_windows")),
        sa.UniqueConstraint("hall_id", "number", name=op.f("uq_windows_hall_id_number")),
    )
    with op.batch_alter_table("windows", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_windows_hall_id"), ["hall_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_windows_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "attendance_events",
        sa.Column("staff_id", sa.Uuid(), nullable=False),
        sa.Column("window_id", sa.Uuid(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "punch",
                "check_in",
                "check_out",
                "left_post",
                "returned",
                "absent_noted",
                "correction",
                name="attendancekind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "occurred_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "source",
            sa.Enum(
                "device",
                "import",
                "manual",
                "spot_check",
                name="attendancesource",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("device_sn", sa.String(length=40), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("approved_by", sa.String(length=60), nullable=False),
        sa.Column("clock_suspect", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_attendance_events_hall_id_halls")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_attendance_events_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["window_id"], ["windows.id"], name=op.f("fk_attendance_events_window_id_windows")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance_events")),
    )
    with op.batch_alter_table("attendance_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_events_hall_id"), ["hall_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_attendance_events_hall_id_occurred_at"),
            ["hall_id", "occurred_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_attendance_events_staff_id_occurred_at"),
            ["staff_id", "occurred_at"],
            unique=False,
        )

    op.create_table(
        "cases",
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("window_id", sa.Uuid(), nullable=True),
        sa.Column("staff_id", sa.Uuid(), nullable=True),
        sa.Column("service_item_id", sa.Uuid(), nullable=True),
        sa.Column("ticket_no", sa.String(length=24), nullable=False),
        sa.Column("case_no", sa.String(length=40), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "waiting",
                "called",
                "abandoned",
                "accepted",
                "paused",
                "finished",
                "transferred",
                name="casestatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("taken_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("called_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("accepted_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("hold_minutes", sa.Integer(), nullable=False),
        sa.Column("paused_days", sa.Integer(), nullable=False),
        sa.Column("extended_days", sa.Integer(), nullable=False),
        sa.Column("promised_due", sa.Date(), nullable=True),
        sa.Column("legal_due", sa.Date(), nullable=True),
        sa.Column("due_provisional", sa.Boolean(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("rating_raw", sa.String(length=16), nullable=False),
        sa.Column("rated_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_cases_hall_id_halls")),
        sa.ForeignKeyConstraint(
            ["service_item_id"],
            ["service_items.id"],
            name=op.f("fk_cases_service_item_id_service_items"),
        ),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_cases_staff_id_staff")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_cases_unit_id_units")),
        sa.ForeignKeyConstraint(
            ["window_id"], ["windows.id"], name=op.f("fk_cases_window_id_windows")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cases_hall_id"), ["hall_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_cases_hall_id_case_no"), ["hall_id", "case_no"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_cases_hall_id_status_promised_due"),
            ["hall_id", "status", "promised_due"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_cases_hall_id_taken_at"), ["hall_id", "taken_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_cases_hall_id_ticket_no"), ["hall_id", "ticket_no"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_cases_staff_id_taken_at"), ["staff_id", "taken_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_cases_unit_id_taken_at"), ["unit_id", "taken_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_cases_window_id_taken_at"), ["window_id", "taken_at"], unique=False
        )

    op.create_table(
        "complaints",
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("window_id", sa.Uuid(), nullable=True),
        sa.Column("staff_id", sa.Uuid(), nullable=True),
        sa.Column(
            "received_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("complainant_name", sa.String(length=60), nullable=False),
        sa.Column("complainant_phone", sa.String(length=32), nullable=False),
        sa.Column("real_name", sa.Boolean(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "registered",
                "accepted",
                "rejected",
                "investigating",
                "handled",
                "replied",
                "archived",
                name="complaintstatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("accept_due", sa.Date(), nullable=True),
        sa.Column("reply_due", sa.Date(), nullable=True),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_complaints_hall_id_halls")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_complaints_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_complaints_unit_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["window_id"], ["windows.id"], name=op.f("fk_complaints_window_id_windows")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
    )
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaints_hall_id"), ["hall_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_complaints_hall_id_received_at"),
            ["hall_id", "received_at"],
            unique=False,
        )

    op.create_table(
        "findings",
        sa.Column("spot_check_id", sa.Uuid(), nullable=True),
        sa.Column("window_id", sa.Uuid(), nullable=True),
        sa.Column("staff_id", sa.Uuid(), nullable=True),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column(
            "observed_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("rectify_days", sa.Integer(), nullable=True),
        sa.Column("rectify_due", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "open", "rectifying", "closed", name="findingstatus", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_findings_hall_id_halls")),
        sa.ForeignKeyConstraint(
            ["spot_check_id"],
            ["spot_checks.id"],
            name=op.f("fk_findings_spot_check_id_spot_checks"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_findings_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["window_id"], ["windows.id"], name=op.f("fk_findings_window_id_windows")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
    )
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_findings_hall_id"), ["hall_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_findings_hall_id_observed_at"), ["hall_id", "observed_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_findings_spot_check_id"), ["spot_check_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_findings_staff_id_observed_at"),
            ["staff_id", "observed_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_findings_window_id_observed_at"),
            ["window_id", "observed_at"],
            unique=False,
        )

    op.create_table(
        "leaves",
        sa.Column("staff_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "official",
                "personal",
                "sick",
                "outing",
                "vacation",
                name="leavekind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("starts_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("approved_by", sa.String(length=60), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_leaves_hall_id_halls")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_leaves_staff_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leaves")),
    )
    with op.batch_alter_table("leaves", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_leaves_hall_id"), ["hall_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_leaves_staff_id_starts_at"), ["staff_id", "starts_at"], unique=False
        )

    op.create_table(
        "letters",
        sa.Column(
            "kind",
            sa.Enum(
                "warning",
                "supervision",
                "rectification",
                name="letterkind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "issued",
                "delivered",
                "acknowledged",
                "rectified",
                "revoked",
                name="letterstatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("series", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("doc_no", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("recipient_staff_id", sa.Uuid(), nullable=True),
        sa.Column("recipient_unit_id", sa.Uuid(), nullable=True),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("issued_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("issued_by", sa.String(length=60), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column(
            "delivered_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=True
        ),
        sa.Column("delivery_method", sa.String(length=40), nullable=False),
        sa.Column("revoked_reason", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_letters_hall_id_halls")),
        sa.ForeignKeyConstraint(
            ["recipient_staff_id"], ["staff.id"], name=op.f("fk_letters_recipient_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["recipient_unit_id"], ["units.id"], name=op.f("fk_letters_recipient_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letters")),
        sa.UniqueConstraint(
            "hall_id",
            "series",
            "year",
            "number",
            name=op.f("uq_letters_hall_id_series_year_number"),
        ),
    )
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letters_hall_id"), ["hall_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_letters_hall_id_status"), ["hall_id", "status"], unique=False
        )

    op.create_table(
        "window_assignments",
        sa.Column("window_id", sa.Uuid(), nullable=False),
        sa.Column("staff_id", sa.Uuid(), nullable=False),
        sa.Column(
            "role",
            sa.Enum("primary", "backup", name="assignmentrole", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_window_assignments_hall_id_halls")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_window_assignments_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["window_id"], ["windows.id"], name=op.f("fk_window_assignments_window_id_windows")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_window_assignments")),
    )
    with op.batch_alter_table("window_assignments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_window_assignments_hall_id"), ["hall_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_window_assignments_staff_id_starts_on"),
            ["staff_id", "starts_on"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_window_assignments_window_id_starts_on"),
            ["window_id", "starts_on"],
            unique=False,
        )

    op.create_table(
        "letter_findings",
        sa.Column("letter_id", sa.Uuid(), nullable=False),
        sa.Column("finding_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["finding_id"], ["findings.id"], name=op.f("fk_letter_findings_finding_id_findings")
        ),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_letter_findings_hall_id_halls")
        ),
        sa.ForeignKeyConstraint(
            ["letter_id"], ["letters.id"], name=op.f("fk_letter_findings_letter_id_letters")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_findings")),
        sa.UniqueConstraint(
            "letter_id", "finding_id", name=op.f("uq_letter_findings_letter_id_finding_id")
        ),
    )
    with op.batch_alter_table("letter_findings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_letter_findings_finding_id"), ["finding_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_letter_findings_hall_id"), ["hall_id"], unique=False)

    op.create_table(
        "snapshots",
        sa.Column("finding_id", sa.Uuid(), nullable=True),
        sa.Column("window_id", sa.Uuid(), nullable=True),
        sa.Column("taken_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("taken_by", sa.String(length=60), nullable=False),
        sa.Column("source_kind", sa.String(length=16), nullable=False),
        sa.Column("source_label", sa.String(length=200), nullable=False),
        sa.Column("original_sha256", sa.String(length=64), nullable=False),
        sa.Column("original_size", sa.Integer(), nullable=False),
        sa.Column("captioned_sha256", sa.String(length=64), nullable=False),
        sa.Column("captioned_size", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("imported", sa.Boolean(), nullable=False),
        sa.Column("exif_time", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hallwatch.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("hall_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["finding_id"], ["findings.id"], name=op.f("fk_snapshots_finding_id_findings")
        ),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_snapshots_hall_id_halls")),
        sa.ForeignKeyConstraint(
            ["window_id"], ["windows.id"], name=op.f("fk_snapshots_window_id_windows")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_snapshots")),
    )
    with op.batch_alter_table("snapshots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_snapshots_finding_id"), ["finding_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_snapshots_hall_id"), ["hall_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_snapshots_window_id_taken_at"), ["window_id", "taken_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("snapshots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_snapshots_window_id_taken_at"))
        batch_op.drop_index(batch_op.f("ix_snapshots_hall_id"))
        batch_op.drop_index(batch_op.f("ix_snapshots_finding_id"))

    op.drop_table("snapshots")
    with op.batch_alter_table("letter_findings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letter_findings_hall_id"))
        batch_op.drop_index(batch_op.f("ix_letter_findings_finding_id"))

    op.drop_table("letter_findings")
    with op.batch_alter_table("window_assignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_window_assignments_window_id_starts_on"))
        batch_op.drop_index(batch_op.f("ix_window_assignments_staff_id_starts_on"))
        batch_op.drop_index(batch_op.f("ix_window_assignments_hall_id"))

    op.drop_table("window_assignments")
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letters_hall_id_status"))
        batch_op.drop_index(batch_op.f("ix_letters_hall_id"))

    op.drop_table("letters")
    with op.batch_alter_table("leaves", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_leaves_staff_id_starts_at"))
        batch_op.drop_index(batch_op.f("ix_leaves_hall_id"))

    op.drop_table("leaves")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_findings_window_id_observed_at"))
        batch_op.drop_index(batch_op.f("ix_findings_staff_id_observed_at"))
        batch_op.drop_index(batch_op.f("ix_findings_spot_check_id"))
        batch_op.drop_index(batch_op.f("ix_findings_hall_id_observed_at"))
        batch_op.drop_index(batch_op.f("ix_findings_hall_id"))

    op.drop_table("findings")
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaints_hall_id_received_at"))
        batch_op.drop_index(batch_op.f("ix_complaints_hall_id"))

    op.drop_table("complaints")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_window_id_taken_at"))
        batch_op.drop_index(batch_op.f("ix_cases_unit_id_taken_at"))
        batch_op.drop_index(batch_op.f("ix_cases_staff_id_taken_at"))
        batch_op.drop_index(batch_op.f("ix_cases_hall_id_ticket_no"))
        batch_op.drop_index(batch_op.f("ix_cases_hall_id_taken_at"))
        batch_op.drop_index(batch_op.f("ix_cases_hall_id_status_promised_due"))
        batch_op.drop_index(batch_op.f("ix_cases_hall_id_case_no"))
        batch_op.drop_index(batch_op.f("ix_cases_hall_id"))

    op.drop_table("cases")
    with op.batch_alter_table("attendance_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_events_staff_id_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_attendance_events_hall_id_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_attendance_events_hall_id"))

    op.drop_table("attendance_events")
    with op.batch_alter_table("windows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_windows_unit_id"))
        batch_op.drop_index(batch_op.f("ix_windows_hall_id"))

    op.drop_table("windows")
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_unit_id"))
        batch_op.drop_index(batch_op.f("ix_staff_hall_id_pin"))
        batch_op.drop_index(batch_op.f("ix_staff_hall_id"))

    op.drop_table("staff")
    with op.batch_alter_table("service_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_items_unit_id"))
        batch_op.drop_index(batch_op.f("ix_service_items_hall_id"))

    op.drop_table("service_items")
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_units_hall_id"))

    op.drop_table("units")
    with op.batch_alter_table("spot_checks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_spot_checks_hall_id_started_at"))
        batch_op.drop_index(batch_op.f("ix_spot_checks_hall_id"))

    op.drop_table("spot_checks")
    with op.batch_alter_table("settings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_settings_hall_id"))

    op.drop_table("settings")
    with op.batch_alter_table("schedules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_schedules_hall_id"))

    op.drop_table("schedules")
    with op.batch_alter_table("number_blocks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_number_blocks_hall_id_series_year"))
        batch_op.drop_index(batch_op.f("ix_number_blocks_hall_id"))

    op.drop_table("number_blocks")
    with op.batch_alter_table("holidays", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_holidays_hall_id"))

    op.drop_table("holidays")
    op.drop_table("users")
    op.drop_table("sync_state")
    with op.batch_alter_table("sync_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_outbox_state_seq"))

    op.drop_table("sync_outbox")
    op.drop_table("halls")
    op.drop_table("devices")
    op.drop_table("blobs")
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entries_entity_entity_id"))

    op.drop_table("audit_entries")
