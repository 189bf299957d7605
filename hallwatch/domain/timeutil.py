"""Time: stored as UTC, shown and reasoned about in the hall's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Shanghai"


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


def hall_zone(name: str | None) -> ZoneInfo:
    """Return the hall's zone, raising ValueError naming an unknown zone."""
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}; use a name like {DEFAULT_ZONE}") from None


def to_utc(moment: datetime, zone: ZoneInfo | None = None) -> datetime:
    """Return moment in UTC; a naive moment is read as local time in zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone or ZoneInfo(DEFAULT_ZONE))
    return moment.astimezone(UTC)


def to_local(moment: datetime, zone: ZoneInfo) -> datetime:
    """Return an aware moment in the hall's zone."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: store and pass times as aware UTC")
    return moment.astimezone(zone)


def local_moment(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """Return the UTC instant of a wall-clock time on a day in the hall's zone."""
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    """Return the hall's calendar day on which an instant falls."""
    return to_local(moment, zone).date()


def format_cn_date(day: date) -> str:
    """Format as official Chinese documents do: 2026年3月9日, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


def format_cn_time(moment: datetime | time) -> str:
    """Format a wall-clock time as 9时05分."""
    return f"{moment.hour}时{moment.minute:02d}分"
