"""Statistics of a period: the case, queue and rating metrics of DOMAIN.md per group.

`case_stats` returns one `StatsRow` (hallwatch.domain.metrics, where every figure is
defined) per unit, window or staff member of a hall, or one for the hall. The cases are
aggregated by SQLite in one query with GROUP BY, never loaded into Python: a month of
the S demo by unit takes about 270 ms, the query itself 260 (bench/stats.py), of which
some 100 ms is one pass over all 507k cases. Nothing indexes the finish time, and a case
finished in the month may have been taken at any time before it, so every row is read.

Working days come from the hall's calendar as a table of days built here for the span
that the query needs, passed in as VALUES: per day, its ISO date, W = the running count
of working days and whether it is one. Working days in (a, f] = W(f) − W(a), and the
due date of n > 0 working days after a is the first day with W = W(a) + n, so "finished
by the due date" is W(f) − workday(f) < W(a) + n: the due dates of `report cases`
(services.cases.open_cases) are judged without computing a date per case.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, Literal, get_args
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.domain.attendance import pick_season
from hallwatch.domain.calendar import DayOverride, WorkCalendar
from hallwatch.domain.enums import CaseStatus, WindowEventKind
from hallwatch.domain.errors import InputError, NotFoundError
from hallwatch.domain.metrics import StatsRow, offset_changes, overlap_minutes
from hallwatch.domain.timeutil import hall_zone, local_day, utcnow
from hallwatch.services.attendance.sheets import load_seasons
from hallwatch.storage import direct
from hallwatch.storage.models import Hall, Staff, Unit, Window
from hallwatch.storage.queries import hall as hall_queries
from hallwatch.storage.queries import stats as queries

__all__ = ["GROUPS", "GroupBy", "StatsRow", "case_stats", "check_period"]

GroupBy = Literal["hall", "unit", "window", "staff"]
GROUPS: tuple[GroupBy, ...] = get_args(GroupBy)

# The working-day table reaches this far before the period at first: far enough for the
# acceptance day of nearly every case finished in the period. A case accepted earlier
# makes the query run once more with a table reaching back to it.
LOOK_BACK = timedelta(days=366)

_COUNTS = (
    "tickets",
    "abandoned",
    "received",
    "carried_over",
    "finished",
    "open_at_end",
    "finished_with_due",
    "on_time",
    "early",
    "open_overdue",
    "severe_overdue",
    "rated",
    "satisfied",
    "bad",
)
_AVERAGES = ("average_days", "speed_up_rate", "average_wait_minutes", "average_service_minutes")


def check_period(start: date, end: date) -> None:
    """Raise InputError when the period runs backwards."""
    if start > end:
        raise InputError(
            f"FROM {start.isoformat()} is after TO {end.isoformat()}",
            "give the first day of the period first",
        )


def case_stats(
    session: Session,
    hall_id: uuid.UUID,
    start: date,
    end: date,
    *,
    group_by: GroupBy = "unit",
    unit_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> list[StatsRow]:
    """Return the metrics of each group of the hall over the local days start..end.

    Every unit, window or staff member of the hall (of unit_id only, when given) gets a
    row, with or without activity, and so does a deleted or inactive one with activity;
    rows are ordered by code, and activity with no group (say, tickets abandoned before
    any window called them, grouped by window) comes last with key None. Only the local
    SQLite database can answer (the statistics read it directly).
    """
    if group_by not in GROUPS:
        raise InputError(f"cannot group by {group_by!r}", f"choose one of: {', '.join(GROUPS)}")
    check_period(start, end)
    hall = session.execute(
        select(Hall.code, Hall.name, Hall.timezone).where(Hall.id == hall_id)
    ).first()
    if hall is None:
        raise NotFoundError(f"no hall with id {hall_id}", "see 'hallwatch info' for the halls")
    if now is None:
        now = utcnow()
    elif now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("naive datetime: pass `now` as an aware moment")
    zone = hall_zone(hall.timezone)
    period = _Period.of(start, end, zone, now)
    calendar = _calendar(session, hall_id)
    conn = direct.dbapi(session)
    sums = _aggregate(conn, hall_id, period, calendar, group_by, unit_id)
    pauses = _pause_minutes(session, conn, hall_id, period, calendar)
    window_units = dict(
        session.execute(select(Window.id, Window.unit_id).where(Window.hall_id == hall_id)).all()
    )
    groups = _groups(session, hall_id, group_by, unit_id)
    if group_by == "hall":
        groups = {hall_id: _Group(hall.code, hall.name, listed=True)}
    keys = {key for key, group in groups.items() if group.listed} | set(sums)
    rows: list[StatsRow] = []
    for group_key in sorted(keys, key=lambda key: _order(groups, key)):
        group = groups.get(group_key) if group_key is not None else None
        paused = _group_pause(pauses, window_units, group_by, group_key, unit_id)
        rows.append(
            StatsRow(
                key=group_key,
                code=group.code if group else "",
                name=group.name if group else "",
                pause_minutes=paused,
                **sums.get(group_key, {}),
            )
        )
    return rows


# --- the period -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Period:
    start: date
    end: date
    zone: ZoneInfo
    begin: datetime  # UTC, local midnight of start
    stop: datetime  # UTC, local midnight after end
    # The period ends at `until`: at stop, or now when that is earlier. Open cases are
    # counted then, and judged overdue on judge_day, the local day of that moment.
    until: datetime
    judge_day: date

    @classmethod
    def of(cls, start: date, end: date, zone: ZoneInfo, now: datetime) -> _Period:
        begin = _midnight(start, zone)
        stop = _midnight(end + timedelta(days=1), zone)
        until = min(stop, max(now.astimezone(UTC), begin))
        judge_day = end if until == stop else local_day(until, zone)
        return cls(start, end, zone, begin, stop, until, judge_day)


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


# --- the aggregate query ----------------------------------------------------------------


def _calendar(session: Session, hall_id: uuid.UUID) -> WorkCalendar:
    """Return the hall's calendar (as services.hall.calendar.hall_calendar), shared between calls.

    Building a calendar's year tables costs more than a month's query on a small hall, so
    calendars are kept by their holiday table: an edited table makes a new one.
    """
    # One row per day (unique in the table), so their order does not matter.
    overrides = hall_queries.day_overrides(direct.dbapi(session), hall_id)
    return _shared_calendar(frozenset(overrides))


@lru_cache(maxsize=8)
def _shared_calendar(overrides: frozenset[DayOverride]) -> WorkCalendar:
    return WorkCalendar(overrides)


@lru_cache(maxsize=16)
def _day_table(calendar: WorkCalendar, first: date, last: date) -> _DayTable:
    return _DayTable.build(calendar, first, last)


@lru_cache(maxsize=16)
def _offset_changes(
    zone: ZoneInfo, first: datetime, last: datetime
) -> tuple[tuple[datetime, int], ...]:
    return tuple(offset_changes(zone, first, last))


@dataclass(frozen=True, slots=True)
class _DayTable:
    """W (working days so far) and the workday flag of every day from first to last."""

    rows: tuple[tuple[str, int, int], ...]
    by_day: dict[date, tuple[int, int]]

    @classmethod
    def build(cls, calendar: WorkCalendar, first: date, last: date) -> _DayTable:
        rows: list[tuple[str, int, int]] = []
        by_day: dict[date, tuple[int, int]] = {}
        running = 0
        day = first
        while day <= last:
            workday = int(calendar.is_workday(day))
            running += workday
            rows.append((day.isoformat(), running, workday))
            by_day[day] = (running, workday)
            day += timedelta(days=1)
        return cls(tuple(rows), by_day)


def _aggregate(
    conn: sqlite3.Connection,
    hall_id: uuid.UUID,
    period: _Period,
    calendar: WorkCalendar,
    group_by: GroupBy,
    unit_id: uuid.UUID | None,
) -> dict[uuid.UUID | None, dict[str, Any]]:
    """Run the aggregate query; return each group's counts and averages by field name."""
    # With one hall in the file, reading the table straight through is about twice as fast
    # as going through a hall index (S demo: 104 ms against 185 ms); with several, the
    # index reads only this hall's rows.
    single_hall = queries.hall_count(conn) <= 1
    # The open cases' acceptance days must be in the day table.
    oldest_open = queries.oldest_open(
        conn, hall_id, (CaseStatus.ACCEPTED.value, CaseStatus.PAUSED.value)
    )
    first = period.start - LOOK_BACK
    if oldest_open is not None:
        first = min(first, local_day(oldest_open, period.zone))
    for _attempt in range(2):
        table = _day_table(calendar, first, period.end)
        first_instant = _midnight(first, period.zone)
        changes = _offset_changes(period.zone, first_instant, period.stop)
        judge_w, judge_workday = table.by_day[period.judge_day]
        found = queries.aggregate(
            conn,
            hall_id,
            unit_id,
            days=table.rows,
            changes=changes,
            group_by=group_by,
            begin=period.begin,
            until=period.until,
            judge_day=period.judge_day,
            judge_before=judge_w - judge_workday,
            single_hall=single_hall,
        )
        oldest = min((row[-1] for row in found if row[-1] is not None), default=None)
        if oldest is None or oldest >= first_instant:
            break
        # A case finished in the period, or open at its end, was accepted before the
        # table's first day: reach back to it and count again.
        first = local_day(oldest, period.zone)
    sums: dict[uuid.UUID | None, dict[str, Any]] = {}
    for group_key, values, _oldest in found:
        counts = dict(zip(_COUNTS, values[: len(_COUNTS)], strict=True))
        averages = dict(zip(_AVERAGES, values[len(_COUNTS) :], strict=True))
        sums[group_key] = {**counts, **averages}
    return sums


# --- pauses -----------------------------------------------------------------------------


def _pause_minutes(
    session: Session,
    conn: sqlite3.Connection,
    hall_id: uuid.UUID,
    period: _Period,
    calendar: WorkCalendar,
) -> dict[uuid.UUID, float] | None:
    """Return each paused window's minutes paused in opening hours; None without a schedule."""
    seasons = load_seasons(session, hall_id)
    if not seasons:
        return None
    spans: list[tuple[datetime, datetime]] = []
    day = period.start
    while day <= period.end:
        schedule = pick_season(seasons, day)
        if schedule is not None and calendar.is_workday(day):
            for opens, closes in (
                (schedule.am_start, schedule.am_end),
                (schedule.pm_start, schedule.pm_end),
            ):
                spans.append(
                    (
                        datetime.combine(day, opens, tzinfo=period.zone).astimezone(UTC),
                        datetime.combine(day, closes, tzinfo=period.zone).astimezone(UTC),
                    )
                )
        day += timedelta(days=1)
    cutoff = period.until  # a pause still on at the end counts up to it
    # The period's events, and each window's last one before it (paused already?).
    intervals: dict[uuid.UUID, list[tuple[datetime, datetime]]] = {}
    since: dict[uuid.UUID, datetime] = {}
    for window_id, kind, occurred in queries.window_events(
        conn, hall_id, period.begin, period.until
    ):
        moment = max(occurred, period.begin)
        if kind == WindowEventKind.PAUSED.value:
            since.setdefault(window_id, moment)
        elif window_id in since:
            intervals.setdefault(window_id, []).append((since.pop(window_id), moment))
    for window_id, moment in since.items():
        intervals.setdefault(window_id, []).append((moment, cutoff))
    return {
        window_id: overlap_minutes(((begin, min(finish, cutoff)) for begin, finish in found), spans)
        for window_id, found in intervals.items()
    }


def _group_pause(
    pauses: dict[uuid.UUID, float] | None,
    window_units: dict[uuid.UUID, uuid.UUID | None],
    group_by: GroupBy,
    group_key: uuid.UUID | None,
    unit_id: uuid.UUID | None,
) -> float | None:
    """Return the paused minutes of a group's windows (None for staff: pauses are a window's)."""
    if pauses is None or group_key is None or group_by == "staff":
        return None
    if group_by == "window":
        return pauses.get(group_key, 0.0)
    owner = group_key if group_by == "unit" else unit_id
    return sum(
        (
            minutes
            for window_id, minutes in pauses.items()
            if owner is None or window_units.get(window_id) == owner
        ),
        0.0,
    )


# --- groups -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Group:
    code: str
    name: str
    # Shown even without activity: not deleted, active, of the unit asked for.
    listed: bool


def _groups(
    session: Session, hall_id: uuid.UUID, group_by: GroupBy, unit_id: uuid.UUID | None
) -> dict[uuid.UUID, _Group]:
    """Return the hall's units, windows or staff by id, deleted and inactive ones too."""
    found: list[tuple[uuid.UUID, str, str, bool, uuid.UUID | None]] = []
    if group_by == "unit":
        found = [
            (key, code, name, not deleted, key)
            for key, code, name, deleted in session.execute(
                select(Unit.id, Unit.code, Unit.name, Unit.deleted).where(Unit.hall_id == hall_id)
            )
        ]
    elif group_by == "window":
        found = [
            (key, number, name, active and not deleted, owner)
            for key, number, name, deleted, active, owner in session.execute(
                select(
                    Window.id,
                    Window.number,
                    Window.name,
                    Window.deleted,
                    Window.active,
                    Window.unit_id,
                ).where(Window.hall_id == hall_id)
            )
        ]
    elif group_by == "staff":
        found = [
            (key, number, name, active and not deleted, owner)
            for key, number, name, deleted, active, owner in session.execute(
                select(
                    Staff.id, Staff.staff_no, Staff.name, Staff.deleted, Staff.active, Staff.unit_id
                ).where(Staff.hall_id == hall_id)
            )
        ]
    return {
        key: _Group(code, name, listed=usable and (unit_id is None or owner == unit_id))
        for key, code, name, usable, owner in found
    }


def _order(groups: dict[uuid.UUID, _Group], group_key: uuid.UUID | None) -> tuple[Any, ...]:
    group = groups.get(group_key) if group_key is not None else None
    if group is None:
        return (1, "", "", str(group_key))
    return (0, group.code, group.name, str(group_key))
