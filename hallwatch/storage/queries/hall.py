"""A hall's own facts as its screens and rules read them: halls, units, calendar, schedules, rules.

The one implementation of each (services.hall.calendar, services.hall.rules, services.hall.halls
and services.attendance.sheets answer through these): plain SQL, so the first board can be
drawn before SQLAlchemy is loaded (storage.direct), and the same reading whatever
the moment.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from hallwatch.domain.attendance import DaySchedule, ScheduleSeason
from hallwatch.domain.calendar import DayOverride, WorkCalendar
from hallwatch.domain.errors import NotFoundError
from hallwatch.domain.halls import HallInfo
from hallwatch.domain.rules import HallRules
from hallwatch.domain.timeutil import hall_zone
from hallwatch.storage.convert import key, read_date, read_time, read_uuid

__all__ = ["calendar", "day_overrides", "halls", "rules", "seasons", "setting", "units", "zone"]


def zone(conn: sqlite3.Connection, hall_id: uuid.UUID) -> ZoneInfo:
    """Return the hall's time zone (NotFoundError for a hall that is not there)."""
    row = conn.execute("SELECT timezone FROM halls WHERE id = ?", (key(hall_id),)).fetchone()
    if row is None:
        raise NotFoundError(f"no hall with id {hall_id}", "see 'hallwatch info' for the halls")
    return hall_zone(row[0])


def halls(conn: sqlite3.Connection) -> list[HallInfo]:
    """Return every hall on this device, by code ."""
    rows = conn.execute(
        "SELECT id, code, name, timezone, is_demo FROM halls WHERE deleted = 0 ORDER BY code"
    )
    return [
        HallInfo(read_uuid(hid), code, name, tz, bool(demo)) for hid, code, name, tz, demo in rows
    ]


def units(conn: sqlite3.Connection, hall_id: uuid.UUID) -> list[tuple[uuid.UUID, str, str]]:
    """Return the hall's units by code: (id, name, short name), for filters."""
    rows = conn.execute(
        "SELECT id, name, short_name FROM units WHERE hall_id = ? AND deleted = 0 ORDER BY code",
        (key(hall_id),),
    )
    return [(read_uuid(uid), name, short or "") for uid, name, short in rows]


def day_overrides(conn: sqlite3.Connection, hall_id: uuid.UUID) -> list[DayOverride]:
    """Return the hall's holiday table: its days off and extra working days."""
    rows = conn.execute(
        "SELECT day, is_workday, name, national FROM holidays WHERE hall_id = ? AND deleted = 0",
        (key(hall_id),),
    )
    return [
        DayOverride(read_date(day), bool(workday), name, bool(national))
        for day, workday, name, national in rows
    ]


def calendar(conn: sqlite3.Connection, hall_id: uuid.UUID) -> WorkCalendar:
    """Return the hall's working-day calendar."""
    return WorkCalendar(day_overrides(conn, hall_id))


def seasons(conn: sqlite3.Connection, hall_id: uuid.UUID) -> list[ScheduleSeason]:
    """Return the hall's schedules with their seasons."""
    rows = conn.execute(
        "SELECT season_start, season_end, am_start, am_end, pm_start, pm_end,"
        " late_grace_minutes, name FROM schedules WHERE hall_id = ? AND deleted = 0"
        " ORDER BY season_start, name",
        (key(hall_id),),
    )
    return [
        ScheduleSeason(
            start,
            end,
            DaySchedule(
                read_time(a0), read_time(a1), read_time(p0), read_time(p1), grace or 0, name
            ),
        )
        for start, end, a0, a1, p0, p1, grace, name in rows
    ]


def rules(conn: sqlite3.Connection, hall_id: uuid.UUID) -> HallRules:
    """Return the hall's rules, defaults filling what is not set."""
    rows = conn.execute(
        "SELECT key, value FROM settings WHERE hall_id = ? AND deleted = 0", (key(hall_id),)
    )
    return HallRules.from_settings({name: _json(value) for name, value in rows})


def _json(value: Any) -> Any:
    # A JSON column has NUMERIC affinity in SQLite: numbers come back as numbers.
    return json.loads(value) if isinstance(value, str) else value


def setting(conn: sqlite3.Connection, hall_id: uuid.UUID, name: str) -> Any:
    """Return one hall setting's value (JSON decoded), None when it is not set."""
    row = conn.execute(
        "SELECT value FROM settings WHERE hall_id = ? AND key = ? AND deleted = 0",
        (key(hall_id), name),
    ).fetchone()
    return None if row is None else _json(row[0])
