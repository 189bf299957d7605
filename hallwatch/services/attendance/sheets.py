"""Attendance: day and month sheets, marks, leave and signed corrections (补签).

The rules live in hallwatch.domain.attendance; this module loads what they need in a few
range queries (events on the (hall_id, occurred_at) index with the UTC bounds of the
hall-local days, leave and the roster in one query each) and writes what inspectors
record. Every write goes through the ORM in the caller's write session, so it is audited
and put in the outbox like any change.
"""

from __future__ import annotations

import contextlib
import gc
import sqlite3
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Row, String, select, type_coerce
from sqlalchemy.orm import Session

from hallwatch.domain.attendance import (
    LEAVE_WORDS,
    DayFlag,
    DaySchedule,
    LeaveIn,
    MarkIn,
    PunchIn,
    ScheduleSeason,
    StaffDay,
    evaluate_day,
    pick_season,
)
from hallwatch.domain.enums import AttendanceKind, AttendanceSource, LeaveKind
from hallwatch.domain.errors import InputError, NotFoundError
from hallwatch.domain.ids import uuid7
from hallwatch.domain.timeutil import hall_zone, utcnow
from hallwatch.services.hall.calendar import hall_calendar
from hallwatch.services.hall.rules import load_rules
from hallwatch.storage import convert, direct
from hallwatch.storage.models import (
    AttendanceEvent,
    Hall,
    Leave,
    Staff,
    Unit,
    Window,
)
from hallwatch.storage.queries import hall as hall_queries

__all__ = [
    "MARK_KINDS",
    "StaffMonth",
    "UnitMonth",
    "add_correction",
    "add_leave",
    "day_sheet",
    "load_seasons",
    "month_sheet",
    "record_mark",
    "schedule_for",
    "unit_month",
    "unit_totals",
]

# What an inspector may mark by hand (punches come from devices and imports, 补签 from
# add_correction).
MARK_KINDS = frozenset(
    {
        AttendanceKind.CHECK_IN,
        AttendanceKind.LEFT_POST,
        AttendanceKind.RETURNED,
        AttendanceKind.ABSENT_NOTED,
    }
)
# A recorded time may run this far ahead of this device's clock (clocks differ a little).
FUTURE_TOLERANCE = timedelta(minutes=5)
NO_UNIT_NAME = "未分配单位"


@dataclass(frozen=True, slots=True)
class StaffMonth:
    """One person's month: every day up to today, and the month's counts (counts are days)."""

    staff_id: uuid.UUID
    staff_no: str
    name: str
    unit_name: str
    days: tuple[StaffDay, ...]
    late_count: int
    early_count: int
    absent_half_days: int
    off_post_count: int
    leave_days: float
    missing_punches: int
    unit_id: uuid.UUID | None = None
    late_minutes: int = 0
    early_minutes: int = 0
    off_post_minutes: int = 0
    corrected_count: int = 0
    # Working days of the month evaluated so far.
    workdays: int = 0


@dataclass(frozen=True, slots=True)
class UnitMonth:
    """A unit's month: the sums of its staff's months."""

    unit_id: uuid.UUID | None
    unit_name: str
    staff: int
    late_count: int
    early_count: int
    absent_half_days: int
    off_post_count: int
    leave_days: float
    missing_punches: int
    late_minutes: int = 0
    early_minutes: int = 0
    off_post_minutes: int = 0
    corrected_count: int = 0


# --- reading -------------------------------------------------------------------------


def _zone(session: Session, hall_id: uuid.UUID) -> ZoneInfo:
    name = session.scalar(select(Hall.timezone).where(Hall.id == hall_id))
    if name is None:
        raise NotFoundError(f"no hall with id {hall_id}", "see 'hallwatch info' for the halls")
    return hall_zone(name)


def _midnight_utc(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def load_seasons(source: Session | sqlite3.Connection, hall_id: uuid.UUID) -> list[ScheduleSeason]:
    """Return the hall's schedules with their seasons."""
    return hall_queries.seasons(direct.dbapi(source), hall_id)


def schedule_for(session: Session, hall_id: uuid.UUID, day: date) -> DaySchedule | None:
    """Return the schedule whose season (MM-DD, wrapping over the new year) contains day.

    grace_minutes is the schedule's own; 0 means the hall's rule applies.
    """
    return pick_season(load_seasons(session, hall_id), day)


@dataclass(frozen=True, slots=True)
class _Person:
    id: uuid.UUID
    staff_no: str
    name: str
    unit_id: uuid.UUID | None
    unit_name: str
    active: bool


def _roster(session: Session, hall_id: uuid.UUID, unit_id: uuid.UUID | None) -> list[_Person]:
    query = (
        select(Staff.id, Staff.staff_no, Staff.name, Staff.unit_id, Unit.name, Staff.active)
        .outerjoin(Unit, Unit.id == Staff.unit_id)
        .where(Staff.hall_id == hall_id, Staff.deleted.is_(False))
        .order_by(Staff.staff_no)
    )
    if unit_id is not None:
        query = query.where(Staff.unit_id == unit_id)
    return [
        _Person(sid, no, name, uid, uname or NO_UNIT_NAME, bool(active))
        for sid, no, name, uid, uname, active in session.execute(query)
    ]


# The stored text of enum values, looked up instead of converted row by row.
_KINDS = {kind.value: kind for kind in AttendanceKind}


def _event_rows(
    session: Session, hall_id: uuid.UUID, start: datetime, end: datetime
) -> Sequence[Row[str, str, str, str, str, str]]:
    """Return the hall's events in [start, end) (UTC), by the (hall_id, occurred_at) index.

    Rows are (staff id, kind, occurred_at, source, device_sn, note) as the driver returns
    them: converting ids, enums and times column by column in SQLAlchemy costs three times
    the query on a month of a big hall, so _key, _KINDS and _utc convert what is used.
    """
    # Through the connection: the ORM's row loading would double the cost of a big month.
    return (
        session.connection()
        .execute(
            select(
                type_coerce(AttendanceEvent.staff_id, String),
                type_coerce(AttendanceEvent.kind, String),
                type_coerce(AttendanceEvent.occurred_at, String),
                type_coerce(AttendanceEvent.source, String),
                AttendanceEvent.device_sn,
                AttendanceEvent.note,
            ).where(
                AttendanceEvent.hall_id == hall_id,
                AttendanceEvent.occurred_at >= start,
                AttendanceEvent.occurred_at < end,
                AttendanceEvent.deleted.is_(False),
            )
        )
        .all()
    )


def _key(value: str | uuid.UUID) -> str:
    """Return an id in its stored text form (SQLite stores text; PostgreSQL a UUID)."""
    return value if isinstance(value, str) else convert.key(value)


def _utc(value: str | datetime) -> datetime:
    """Return a stored time (ISO text of UTC in SQLite) as an aware UTC datetime."""
    if isinstance(value, str):
        # Appending the offset parses 5× faster than datetime.replace(tzinfo=UTC).
        return datetime.fromisoformat(value + "+00:00")
    return value.astimezone(UTC)


def _leave_rows(
    session: Session, hall_id: uuid.UUID, start: datetime, end: datetime
) -> dict[uuid.UUID, list[LeaveIn]]:
    rows = session.execute(
        select(Leave.staff_id, Leave.kind, Leave.starts_at, Leave.ends_at).where(
            Leave.hall_id == hall_id,
            Leave.deleted.is_(False),
            Leave.starts_at < end,
            Leave.ends_at > start,
        )
    )
    found: dict[uuid.UUID, list[LeaveIn]] = defaultdict(list)
    for staff_id, kind, starts_at, ends_at in rows:
        found[staff_id].append(LeaveIn(kind, starts_at, ends_at))
    return found


@dataclass(slots=True)
class _DayInput:
    punches: list[PunchIn]
    marks: list[MarkIn]


@contextlib.contextmanager
def _gc_held() -> Iterator[None]:
    """Hold the cyclic garbage collector while a sheet is built.

    A month of a big hall makes some 100,000 short-lived objects, none of them in a cycle;
    the collections they trigger walk every live object again and again, which cost a
    quarter of month_sheet's time. Reference counting still frees everything at once.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _sheets(
    session: Session,
    hall_id: uuid.UUID,
    first: date,
    last: date,
    unit_id: uuid.UUID | None,
    now: datetime | None,
) -> list[tuple[_Person, list[StaffDay]]]:
    """Evaluate every person of the hall (or unit) for the days first..last."""
    with _gc_held():
        return _evaluate(session, hall_id, first, last, unit_id, now)


def _evaluate(
    session: Session,
    hall_id: uuid.UUID,
    first: date,
    last: date,
    unit_id: uuid.UUID | None,
    now: datetime | None,
) -> list[tuple[_Person, list[StaffDay]]]:
    zone = _zone(session, hall_id)
    rules = load_rules(session, hall_id)
    calendar = hall_calendar(session, hall_id)
    seasons = load_seasons(session, hall_id)
    now = utcnow() if now is None else now
    start = _midnight_utc(first, zone)
    end = _midnight_utc(last + timedelta(days=1), zone)
    # A device's clock offset can move a punch across midnight: read a little wider.
    slack = timedelta(seconds=max((abs(v) for v in rules.device_offsets.values()), default=0))
    offsets = rules.device_offsets

    people = _roster(session, hall_id, unit_id)
    # Keyed by the id's stored text: hashing str is much cheaper than hashing uuid.UUID.
    wanted = {convert.key(person.id) for person in people}
    by_person: dict[str, dict[date, _DayInput]] = defaultdict(dict)
    for staff_key, kind_text, occurred_text, source, device_sn, note in _event_rows(
        session, hall_id, start - slack, end + slack
    ):
        staff_id = _key(staff_key)
        if staff_id not in wanted:
            continue
        kind = _KINDS[kind_text]
        local = _utc(occurred_text).astimezone(zone)
        day = local.date()
        if kind is AttendanceKind.PUNCH and offsets and device_sn in offsets:
            day = (local + timedelta(seconds=offsets[device_sn])).date()
        if not first <= day <= last:
            continue
        days = by_person[staff_id]
        entry = days.get(day)
        if entry is None:
            entry = days[day] = _DayInput([], [])
        if kind is AttendanceKind.PUNCH:
            entry.punches.append(PunchIn(local, str(source), note, device_sn))
        else:
            # Manual check-ins and -outs count as punches too (evaluate_day reads them so).
            entry.marks.append(MarkIn(local, kind, note))
    leaves = _leave_rows(session, hall_id, start, end)

    # Days after today are not part of a sheet yet; today is judged up to now.
    today = now.astimezone(zone).date()
    day_list = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    day_info = {day: (calendar.is_workday(day), pick_season(seasons, day)) for day in day_list}
    day_bounds = {
        day: (_midnight_utc(day, zone), _midnight_utc(day + timedelta(days=1), zone))
        for day in day_list
    }
    empty = _DayInput([], [])
    result: list[tuple[_Person, list[StaffDay]]] = []
    for person in people:
        days_in = by_person.get(convert.key(person.id), {})
        if not person.active and not days_in:
            continue
        own_leaves = leaves.get(person.id, [])
        staff_days: list[StaffDay] = []
        for day in day_list:
            if day > today and len(day_list) > 1:
                break
            is_workday, schedule = day_info[day]
            entry = days_in.get(day, empty)
            day_start, day_end = day_bounds[day]
            day_leaves = [
                leave
                for leave in own_leaves
                if leave.starts_at < day_end and leave.ends_at > day_start
            ]
            outcome = evaluate_day(
                day,
                schedule,
                is_workday,
                entry.punches,
                entry.marks,
                day_leaves,
                rules,
                zone=zone,
                now=now if day >= today else None,
            )
            staff_days.append(
                StaffDay.of(
                    outcome,
                    staff_id=person.id,
                    staff_no=person.staff_no,
                    name=person.name,
                    unit_name=person.unit_name,
                    unit_id=person.unit_id,
                    day=day,
                )
            )
        result.append((person, staff_days))
    return result


def day_sheet(
    session: Session,
    hall_id: uuid.UUID,
    day: date,
    unit_id: uuid.UUID | None = None,
    *,
    now: datetime | None = None,
) -> list[StaffDay]:
    """Return each person's attendance on day, by staff number (today: judged up to now)."""
    return [days[0] for _, days in _sheets(session, hall_id, day, day, unit_id, now) if days]


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    if not 1 <= month <= 12:
        raise InputError(f"month {month} is not a month", "give 1–12")
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def month_sheet(
    session: Session,
    hall_id: uuid.UUID,
    year: int,
    month: int,
    unit_id: uuid.UUID | None = None,
    *,
    now: datetime | None = None,
) -> list[StaffMonth]:
    """Return each person's days of the month (up to today) with the month's counts."""
    first, last = _month_bounds(year, month)
    months: list[StaffMonth] = []
    for person, days in _sheets(session, hall_id, first, last, unit_id, now):
        late = early = absent = off_post = leave_halves = missing = corrected = workdays = 0
        late_minutes = early_minutes = off_post_minutes = 0
        for staff_day in days:
            flags = staff_day.flags
            if DayFlag.NOT_SCHEDULED not in flags and (staff_day.complete or staff_day.punches):
                workdays += 1
            late += DayFlag.LATE in flags
            early += DayFlag.EARLY_LEAVE in flags
            off_post += DayFlag.OFF_POST in flags
            corrected += DayFlag.CORRECTED in flags
            absent += staff_day.absent_half_days
            leave_halves += staff_day.leave_half_days
            missing += len(staff_day.missing)
            late_minutes += staff_day.late_minutes
            early_minutes += staff_day.early_minutes
            off_post_minutes += staff_day.off_post_minutes
        months.append(
            StaffMonth(
                staff_id=person.id,
                staff_no=person.staff_no,
                name=person.name,
                unit_name=person.unit_name,
                days=tuple(days),
                late_count=late,
                early_count=early,
                absent_half_days=absent,
                off_post_count=off_post,
                leave_days=leave_halves / 2,
                missing_punches=missing,
                unit_id=person.unit_id,
                late_minutes=late_minutes,
                early_minutes=early_minutes,
                off_post_minutes=off_post_minutes,
                corrected_count=corrected,
                workdays=workdays,
            )
        )
    return months


def unit_month(
    session: Session,
    hall_id: uuid.UUID,
    year: int,
    month: int,
    *,
    now: datetime | None = None,
) -> list[UnitMonth]:
    """Return the month's counts per unit (staff without a unit last), by unit name."""
    return unit_totals(month_sheet(session, hall_id, year, month, now=now))


def unit_totals(months: Iterable[StaffMonth]) -> list[UnitMonth]:
    """Sum staff months per unit (a view that has month_sheet's rows need not load twice)."""
    sums: dict[uuid.UUID | None, list[StaffMonth]] = defaultdict(list)
    for staff_month in months:
        sums[staff_month.unit_id].append(staff_month)
    units = [
        UnitMonth(
            unit_id=unit_id,
            unit_name=members[0].unit_name,
            staff=len(members),
            late_count=sum(m.late_count for m in members),
            early_count=sum(m.early_count for m in members),
            absent_half_days=sum(m.absent_half_days for m in members),
            off_post_count=sum(m.off_post_count for m in members),
            leave_days=sum(m.leave_days for m in members),
            missing_punches=sum(m.missing_punches for m in members),
            late_minutes=sum(m.late_minutes for m in members),
            early_minutes=sum(m.early_minutes for m in members),
            off_post_minutes=sum(m.off_post_minutes for m in members),
            corrected_count=sum(m.corrected_count for m in members),
        )
        for unit_id, members in sums.items()
    ]
    units.sort(key=lambda unit: (unit.unit_id is None, unit.unit_name))
    return units


# --- writing -------------------------------------------------------------------------


def _check_moment(at: datetime, field: str, now: datetime | None = None) -> datetime:
    """Return at in UTC, refusing a naive time or one in the future."""
    if not isinstance(at, datetime):
        raise InputError(f"{field} {at!r} is not a date and time", "give a date and a time")
    if at.tzinfo is None or at.utcoffset() is None:
        raise InputError(
            f"{field} {at.isoformat(sep=' ')} has no time zone",
            "give the hall's local time with its zone (or UTC)",
        )
    if at - (now or utcnow()) > FUTURE_TOLERANCE:
        raise InputError(
            f"{field} {at.isoformat(sep=' ', timespec='minutes')} is in the future",
            "record what has happened, at the time it happened",
        )
    return at.astimezone(UTC)


def _staff(session: Session, hall_id: uuid.UUID, staff_id: uuid.UUID) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None or staff.hall_id != hall_id or staff.deleted:
        raise NotFoundError(f"no staff member with id {staff_id} in this hall")
    return staff


def _leave_at(session: Session, staff_id: uuid.UUID, at: datetime) -> Leave | None:
    return session.scalar(
        select(Leave)
        .where(
            Leave.staff_id == staff_id,
            Leave.deleted.is_(False),
            Leave.starts_at <= at,
            Leave.ends_at > at,
        )
        .limit(1)
    )


def record_mark(
    session: Session,
    hall_id: uuid.UUID,
    staff_id: uuid.UUID,
    kind: AttendanceKind,
    at: datetime,
    note: str = "",
    window_id: uuid.UUID | None = None,
    *,
    now: datetime | None = None,
) -> uuid.UUID:
    """Record what an inspector saw: arrived, left the post, returned, or absent."""
    try:
        kind = AttendanceKind(kind)
    except ValueError:
        raise InputError(f"kind {kind!r} is not an attendance mark") from None
    if kind not in MARK_KINDS:
        raise InputError(
            f"kind {kind.value} cannot be marked by hand",
            "mark check_in, left_post, returned or absent_noted; a missing punch needs a "
            "signed correction (补签)",
        )
    occurred_at = _check_moment(at, "time", now)
    staff = _staff(session, hall_id, staff_id)
    if window_id is not None:
        window = session.get(Window, window_id)
        if window is None or window.hall_id != hall_id or window.deleted:
            raise NotFoundError(f"no window with id {window_id} in this hall")
    if kind is AttendanceKind.ABSENT_NOTED:
        leave = _leave_at(session, staff_id, occurred_at)
        if leave is not None:
            zone = _zone(session, hall_id)
            until = leave.ends_at.astimezone(zone).strftime("%m-%d %H:%M")
            raise InputError(
                f"time: {staff.name} is on {LEAVE_WORDS[leave.kind]} until {until}",
                "approved leave is not an absence",
            )
    event = AttendanceEvent(
        id=uuid7(),
        hall_id=hall_id,
        staff_id=staff_id,
        window_id=window_id,
        kind=kind,
        occurred_at=occurred_at,
        source=AttendanceSource.MANUAL,
        note=note.strip(),
    )
    session.add(event)
    session.flush()
    return event.id


def add_leave(
    session: Session,
    hall_id: uuid.UUID,
    staff_id: uuid.UUID,
    kind: LeaveKind,
    starts_at: datetime,
    ends_at: datetime,
    reason: str,
    approved_by: str,
) -> uuid.UUID:
    """Record an approved leave (请假/公出); it may lie in the future."""
    try:
        kind = LeaveKind(kind)
    except ValueError:
        choices = ", ".join(k.value for k in LeaveKind)
        raise InputError(f"kind {kind!r} is not a leave kind", f"choose one of {choices}") from None
    far = datetime.max.replace(tzinfo=UTC)
    start = _check_moment(starts_at, "starts_at", far)
    end = _check_moment(ends_at, "ends_at", far)
    if end <= start:
        raise InputError(
            f"ends_at {ends_at.isoformat(sep=' ', timespec='minutes')} is not after starts_at "
            f"{starts_at.isoformat(sep=' ', timespec='minutes')}",
            "a leave must end after it starts",
        )
    approver = approved_by.strip()
    if not approver:
        raise InputError("approved_by is empty", "name who approved the leave")
    staff = _staff(session, hall_id, staff_id)
    clash = session.scalar(
        select(Leave)
        .where(
            Leave.staff_id == staff_id,
            Leave.deleted.is_(False),
            Leave.starts_at < end,
            Leave.ends_at > start,
        )
        .order_by(Leave.starts_at)
        .limit(1)
    )
    if clash is not None:
        zone = _zone(session, hall_id)
        span = (
            f"{clash.starts_at.astimezone(zone):%Y-%m-%d %H:%M}–"
            f"{clash.ends_at.astimezone(zone):%Y-%m-%d %H:%M}"
        )
        raise InputError(
            f"starts_at–ends_at overlaps {staff.name}'s {LEAVE_WORDS[clash.kind]} of {span}",
            "change the times, or cancel that leave first",
        )
    leave = Leave(
        id=uuid7(),
        hall_id=hall_id,
        staff_id=staff_id,
        kind=kind,
        starts_at=start,
        ends_at=end,
        reason=reason.strip(),
        approved_by=approver,
    )
    session.add(leave)
    session.flush()
    return leave.id


def add_correction(
    session: Session,
    hall_id: uuid.UUID,
    staff_id: uuid.UUID,
    at: datetime,
    reason: str,
    approved_by: str,
    *,
    now: datetime | None = None,
) -> uuid.UUID:
    """Record a signed correction (补签) for a missing punch at `at`."""
    occurred_at = _check_moment(at, "time", now)
    text = reason.strip()
    if not text:
        raise InputError("reason is empty", "say why the punch is missing")
    approver = approved_by.strip()
    if not approver:
        raise InputError("approved_by is empty", "name who signed the correction")
    _staff(session, hall_id, staff_id)
    event = AttendanceEvent(
        id=uuid7(),
        hall_id=hall_id,
        staff_id=staff_id,
        kind=AttendanceKind.CORRECTION,
        occurred_at=occurred_at,
        source=AttendanceSource.MANUAL,
        note=text,
        approved_by=approver,
    )
    session.add(event)
    session.flush()
    return event.id
