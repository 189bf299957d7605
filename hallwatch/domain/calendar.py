"""Working days and deadlines: the hall's holiday table, then chinesecalendar, then Mon–Fri.

Deadlines in a service hall are counted in working days (DOMAIN.md, "Working days and
deadlines"): the day of acceptance is never counted, make-up weekend workdays (调休上班)
count, and a year that neither the hall's table nor the package knows is guessed Monday to
Friday, which makes every deadline that relies on the guess provisional (待确认).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache

import chinese_calendar

__all__ = [
    "DayInfo",
    "DayOverride",
    "DaySource",
    "DueDate",
    "WorkCalendar",
    "add_working_days",
]


@dataclass(frozen=True, slots=True)
class DayOverride:
    """One row of a hall's holiday table."""

    day: date
    is_workday: bool
    name: str = ""
    # True: a row copied from the State Council's calendar, which lists every holiday and
    # make-up day of its year, so one such row makes the whole year known.  False: a closure
    # or extra day of this hall only; it applies, but says nothing about the other days.
    national: bool = True


class DaySource(StrEnum):
    """Where the answer for a day came from."""

    TABLE = "table"
    PACKAGE = "package"
    # Guessed Monday–Friday: neither the table nor the package knows the year.
    WEEKDAY = "weekday"


@dataclass(frozen=True, slots=True)
class DayInfo:
    """Whether one day is a working day, with the holiday name and the source of the answer."""

    day: date
    is_workday: bool
    name: str
    source: DaySource


@dataclass(frozen=True, slots=True)
class DueDate:
    """A computed deadline; provisional when some day counted towards it was only guessed."""

    day: date
    provisional: bool


@cache
def _package_year(year: int) -> tuple[tuple[bool, str], ...] | None:
    """Return (is_workday, name) for every day of year from chinesecalendar, None if unknown."""
    # The package's data never changes within a process, so every WorkCalendar shares this.
    # Its public functions validate every call (~17 µs, 14 ms a year, on the app's start
    # path); one call checks the year, then its public tables answer each day as
    # is_workday/get_holiday_detail would (tests/core/test_calendar.py compares them).
    first = date(year, 1, 1)
    try:
        chinese_calendar.is_workday(first)
    except NotImplementedError:
        return None
    workdays, holidays = chinese_calendar.workdays, chinese_calendar.holidays
    days: list[tuple[bool, str]] = []
    for offset in range(_days_in_year(year)):
        day = date.fromordinal(first.toordinal() + offset)
        if day in workdays:
            name, is_workday = workdays[day], True
        elif day in holidays:
            name, is_workday = holidays[day], False
        else:
            name, is_workday = None, day.weekday() < 5
        days.append((is_workday, str(name) if name else ""))
    return tuple(days)


def _days_in_year(year: int) -> int:
    return date(year, 12, 31).toordinal() - date(year, 1, 1).toordinal() + 1


@dataclass(frozen=True, slots=True)
class _Year:
    """One year of answers with prefix counts, so that spans cost O(log n), not a loop per day."""

    first_ordinal: int
    infos: tuple[DayInfo, ...]
    # workdays_before[i] = working days among the year's first i days; the last item is the
    # year's total.  guessed_before counts WEEKDAY days the same way, to find provisional spans.
    workdays_before: tuple[int, ...]
    guessed_before: tuple[int, ...]


class WorkCalendar:
    """Working days of one hall: its holiday table first, then chinesecalendar, then Mon–Fri."""

    __slots__ = ("_hall", "_national", "_national_years", "_years")

    def __init__(self, overrides: Iterable[DayOverride] = ()) -> None:
        self._national: dict[date, DayOverride] = {}
        self._hall: dict[date, DayOverride] = {}
        for row in overrides:
            # Later rows win over earlier ones of the same kind, as in an edited table.
            (self._national if row.national else self._hall)[row.day] = row
        self._national_years = frozenset(day.year for day in self._national)
        self._years: dict[int, _Year] = {}

    def knows_year(self, year: int) -> bool:
        """Tell whether the table has national rows for year or the package covers it."""
        return year in self._national_years or (
            date.min.year <= year <= date.max.year and _package_year(year) is not None
        )

    def day_info(self, day: date) -> DayInfo:
        """Return whether day is a working day, its holiday name and where that came from."""
        year = self._year(day.year)
        return year.infos[day.toordinal() - year.first_ordinal]

    def is_workday(self, day: date) -> bool:
        """Tell whether day is a working day for this hall."""
        return self.day_info(day).is_workday

    def add_working_days(self, start: date, n: int) -> DueDate:
        """Return the n-th working day after start; start itself is never counted."""
        if n < 0:
            raise ValueError(f"cannot count a negative number of working days ({n}) after {start}")
        if n == 0:
            # Nothing is counted, so nothing was guessed.
            return DueDate(start, provisional=False)
        year_no = start.year
        year = self._year(year_no)
        # Turn "n after start" into "the day on which the year's running count reaches target".
        target = year.workdays_before[start.toordinal() - year.first_ordinal + 1] + n
        while target > year.workdays_before[-1]:
            target -= year.workdays_before[-1]
            year_no += 1
            year = self._year(year_no)
        # The first prefix that reaches target ends with the wanted day, a working day.
        index = bisect_left(year.workdays_before, target) - 1
        due = year.infos[index].day
        _, guessed = self._counts_between(start, due)
        return DueDate(due, provisional=guessed > 0)

    def working_days_between(self, start: date, end: date) -> int:
        """Count the working days in (start, end]; 0 when end is not after start."""
        workdays, _ = self._counts_between(start, end)
        return workdays

    def next_workday(self, day: date) -> DueDate:
        """Return the first working day strictly after day."""
        return self.add_working_days(day, 1)

    def _counts_between(self, start: date, end: date) -> tuple[int, int]:
        """Return (working days, guessed days) in (start, end]."""
        if end <= start:
            return 0, 0
        first, last = self._year(start.year), self._year(end.year)
        i = start.toordinal() - first.first_ordinal + 1
        j = end.toordinal() - last.first_ordinal + 1
        if start.year == end.year:
            return (
                first.workdays_before[j] - first.workdays_before[i],
                first.guessed_before[j] - first.guessed_before[i],
            )
        workdays = first.workdays_before[-1] - first.workdays_before[i] + last.workdays_before[j]
        guessed = first.guessed_before[-1] - first.guessed_before[i] + last.guessed_before[j]
        for year_no in range(start.year + 1, end.year):
            year = self._year(year_no)
            workdays += year.workdays_before[-1]
            guessed += year.guessed_before[-1]
        return workdays, guessed

    def _year(self, year_no: int) -> _Year:
        year = self._years.get(year_no)
        if year is None:
            # Building twice from two threads gives equal results, so no lock is needed.
            year = self._years[year_no] = self._build_year(year_no)
        return year

    def _build_year(self, year_no: int) -> _Year:
        if not date.min.year <= year_no <= date.max.year:
            raise OverflowError(f"year {year_no} is outside the range of dates")
        package = _package_year(year_no)
        table_knows = year_no in self._national_years
        first = date(year_no, 1, 1)
        first_ordinal = first.toordinal()
        infos: list[DayInfo] = []
        workdays_before = [0]
        guessed_before = [0]
        for offset in range(_days_in_year(year_no)):
            day = date.fromordinal(first_ordinal + offset)
            info = self._answer(day, package[offset] if package is not None else None, table_knows)
            infos.append(info)
            workdays_before.append(workdays_before[-1] + info.is_workday)
            guessed_before.append(guessed_before[-1] + (info.source is DaySource.WEEKDAY))
        return _Year(first_ordinal, tuple(infos), tuple(workdays_before), tuple(guessed_before))

    def _answer(self, day: date, package: tuple[bool, str] | None, table_knows: bool) -> DayInfo:
        # A hall's own closure or extra day beats the national row for the same day: the
        # hall is shut (or open) whatever the State Council says.
        row = self._hall.get(day) or self._national.get(day)
        if row is not None:
            return DayInfo(day, row.is_workday, row.name, DaySource.TABLE)
        if package is not None:
            # Even when the table knows the year the package still answers the days without a
            # row: national rows in a covered year are corrections, not the whole calendar.
            is_workday, name = package
            return DayInfo(day, is_workday, name, DaySource.PACKAGE)
        # A year with national rows is fully described by them (they list every holiday and
        # make-up day), so a day without a row is an ordinary day: the table's answer, not a
        # guess.
        source = DaySource.TABLE if table_knows else DaySource.WEEKDAY
        return DayInfo(day, day.weekday() < 5, "", source)


@cache
def _default_calendar() -> WorkCalendar:
    return WorkCalendar()


def add_working_days(start: date, n: int, calendar: WorkCalendar | None = None) -> DueDate:
    """Return the n-th working day after start, by calendar or the national one alone."""
    return (_default_calendar() if calendar is None else calendar).add_working_days(start, n)
