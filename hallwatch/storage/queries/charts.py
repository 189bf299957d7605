"""The statistics charts' aggregates over cases: counts per UTC hour, waits, open spans."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date, datetime

from hallwatch.storage.convert import key, read_utc, utc_text

__all__ = ["HOURLY_COLUMNS", "hourly_counts", "open_case_spans", "wait_buckets"]

# The case times a volume chart may count by.
HOURLY_COLUMNS = frozenset({"taken_at", "accepted_at", "finished_at"})


def hourly_counts(
    conn: sqlite3.Connection,
    hall_id: uuid.UUID,
    column: str,
    since: datetime,
    until: datetime,
    *,
    finished_only: bool = False,
) -> list[tuple[datetime, int]]:
    """Return (start of the UTC hour, cases) for the cases whose `column` time is in the range.

    Counted by UTC hour in SQL so that no row is read into Python; the caller puts
    each hour on its local day (whole-hour zone offsets, as China's +8, bucket exactly).
    """
    if column not in HOURLY_COLUMNS:
        raise ValueError(f"cases cannot be counted by {column!r}")
    status = " AND status = 'finished'" if finished_only else ""
    rows = conn.execute(
        f"SELECT substr({column}, 1, 13), count(*) FROM cases"
        f" WHERE hall_id = ? AND deleted = 0 AND {column} >= ? AND {column} < ?{status}"
        " GROUP BY 1",
        (key(hall_id), utc_text(since), utc_text(until)),
    )
    return [(read_utc(hour + ":00:00"), count) for hour, count in rows]


def wait_buckets(
    conn: sqlite3.Connection,
    hall_id: uuid.UUID,
    since: datetime,
    until: datetime,
    bounds: tuple[int, ...],
) -> dict[int, int]:
    """Return tickets taken in the range and called, by bucket index of minutes waited.

    Bucket i holds waits under bounds[i] (and at least the bound before); the last,
    len(bounds), is open-ended.
    """
    cases = " ".join(f"WHEN w < {int(bound)} THEN {index}" for index, bound in enumerate(bounds))
    rows = conn.execute(
        f"SELECT CASE {cases} ELSE {len(bounds)} END AS bucket, count(*) FROM ("
        " SELECT (julianday(called_at) - julianday(taken_at)) * 1440.0 AS w FROM cases"
        " WHERE hall_id = ? AND deleted = 0 AND taken_at >= ? AND taken_at < ?"
        " AND called_at IS NOT NULL AND called_at >= taken_at"
        ") GROUP BY bucket",
        (key(hall_id), utc_text(since), utc_text(until)),
    )
    return {int(bucket): int(count) for bucket, count in rows}


def open_case_spans(
    conn: sqlite3.Connection, hall_id: uuid.UUID, accepted_before: datetime, open_at: datetime
) -> list[tuple[datetime, datetime | None, date, date]]:
    """Return (accepted, finished, promised due, legal due) of the cases with due dates
    accepted before `accepted_before` and not finished before `open_at`."""
    rows = conn.execute(
        "SELECT accepted_at, finished_at, promised_due, legal_due FROM cases"
        " WHERE hall_id = ? AND deleted = 0 AND accepted_at IS NOT NULL AND accepted_at < ?"
        " AND promised_due IS NOT NULL AND legal_due IS NOT NULL"
        " AND (finished_at IS NULL OR finished_at >= ?)"
        " AND status IN ('accepted', 'paused', 'finished')",
        (key(hall_id), utc_text(accepted_before), utc_text(open_at)),
    )
    return [
        (
            read_utc(accepted),
            read_utc(finished) if finished else None,
            date.fromisoformat(promised),
            date.fromisoformat(legal),
        )
        for accepted, finished, promised, legal in rows
    ]
