"""evaluate_day: one person's day under the hall's rules (pure, no database)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallwatch.domain.attendance import (
    SLOTS,
    DayFlag,
    DayResult,
    DaySchedule,
    LeaveIn,
    MarkIn,
    PunchIn,
    ScheduleSeason,
    StaffDay,
    evaluate_day,
    most_serious,
    pick_season,
)
from hallwatch.domain.calendar import WorkCalendar
from hallwatch.domain.enums import AttendanceKind, LeaveKind
from hallwatch.domain.rules import HallRules

ZONE = ZoneInfo("Asia/Shanghai")
TUESDAY = date(2026, 3, 10)
SATURDAY = date(2026, 3, 14)
# Opening hours of a summer season, with no grace of its own (the hall's rule applies).
SCHEDULE = DaySchedule(time(9), time(12), time(13, 30), time(17, 30), 0, "夏季作息")
RULES = HallRules()
ON_TIME = ("08:55", "12:01", "13:20", "17:35")


def at(clock: str, day: date = TUESDAY) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=ZONE)


def punches(*clocks: str, day: date = TUESDAY, sn: str = "") -> list[PunchIn]:
    return [PunchIn(at(clock, day), "device", device_sn=sn) for clock in clocks]


def mark(clock: str, kind: AttendanceKind) -> MarkIn:
    return MarkIn(at(clock), kind)


def judge(
    given: list[PunchIn],
    marks: list[MarkIn] | None = None,
    leaves: list[LeaveIn] | None = None,
    *,
    rules: HallRules = RULES,
    schedule: DaySchedule | None = SCHEDULE,
    day: date = TUESDAY,
    workday: bool = True,
    now: datetime | None = None,
) -> DayResult:
    return evaluate_day(
        day, schedule, workday, given, marks or [], leaves or [], rules, zone=ZONE, now=now
    )


def status(result: DayResult) -> DayFlag | None:
    return most_serious(result.flags)


def test_evaluate_day_on_time_is_normal() -> None:
    result = judge(punches(*ON_TIME))
    assert result.flags == frozenset()
    assert status(result) is None
    assert (result.late_minutes, result.early_minutes, result.absent_half_days) == (0, 0, 0)
    assert result.missing == ()
    assert [p.strftime("%H:%M") for p in result.punches] == list(ON_TIME)
    assert [s.strftime("%H:%M") if s else None for s in result.slots] == list(ON_TIME)
    assert result.complete


@pytest.mark.parametrize(
    ("clock", "late_minutes"),
    [
        ("09:00:00", 0),
        # Read to the minute, as the punch clock shows it: 9:00:59 is 9:00, on time.
        ("09:00:59", 0),
        ("09:01:00", 1),
        ("09:12:30", 12),
    ],
)
def test_evaluate_day_late_by_the_minute_with_grace_zero(clock: str, late_minutes: int) -> None:
    result = judge(punches(clock, "12:01", "13:20", "17:35"))
    assert result.late_minutes == late_minutes
    assert (DayFlag.LATE in result.flags) == (late_minutes > 0)


def test_evaluate_day_grace_from_schedule_else_rule() -> None:
    own_grace = DaySchedule(time(9), time(12), time(13, 30), time(17, 30), 5)
    # The schedule's grace: 9:05 is within it; 9:06 is late, counted from the start.
    assert judge(punches("09:05:59", "12:01", "13:20", "17:35"), schedule=own_grace).flags == set()
    late = judge(punches("09:06:00", "12:01", "13:20", "17:35"), schedule=own_grace)
    assert late.late_minutes == 6
    # The schedule sets none (0): the hall's rule applies.
    lenient = HallRules(late_grace_minutes=10)
    assert judge(punches("09:10", "12:01", "13:20", "17:35"), rules=lenient).flags == set()
    assert judge(punches("09:11", "12:01", "13:20", "17:35"), rules=lenient).late_minutes == 11


@pytest.mark.parametrize(
    ("clock", "half_days"),
    [("09:29", 0), ("09:30", 1), ("09:45", 1)],
)
def test_evaluate_day_late_half_day_threshold_is_inclusive(clock: str, half_days: int) -> None:
    result = judge(punches(clock, "12:01", "13:20", "17:35"))
    assert DayFlag.LATE in result.flags
    assert result.absent_half_days == half_days
    assert (DayFlag.HALF_DAY_ABSENT in result.flags) == bool(half_days)
    assert status(result) is (DayFlag.HALF_DAY_ABSENT if half_days else DayFlag.LATE)


def test_evaluate_day_half_day_threshold_is_a_hall_setting() -> None:
    strict = HallRules(half_day_minutes=15)
    assert judge(punches("09:14", "12:01", "13:20", "17:35"), rules=strict).absent_half_days == 0
    assert judge(punches("09:15", "12:01", "13:20", "17:35"), rules=strict).absent_half_days == 1


@pytest.mark.parametrize(
    ("clock", "early", "half_days"),
    [("17:30:00", 0, 0), ("17:29:59", 1, 0), ("17:10", 20, 0), ("17:01", 29, 0), ("17:00", 30, 1)],
)
def test_evaluate_day_early_leave(clock: str, early: int, half_days: int) -> None:
    result = judge(punches("08:55", "12:01", "13:20", clock))
    assert result.early_minutes == early
    assert (DayFlag.EARLY_LEAVE in result.flags) == bool(early)
    assert result.absent_half_days == half_days


def test_evaluate_day_early_leave_in_the_morning_counts_too() -> None:
    result = judge(punches("08:55", "11:40", "13:20", "17:35"))
    assert result.early_minutes == 20
    assert status(result) is DayFlag.EARLY_LEAVE


def test_evaluate_day_duplicates_merged() -> None:
    pressed_twice = punches("08:55:00", "08:55:40", "08:55:59", "12:01", "13:20", "17:35")
    result = judge(pressed_twice)
    assert len(result.punches) == 4
    assert result.flags == frozenset()
    # Compared with the punch kept: a press 61 s after it is another punch, here the out.
    result = judge(punches("08:55:00", "08:56:01", "13:20", "17:35"))
    assert len(result.punches) == 4
    assert result.early_minutes == 184
    # With no window, only identical times merge.
    strict = HallRules(duplicate_punch_seconds=0)
    assert len(judge(pressed_twice, rules=strict).punches) == 6


def test_evaluate_day_duplicates_do_not_chain() -> None:
    # Four presses 50 s apart are not one punch: the window runs from the punch kept, so
    # the third (100 s after the first) is kept and the fourth merges into it.
    burst = punches("08:55:00", "08:55:50", "08:56:40", "08:57:30", "12:01", "13:20", "17:35")
    result = judge(burst)
    assert [p.strftime("%H:%M:%S") for p in result.punches][:2] == ["08:55:00", "08:56:40"]
    assert len(result.punches) == 5


def test_evaluate_day_device_offset_applied() -> None:
    # The device runs two minutes fast: 9:01:30 on its display was 8:59:30.
    fast = punches("09:01:30", "12:03", "13:22", "17:37", sn="CKJD201960047")
    assert judge(fast).late_minutes == 1
    corrected = judge(fast, rules=HallRules(device_offsets={"CKJD201960047": -120}))
    assert corrected.late_minutes == 0
    assert corrected.flags == frozenset()
    assert corrected.punches[0].strftime("%H:%M:%S") == "08:59:30"
    # Another device's offset does not apply.
    other = judge(fast, rules=HallRules(device_offsets={"OTHER": -120}))
    assert other.late_minutes == 1


def test_evaluate_day_missing_punch_counts_as_half_day() -> None:
    result = judge(punches("08:55", "12:01", "13:20"))
    assert result.missing == ("pm_out",)
    assert result.absent_half_days == 1
    assert DayFlag.MISSING_PUNCH in result.flags
    assert status(result) is DayFlag.MISSING_PUNCH


def test_evaluate_day_lone_punch_is_the_nearer_end() -> None:
    result = judge(punches("11:55", "13:20", "17:35"))
    assert result.missing == ("am_in",)
    assert result.slots[1] is not None
    assert result.slots[1].strftime("%H:%M") == "11:55"


def test_evaluate_day_correction_covers_missing_punch() -> None:
    signed = [mark("17:31", AttendanceKind.CORRECTION)]
    result = judge(punches("08:55", "12:01", "13:20"), signed)
    assert result.missing == ()
    assert result.absent_half_days == 0
    assert result.flags == {DayFlag.CORRECTED}
    assert status(result) is DayFlag.CORRECTED
    assert [c.strftime("%H:%M") for c in result.corrections] == ["17:31"]
    assert len(result.punches) == 3  # a correction is not a punch
    assert result.slots[3] == result.corrections[0]


def test_evaluate_day_morning_leave_excuses_late_morning() -> None:
    morning = [LeaveIn(LeaveKind.PERSONAL, at("09:00"), at("12:00"))]
    result = judge(punches("13:20", "17:35"), leaves=morning)
    assert result.flags == {DayFlag.ON_LEAVE}
    assert result.absent_half_days == 0
    assert result.leave_half_days == 1
    assert result.leave_kind is LeaveKind.PERSONAL
    # Without the leave the same day is half a day's absence.
    assert judge(punches("13:20", "17:35")).absent_half_days == 1


def test_evaluate_day_leave_over_the_start_moves_it() -> None:
    doctor = [LeaveIn(LeaveKind.SICK, at("09:00"), at("10:30"))]
    on_time = judge(punches("10:25", "12:01", "13:20", "17:35"), leaves=doctor)
    assert DayFlag.LATE not in on_time.flags
    late = judge(punches("10:40", "12:01", "13:20", "17:35"), leaves=doctor)
    assert late.late_minutes == 10
    assert late.leave_half_days == 0


def test_evaluate_day_leave_over_the_end_needs_no_out_punch() -> None:
    afternoon_off = [LeaveIn(LeaveKind.PERSONAL, at("16:00"), at("17:30"))]
    result = judge(punches("08:55", "12:01", "13:20"), leaves=afternoon_off)
    assert result.missing == ()
    assert result.absent_half_days == 0
    assert result.flags == {DayFlag.ON_LEAVE}


def test_evaluate_day_whole_day_leave() -> None:
    # A sick leave from yesterday to tomorrow covers the whole day.
    sick = [LeaveIn(LeaveKind.SICK, at("09:00") - timedelta(days=1), at("17:30") + timedelta(1))]
    result = judge([], leaves=sick)
    assert result.flags == {DayFlag.ON_LEAVE}
    assert status(result) is DayFlag.ON_LEAVE
    assert result.leave_half_days == 2
    assert result.leave_kind is LeaveKind.SICK


def test_evaluate_day_outing_in_mid_morning_needs_no_punch() -> None:
    outing = [LeaveIn(LeaveKind.OUTING, at("10:00"), at("11:30"))]
    result = judge(punches(*ON_TIME), leaves=outing)
    assert result.flags == {DayFlag.ON_LEAVE}
    assert result.leave_half_days == 0
    assert result.leave_kind is LeaveKind.OUTING


def test_evaluate_day_no_punch_is_absent() -> None:
    result = judge([])
    assert result.absent_half_days == 2
    assert result.flags == {DayFlag.ABSENT}
    # An absence, not four forgotten punches.
    assert result.missing == ()


@pytest.mark.parametrize(
    ("returned", "off_post"),
    [("10:14", None), ("10:15", None), ("10:16", 1), ("10:40", 25)],
)
def test_evaluate_day_off_post_beyond_allowance(returned: str, off_post: int | None) -> None:
    marks = [mark("10:00", AttendanceKind.LEFT_POST), mark(returned, AttendanceKind.RETURNED)]
    result = judge(punches(*ON_TIME), marks)
    assert result.off_post_minutes == (off_post or 0)
    assert (DayFlag.OFF_POST in result.flags) == (off_post is not None)


def test_evaluate_day_off_post_never_back_counts_to_end_of_half() -> None:
    result = judge(punches(*ON_TIME), [mark("11:00", AttendanceKind.LEFT_POST)])
    assert result.off_post_minutes == 60 - 15


def test_evaluate_day_off_post_skips_lunch_and_leave() -> None:
    over_lunch = [mark("11:50", AttendanceKind.LEFT_POST), mark("13:40", AttendanceKind.RETURNED)]
    assert judge(punches(*ON_TIME), over_lunch).off_post_minutes == 20 - 15
    errand = [LeaveIn(LeaveKind.OUTING, at("10:00"), at("11:00"))]
    left = [mark("10:00", AttendanceKind.LEFT_POST), mark("11:10", AttendanceKind.RETURNED)]
    assert judge(punches(*ON_TIME), left, errand).off_post_minutes == 0


def test_evaluate_day_absent_noted() -> None:
    noted = [mark("10:00", AttendanceKind.ABSENT_NOTED)]
    # Punched in, then nowhere to be found: the morning is an absence.
    result = judge(punches(*ON_TIME), noted)
    assert result.absent_half_days == 1
    assert status(result) is DayFlag.HALF_DAY_ABSENT
    # Seen back at the post later that morning: the note does not stand.
    back = [*noted, mark("10:30", AttendanceKind.RETURNED)]
    assert judge(punches(*ON_TIME), back).absent_half_days == 0
    # Noted before arriving: that is a late arrival.
    late = judge(punches("10:20", "12:01", "13:20", "17:35"), noted)
    assert late.late_minutes == 80
    assert late.absent_half_days == 1  # by the half-day rule, not twice
    # On leave at the time: not an absence.
    sick = [LeaveIn(LeaveKind.SICK, at("09:00"), at("12:00"))]
    assert judge(punches("13:20", "17:35"), noted, sick).absent_half_days == 0


def test_evaluate_day_weekend_not_scheduled() -> None:
    result = judge([], day=SATURDAY, workday=False)
    assert result.flags == {DayFlag.NOT_SCHEDULED}
    # Weekend service: the punches show, nothing is judged.
    served = judge(punches("09:30", "12:00", day=SATURDAY), day=SATURDAY, workday=False)
    assert served.flags == frozenset()
    assert len(served.punches) == 2


def test_evaluate_day_without_schedule_not_scheduled() -> None:
    assert judge(punches(*ON_TIME), schedule=None).flags == {DayFlag.NOT_SCHEDULED}


def test_evaluate_day_make_up_workday_scheduled() -> None:
    calendar = WorkCalendar()
    make_up = date(2026, 2, 14)  # a Saturday worked for the Spring Festival (调休上班)
    assert make_up.weekday() == 5
    assert calendar.is_workday(make_up)
    result = judge([], day=make_up, workday=calendar.is_workday(make_up))
    assert result.flags == {DayFlag.ABSENT}
    ok = judge(punches(*ON_TIME, day=make_up), day=make_up, workday=True)
    assert ok.flags == frozenset()


def test_evaluate_day_today_judges_only_what_happened() -> None:
    morning = judge(punches("08:55"), now=at("10:00"))
    assert not morning.complete
    assert morning.flags == frozenset()
    # Not come by 10:00: not an absence yet (the morning is not over).
    assert judge([], now=at("10:00")).flags == frozenset()
    # After noon the missing morning is an absence; the afternoon is still open.
    noon = judge([], now=at("12:40"))
    assert noon.absent_half_days == 1
    # Punches later than now are not known yet.
    assert judge(punches(*ON_TIME), now=at("12:40")).punches[-1] == at("17:35")
    assert judge(punches(*ON_TIME), now=at("12:40")).slots[2] is None


def test_pick_season_wraps_over_the_new_year() -> None:
    summer = DaySchedule(time(9), time(12), time(13, 30), time(17, 30), 0, "夏季")
    winter = DaySchedule(time(9), time(12), time(13), time(17), 0, "冬季")
    seasons = [ScheduleSeason("05-01", "09-30", summer), ScheduleSeason("10-01", "04-30", winter)]
    assert pick_season(seasons, date(2026, 1, 15)) is winter
    assert pick_season(seasons, date(2026, 4, 30)) is winter
    assert pick_season(seasons, date(2026, 5, 1)) is summer
    assert pick_season(seasons, date(2026, 9, 30)) is summer
    assert pick_season(seasons, date(2026, 12, 31)) is winter
    assert pick_season(seasons[:1], date(2026, 12, 31)) is None
    # Overlapping seasons: the narrower one wins.
    exam_week = ScheduleSeason("06-07", "06-10", winter)
    year_round = ScheduleSeason("01-01", "12-31", summer)
    assert pick_season([year_round, exam_week], date(2026, 6, 8)) is winter


def test_staff_day_status_is_most_serious_flag() -> None:
    assert most_serious({DayFlag.LATE, DayFlag.MISSING_PUNCH}) is DayFlag.MISSING_PUNCH
    assert most_serious({DayFlag.ON_LEAVE, DayFlag.HALF_DAY_ABSENT}) is DayFlag.HALF_DAY_ABSENT
    assert most_serious(set()) is None
    day = StaffDay.of(
        judge(punches("09:12", "12:01", "13:20", "17:35")),
        staff_id=uuid.UUID(int=1),
        staff_no="01001",
        name="张伟",
        unit_name="市场监管局",
        day=TUESDAY,
    )
    assert day.status is DayFlag.LATE
    assert day.status_word == "迟到"
    assert day.late_minutes == 12


@given(
    seconds=st.lists(st.integers(0, 86_399), max_size=8),
    workday=st.booleans(),
    leave=st.none() | st.tuples(st.integers(0, 86_399), st.integers(1, 36_000)),
)
def test_evaluate_day_invariants_hold_for_any_punches(
    seconds: list[int], workday: bool, leave: tuple[int, int] | None
) -> None:
    midnight = at("00:00")
    given_punches = [PunchIn(midnight + timedelta(seconds=s), "device") for s in seconds]
    leaves = []
    if leave is not None:
        start = midnight + timedelta(seconds=leave[0])
        leaves = [LeaveIn(LeaveKind.PERSONAL, start, start + timedelta(seconds=leave[1]))]
    result = judge(given_punches, leaves=leaves, workday=workday)
    assert 0 <= result.absent_half_days <= 2
    assert (DayFlag.ABSENT in result.flags) == (result.absent_half_days == 2)
    assert (DayFlag.HALF_DAY_ABSENT in result.flags) == (result.absent_half_days == 1)
    assert result.late_minutes >= 0
    assert result.early_minutes >= 0
    assert set(result.missing) <= set(SLOTS)
    assert (DayFlag.MISSING_PUNCH in result.flags) == bool(result.missing)
    assert list(result.punches) == sorted(result.punches)
    assert len(result.punches) <= len(seconds)
    assert result.leave_half_days + result.absent_half_days <= 2
    if not workday:
        assert result.absent_half_days == 0
    # The order the punches arrive in does not matter.
    assert judge(list(reversed(given_punches)), leaves=leaves, workday=workday) == result
