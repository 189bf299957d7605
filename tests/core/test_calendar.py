"""Working days and deadlines against the official 2025/2026 calendars (国务院办公厅通知).

Every expected date below is counted by hand in a comment, day by day, so that an inspector
can check it against a printed calendar.  2025-01-01 is a Wednesday, 2026-01-01 a Thursday,
2027-01-01 a Friday and 2030-01-01 a Tuesday.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hallwatch.domain.calendar import (
    DayOverride,
    DaySource,
    DueDate,
    WorkCalendar,
    _package_year,
    add_working_days,
)

NATIONAL = WorkCalendar()


def due(start: date, n: int, calendar: WorkCalendar = NATIONAL) -> DueDate:
    return calendar.add_working_days(start, n)


# --- the package's facts that the tests below rely on ------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 1, 26),  # Sun, Spring Festival
        date(2025, 2, 8),  # Sat, Spring Festival
        date(2025, 4, 27),  # Sun, Labour Day
        date(2025, 9, 28),  # Sun, National Day
        date(2025, 10, 11),  # Sat, National Day
        date(2026, 1, 4),  # Sun, New Year's Day
        date(2026, 2, 14),  # Sat, Spring Festival
        date(2026, 2, 28),  # Sat, Spring Festival
        date(2026, 5, 9),  # Sat, Labour Day
        date(2026, 9, 20),  # Sun, National Day
        date(2026, 10, 10),  # Sat, National Day
    ],
)
def test_day_info_make_up_weekend_is_a_working_day(day: date) -> None:
    info = NATIONAL.day_info(day)
    assert day.weekday() >= 5
    assert info.is_workday
    assert info.source is DaySource.PACKAGE
    assert info.name  # the festival the make-up day belongs to


def test_day_info_national_day_is_a_named_holiday() -> None:
    info = NATIONAL.day_info(date(2025, 10, 1))
    assert info.day == date(2025, 10, 1)
    assert not info.is_workday
    assert info.name == "National Day"
    assert info.source is DaySource.PACKAGE


def test_day_info_plain_weekend_is_not_a_working_day_and_has_no_name() -> None:
    info = NATIONAL.day_info(date(2025, 3, 8))  # Saturday
    assert (info.is_workday, info.name, info.source) == (False, "", DaySource.PACKAGE)


def test_knows_year_covers_package_years_only() -> None:
    assert NATIONAL.knows_year(2004)
    assert NATIONAL.knows_year(2025)
    assert NATIONAL.knows_year(2026)
    assert not NATIONAL.knows_year(2003)
    assert not NATIONAL.knows_year(2027)
    assert not NATIONAL.knows_year(2030)


# --- plain weeks ------------------------------------------------------------------------


def test_add_working_days_plain_weekdays() -> None:
    # Accepted Mon 2025-03-03: Tue 4 (1), Wed 5 (2), Thu 6 (3), Fri 7 (4), Mon 10 (5).
    assert due(date(2025, 3, 3), 5) == DueDate(date(2025, 3, 10), provisional=False)
    # Accepted Mon 2025-03-03, 2 days: Tue 4 (1), Wed 5 (2).
    assert due(date(2025, 3, 3), 2).day == date(2025, 3, 5)


def test_add_working_days_friday_acceptance_skips_the_weekend() -> None:
    # Accepted Fri 2025-03-07: Sat 8, Sun 9 off; Mon 10 (1), Tue 11 (2), Wed 12 (3).
    assert due(date(2025, 3, 7), 1).day == date(2025, 3, 10)
    assert due(date(2025, 3, 7), 3).day == date(2025, 3, 12)


@pytest.mark.parametrize("start", [date(2025, 3, 8), date(2025, 3, 9)])
def test_add_working_days_weekend_acceptance_counts_from_monday(start: date) -> None:
    # Accepted Sat 8 or Sun 9 March 2025 (weekend service): the start day is not counted;
    # Mon 10 (1), Tue 11 (2), Wed 12 (3), Thu 13 (4), Fri 14 (5).
    assert due(start, 1).day == date(2025, 3, 10)
    assert due(start, 5) == DueDate(date(2025, 3, 14), provisional=False)


def test_add_working_days_start_on_make_up_workday_is_not_counted() -> None:
    # Accepted on the make-up Sunday 2025-09-28, itself a working day: Mon 29 (1).
    assert due(date(2025, 9, 28), 1).day == date(2025, 9, 29)


# --- holidays and make-up days ----------------------------------------------------------


def test_add_working_days_public_holiday_acceptance() -> None:
    # Accepted on National Day, Wed 2025-10-01.  Off: Oct 2-8 (holiday incl. the weekend
    # 4-5 and Mid-autumn on Mon 6).  Thu 9 (1), Fri 10 (2), Sat 11 make-up (3), Sun 12 off,
    # Mon 13 (4), Tue 14 (5).
    assert due(date(2025, 10, 1), 1).day == date(2025, 10, 9)
    assert due(date(2025, 10, 1), 5) == DueDate(date(2025, 10, 14), provisional=False)


def test_add_working_days_national_day_2025_span() -> None:
    # Accepted Fri 2025-09-26.  Sat 27 off, Sun 28 make-up (1), Mon 29 (2), Tue 30 (3),
    # Oct 1-8 off, Thu 9 (4), Fri 10 (5), Sat 11 make-up (6), Mon 13 (7) … Fri 17 (11),
    # Mon 20 (12) … Fri 24 (16), Mon 27 (17), Tue 28 (18), Wed 29 (19), Thu 30 (20).
    assert due(date(2025, 9, 26), 5).day == date(2025, 10, 10)
    assert due(date(2025, 9, 26), 6).day == date(2025, 10, 11)
    assert due(date(2025, 9, 26), 20) == DueDate(date(2025, 10, 30), provisional=False)


def test_add_working_days_spring_festival_2025_span() -> None:
    # Accepted Fri 2025-01-24.  Sat 25 off, Sun 26 make-up (1), Mon 27 (2), Jan 28-Feb 4 off,
    # Wed Feb 5 (3), Thu 6 (4), Fri 7 (5), Sat 8 make-up (6), Mon 10 (7).
    assert due(date(2025, 1, 24), 5).day == date(2025, 2, 7)
    assert due(date(2025, 1, 24), 6).day == date(2025, 2, 8)
    assert due(date(2025, 1, 24), 7).day == date(2025, 2, 10)


def test_add_working_days_spring_festival_2026_span() -> None:
    # Accepted Fri 2026-02-13.  Sat 14 make-up (1), Sun 15 off, Feb 16-23 off, Tue 24 (2),
    # Wed 25 (3), Thu 26 (4), Fri 27 (5), Sat 28 make-up (6), Sun Mar 1 off, Mon 2 (7).
    assert due(date(2026, 2, 13), 1).day == date(2026, 2, 14)
    assert due(date(2026, 2, 13), 2).day == date(2026, 2, 24)
    assert due(date(2026, 2, 13), 5).day == date(2026, 2, 27)
    assert due(date(2026, 2, 13), 6).day == date(2026, 2, 28)
    assert due(date(2026, 2, 13), 7).day == date(2026, 3, 2)


def test_add_working_days_new_year_2026_make_up_sunday() -> None:
    # Accepted Wed 2025-12-31.  Thu Jan 1, Fri 2 holiday, Sat 3 off, Sun 4 make-up (1),
    # Mon 5 (2).
    assert due(date(2025, 12, 31), 1) == DueDate(date(2026, 1, 4), provisional=False)
    assert due(date(2025, 12, 31), 2).day == date(2026, 1, 5)


def test_add_working_days_labour_day_2026_make_up_saturday() -> None:
    # Accepted Thu 2026-04-30.  Fri May 1 - Tue 5 off, Wed 6 (1), Thu 7 (2), Fri 8 (3),
    # Sat 9 make-up (4), Sun 10 off, Mon 11 (5).
    assert due(date(2026, 4, 30), 1).day == date(2026, 5, 6)
    assert due(date(2026, 4, 30), 4).day == date(2026, 5, 9)
    assert due(date(2026, 4, 30), 5).day == date(2026, 5, 11)


def test_add_working_days_national_day_2026_legal_limit() -> None:
    # Legal limit of 20 from Fri 2026-09-18.  Sat 19 off, Sun 20 make-up (1), Mon 21 (2) …
    # Thu 24 (5), Fri 25 Mid-autumn off, Mon 28 (6), Tue 29 (7), Wed 30 (8), Oct 1-7 off,
    # Thu 8 (9), Fri 9 (10), Sat 10 make-up (11), Mon 12 (12) … Fri 16 (16), Mon 19 (17),
    # Tue 20 (18), Wed 21 (19), Thu 22 (20).
    assert due(date(2026, 9, 18), 1).day == date(2026, 9, 20)
    assert due(date(2026, 9, 18), 20) == DueDate(date(2026, 10, 22), provisional=False)
    # Accepted Wed 2026-09-30: Thu Oct 8 (1), Fri 9 (2), Sat 10 make-up (3).
    assert due(date(2026, 9, 30), 3).day == date(2026, 10, 10)


# --- the hall's own table ---------------------------------------------------------------


def test_add_working_days_hall_closure_on_a_package_workday() -> None:
    closed = DayOverride(date(2025, 3, 5), is_workday=False, name="停电闭厅", national=False)
    calendar = WorkCalendar([closed])
    # Accepted Mon 2025-03-03: Tue 4 (1), Wed 5 closed, Thu 6 (2), Fri 7 (3), Mon 10 (4),
    # Tue 11 (5) — one day later than without the closure.
    assert due(date(2025, 3, 3), 5, calendar) == DueDate(date(2025, 3, 11), provisional=False)
    info = calendar.day_info(date(2025, 3, 5))
    assert (info.is_workday, info.name, info.source) == (False, "停电闭厅", DaySource.TABLE)
    # A hall closure does not make an unknown year known, nor change a known one.
    assert calendar.knows_year(2025)


def test_add_working_days_hall_closure_on_a_make_up_day() -> None:
    closed = DayOverride(date(2025, 10, 11), is_workday=False, national=False)
    calendar = WorkCalendar([closed])
    # Accepted Fri 2025-10-10: Sat 11 would be the make-up day but the hall is shut,
    # Sun 12 off, Mon 13 (1).
    assert due(date(2025, 10, 10), 1, calendar).day == date(2025, 10, 13)
    assert due(date(2025, 10, 10), 1).day == date(2025, 10, 11)


def test_add_working_days_hall_extra_working_day() -> None:
    extra = DayOverride(date(2025, 3, 8), is_workday=True, name="周末延时服务", national=False)
    calendar = WorkCalendar([extra])
    # Accepted Fri 2025-03-07: Sat 8 is a hall working day (1), Sun 9 off, Mon 10 (2).
    assert due(date(2025, 3, 7), 1, calendar).day == date(2025, 3, 8)
    assert due(date(2025, 3, 7), 2, calendar).day == date(2025, 3, 10)
    assert calendar.is_workday(date(2025, 3, 8))
    assert not NATIONAL.is_workday(date(2025, 3, 8))


def test_day_info_hall_row_beats_national_row_for_the_same_day() -> None:
    calendar = WorkCalendar(
        [
            DayOverride(date(2027, 1, 4), is_workday=False, name="闭厅", national=False),
            DayOverride(date(2027, 1, 4), is_workday=True, name="", national=True),
        ]
    )
    assert not calendar.is_workday(date(2027, 1, 4))


def test_day_info_national_row_corrects_the_package() -> None:
    # A national row in a package year is a correction; the other days still come from the
    # package (Thu 2025-10-02 stays a holiday).
    calendar = WorkCalendar([DayOverride(date(2025, 10, 9), is_workday=False, name="测试")])
    assert calendar.day_info(date(2025, 10, 9)).source is DaySource.TABLE
    assert not calendar.is_workday(date(2025, 10, 9))
    assert calendar.day_info(date(2025, 10, 2)).source is DaySource.PACKAGE
    assert not calendar.is_workday(date(2025, 10, 2))


# --- years nobody knows -----------------------------------------------------------------


def test_add_working_days_unknown_year_2027_is_mon_fri_and_provisional() -> None:
    # 2027 is beyond chinesecalendar 1.11.0.  Accepted Fri 2027-01-01 (really New Year's
    # Day, but nobody has entered 2027): Sat 2, Sun 3 off, Mon 4 (1).
    assert due(date(2027, 1, 1), 1) == DueDate(date(2027, 1, 4), provisional=True)
    info = NATIONAL.day_info(date(2027, 1, 1))
    assert (info.is_workday, info.source) == (True, DaySource.WEEKDAY)
    assert NATIONAL.day_info(date(2027, 1, 2)).source is DaySource.WEEKDAY


def test_add_working_days_unknown_year_2030_is_mon_fri_and_provisional() -> None:
    # 2030-10-01 is a Tuesday; guessed Mon-Fri: Wed 2 (1), Thu 3 (2), Fri 4 (3), Mon 7 (4),
    # Tue 8 (5).
    assert due(date(2030, 10, 1), 5) == DueDate(date(2030, 10, 8), provisional=True)


def test_add_working_days_national_rows_make_2027_known() -> None:
    calendar = WorkCalendar([DayOverride(date(2027, 1, 1), is_workday=False, name="元旦")])
    assert calendar.knows_year(2027)
    # Accepted Thu 2026-12-31: Fri 2027-01-01 holiday (table), Sat 2, Sun 3 off, Mon 4 (1).
    assert due(date(2026, 12, 31), 1, calendar) == DueDate(date(2027, 1, 4), provisional=False)
    # A day without a row in a known year is an ordinary day, answered by the table.
    info = calendar.day_info(date(2027, 1, 5))
    assert (info.is_workday, info.source) == (True, DaySource.TABLE)


def test_add_working_days_hall_rows_do_not_make_2027_known() -> None:
    closed = DayOverride(date(2027, 1, 4), is_workday=False, national=False)
    calendar = WorkCalendar([closed])
    assert not calendar.knows_year(2027)
    # Accepted Fri 2027-01-01: Sat 2, Sun 3 off, Mon 4 hall closed, Tue 5 (1), guessed.
    assert due(date(2027, 1, 1), 1, calendar) == DueDate(date(2027, 1, 5), provisional=True)


def test_add_working_days_counting_only_table_days_in_unknown_year_is_definite() -> None:
    # Only the hall's own extra Saturday is counted: nothing was guessed.
    extra = DayOverride(date(2027, 1, 2), is_workday=True, national=False)
    calendar = WorkCalendar([extra])
    assert due(date(2027, 1, 1), 1, calendar) == DueDate(date(2027, 1, 2), provisional=False)


def test_add_working_days_span_from_2026_into_2027_is_provisional() -> None:
    # Accepted Wed 2026-12-30: Thu 31 (1) is known; Fri 2027-01-01 (2) is a guess;
    # Sat 2, Sun 3 guessed off, Mon 4 (3).
    assert due(date(2026, 12, 30), 1) == DueDate(date(2026, 12, 31), provisional=False)
    assert due(date(2026, 12, 30), 2) == DueDate(date(2027, 1, 1), provisional=True)
    assert due(date(2026, 12, 30), 3) == DueDate(date(2027, 1, 4), provisional=True)


# --- edges -------------------------------------------------------------------------------


@pytest.mark.parametrize("start", [date(2025, 10, 1), date(2025, 3, 8), date(2027, 1, 1)])
def test_add_working_days_zero_is_the_start_day(start: date) -> None:
    assert due(start, 0) == DueDate(start, provisional=False)


def test_add_working_days_negative_raises_value_error() -> None:
    with pytest.raises(ValueError, match=r"negative number of working days \(-1\)"):
        due(date(2025, 3, 3), -1)


def test_add_working_days_module_function_uses_national_calendar_by_default() -> None:
    assert add_working_days(date(2025, 9, 26), 5) == DueDate(date(2025, 10, 10), False)
    closed = DayOverride(date(2025, 10, 10), is_workday=False, national=False)
    # With the closure: Sun 28 (1), 29 (2), 30 (3), Thu Oct 9 (4), Fri 10 shut, Sat 11 (5).
    calendar = WorkCalendar([closed])
    assert add_working_days(date(2025, 9, 26), 5, calendar).day == date(2025, 10, 11)


def test_next_workday_skips_holidays_and_takes_make_up_days() -> None:
    # After Tue 2025-09-30 the next working day is Thu Oct 9; after Fri Oct 10 it is the
    # make-up Sat Oct 11.
    assert NATIONAL.next_workday(date(2025, 9, 30)) == DueDate(date(2025, 10, 9), False)
    assert NATIONAL.next_workday(date(2025, 10, 10)).day == date(2025, 10, 11)
    # After Fri 2027-12-31 (unknown year): Mon 2028-01-03, guessed.
    assert NATIONAL.next_workday(date(2027, 12, 31)) == DueDate(date(2028, 1, 3), True)


def test_working_days_between_gives_overdue_days() -> None:
    # Due Tue 2025-09-30, finished Thu Oct 9: Oct 1-8 off, Thu 9 (1) -> 1 working day late.
    assert NATIONAL.working_days_between(date(2025, 9, 30), date(2025, 10, 9)) == 1
    # Due Fri Oct 10, finished Mon Oct 13: Sat 11 make-up (1), Sun 12 off, Mon 13 (2).
    assert NATIONAL.working_days_between(date(2025, 10, 10), date(2025, 10, 13)) == 2
    # Due Wed 2025-12-31, finished Mon 2026-01-05: Jan 1-3 off, Sun 4 make-up (1), Mon 5 (2).
    assert NATIONAL.working_days_between(date(2025, 12, 31), date(2026, 1, 5)) == 2


def test_working_days_between_not_after_start_is_zero() -> None:
    assert NATIONAL.working_days_between(date(2025, 10, 9), date(2025, 10, 9)) == 0
    assert NATIONAL.working_days_between(date(2025, 10, 13), date(2025, 10, 9)) == 0
    # Finished during the holiday right after the due date: not yet late.
    assert NATIONAL.working_days_between(date(2025, 9, 30), date(2025, 10, 8)) == 0


def test_working_days_between_whole_years() -> None:
    # 2025: 365 - 104 weekend days - 18 weekday holidays (Jan 1, Jan 28-31, Feb 3-4, Apr 4,
    # May 1-2, May 5, Jun 2, Oct 1-3, Oct 6-8) + 5 make-up days
    # (Jan 26, Feb 8, Apr 27, Sep 28, Oct 11) = 248.
    assert NATIONAL.working_days_between(date(2024, 12, 31), date(2025, 12, 31)) == 248
    # 2026: 365 - 104 - 19 weekday holidays (Jan 1-2, Feb 16-20, Feb 23, Apr 6, May 1,
    # May 4-5, Jun 19, Sep 25, Oct 1-2, Oct 5-7) + 6 make-up days
    # (Jan 4, Feb 14, Feb 28, May 9, Sep 20, Oct 10) = 248.
    assert NATIONAL.working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 248
    # 2025 and 2026 together, through the year boundary.
    assert NATIONAL.working_days_between(date(2024, 12, 31), date(2026, 12, 31)) == 496


# --- properties --------------------------------------------------------------------------

HALL = WorkCalendar(
    [
        DayOverride(date(2025, 3, 5), is_workday=False, national=False),
        DayOverride(date(2025, 3, 8), is_workday=True, national=False),
        DayOverride(date(2027, 1, 1), is_workday=False, national=False),
        DayOverride(date(2028, 10, 2), is_workday=False, name="国庆节"),
    ]
)

dates = st.dates(min_value=date(2002, 1, 1), max_value=date(2030, 12, 31))
calendars = st.sampled_from([NATIONAL, HALL])


def _count_by_hand(calendar: WorkCalendar, start: date, end: date) -> tuple[int, bool]:
    """Walk (start, end] one day at a time: working days and whether any day was guessed."""
    workdays, guessed = 0, False
    day = start + timedelta(days=1)
    while day <= end:
        info = calendar.day_info(day)
        workdays += info.is_workday
        guessed = guessed or info.source is DaySource.WEEKDAY
        day += timedelta(days=1)
    return workdays, guessed


@settings(max_examples=300, deadline=None)
@given(calendar=calendars, start=dates, n=st.integers(min_value=1, max_value=60))
def test_add_working_days_property_lands_on_nth_working_day(
    calendar: WorkCalendar, start: date, n: int
) -> None:
    result = calendar.add_working_days(start, n)
    assert result.day > start
    assert calendar.is_workday(result.day)
    assert calendar.working_days_between(start, result.day) == n
    # The day before the result still has one working day to go.
    assert calendar.working_days_between(start, result.day - timedelta(days=1)) == n - 1
    _, guessed = _count_by_hand(calendar, start, result.day)
    assert result.provisional == guessed
    assert calendar.next_workday(start) == calendar.add_working_days(start, 1)


@settings(max_examples=200, deadline=None)
@given(calendar=calendars, start=dates, length=st.integers(min_value=-10, max_value=800))
def test_working_days_between_property_matches_a_day_by_day_count(
    calendar: WorkCalendar, start: date, length: int
) -> None:
    end = start + timedelta(days=length)
    expected, _ = _count_by_hand(calendar, start, end)
    assert calendar.working_days_between(start, end) == expected


def test_package_year_answers_as_the_package_functions_do() -> None:
    # _package_year reads the package's tables directly (its functions validate every
    # call, too slow for the app's start); every day of every year it knows must agree.
    years = sorted({day.year for day in chinese_calendar.holidays})
    assert len(years) > 10
    for year in years:
        days = _package_year(year)
        assert days is not None
        first = date(year, 1, 1)
        for offset, (is_workday, name) in enumerate(days):
            day = date.fromordinal(first.toordinal() + offset)
            _, expected = chinese_calendar.get_holiday_detail(day)
            assert is_workday == chinese_calendar.is_workday(day), day
            assert name == (str(expected) if expected else ""), day
    assert _package_year(years[-1] + 1) is None
