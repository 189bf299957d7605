"""Case due dates, lights and overdue days on the real 2026 calendar (hand-computed)."""

from __future__ import annotations

from datetime import date

import pytest

from hallwatch.domain.calendar import DayOverride, WorkCalendar
from hallwatch.domain.cases import CaseDue, due_dates, light, overdue_days
from hallwatch.domain.enums import Light

CAL = WorkCalendar()  # chinesecalendar alone: 2026 is known, 2027 is not
# Promised Fri 2026-03-13, legal Fri 2026-03-20 (no holidays in March 2026).
DUE = CaseDue(promised=date(2026, 3, 13), legal=date(2026, 3, 20), provisional=False)


def test_due_dates_across_national_day_and_makeup_saturday() -> None:
    # Accepted Wed 2026-09-30 (not counted). Oct 1–7 are National Day holidays; Sat Oct 10
    # is a make-up workday. Working days: Oct 8 (1), Oct 9 (2), Sat Oct 10 (3),
    # Mon Oct 12 (4), Tue Oct 13 (5).
    due = due_dates(CAL, date(2026, 9, 30), promised_days=3, legal_days=5)
    assert due == CaseDue(date(2026, 10, 10), date(2026, 10, 13), provisional=False)


def test_due_dates_across_spring_festival() -> None:
    # Accepted Thu 2026-02-12. Sat Feb 14 is a make-up workday; Feb 15–23 are the Spring
    # Festival holidays. Working days: Fri 13 (1), Sat 14 (2), Tue 24 (3), Wed 25 (4),
    # Thu 26 (5), Fri 27 (6), Sat 28 (7, the second make-up day), Mon Mar 2 (8).
    due = due_dates(CAL, date(2026, 2, 12), promised_days=3, legal_days=8)
    assert due == CaseDue(date(2026, 2, 24), date(2026, 3, 2), provisional=False)
    # On the Monday of the holiday week a case due on the 24th has one working day left:
    # yellow with the default rule (k = 1); past it on the 25th: red.
    assert light(CAL, due, date(2026, 2, 16), None, yellow_days=1) is Light.YELLOW
    assert light(CAL, due, date(2026, 2, 25), None, yellow_days=1) is Light.RED
    assert overdue_days(CAL, due.promised, date(2026, 3, 2)) == 5  # 25, 26, 27, 28 Feb, 2 Mar


def test_due_dates_weekend_acceptance_counts_from_next_day() -> None:
    # Accepted Sat 2026-03-07 (weekend service): the first working day after is Mon 03-09.
    due = due_dates(CAL, date(2026, 3, 7), promised_days=1, legal_days=5)
    # Legal: Mon 9 (1), 10 (2), 11 (3), 12 (4), Fri 13 (5).
    assert due == CaseDue(date(2026, 3, 9), date(2026, 3, 13), provisional=False)


def test_due_dates_paused_days_push_both_dates() -> None:
    # As above, 2 paused working days: promised 3+2 = 5 → Tue Oct 13; legal 5+2 = 7 →
    # Oct 14 (6), Thu Oct 15 (7).
    due = due_dates(CAL, date(2026, 9, 30), 3, 5, paused_days=2)
    assert due == CaseDue(date(2026, 10, 13), date(2026, 10, 15), provisional=False)


def test_due_dates_extension_adds_to_legal_only() -> None:
    # Extension of 10: promised stays Sat Oct 10; legal 15 → Oct 13 (5), 14, 15, 16 (8),
    # 19, 20, 21, 22, 23 (13), Mon 26 (14), Tue Oct 27 (15).
    due = due_dates(CAL, date(2026, 9, 30), 3, 5, extended_days=10)
    assert due == CaseDue(date(2026, 10, 10), date(2026, 10, 27), provisional=False)


def test_due_dates_follow_the_hall_table() -> None:
    # A hall closure on Fri Oct 9 moves promised to Mon Oct 12: Oct 8, Sat Oct 10, Oct 12.
    cal = WorkCalendar([DayOverride(date(2026, 10, 9), False, "停电", national=False)])
    assert due_dates(cal, date(2026, 9, 30), 3, 5).promised == date(2026, 10, 12)


def test_due_dates_year_without_data_is_provisional() -> None:
    # Accepted Wed 2026-12-30: promised 1 → Thu Dec 31 (known 2026). Legal 5 runs into 2027,
    # which nobody knows: Mon–Fri guess Fri Jan 1 (2), Mon 4 (3), Tue 5 (4), Wed Jan 6 (5).
    due = due_dates(CAL, date(2026, 12, 30), promised_days=1, legal_days=5)
    assert due == CaseDue(date(2026, 12, 31), date(2027, 1, 6), provisional=True)
    # Wholly inside 2026: not provisional.
    assert not due_dates(CAL, date(2026, 12, 28), 1, 3).provisional


def test_due_dates_negative_count_refused() -> None:
    with pytest.raises(ValueError, match="paused_days"):
        due_dates(CAL, date(2026, 3, 2), 1, 5, paused_days=-1)


@pytest.mark.parametrize(
    ("today", "yellow_days", "expected"),
    [
        (date(2026, 3, 11), 1, Light.GREEN),  # Wed: 12, 13 left = 2 > 1
        (date(2026, 3, 12), 1, Light.YELLOW),  # Thu: 13 left = 1 = yellow_days
        (date(2026, 3, 13), 1, Light.YELLOW),  # the due day itself: 0 left
        (date(2026, 3, 11), 2, Light.YELLOW),  # 2 left with yellow_days 2
        (date(2026, 3, 10), 2, Light.GREEN),  # 3 left
        (date(2026, 3, 12), 0, Light.GREEN),  # yellow_days 0: yellow only on the due day
    ],
)
def test_light_yellow_boundary(today: date, yellow_days: int, expected: Light) -> None:
    assert light(CAL, DUE, today, None, yellow_days) is expected


def test_light_yellow_counts_working_days_over_weekend() -> None:
    # Due Mon 2026-03-16; on Fri 03-13 one working day (Mon) is left → yellow.
    due = CaseDue(date(2026, 3, 16), date(2026, 3, 23), provisional=False)
    assert light(CAL, due, date(2026, 3, 13), None, 1) is Light.YELLOW
    # On Thu 03-12: Fri 13 and Mon 16 are left → green.
    assert light(CAL, due, date(2026, 3, 12), None, 1) is Light.GREEN


def test_light_red_day_after_promised_due() -> None:
    assert light(CAL, DUE, date(2026, 3, 14), None, 1) is Light.RED  # Sat after Fri due
    assert light(CAL, DUE, date(2026, 3, 20), None, 1) is Light.RED  # legal due day itself


def test_light_severe_after_legal_due() -> None:
    assert light(CAL, DUE, date(2026, 3, 21), None, 1) is Light.SEVERE
    assert light(CAL, DUE, date(2026, 4, 30), None, 1) is Light.SEVERE


def test_light_finished_case_judged_at_finish_day() -> None:
    today = date(2026, 4, 30)  # long after both dates
    assert light(CAL, DUE, today, date(2026, 3, 12), 1) is Light.GREEN  # on time
    assert light(CAL, DUE, today, date(2026, 3, 13), 1) is Light.GREEN  # on the due day
    assert light(CAL, DUE, today, date(2026, 3, 16), 1) is Light.RED
    assert light(CAL, DUE, today, date(2026, 3, 23), 1) is Light.SEVERE


def test_overdue_days_skip_weekends() -> None:
    due = date(2026, 3, 13)  # Fri
    assert overdue_days(CAL, due, date(2026, 3, 12)) == 0  # not yet due
    assert overdue_days(CAL, due, date(2026, 3, 13)) == 0  # due today
    assert overdue_days(CAL, due, date(2026, 3, 15)) == 0  # Sun: no working day passed
    assert overdue_days(CAL, due, date(2026, 3, 16)) == 1  # Mon
    # Mon 16 … Fri 20 (5), Mon 23 (6).
    assert overdue_days(CAL, due, date(2026, 3, 23)) == 6


def test_overdue_days_skip_national_day() -> None:
    # Due Wed 2026-09-30; Oct 1–7 are holidays: on Fri Oct 9 it is 2 days over (8, 9),
    # on Sat Oct 10 (make-up workday) 3.
    assert overdue_days(CAL, date(2026, 9, 30), date(2026, 10, 7)) == 0
    assert overdue_days(CAL, date(2026, 9, 30), date(2026, 10, 9)) == 2
    assert overdue_days(CAL, date(2026, 9, 30), date(2026, 10, 10)) == 3
