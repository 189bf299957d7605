"""Series for the statistics charts: daily volume, waiting times, lights over time.

Each is one aggregate query on the local SQLite file (storage.queries.charts), bucketed by
the hall's local day. The unit comparison comes from services.stats.metrics.case_stats.

- daily_volume: per day, tickets taken, cases received (accepted) and finished.
- wait_histogram: tickets called in the period, by minutes waited (call − take), in
  the given buckets; the last bucket is open-ended.
- lights_by_day: per working day, the open cases at the end of that day by light:
  red past the promised due date, severe past the legal one, yellow with at most
  the hall's yellow_days working days left, green otherwise (the rules of the
  cases view and `report cases`, on the stored due dates).
"""

from __future__ import annotations

import sqlite3
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hallwatch.domain.enums import Light
from hallwatch.domain.errors import InputError
from hallwatch.storage.queries import charts as queries
from hallwatch.storage.queries import hall as hall_queries

__all__ = [
    "WAIT_BUCKETS",
    "DayLights",
    "DayVolume",
    "daily_volume",
    "lights_by_day",
    "wait_histogram",
]

# Upper bounds (minutes, exclusive) of the waiting-time buckets; one more past the last.
WAIT_BUCKETS = (5, 10, 15, 20, 30, 45, 60)
MAX_DAYS = 400


@dataclass(frozen=True, slots=True)
class DayVolume:
    day: date
    tickets: int
    received: int
    finished: int


@dataclass(frozen=True, slots=True)
class DayLights:
    day: date
    counts: dict[Light, int]


def _check(start: date, end: date) -> None:
    if start > end:
        raise InputError(f"the period starts ({start}) after it ends ({end})", "swap the dates")
    if (end - start).days >= MAX_DAYS:
        raise InputError(
            f"the period {start} – {end} is longer than {MAX_DAYS} days",
            "chart a year or less at a time",
        )


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    """The start of a hall-local day."""
    return datetime.combine(day, time(0), tzinfo=zone)


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def daily_volume(
    conn: sqlite3.Connection, hall_id: uuid.UUID, start: date, end: date
) -> list[DayVolume]:
    """Return tickets taken, cases received and finished, per local day of the period."""
    _check(start, end)
    zone = hall_queries.zone(conn, hall_id)
    since, until = _midnight(start, zone), _midnight(end + timedelta(days=1), zone)
    counts: dict[str, Counter[date]] = {}
    for column in ("taken_at", "accepted_at", "finished_at"):
        counter: Counter[date] = Counter()
        finished_only = column == "finished_at"
        hours = queries.hourly_counts(
            conn, hall_id, column, since, until, finished_only=finished_only
        )
        for hour, count in hours:
            counter[hour.astimezone(zone).date()] += count
        counts[column] = counter
    return [
        DayVolume(
            day,
            counts["taken_at"][day],
            counts["accepted_at"][day],
            counts["finished_at"][day],
        )
        for day in _days(start, end)
    ]


def wait_histogram(
    conn: sqlite3.Connection,
    hall_id: uuid.UUID,
    start: date,
    end: date,
    buckets: tuple[int, ...] = WAIT_BUCKETS,
) -> list[tuple[str, int]]:
    """Return (label, tickets) per waiting-time bucket, e.g. ('0–5', 120) … ('60+', 3)."""
    _check(start, end)
    zone = hall_queries.zone(conn, hall_id)
    found = queries.wait_buckets(
        conn,
        hall_id,
        _midnight(start, zone),
        _midnight(end + timedelta(days=1), zone),
        buckets,
    )
    labels = []
    lower = 0
    for bound in buckets:
        labels.append(f"{lower}–{bound}")
        lower = bound
    labels.append(f"{lower}+")
    return [(label, int(found.get(index, 0))) for index, label in enumerate(labels)]


def lights_by_day(
    conn: sqlite3.Connection, hall_id: uuid.UUID, start: date, end: date
) -> list[DayLights]:
    """Return, per working day, the cases open at its end by light."""
    _check(start, end)
    zone = hall_queries.zone(conn, hall_id)
    calendar = hall_queries.calendar(conn, hall_id)
    yellow_days = hall_queries.rules(conn, hall_id).yellow_days
    spans = queries.open_case_spans(
        conn, hall_id, _midnight(end + timedelta(days=1), zone), _midnight(start, zone)
    )
    cases = [
        (
            accepted.astimezone(zone).date(),
            finished.astimezone(zone).date() if finished else None,
            promised,
            legal,
        )
        for accepted, finished, promised, legal in spans
    ]
    result: list[DayLights] = []
    for day in _days(start, end):
        if not calendar.is_workday(day):
            continue
        green_from = calendar.add_working_days(day, yellow_days + 1).day
        counts = dict.fromkeys((Light.GREEN, Light.YELLOW, Light.RED, Light.SEVERE), 0)
        for accepted_on, finished_on, promised, legal in cases:
            # Open at the end of the day: accepted by then, not finished by then.
            if accepted_on > day or (finished_on is not None and finished_on <= day):
                continue
            if legal < day:
                counts[Light.SEVERE] += 1
            elif promised < day:
                counts[Light.RED] += 1
            elif promised < green_from:
                counts[Light.YELLOW] += 1
            else:
                counts[Light.GREEN] += 1
        result.append(DayLights(day, counts))
    return result
