"""Times as the hall sees them: its zone, its today, and date-time fields in wall-clock time.

Editors hold the hall's wall-clock time in a UTC QDateTime, so neither the workstation's
own zone nor its daylight-saving rules can shift what the inspector typed.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import QDateTimeEdit

from hallwatch.domain.timeutil import hall_zone
from ui.base.context import AppContext

_UTC = QTimeZone(QTimeZone.Initialization.UTC)


def zone_of(context: AppContext) -> ZoneInfo:
    """Return the current hall's zone (the default zone when there is no hall)."""
    hall = context.hall
    return hall_zone(hall.timezone if hall else None)


def hall_now(context: AppContext) -> datetime:
    """Return the context's clock in the hall's zone, to the minute."""
    return context.now().astimezone(zone_of(context)).replace(second=0, microsecond=0)


def hall_today(context: AppContext) -> date:
    """Return today in the hall's zone."""
    return context.now().astimezone(zone_of(context)).date()


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_wall(moment: datetime, zone: ZoneInfo) -> QDateTime:
    """Return moment's wall-clock time in zone as a UTC QDateTime (for the editors)."""
    local = moment.astimezone(zone)
    return QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute), _UTC
    )


def from_wall(value: QDateTime, zone: ZoneInfo) -> datetime:
    """Return the aware moment that a wall-clock editor value means in zone."""
    day, clock = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(), tzinfo=zone)


def wall_clock_edit(edit: QDateTimeEdit) -> QDateTimeEdit:
    """Set an editor up for hall wall-clock times to the minute."""
    edit.setTimeZone(_UTC)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    return edit
