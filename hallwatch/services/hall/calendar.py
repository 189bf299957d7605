"""Working days as a hall sees them: its holiday table first, then the package."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date

from sqlalchemy.orm import Session

from hallwatch.domain.calendar import DueDate, WorkCalendar
from hallwatch.domain.errors import InputError
from hallwatch.storage import direct
from hallwatch.storage.queries import hall as hall_queries


def hall_calendar(source: Session | sqlite3.Connection, hall_id: uuid.UUID | None) -> WorkCalendar:
    """Return the working-day calendar of a hall (the package alone when hall_id is None)."""
    if hall_id is None:
        return WorkCalendar()
    return hall_queries.calendar(direct.dbapi(source), hall_id)


def parse_day(text: str, field: str = "date") -> date:
    """Parse an ISO date given by a user, naming the field when it is malformed."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            f"{field} {text!r} is not a date", "write it as YYYY-MM-DD, e.g. 2026-03-09"
        ) from None


def parse_count(text: str, field: str = "count") -> int:
    """Parse a non-negative whole number of working days."""
    try:
        value = int(text.strip())
    except ValueError:
        raise InputError(f"{field} {text!r} is not a whole number", "e.g. 5") from None
    if value < 0:
        raise InputError(f"{field} {value} is negative", "give 0 or more working days")
    return value


def deadline(calendar: WorkCalendar, start: date, days: int) -> DueDate:
    """Return the due date `days` working days after `start` (start not counted)."""
    if days < 0:
        raise InputError(f"count {days} is negative", "give 0 or more working days")
    try:
        return calendar.add_working_days(start, days)
    except OverflowError:
        raise InputError(f"{days} working days after {start} is past the year 9999") from None
