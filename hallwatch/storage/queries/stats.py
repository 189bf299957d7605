"""The statistics' one aggregate query over a hall's cases, and the window pauses of a period.

The query (one row per group) is built here from its parts; the service
(services.stats.metrics) supplies the working-day table it joins (per day: ISO date,
W = working days so far, whether it is one), the zone's offset changes and the
period, and turns the rows into StatsRow. See services.stats.metrics for why it is one
query and how "by the due date" is judged from W.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Sequence
from datetime import date, datetime

from hallwatch.storage.convert import key, read_utc, read_uuid, utc_text

__all__ = ["GROUP_COLUMNS", "aggregate", "hall_count", "oldest_open", "window_events"]

# "+" makes each an expression: the planner must not walk an index in group order, which
# would read every row of the table through it (S demo: 600 ms instead of 240). The hall
# needs no GROUP BY at all (and so no sort): one aggregate row, keyed by the hall's id.
GROUP_COLUMNS = {
    "hall": ":hall",
    "unit": "+c.unit_id",
    "window": "+c.window_id",
    "staff": "+c.staff_id",
}
# The aggregate columns of the query, in order; each becomes the StatsRow field so named.


def _local_day_sql(column: str, changes: Sequence[tuple[datetime, int]]) -> str:
    """Return SQL for the hall-local day of a stored UTC time (offsets made here, inlined)."""
    if len(changes) == 1:
        return f"date({column}, '{changes[0][1]:+d} minutes')"
    branches = " ".join(
        f"WHEN {column} >= '{utc_text(since)}' THEN '{minutes:+d} minutes'"
        for since, minutes in reversed(changes[1:])
    )
    return f"date({column}, CASE {branches} ELSE '{changes[0][1]:+d} minutes' END)"


def _minutes(earlier: str, later: str) -> str:
    """Return SQL for the minutes between two stored times, exact to the millisecond."""
    # A julianday is a double of about 2.46 million days: its last bit is ~40 µs, so a
    # plain difference gives 17.50000007 minutes where the times say 17.5.
    return f"round((julianday({later}) - julianday({earlier})) * 86400000.0) / 60000.0"


def _stats_sql(
    days: Sequence[tuple[str, int, int]],
    changes: Sequence[tuple[datetime, int]],
    group_by: str,
    by_unit: bool,
    *,
    single_hall: bool,
) -> str:
    """Return the aggregate query: one row per group, columns as _COUNTS, _AVERAGES, oldest.

    The last column is the oldest acceptance among the cases whose acceptance day had to be
    looked up in the day table; older than the table's first day means "count again".
    """
    group = GROUP_COLUMNS[group_by]
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
    # Working days to the due dates, as services.cases.open_cases computes them (domain.cases): from
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
    # a lone hall from the hall index (see aggregate).
    hall_test = "+c.hall_id = :hall" if single_hall else "c.hall_id = :hall"
    unit_test = " AND c.unit_id = :unit" if by_unit else ""
    return (
        f"WITH days(d, w, wd) AS (VALUES {_values(days)})\n"
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


def _values(days: Sequence[tuple[str, int, int]]) -> str:
    # Literals, not parameters: ISO dates and integers made by the caller (no quoting
    # needed), and a long look-back cannot run into SQLite's limit on bound variables.
    return ", ".join(f"('{day}', {int(w)}, {int(workday)})" for day, w, workday in days)


def hall_count(conn: sqlite3.Connection) -> int:
    """Return how many halls the file holds (one hall reads the cases straight through)."""
    (count,) = conn.execute("SELECT count(*) FROM halls").fetchone()
    return int(count)


def oldest_open(
    conn: sqlite3.Connection, hall_id: uuid.UUID, statuses: Sequence[str]
) -> datetime | None:
    """Return the oldest acceptance (or ticket) time of the hall's cases in these statuses."""
    # On the (hall_id, status, …) index ("+deleted" keeps the planner off the others).
    marks = ", ".join("?" * len(statuses))
    (oldest,) = conn.execute(
        "SELECT min(coalesce(accepted_at, taken_at)) FROM cases"
        f" WHERE hall_id = ? AND status IN ({marks}) AND +deleted = 0",
        (key(hall_id), *statuses),
    ).fetchone()
    return read_utc(oldest) if oldest is not None else None


def aggregate(
    conn: sqlite3.Connection,
    hall_id: uuid.UUID,
    unit_id: uuid.UUID | None,
    *,
    days: Sequence[tuple[str, int, int]],
    changes: Sequence[tuple[datetime, int]],
    group_by: str,
    begin: datetime,
    until: datetime,
    judge_day: date,
    judge_before: int,
    single_hall: bool,
) -> list[tuple[uuid.UUID | None, tuple[object, ...], datetime | None]]:
    """Run the aggregate query: (group key, its counts and averages, oldest acceptance)
    per group; the oldest acceptance is of the cases whose acceptance day was looked up
    in the day table (older than its first day: the caller must reach back and rerun)."""
    sql = _stats_sql(days, changes, group_by, unit_id is not None, single_hall=single_hall)
    params: dict[str, object] = {
        "hall": key(hall_id),
        "unit": key(unit_id) if unit_id is not None else None,
        "begin": utc_text(begin),
        "until": utc_text(until),
        "judge_day": judge_day.isoformat(),
        "judge_before": judge_before,
    }
    return [
        (
            read_uuid(row[0]) if row[0] is not None else None,
            tuple(row[1:-1]),
            read_utc(row[-1]) if row[-1] is not None else None,
        )
        for row in conn.execute(sql, params).fetchall()
    ]


def window_events(
    conn: sqlite3.Connection, hall_id: uuid.UUID, begin: datetime, until: datetime
) -> list[tuple[uuid.UUID, str, datetime]]:
    """Return the period's pause/resume events and each window's last one before it,
    by window then time: (window, kind, when)."""
    rows = conn.execute(
        "SELECT e.window_id, e.kind, e.occurred_at FROM window_events e"
        " WHERE e.hall_id = :hall AND e.deleted = 0 AND e.occurred_at < :until"
        " AND (e.occurred_at >= :begin OR e.id = ("
        "  SELECT l.id FROM window_events l WHERE l.window_id = e.window_id"
        "  AND l.occurred_at < :begin AND l.deleted = 0"
        "  ORDER BY l.occurred_at DESC, l.id DESC LIMIT 1))"
        " ORDER BY e.window_id, e.occurred_at, e.id",
        {"hall": key(hall_id), "begin": utc_text(begin), "until": utc_text(until)},
    )
    return [(read_uuid(window), kind, read_utc(occurred)) for window, kind, occurred in rows]
