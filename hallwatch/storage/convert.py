"""The stored form of keys and times, and back: the one place that knows it.

SQLite keeps what the ORM's types (storage.models, storage.types) write: UUIDs as
32 hex digits, datetimes as naive UTC ISO text (so text order is time order),
dates as ISO text, times as 'HH:MM:SS[.ffffff]'. Raw SQL (storage.direct and
storage.queries) binds and reads values through these functions, never by
formatting them itself; outside hallwatch.storage nothing needs the stored form.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

__all__ = [
    "key",
    "midnight_text",
    "read_date",
    "read_time",
    "read_utc",
    "read_uuid",
    "utc_text",
]


def key(value: uuid.UUID) -> str:
    """Return a UUID as stored (a bind parameter)."""
    return value.hex


def read_uuid(text: str) -> uuid.UUID:
    """Return the UUID a stored key names."""
    return uuid.UUID(hex=text)


def utc_text(moment: datetime) -> str:
    """Return an aware datetime as stored: naive UTC ISO text (sorts as time)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


def midnight_text(day: date, zone: ZoneInfo) -> str:
    """Return the start of a hall-local day as stored (naive UTC text), for day ranges."""
    return utc_text(datetime.combine(day, time(0), tzinfo=zone))


def read_utc(text: str) -> datetime:
    """Return the aware UTC datetime of a stored time."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def read_date(text: str) -> date:
    return date.fromisoformat(text)


def read_time(text: str) -> time:
    return time.fromisoformat(text)
