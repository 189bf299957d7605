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
(services.cases) are judged without computing a date per case.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Sequence
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
from hallwatch.services.attendance import load_seasons
from hallwatch.storage import convert, direct
from hallwatch.storage.models import Hall, Holiday, Staff, Unit, Window

__all__ = ["GROUPS", "GroupBy", "StatsRow", "case_stats", "check_period"]

GroupBy = Literal["hall", "unit", "window", "staff"]
GROUPS: tuple[GroupBy, ...] = get_args(GroupBy)

# The working-day table reaches this far before the period at first: far enough for the
# acceptance day of nearly every case finished in the period. A case accepted earlier
# makes the query run once more with a table reaching back to it.
LOOK_BACK = timedelta(days=366)

# "+" makes each an expression: the planner must not walk an index in group order, which
# would read every row of the table through it (S demo: 600 ms instead of 240). The hall
# needs no GROUP BY at all (and so no sort): one aggregate row, keyed by the hall's id.
_GROUP_COLUMN = {
    "hall": ":hall",
    "unit": "+c.unit_id",
    "window": "+c.window_id",
    "staff": "+c.staff_id",
}
# The aggregate columns of the query, in order; each becomes the StatsRow field so named.
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
    """Return the hall's calendar (as services.calendar.hall_calendar), shared between calls.

    Building a calendar's year tables costs more than a month's query on a small hall, so
    calendars are kept by their holiday table: an edited table makes a new one.
    """
    rows = session.execute(
        select(Holiday.day, Holiday.is_workday, Holiday.name, Holiday.national).where(
            Holiday.hall_id == hall_id, Holiday.deleted.is_(False)
        )
    )
    # One row per day (unique in the table), so their order does not matter.
    return _shared_calendar(frozenset(DayOverride(*row) for row in rows))


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

    def values_sql(self) -> str:
        # Literals, not parameters: ISO dates and integers made here (no quoting needed),
        # and a long look-back cannot run into SQLite's limit on bound variables.
        return ", ".join(f"('{day}', {w}, {workday})" for day, w, workday in self.rows)


def _aggregate(
    conn: sqlite3.Connection,
    hall_id: uuid.UUID,
    period: _Period,
    calendar: WorkCalendar,
    group_by: GroupBy,
    unit_id: uuid.UUID | None,
) -> dict[uuid.UUID | None, dict[str, Any]]:
    """Run the aggregate query; return each group's counts and averages by field name."""
    hall_key = convert.key(hall_id)
    # With one hall in the file, reading the table straight through is about twice as fast
    # as going through a hall index (S demo: 104 ms against 185 ms); with several, the
    # index reads only this hall's rows.
    (halls,) = conn.execute("SELECT count(*) FROM halls").fetchone()
    # The open cases' acceptance days must be in the day table: find the oldest on the
    # (hall_id, status, …) index ("+deleted" keeps the planner off the others).
    (oldest_open,) = conn.execute(
        "SELECT min(coalesce(accepted_at, taken_at)) FROM cases"
        " WHERE hall_id = ? AND status IN (?, ?) AND +deleted = 0",
        (hall_key, CaseStatus.ACCEPTED.value, CaseStatus.PAUSED.value),
    ).fetchone()
    first = period.start - LOOK_BACK
    if oldest_open is not None:
        first = min(first, local_day(convert.read_utc(oldest_open), period.zone))
    for _attempt in range(2):
        table = _day_table(calendar, first, period.end)
        first_instant = _midnight(first, period.zone)
        changes = _offset_changes(period.zone, first_instant, period.stop)
        sql = _stats_sql(table, changes, group_by, unit_id is not None, single_hall=halls <= 1)
        judge_w, judge_workday = table.by_day[period.judge_day]
        params: dict[str, object] = {
            "hall": hall_key,
            "unit": convert.key(unit_id) if unit_id is not None else None,
            "begin": convert.utc_text(period.begin),
            "until": convert.utc_text(period.until),
            "judge_day": period.judge_day.isoformat(),
            "judge_before": judge_w - judge_workday,
        }
        found = conn.execute(sql, params).fetchall()
        oldest = min((row[-1] for row in found if row[-1] is not None), default=None)
        if oldest is None or oldest >= convert.utc_text(first_instant):
            break
        # A case finished in the period, or open at its end, was accepted before the
        # table's first day: reach back to it and count again.
        first = local_day(convert.read_utc(oldest), period.zone)
    sums: dict[uuid.UUID | None, dict[str, Any]] = {}
    for row in found:
        group_key = convert.read_uuid(row[0]) if row[0] is not None else None
        counts = dict(zip(_COUNTS, row[1 : 1 + len(_COUNTS)], strict=True))
        averages = dict(zip(_AVERAGES, row[1 + len(_COUNTS) : -1], strict=True))
        sums[group_key] = {**counts, **averages}
    return sums


def _local_day_sql(column: str, changes: Sequence[tuple[datetime, int]]) -> str:
    """Return SQL for the hall-local day of a stored UTC time (offsets made here, inlined)."""
    if len(changes) == 1:
        return f"date({column}, '{changes[0][1]:+d} minutes')"
    branches = " ".join(
        f"WHEN {column} >= '{convert.utc_text(since)}' THEN '{minutes:+d} minutes'"
        for since, minutes in reversed(changes[1:])
    )
    return f"date({column}, CASE {branches} ELSE '{changes[0][1]:+d} minutes' END)"


def _minutes(earlier: str, later: str) -> str:
    """Return SQL for the minutes between two stored times, exact to the millisecond."""
    # A julianday is a double of about 2.46 million days: its last bit is ~40 µs, so a
    # plain difference gives 17.50000007 minutes where the times say 17.5.
    return f"round((julianday({later}) - julianday({earlier})) * 86400000.0) / 60000.0"


def _stats_sql(
    table: _DayTable,
    changes: Sequence[tuple[datetime, int]],
    group_by: GroupBy,
    by_unit: bool,
    *,
    single_hall: bool,
) -> str:
    """Return the aggregate query: one row per group, columns as _COUNTS, _AVERAGES, oldest.

    The last column is the oldest acceptance among the cases whose acceptance day had to be
    looked up in the day table; older than the table's first day means "count again".
    """
    group = _GROUP_COLUMN[group_by]
    received_at = "coalesce(c.accepted_at, c.taken_at)"
    is_case = "c.status IN ('accepted', 'paused', 'finished')"
    open_status = "c.status IN ('accepted', 'paused')"
    ticket = "(c.taken_at >= :begin AND c.taken_at < :until)"
    received = f"({is_case} AND {received_at} >= :begin AND {received_at} < :until)"
    carried = (
        f"({is_case} AND {received_at} < :begin AND ({open_status} OR c.finished_at >= :begin))"
    )
    # The finish day is looked up (df) only for a case finished in the period, which makes
    # "finished" a cheap test in the dozen filters that use it.
    finished_in_period = (
        "c.status = 'finished' AND c.finished_at >= :begin AND c.finished_at < :until"
    )
    finished = "(df.d IS NOT NULL)"
    open_end = (
        f"({is_case} AND {received_at} < :until AND ({open_status} OR c.finished_at >= :until))"
    )
    # Working days to the due dates, as services.cases computes them (domain.cases): from
    # the case's own limits, never the catalogue's today; the stored dates for a case
    # without limits of its own.
    promised = "(c.promised_days + c.paused_days)"
    legal = "(c.legal_days + c.paused_days + c.extended_days)"
    no_limits = "c.promised_days IS NULL OR c.legal_days IS NULL"
    has_due = f"CASE WHEN {no_limits} THEN c.promised_due IS NOT NULL ELSE da.w IS NOT NULL END"

    def by_due(n: str, stored: str) -> str:  # finished on or before the due date
        return (
            f"CASE WHEN {no_limits} THEN df.d <= c.{stored} WHEN {n} = 0 THEN df.d <= da.d"
            f" ELSE df.w - df.wd < da.w + {n} END"
        )

    def judged_past(n: str, stored: str) -> str:  # the judge day is after the due date
        return (
            f"CASE WHEN {no_limits} THEN :judge_day > c.{stored} WHEN {n} = 0"
            f" THEN :judge_day > da.d ELSE :judge_before >= da.w + {n} END"
        )

    early = (
        f"CASE WHEN {no_limits} THEN df.d < c.promised_due WHEN {promised} = 0"
        f" THEN df.d < da.d ELSE df.w < da.w + {promised} END"
    )
    elapsed = "(df.w - da.w)"
    # A bad rating found mistaken on appeal (申诉复核) counts neither as rated nor as bad;
    # looked up only for the few bad ratings, on the follow-ups' unique case_id.
    mistaken = (
        "EXISTS (SELECT 1 FROM rating_followups rf WHERE rf.case_id = c.id"
        " AND rf.rating_mistaken = 1 AND rf.deleted = 0)"
    )
    columns = [
        f"count(*) FILTER (WHERE {ticket})",
        f"count(*) FILTER (WHERE {ticket} AND c.status = 'abandoned')",
        f"count(*) FILTER (WHERE {received})",
        f"count(*) FILTER (WHERE {carried})",
        f"count(*) FILTER (WHERE {finished})",
        f"count(*) FILTER (WHERE {open_end})",
        f"count(*) FILTER (WHERE {finished} AND {has_due})",
        f"count(*) FILTER (WHERE {finished} AND {by_due(promised, 'promised_due')})",
        f"count(*) FILTER (WHERE {finished} AND {early})",
        f"count(*) FILTER (WHERE {open_end} AND {judged_past(promised, 'promised_due')})",
        f"count(*) FILTER (WHERE {finished} AND NOT ({by_due(legal, 'legal_due')})"
        f" OR {open_end} AND {judged_past(legal, 'legal_due')})",
        f"count(*) FILTER (WHERE {finished} AND c.rating IS NOT NULL"
        f" AND (c.rating > 2 OR NOT {mistaken}))",
        f"count(*) FILTER (WHERE {finished} AND c.rating >= 4)",
        f"count(*) FILTER (WHERE {finished} AND c.rating <= 2 AND NOT {mistaken})",
        f"avg({elapsed}) FILTER (WHERE {finished})",
        f"avg(1.0 - max({elapsed} - c.paused_days, 0) * 1.0 / c.legal_days)"
        f" FILTER (WHERE {finished} AND c.legal_days > 0)",
        f"avg({_minutes('c.taken_at', 'c.called_at')})"
        f" FILTER (WHERE {ticket} AND c.called_at IS NOT NULL)",
        # Service at the window ends when the queue says so (service_finished_at), whatever
        # the case's own finish, days later for a case with a limit.
        f"avg({_minutes('c.called_at', 'c.service_finished_at')} - c.hold_minutes)"
        f" FILTER (WHERE {ticket} AND c.called_at IS NOT NULL"
        " AND c.service_finished_at IS NOT NULL)",
        f"min({received_at}) FILTER (WHERE {finished} OR {open_end} AND NOT ({no_limits}))",
    ]
    # Cheap range tests first: they drop most rows before the hall is compared. "+" keeps
    # a lone hall from the hall index (see _aggregate).
    hall_test = "+c.hall_id = :hall" if single_hall else "c.hall_id = :hall"
    unit_test = " AND c.unit_id = :unit" if by_unit else ""
    return (
        f"WITH days(d, w, wd) AS (VALUES {table.values_sql()})\n"
        f"SELECT {group},\n  " + ",\n  ".join(columns) + "\n"
        "FROM cases c\n"
        f"LEFT JOIN days da ON da.d = {_local_day_sql(received_at, changes)}\n"
        f"LEFT JOIN days df ON df.d = {_local_day_sql('c.finished_at', changes)}"
        f" AND {finished_in_period}\n"
        "WHERE (c.taken_at >= :begin AND c.taken_at < :until OR c.accepted_at >= :begin\n"
        f"  OR {open_status} OR c.finished_at >= :begin)\n"
        f"  AND c.deleted = 0 AND {hall_test}{unit_test}"
        + ("" if group_by == "hall" else f"\nGROUP BY {group}")
    )


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
    rows = conn.execute(
        "SELECT e.window_id, e.kind, e.occurred_at FROM window_events e"
        " WHERE e.hall_id = :hall AND e.deleted = 0 AND e.occurred_at < :until"
        " AND (e.occurred_at >= :begin OR e.id = ("
        "  SELECT l.id FROM window_events l WHERE l.window_id = e.window_id"
        "  AND l.occurred_at < :begin AND l.deleted = 0"
        "  ORDER BY l.occurred_at DESC, l.id DESC LIMIT 1))"
        " ORDER BY e.window_id, e.occurred_at, e.id",
        {
            "hall": convert.key(hall_id),
            "begin": convert.utc_text(period.begin),
            "until": convert.utc_text(period.until),
        },
    )
    intervals: dict[str, list[tuple[datetime, datetime]]] = {}
    since: dict[str, datetime] = {}
    for window_key, kind, occurred in rows:
        moment = max(convert.read_utc(occurred), period.begin)
        if kind == WindowEventKind.PAUSED.value:
            since.setdefault(window_key, moment)
        elif window_key in since:
            intervals.setdefault(window_key, []).append((since.pop(window_key), moment))
    for window_key, moment in since.items():
        intervals.setdefault(window_key, []).append((moment, cutoff))
    return {
        convert.read_uuid(window_key): overlap_minutes(
            ((begin, min(finish, cutoff)) for begin, finish in found), spans
        )
        for window_key, found in intervals.items()
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
