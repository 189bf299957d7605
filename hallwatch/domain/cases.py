"""Case deadlines and lights (DOMAIN.md, "Working days and deadlines", "Lights and case metrics").

Pure functions on a WorkCalendar: the promised (承诺) and legal (法定) due dates of a case,
its light on a day, and how many working days it is overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hallwatch.domain.calendar import WorkCalendar
from hallwatch.domain.enums import Light

__all__ = ["LIGHT_ORDER", "LIGHT_WORDS", "CaseDue", "due_dates", "light", "overdue_days"]

LIGHT_WORDS = {
    Light.GREEN: "绿灯",
    Light.YELLOW: "黄灯",
    Light.RED: "红灯",
    Light.SEVERE: "严重超期",
}
# Worst first: the order in which open cases are listed.
LIGHT_ORDER = {Light.SEVERE: 0, Light.RED: 1, Light.YELLOW: 2, Light.GREEN: 3}


@dataclass(frozen=True, slots=True)
class CaseDue:
    """A case's two due dates; provisional when either relied on a guessed year (待确认)."""

    promised: date
    legal: date
    provisional: bool


def due_dates(
    calendar: WorkCalendar,
    accepted_day: date,
    promised_days: int,
    legal_days: int,
    paused_days: int = 0,
    extended_days: int = 0,
) -> CaseDue:
    """Return the promised and legal due dates of a case accepted on accepted_day.

    The day of acceptance is not counted. Working days on which the clock stood still
    (补正, 挂起, excluded steps) push both dates; an approved extension (延期) adds to the
    legal limit only.
    """
    for name, value in (
        ("promised_days", promised_days),
        ("legal_days", legal_days),
        ("paused_days", paused_days),
        ("extended_days", extended_days),
    ):
        if value < 0:
            raise ValueError(f"{name} = {value} is negative")
    promised = calendar.add_working_days(accepted_day, promised_days + paused_days)
    legal = calendar.add_working_days(accepted_day, legal_days + paused_days + extended_days)
    return CaseDue(promised.day, legal.day, promised.provisional or legal.provisional)


def light(
    calendar: WorkCalendar,
    due: CaseDue,
    today: date,
    finished_on: date | None,
    yellow_days: int,
) -> Light:
    """Return the light of a case on today, or on its finish day when it is finished.

    Severe past the legal due date, red past the promised one, yellow when yellow_days or
    fewer working days are left (today itself is not yet over: left = working days in
    (today, promised]), green otherwise. A case finished on time is green: nothing is left
    to warn about.
    """
    day = today if finished_on is None else finished_on
    if day > due.legal:
        return Light.SEVERE
    if day > due.promised:
        return Light.RED
    if finished_on is not None:
        return Light.GREEN
    left = calendar.working_days_between(day, due.promised)
    return Light.YELLOW if left <= yellow_days else Light.GREEN


def overdue_days(calendar: WorkCalendar, due: date, today: date) -> int:
    """Return the working days after due up to and including today (0 when not overdue)."""
    return calendar.working_days_between(due, today)
