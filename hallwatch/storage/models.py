"""The database schema as typed SQLAlchemy models.

Every synced table carries the sync columns of DESIGN §4 (`SyncMixin`). Rows are
never hard-deleted on a device: `deleted` is a tombstone. Models have no
relationships on purpose: services query explicitly, so an ORM row can never
run a query behind the caller's back (or from the wrong thread).

Write models, per DESIGN §8: `__sync__ = "fields"` rows merge field by field;
`"append"` rows are insert-only and never conflict; `None` tables are local to
this device (outbox, sync state) or owned by the server (accounts).
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime, time
from typing import Any, ClassVar, Literal

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    Uuid,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from hallwatch.domain.enums import (
    AssignmentRole,
    AttendanceKind,
    AttendanceSource,
    CaseStatus,
    ComplaintStatus,
    FindingStatus,
    ItemType,
    LeaveKind,
    LetterKind,
    LetterStatus,
    OutboxState,
    Role,
    SpotCheckKind,
    SuggestionStatus,
    WindowEventKind,
)
from hallwatch.domain.ids import uuid7
from hallwatch.domain.timeutil import utcnow
from hallwatch.storage.types import UtcDateTime, enum_values

# Stable constraint names, so Alembic's batch mode on SQLite can find them again.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SyncMode = Literal["fields", "append"] | None


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        enum.Enum: Enum(enum.Enum, native_enum=False, length=24, values_callable=enum_values),
        datetime: UtcDateTime(),
        uuid.UUID: Uuid(),
        dict[str, Any]: JSON(),
    }
    __sync__: ClassVar[SyncMode] = None


class SyncColumns:
    """The columns every synced row carries (DESIGN §4), but its hall scope."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Hybrid logical clock of the last change and the device that made it.
    updated_hlc: Mapped[str] = mapped_column(String(64), default="")
    updated_by: Mapped[str] = mapped_column(String(36), default="")
    deleted: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The server's order; null until the server has the row.
    server_seq: Mapped[int | None] = mapped_column(BigInteger)


class SyncMixin(SyncColumns):
    """A synced row that belongs to a hall (its sync scope)."""

    @declared_attr
    @classmethod
    def hall_id(cls) -> Mapped[uuid.UUID]:
        return mapped_column(ForeignKey("halls.id"), index=True)


# --- the hall and its people -------------------------------------------------


class Hall(SyncColumns, Base):
    """One service hall (政务服务大厅); also the sync scope of everything in it."""

    __tablename__ = "halls"
    __sync__ = "fields"

    # A hall is its own scope.
    hall_id: Mapped[uuid.UUID] = mapped_column()
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    address: Mapped[str] = mapped_column(String(200), default="")
    # Demo halls stay on this device: they are never pushed to a server.
    is_demo: Mapped[bool] = mapped_column(default=False)


class Unit(SyncMixin, Base):
    """A department with windows in the hall (进驻单位)."""

    __tablename__ = "units"
    __sync__ = "fields"
    __table_args__ = (UniqueConstraint("hall_id", "code"),)

    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(120))
    short_name: Mapped[str] = mapped_column(String(40), default="")


class Window(SyncMixin, Base):
    """A numbered service window (窗口), e.g. A12."""

    __tablename__ = "windows"
    __sync__ = "fields"
    __table_args__ = (UniqueConstraint("hall_id", "number"),)

    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id"), index=True)
    number: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(120), default="")
    zone: Mapped[str] = mapped_column(String(40), default="")
    # Camera for snapshots of this window (URL or device index); never logged raw.
    camera_source: Mapped[str] = mapped_column(String(400), default="")
    # A single-JPEG address (Hikvision …/picture, Dahua snapshot.cgi), tried when the
    # stream fails; never logged raw either.
    camera_snapshot_url: Mapped[str] = mapped_column(String(400), default="")
    active: Mapped[bool] = mapped_column(default=True)


class Staff(SyncMixin, Base):
    """A person who serves at windows (窗口工作人员)."""

    __tablename__ = "staff"
    __sync__ = "fields"
    __table_args__ = (
        UniqueConstraint("hall_id", "staff_no"),
        Index(None, "hall_id", "pin"),
    )

    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id"), index=True)
    staff_no: Mapped[str] = mapped_column(String(32))  # 工号
    name: Mapped[str] = mapped_column(String(60))
    # The PIN on the punch device; often the staff number, not always.
    pin: Mapped[str] = mapped_column(String(32), default="")
    gender: Mapped[str] = mapped_column(String(8), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")  # personal: masked in UI
    position: Mapped[str] = mapped_column(String(60), default="")
    active: Mapped[bool] = mapped_column(default=True)


class WindowAssignment(SyncMixin, Base):
    """Who serves at which window from when (and the AB角 stand-in)."""

    __tablename__ = "window_assignments"
    __sync__ = "fields"
    __table_args__ = (
        Index(None, "window_id", "starts_on"),
        Index(None, "staff_id", "starts_on"),
    )

    window_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("windows.id"))
    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"))
    role: Mapped[AssignmentRole] = mapped_column(default=AssignmentRole.PRIMARY)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)


class Schedule(SyncMixin, Base):
    """Working hours of a hall for a season (作息时间), repeating every year."""

    __tablename__ = "schedules"
    __sync__ = "fields"

    name: Mapped[str] = mapped_column(String(60))
    # Season as month-day, inclusive, wrapping over the new year (e.g. 10-01 .. 04-30).
    season_start: Mapped[str] = mapped_column(String(5), default="01-01")
    season_end: Mapped[str] = mapped_column(String(5), default="12-31")
    am_start: Mapped[time] = mapped_column(Time)
    am_end: Mapped[time] = mapped_column(Time)
    pm_start: Mapped[time] = mapped_column(Time)
    pm_end: Mapped[time] = mapped_column(Time)
    late_grace_minutes: Mapped[int] = mapped_column(default=0)


class Holiday(SyncMixin, Base):
    """One day of the hall's holiday table, consulted before the package calendar."""

    __tablename__ = "holidays"
    __sync__ = "fields"
    __table_args__ = (UniqueConstraint("hall_id", "day"),)

    day: Mapped[date] = mapped_column(Date)
    is_workday: Mapped[bool] = mapped_column()
    name: Mapped[str] = mapped_column(String(60), default="")
    # The State Council notice or hall decision the entry comes from.
    source: Mapped[str] = mapped_column(String(200), default="")
    # National entries make their year "known"; hall closures do not.
    national: Mapped[bool] = mapped_column(default=True)


class Setting(SyncMixin, Base):
    """A hall rule (thresholds, deadlines, font map …) as a JSON value."""

    __tablename__ = "settings"
    __sync__ = "fields"
    __table_args__ = (UniqueConstraint("hall_id", "key"),)

    key: Mapped[str] = mapped_column(String(80))
    value: Mapped[Any] = mapped_column(JSON)


# --- attendance --------------------------------------------------------------


class AttendanceEvent(SyncMixin, Base):
    """A punch or a mark (append-only: a correction is a new event)."""

    __tablename__ = "attendance_events"
    __sync__ = "append"
    __table_args__ = (
        Index(None, "hall_id", "occurred_at"),
        Index(None, "staff_id", "occurred_at"),
    )

    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"))
    window_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("windows.id"))
    kind: Mapped[AttendanceKind] = mapped_column()
    # A device punch: the time as the device's clock showed it. Its clock offset
    # (HallRules.device_offsets) is added by whoever reads it, so it counts once;
    # migration 0009 took it out of the punches that older imports had corrected.
    occurred_at: Mapped[datetime] = mapped_column()
    source: Mapped[AttendanceSource] = mapped_column()
    device_sn: Mapped[str] = mapped_column(String(40), default="")
    # The line as the device wrote it, kept for disputes.
    raw: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    approved_by: Mapped[str] = mapped_column(String(60), default="")
    # Recorded on a device whose clock was far off the server's.
    clock_suspect: Mapped[bool] = mapped_column(default=False)
    # The import that brought this punch in, if any.
    batch_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("import_batches.id"))


class WindowEvent(SyncMixin, Base):
    """A window paused (暂停服务) or resumed, append-only like punches."""

    __tablename__ = "window_events"
    __sync__ = "append"
    __table_args__ = (Index(None, "window_id", "occurred_at"),)

    window_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("windows.id"))
    kind: Mapped[WindowEventKind] = mapped_column()
    occurred_at: Mapped[datetime] = mapped_column()
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(60), default="")


class ImportBatch(SyncMixin, Base):
    """One import of a file: what was read, kept and skipped, and why."""

    __tablename__ = "import_batches"
    __sync__ = "fields"
    __table_args__ = (Index(None, "hall_id", "imported_at"),)

    kind: Mapped[str] = mapped_column(String(20))  # roster, attlog, punches, queue, cases
    file_name: Mapped[str] = mapped_column(String(260))
    file_sha256: Mapped[str] = mapped_column(String(64))
    mapping: Mapped[str] = mapped_column(String(60), default="")
    rows_read: Mapped[int] = mapped_column(default=0)
    rows_imported: Mapped[int] = mapped_column(default=0)
    rows_skipped: Mapped[int] = mapped_column(default=0)
    # Skipped rows with their reasons, and duplicates merged.
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    imported_at: Mapped[datetime] = mapped_column()
    imported_by: Mapped[str] = mapped_column(String(60), default="")


class Suggestion(SyncMixin, Base):
    """An action the accountability rules propose; a person confirms or dismisses it."""

    __tablename__ = "suggestions"
    __sync__ = "fields"
    __table_args__ = (
        # One suggestion per rule, person and period, however often the rules run.
        UniqueConstraint("hall_id", "rule", "subject_id", "period"),
        Index(None, "hall_id", "status"),
    )

    rule: Mapped[str] = mapped_column(String(40))  # e.g. attendance.late_3_in_month
    staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id"))
    # The staff or unit id the rule is about (text, so the unique key covers both).
    subject_id: Mapped[str] = mapped_column(String(36))
    period: Mapped[str] = mapped_column(String(10))  # 2026-03, or 2026 for yearly rules
    action: Mapped[str] = mapped_column(String(40))  # caution_talk, warning_letter …
    title: Mapped[str] = mapped_column(String(200))
    # The facts behind it: dates, event ids, counts.
    facts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[SuggestionStatus] = mapped_column(default=SuggestionStatus.OPEN)
    note: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(60), default="")
    decided_at: Mapped[datetime | None] = mapped_column()


class Leave(SyncMixin, Base):
    """An excused absence (请假 / 公出)."""

    __tablename__ = "leaves"
    __sync__ = "fields"
    __table_args__ = (Index(None, "staff_id", "starts_at"),)

    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"))
    kind: Mapped[LeaveKind] = mapped_column()
    starts_at: Mapped[datetime] = mapped_column()
    ends_at: Mapped[datetime] = mapped_column()
    reason: Mapped[str] = mapped_column(Text, default="")
    approved_by: Mapped[str] = mapped_column(String(60), default="")


# --- services and cases ------------------------------------------------------


class ServiceItem(SyncMixin, Base):
    """A service in the catalogue (事项) with its legal and promised limits."""

    __tablename__ = "service_items"
    __sync__ = "fields"
    __table_args__ = (UniqueConstraint("hall_id", "code"),)

    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    item_type: Mapped[ItemType] = mapped_column(default=ItemType.PROMISED)
    legal_days: Mapped[int] = mapped_column()  # 法定时限, working days
    promised_days: Mapped[int] = mapped_column()  # 承诺时限, working days


class Case(SyncMixin, Base):
    """One queue ticket and, once accepted, the case it became (办件)."""

    __tablename__ = "cases"
    __sync__ = "fields"
    __table_args__ = (
        # The cases view's default list (newest first, tombstones out) and its status
        # filter read only this index: counting and paging 500k cases never touch the table.
        Index(None, "hall_id", "deleted", "taken_at", "status"),
        Index(None, "unit_id", "taken_at"),
        Index(None, "window_id", "taken_at"),
        Index(None, "staff_id", "taken_at"),
        Index(None, "hall_id", "status", "promised_due"),
        Index(None, "hall_id", "ticket_no"),
        Index(None, "hall_id", "case_no"),
    )

    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id"))
    window_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("windows.id"))
    staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    service_item_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("service_items.id"))
    ticket_no: Mapped[str] = mapped_column(String(24), default="")  # 取号
    case_no: Mapped[str] = mapped_column(String(40), default="")  # 办件编号
    status: Mapped[CaseStatus] = mapped_column()
    taken_at: Mapped[datetime | None] = mapped_column()
    called_at: Mapped[datetime | None] = mapped_column()
    accepted_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()
    # End of service at the window, as the queue system wrote it; finished_at is the
    # case's own finish (办结) and drives its deadlines.
    service_finished_at: Mapped[datetime | None] = mapped_column()
    # Minutes on hold during service (subtracted from service time).
    hold_minutes: Mapped[int] = mapped_column(default=0)
    # Working days the clock stood still (补正, 挂起, excluded steps).
    paused_days: Mapped[int] = mapped_column(default=0)
    # Working days added by an approved extension (延期).
    extended_days: Mapped[int] = mapped_column(default=0)
    # The case's own limits in working days (from the file, else the item's at
    # acceptance): due dates are recomputed from these, never from today's catalogue.
    promised_days: Mapped[int | None] = mapped_column()
    legal_days: Mapped[int | None] = mapped_column()
    promised_due: Mapped[date | None] = mapped_column(Date)
    legal_due: Mapped[date | None] = mapped_column(Date)
    # Due dates computed Monday–Friday for a year with no holiday data (待确认).
    due_provisional: Mapped[bool] = mapped_column(default=False)
    rating: Mapped[int | None] = mapped_column()  # 1 非常不满意 … 5 非常满意
    rating_raw: Mapped[str] = mapped_column(String(16), default="")  # on the source's scale
    rated_at: Mapped[datetime | None] = mapped_column()
    source: Mapped[str] = mapped_column(String(40), default="")


class CaseEvent(SyncMixin, Base):
    """A step in a case's history recorded by HallWatch (append-only), e.g. a due date
    moved when the holiday table changed."""

    __tablename__ = "case_events"
    __sync__ = "append"
    __table_args__ = (Index(None, "case_id", "occurred_at"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"))
    occurred_at: Mapped[datetime] = mapped_column()
    kind: Mapped[str] = mapped_column(String(24))  # due_changed
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    recorded_by: Mapped[str] = mapped_column(String(60), default="")


class FollowUpStatus(enum.StrEnum):
    """Where the follow-up of a bad rating stands (差评整改)."""

    OPEN = "open"
    CLOSED = "closed"  # the follow-up call is recorded and someone closed the task


class AppealStatus(enum.StrEnum):
    """The appeal (申诉复核) against a bad rating: filed once, reviewed once."""

    NONE = "none"
    PENDING = "pending"
    APPROVED = "approved"  # the rating is mistaken: see RatingFollowUp.rating_mistaken
    REJECTED = "rejected"


class RatingFollowUp(SyncMixin, Base):
    """The follow-up task of one bad rating (差评整改): the call, the closing, an appeal.

    One row per case (its id is derived from the case id, so two devices that open the
    task of the same case offline create the same row, merged field by field). The
    case's own rating is never changed. An approved appeal sets `rating_mistaken`; the
    rating statistics leave such a case out of the rated and bad counts:
    ``LEFT JOIN rating_followups rf ON rf.case_id = c.id AND rf.rating_mistaken = 1
    AND rf.deleted = 0`` and ``rf.id IS NULL`` in the rating filters.
    """

    __tablename__ = "rating_followups"
    __sync__ = "fields"
    __table_args__ = (
        UniqueConstraint("case_id"),
        Index(None, "hall_id", "status", "due_on"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"))
    opened_at: Mapped[datetime] = mapped_column()
    # The rating's hall-local day + the hall's bad_rating_followup_days working days.
    due_on: Mapped[date] = mapped_column(Date)
    # Counted Monday–Friday for a year with no holiday data (待确认).
    due_provisional: Mapped[bool] = mapped_column(default=False)
    status: Mapped[FollowUpStatus] = mapped_column(default=FollowUpStatus.OPEN)
    # The follow-up call (回访): when, who called, what was said.
    call_at: Mapped[datetime | None] = mapped_column()
    call_by: Mapped[str] = mapped_column(String(60), default="")
    call_content: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column()
    closed_by: Mapped[str] = mapped_column(String(60), default="")
    appeal_status: Mapped[AppealStatus] = mapped_column(default=AppealStatus.NONE)
    appeal_reason: Mapped[str] = mapped_column(Text, default="")
    appeal_by: Mapped[str] = mapped_column(String(60), default="")
    appeal_at: Mapped[datetime | None] = mapped_column()
    reviewed_by: Mapped[str] = mapped_column(String(60), default="")
    reviewed_at: Mapped[datetime | None] = mapped_column()
    review_note: Mapped[str] = mapped_column(Text, default="")
    # Set only by an approved appeal: the statistics exclude this case's rating.
    rating_mistaken: Mapped[bool] = mapped_column(default=False)


# --- spot checks and evidence ------------------------------------------------


class SpotCheck(SyncMixin, Base):
    """A spot-check session (明查, 暗访, 突击检查, 视频巡查)."""

    __tablename__ = "spot_checks"
    __sync__ = "fields"
    __table_args__ = (Index(None, "hall_id", "started_at"),)

    kind: Mapped[SpotCheckKind] = mapped_column()
    title: Mapped[str] = mapped_column(String(200), default="")
    team: Mapped[str] = mapped_column(String(200), default="")
    inspector: Mapped[str] = mapped_column(String(60), default="")
    started_at: Mapped[datetime] = mapped_column()
    ended_at: Mapped[datetime | None] = mapped_column()
    summary: Mapped[str] = mapped_column(Text, default="")


class Finding(SyncMixin, Base):
    """One problem found (检查发现问题)."""

    __tablename__ = "findings"
    __sync__ = "fields"
    __table_args__ = (
        Index(None, "hall_id", "observed_at"),
        Index(None, "window_id", "observed_at"),
        Index(None, "staff_id", "observed_at"),
    )

    spot_check_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("spot_checks.id"), index=True
    )
    window_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("windows.id"))
    staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    category: Mapped[str] = mapped_column(String(40))  # checklist item code
    description: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[int] = mapped_column(default=1)
    observed_at: Mapped[datetime] = mapped_column()
    rectify_days: Mapped[int | None] = mapped_column()
    rectify_due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[FindingStatus] = mapped_column(default=FindingStatus.OPEN)


class Snapshot(SyncMixin, Base):
    """A camera photo kept as evidence: original and captioned copy, by SHA-256."""

    __tablename__ = "snapshots"
    __sync__ = "append"
    __table_args__ = (Index(None, "window_id", "taken_at"),)

    finding_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("findings.id"), index=True)
    window_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("windows.id"))
    taken_at: Mapped[datetime] = mapped_column()
    taken_by: Mapped[str] = mapped_column(String(60), default="")
    source_kind: Mapped[str] = mapped_column(String(16))  # webcam, rtsp, http, file, import
    source_label: Mapped[str] = mapped_column(String(200), default="")  # credentials masked
    original_sha256: Mapped[str] = mapped_column(String(64))
    original_size: Mapped[int] = mapped_column()
    captioned_sha256: Mapped[str] = mapped_column(String(64), default="")
    captioned_size: Mapped[int] = mapped_column(default=0)
    width: Mapped[int] = mapped_column(default=0)
    height: Mapped[int] = mapped_column(default=0)
    imported: Mapped[bool] = mapped_column(default=False)
    exif_time: Mapped[datetime | None] = mapped_column()
    # How the photo was obtained: stream, snapshot_url (the camera's JPEG address),
    # manual_import; "" for rows older than this column.
    capture_path: Mapped[str] = mapped_column(String(24), default="")


# --- complaints and letters --------------------------------------------------


class Complaint(SyncMixin, Base):
    """A complaint about a unit or person (效能投诉)."""

    __tablename__ = "complaints"
    __sync__ = "fields"
    __table_args__ = (Index(None, "hall_id", "received_at"),)

    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id"))
    window_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("windows.id"))
    staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    received_at: Mapped[datetime] = mapped_column()
    channel: Mapped[str] = mapped_column(String(40), default="")
    # Identity is visible only to roles that may see it.
    complainant_name: Mapped[str] = mapped_column(String(60), default="")
    complainant_phone: Mapped[str] = mapped_column(String(32), default="")
    real_name: Mapped[bool] = mapped_column(default=False)
    content: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ComplaintStatus] = mapped_column(default=ComplaintStatus.REGISTERED)
    accept_due: Mapped[date | None] = mapped_column(Date)
    reply_due: Mapped[date | None] = mapped_column(Date)
    result: Mapped[str] = mapped_column(Text, default="")


class Letter(SyncMixin, Base):
    """A warning letter or notice; frozen once issued (its PDF kept by hash)."""

    __tablename__ = "letters"
    __sync__ = "fields"
    __table_args__ = (
        # One number per series and year, whichever device issued it.
        UniqueConstraint("hall_id", "series", "year", "number"),
        Index(None, "hall_id", "status"),
    )

    kind: Mapped[LetterKind] = mapped_column()
    status: Mapped[LetterStatus] = mapped_column(default=LetterStatus.DRAFT)
    series: Mapped[str] = mapped_column(String(16), default="")  # 机关代字, e.g. 效告
    year: Mapped[int | None] = mapped_column()
    number: Mapped[int | None] = mapped_column()
    doc_no: Mapped[str] = mapped_column(String(40), default="")  # 效告〔2026〕17号
    title: Mapped[str] = mapped_column(String(200), default="")
    recipient_staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    recipient_unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id"))
    # Editable wording: facts, basis, requirements, copied-to … (the template's fields).
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    deadline: Mapped[date | None] = mapped_column(Date)
    issued_at: Mapped[datetime | None] = mapped_column()
    issued_by: Mapped[str] = mapped_column(String(60), default="")
    pdf_sha256: Mapped[str] = mapped_column(String(64), default="")
    delivered_at: Mapped[datetime | None] = mapped_column()
    delivery_method: Mapped[str] = mapped_column(String(40), default="")
    revoked_reason: Mapped[str] = mapped_column(Text, default="")
    # Where the draft came from: findings (see letter_findings), a suggestion, a complaint.
    source: Mapped[str] = mapped_column(String(16), default="")
    suggestion_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("suggestions.id"))
    complaint_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("complaints.id"))
    delivered_to: Mapped[str] = mapped_column(String(60), default="")  # who signed for it
    acknowledged_at: Mapped[datetime | None] = mapped_column()
    acknowledgement: Mapped[str] = mapped_column(Text, default="")  # the answer, in short
    # A 整改通知书 is closed by a re-inspection with photos: {note, snapshots: [...]}.
    # Kept apart from `fields`, which is frozen at issue (and synced as one value).
    rectified_at: Mapped[datetime | None] = mapped_column()
    rectification: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    revoked_at: Mapped[datetime | None] = mapped_column()
    revoked_by: Mapped[str] = mapped_column(String(60), default="")


class LetterFinding(SyncMixin, Base):
    """Which findings a letter is based on."""

    __tablename__ = "letter_findings"
    __sync__ = "fields"
    __table_args__ = (UniqueConstraint("letter_id", "finding_id"),)

    letter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("letters.id"))
    finding_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("findings.id"), index=True)


class NumberBlock(SyncMixin, Base):
    """A block of letter numbers a device may issue from, per series and year."""

    __tablename__ = "number_blocks"
    __sync__ = "fields"
    __table_args__ = (Index(None, "hall_id", "series", "year"),)

    series: Mapped[str] = mapped_column(String(16))
    year: Mapped[int] = mapped_column()
    first: Mapped[int] = mapped_column()
    last: Mapped[int] = mapped_column()
    next_number: Mapped[int] = mapped_column()
    # The device the server leased the block to; empty for a standalone register.
    device_id: Mapped[str] = mapped_column(String(36), default="")
    leased_at: Mapped[datetime | None] = mapped_column()


# --- accounts, devices, audit, sync ------------------------------------------


class User(Base):
    """An account as this device knows it (the server owns accounts)."""

    __tablename__ = "users"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(60), default="")
    role: Mapped[Role] = mapped_column(default=Role.INSPECTOR)
    hall_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Device(Base):
    """A device: this one, and others seen through sync or enrolment."""

    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    is_local: Mapped[bool] = mapped_column(default=False)
    server_url: Mapped[str] = mapped_column(String(300), default="")
    username: Mapped[str] = mapped_column(String(60), default="")
    enrolled_at: Mapped[datetime | None] = mapped_column()
    revoked: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(Base):
    """Who did what: one link of a device's hash chain (append-only)."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        UniqueConstraint("device_id", "seq"),
        Index(None, "entity", "entity_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column()
    at: Mapped[datetime] = mapped_column()
    hall_id: Mapped[uuid.UUID | None] = mapped_column()
    user: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36))
    # SHA-256 of the change's canonical JSON.
    digest: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    server_seq: Mapped[int | None] = mapped_column(BigInteger)


class OutboxMutation(Base):
    """A local change waiting to be pushed (DESIGN §8), written with the change."""

    __tablename__ = "sync_outbox"
    __table_args__ = (Index(None, "state", "seq"),)

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(60))
    payload: Mapped[Any] = mapped_column(JSON)
    hlc: Mapped[str] = mapped_column(String(64))
    schema_version: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[OutboxState] = mapped_column(default=OutboxState.PENDING)
    result: Mapped[str] = mapped_column(Text, default="")


class SyncState(Base):
    """Small per-device facts: device id, counters, cursors, the audit head."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Blob(Base):
    """A file in the content-addressed store, recorded once its bytes are safe."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column()
    media_type: Mapped[str] = mapped_column(String(60), default="application/octet-stream")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set once the server has confirmed it holds the bytes.
    uploaded: Mapped[bool] = mapped_column(default=False)


class Alert(Base):
    """A warning raised once per transition (services.accountability.alerts); kept on this device
    only.

    Each workstation notifies, and acknowledges for, whoever sits at it, so alerts are
    neither synced nor in the audit chain; the unique key makes a second scan of the
    same facts raise nothing.
    """

    __tablename__ = "alerts"
    __table_args__ = (
        UniqueConstraint("hall_id", "kind", "subject_id", "since"),
        Index(None, "hall_id", "acknowledged_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hall_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("halls.id"))
    kind: Mapped[str] = mapped_column(String(24))  # case_yellow, case_red, window_idle …
    subject_id: Mapped[str] = mapped_column(String(36))  # the case's or window's id (hex)
    # What makes this transition new: "" for a case's light, the idle episode's start.
    since: Mapped[str] = mapped_column(String(32), default="")
    title: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text, default="")
    raised_at: Mapped[datetime] = mapped_column()
    acknowledged_at: Mapped[datetime | None] = mapped_column()
    acknowledged_by: Mapped[str] = mapped_column(String(60), default="")


SYNCED_MODELS: tuple[type[Base], ...] = tuple(
    mapper.class_ for mapper in Base.registry.mappers if mapper.class_.__sync__ is not None
)
