"""Attendance rules for one person and one day (DOMAIN.md "Attendance"); pure, no I/O.

How a day is read (every threshold comes from HallRules or the day's schedule):

- Device clock offsets (rules.device_offsets, by serial number) are added first; then
  punches no more than rules.duplicate_punch_seconds after the punch kept before them are
  the same punch (the first one counts).
- Times are read to the minute, as the punch clock shows them. Late minutes = the minute of
  the in punch − the start minute, late only when that is more than the grace: with grace 0,
  a punch at 9:00:59 is on time and 9:01:00 is 1 minute late. Late minutes count from the
  start, not from the end of the grace. Early minutes = the end minute − the minute of the
  out punch (16:59:59 leaves 1 minute early). The grace is the schedule's when it sets one
  (> 0), else the hall's. A late or early departure that reaches the half-day threshold
  keeps its flag and minutes and also counts as half a day's absence.
- A day has two halves split halfway through the lunch break. Each half expects an in and
  an out punch: with two or more punches the first is the in, the last the out; a single
  punch is the in or the out, whichever end of the half it is nearer. A signed correction
  (补签) counts as a punch at its time (and flags the day CORRECTED).
- Approved leave excuses the time it covers: a leave over the start of a half moves the
  expected arrival (and the late minutes) to the leave's end; one over its end moves the
  expected departure to the leave's start and makes the out punch optional (the leave
  records the departure); one that covers the whole half excuses it (no punch needed).
  Leave that touches no end of the half (临时外出 in mid-morning) needs no punch of its own.
- A half counts as half a day's absence (旷工半天) when its in or out punch is missing (no
  punch, no correction), when late or early by rules.half_day_minutes or more (inclusive),
  when nobody punched in it at all, or when an inspector noted the person absent in it
  (ABSENT_NOTED) after they had come and saw them back in that half no more (a later
  RETURNED or CHECK_IN); noted before they came, it is a late arrival. A missing punch
  is listed in `missing` only when the half has other punches: a half with none is an
  absence, not a forgotten punch. Two absent halves make the day ABSENT.
- Off post (脱岗): a LEFT_POST mark not followed by RETURNED (or CHECK_IN) within
  rules.off_post_minutes; the minutes away are counted in working hours, leave excluded,
  up to the return or the end of that half, and off_post_minutes adds the minutes beyond
  the allowance (16 minutes away with 15 allowed = 1).
- A day that is not a working day, or has no schedule, is NOT_SCHEDULED; punches on a day
  off are shown but judge nothing (weekend service is not a duty the rules can check).
- Given `now` on the day itself, only what has already happened is judged: an in punch is
  missing once its half is over, an out punch once the next half has begun (the afternoon's
  out punch not before the day is over), and the result says it is not complete.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from functools import cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from hallwatch.domain.enums import AttendanceKind, LeaveKind
from hallwatch.domain.rules import HallRules
from hallwatch.domain.timeutil import DEFAULT_ZONE

__all__ = [
    "FLAG_WORDS",
    "LEAVE_WORDS",
    "NORMAL_WORD",
    "SLOTS",
    "SLOT_WORDS",
    "DayFlag",
    "DayResult",
    "DaySchedule",
    "LeaveIn",
    "MarkIn",
    "PunchIn",
    "ScheduleSeason",
    "StaffDay",
    "evaluate_day",
    "most_serious",
    "pick_season",
]


class DayFlag(StrEnum):
    LATE = "late"
    EARLY_LEAVE = "early_leave"
    HALF_DAY_ABSENT = "half_day_absent"
    ABSENT = "absent"
    ON_LEAVE = "on_leave"
    MISSING_PUNCH = "missing_punch"
    OFF_POST = "off_post"
    CORRECTED = "corrected"
    NOT_SCHEDULED = "not_scheduled"


# Most serious first: a day's status is the first of these among its flags.
SEVERITY: tuple[DayFlag, ...] = (
    DayFlag.ABSENT,
    DayFlag.MISSING_PUNCH,
    DayFlag.HALF_DAY_ABSENT,
    DayFlag.OFF_POST,
    DayFlag.LATE,
    DayFlag.EARLY_LEAVE,
    DayFlag.ON_LEAVE,
    DayFlag.CORRECTED,
    DayFlag.NOT_SCHEDULED,
)

# The words of the attendance sheet (CLI, reports; the UI translates its own).
FLAG_WORDS: dict[DayFlag, str] = {
    DayFlag.LATE: "迟到",
    DayFlag.EARLY_LEAVE: "早退",
    DayFlag.HALF_DAY_ABSENT: "旷工半天",
    DayFlag.ABSENT: "旷工",
    DayFlag.ON_LEAVE: "请假",
    DayFlag.MISSING_PUNCH: "缺卡",
    DayFlag.OFF_POST: "脱岗",
    DayFlag.CORRECTED: "已补签",
    DayFlag.NOT_SCHEDULED: "未排班",
}
NORMAL_WORD = "正常"

LEAVE_WORDS: dict[LeaveKind, str] = {
    LeaveKind.OFFICIAL: "公假",
    LeaveKind.PERSONAL: "事假",
    LeaveKind.SICK: "病假",
    LeaveKind.OUTING: "临时外出",
    LeaveKind.VACATION: "休假",
}

SLOTS: tuple[str, str, str, str] = ("am_in", "am_out", "pm_in", "pm_out")
SLOT_WORDS: dict[str, str] = {
    "am_in": "上午签到",
    "am_out": "上午签退",
    "pm_in": "下午签到",
    "pm_out": "下午签退",
}

_PRESENCE_MARKS = frozenset(
    {AttendanceKind.PUNCH, AttendanceKind.CHECK_IN, AttendanceKind.CHECK_OUT}
)
_DAY_SECONDS = 86_400


def most_serious(flags: Iterable[DayFlag]) -> DayFlag | None:
    """Return the most serious of flags, None when there are none (正常)."""
    present = set(flags)
    for flag in SEVERITY:
        if flag in present:
            return flag
    return None


@dataclass(frozen=True, slots=True)
class DaySchedule:
    """Opening hours of one day; grace_minutes 0 means the hall's rule applies."""

    am_start: time
    am_end: time
    pm_start: time
    pm_end: time
    grace_minutes: int
    name: str = ""


@dataclass(frozen=True, slots=True)
class ScheduleSeason:
    """A schedule with its season as inclusive MM-DD bounds (wrapping over the new year)."""

    season_start: str
    season_end: str
    schedule: DaySchedule


def pick_season(seasons: Iterable[ScheduleSeason], day: date) -> DaySchedule | None:
    """Return the schedule whose season contains day; the shortest season wins overlaps."""
    key = f"{day.month:02d}-{day.day:02d}"
    best: tuple[int, DaySchedule] | None = None
    for season in seasons:
        start, end = season.season_start, season.season_end
        inside = start <= key <= end if start <= end else (key >= start or key <= end)
        if not inside:
            continue
        length = _season_length(start, end)
        if best is None or length < best[0]:
            best = (length, season.schedule)
    return best[1] if best else None


def _season_length(start: str, end: str) -> int:
    def ordinal(text: str) -> int:
        month, day = int(text[:2]), int(text[3:])
        return date(2000, month, day).toordinal()  # a leap year, so 02-29 is a day

    span = ordinal(end) - ordinal(start)
    return span if span >= 0 else span + 366


@dataclass(frozen=True, slots=True)
class PunchIn:
    """One punch (or manual check-in/out) as input; device_sn selects a clock offset."""

    at: datetime
    source: str
    note: str = ""
    device_sn: str = ""


@dataclass(frozen=True, slots=True)
class MarkIn:
    """One inspector's mark or signed correction as input."""

    at: datetime
    kind: AttendanceKind
    note: str = ""


@dataclass(frozen=True, slots=True)
class LeaveIn:
    """One approved leave as input."""

    kind: LeaveKind
    starts_at: datetime
    ends_at: datetime


class DayResult(NamedTuple):
    """What evaluate_day found; StaffDay adds who it is about (a tuple: sheets make many)."""

    punches: tuple[datetime, ...]
    late_minutes: int
    early_minutes: int
    absent_half_days: int
    missing: tuple[str, ...]
    off_post_minutes: int
    leave_kind: LeaveKind | None
    flags: frozenset[DayFlag]
    corrections: tuple[datetime, ...] = ()
    # The punch (or correction) read as each of am_in, am_out, pm_in, pm_out.
    slots: tuple[datetime | None, ...] = (None, None, None, None)
    # Halves wholly excused by leave (0, 1 or 2).
    leave_half_days: int = 0
    # False for today before it is over: later punches may still come.
    complete: bool = True


@dataclass(frozen=True, slots=True)
class StaffDay:
    """One person's attendance on one day, as the sheets and the UI show it."""

    staff_id: uuid.UUID
    staff_no: str
    name: str
    unit_name: str
    day: date
    # Hall-local, duplicates merged, device offsets applied; corrections are not punches.
    punches: tuple[datetime, ...]
    late_minutes: int
    early_minutes: int
    absent_half_days: int
    missing: tuple[str, ...]
    off_post_minutes: int
    leave_kind: LeaveKind | None
    flags: frozenset[DayFlag]
    unit_id: uuid.UUID | None = None
    corrections: tuple[datetime, ...] = ()
    slots: tuple[datetime | None, ...] = (None, None, None, None)
    leave_half_days: int = 0
    complete: bool = True

    @property
    def status(self) -> DayFlag | None:
        """Return the most serious flag; None means normal (正常)."""
        return most_serious(self.flags)

    @property
    def status_word(self) -> str:
        """Return the status in the sheet's Chinese words."""
        status = self.status
        return NORMAL_WORD if status is None else FLAG_WORDS[status]

    @classmethod
    def of(
        cls,
        result: DayResult,
        *,
        staff_id: uuid.UUID,
        staff_no: str,
        name: str,
        unit_name: str,
        day: date,
        unit_id: uuid.UUID | None = None,
    ) -> StaffDay:
        """Return the StaffDay of a person for an evaluated day."""
        return cls(
            staff_id=staff_id,
            staff_no=staff_no,
            name=name,
            unit_name=unit_name,
            day=day,
            punches=result.punches,
            late_minutes=result.late_minutes,
            early_minutes=result.early_minutes,
            absent_half_days=result.absent_half_days,
            missing=result.missing,
            off_post_minutes=result.off_post_minutes,
            leave_kind=result.leave_kind,
            flags=result.flags,
            unit_id=unit_id,
            corrections=result.corrections,
            slots=result.slots,
            leave_half_days=result.leave_half_days,
            complete=result.complete,
        )


# --- evaluation ----------------------------------------------------------------------


@cache
def _default_zone() -> ZoneInfo:
    return ZoneInfo(DEFAULT_ZONE)


class _Point(NamedTuple):
    """A punch or correction as wall-clock seconds after the day's local midnight."""

    sec: float
    local: datetime
    corrected: bool


def _wall_seconds(moment: datetime, zone: tzinfo, day_ordinal: int) -> tuple[float, datetime]:
    """Return the wall-clock seconds of moment after the local midnight of a day, and moment.

    Wall clock, not elapsed time: on a day with a clock change 9:00 still reads as 9:00.
    """
    local = moment.astimezone(zone)
    seconds = (local.toordinal() - day_ordinal) * _DAY_SECONDS
    seconds += local.hour * 3600 + local.minute * 60 + local.second
    return seconds + local.microsecond / 1_000_000, local


def _clock_seconds(clock: time) -> int:
    return clock.hour * 3600 + clock.minute * 60 + clock.second


def _merge(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _overlap(intervals: list[tuple[float, float]], start: float, end: float) -> float:
    return sum(max(0.0, min(end, e) - max(start, s)) for s, e in intervals)


def _covered(intervals: list[tuple[float, float]], moment: float) -> bool:
    return any(s <= moment < e for s, e in intervals)


def _measure(parts: list[tuple[float, float]], spans: list[tuple[float, float]]) -> float:
    """Return how long two lists of disjoint intervals overlap."""
    return sum(_overlap(spans, s, e) for s, e in parts)


def evaluate_day(
    day: date,
    schedule: DaySchedule | None,
    is_workday: bool,
    punches: Iterable[PunchIn],
    marks: Iterable[MarkIn],
    leaves: Iterable[LeaveIn],
    rules: HallRules,
    *,
    zone: tzinfo | None = None,
    now: datetime | None = None,
) -> DayResult:
    """Judge one person's day from their punches, marks and leave (see the module notes)."""
    zone = zone or _default_zone()
    day_ordinal = day.toordinal()
    points, others = _time_line(punches, marks, rules, zone, day_ordinal)
    kept_punches = tuple(p.local for p in points if not p.corrected)
    corrections = tuple(p.local for p in points if p.corrected)

    if schedule is None or not is_workday:
        # A day off with punches (weekend service) is shown but not judged.
        shown_only = schedule is not None and bool(points)
        return DayResult(
            punches=kept_punches,
            late_minutes=0,
            early_minutes=0,
            absent_half_days=0,
            missing=(),
            off_post_minutes=0,
            leave_kind=None,
            flags=frozenset() if shown_only else _NOT_SCHEDULED,
            corrections=corrections,
        )

    now_sec: float | None = None
    if now is not None:
        now_sec, _ = _wall_seconds(now, zone, day_ordinal)
        if now_sec >= _DAY_SECONDS:
            now_sec = None  # the day is over: judge everything
        else:
            # Whatever is timed after now has not happened yet.
            points = [p for p in points if p.sec <= now_sec]
            others = [m for m in others if m[0] <= now_sec]

    a0, a1 = _clock_seconds(schedule.am_start), _clock_seconds(schedule.am_end)
    p0, p1 = _clock_seconds(schedule.pm_start), _clock_seconds(schedule.pm_end)
    sessions = [(float(a0), float(a1)), (float(p0), float(p1))]
    split = (a1 + p0) / 2
    grace = schedule.grace_minutes if schedule.grace_minutes > 0 else rules.late_grace_minutes
    half_day = rules.half_day_minutes

    # Leave as wall-clock intervals of this day (only what falls in working hours counts).
    leave_spans: list[tuple[float, float]] = []
    leave_by_kind: dict[LeaveKind, float] = {}
    for leave in leaves:
        start, _ = _wall_seconds(leave.starts_at, zone, day_ordinal)
        end, _ = _wall_seconds(leave.ends_at, zone, day_ordinal)
        start, end = max(start, 0.0), min(end, float(_DAY_SECONDS))
        worked = _overlap(sessions, start, end) if end > start else 0.0
        if worked > 0:
            leave_spans.append((start, end))
            leave_by_kind[leave.kind] = leave_by_kind.get(leave.kind, 0.0) + worked
    spans = _merge(leave_spans)

    flags: set[DayFlag] = set()
    late_total = early_total = absent_halves = excused_halves = 0
    missing: list[str] = []
    slots: list[datetime | None] = [None, None, None, None]
    halves = (
        # (index, start, end, window of punches [low, high), out punch judged from)
        (0, a0, a1, float("-inf"), split, split),
        (1, p0, p1, split, float("inf"), float(_DAY_SECONDS)),
    )
    for index, start, end, low, high, out_judged_at in halves:
        in_half = [p for p in points if low <= p.sec < high]
        # Leave over an end of the half moves it; merged spans need one pass each way.
        eff_start, eff_end = float(start), float(end)
        for s, e in spans:
            if s <= eff_start < e:
                eff_start = e
        for s, e in reversed(spans):
            if s < eff_end <= e:
                eff_end = s
        if eff_start >= eff_end:
            excused_halves += 1
            if in_half:
                slots[2 * index] = in_half[0].local
                if len(in_half) > 1:
                    slots[2 * index + 1] = in_half[-1].local
            continue
        # Leave over the end of the half records the departure: no out punch is needed.
        out_required = eff_end >= end
        half_over = now_sec is None or now_sec >= eff_end
        out_due = out_required and (now_sec is None or now_sec >= out_judged_at)
        first_in: _Point | None = None
        last_out: _Point | None = None
        if len(in_half) >= 2:
            first_in, last_out = in_half[0], in_half[-1]
        elif in_half:
            point = in_half[0]
            # A lone punch is the arrival unless it is nearer the end of a half that is over.
            if not out_due or point.sec <= (eff_start + eff_end) / 2:
                first_in = point
            else:
                last_out = point
        absent = False
        if first_in is None and last_out is None:
            absent = half_over  # nobody came: an absence, not a forgotten punch
        else:
            if first_in is not None:
                slots[2 * index] = first_in.local
                late = int(first_in.sec // 60) - int(eff_start // 60)
                if late > grace:
                    flags.add(DayFlag.LATE)
                    late_total += late
                    absent = absent or late >= half_day
            elif half_over:
                missing.append(SLOTS[2 * index])
                absent = True
            if last_out is not None:
                slots[2 * index + 1] = last_out.local
                early = math.ceil(eff_end / 60) - int(last_out.sec // 60)
                if early > 0:
                    flags.add(DayFlag.EARLY_LEAVE)
                    early_total += early
                    absent = absent or early >= half_day
            elif out_due:
                missing.append(SLOTS[2 * index + 1])
                absent = True
        if not absent and _noted_absent(others, in_half, spans, low, high):
            absent = True
        if absent:
            absent_halves += 1

    off_post = _off_post_minutes(others, spans, sessions, split, now_sec, rules.off_post_minutes)
    if off_post:
        flags.add(DayFlag.OFF_POST)
    if missing:
        flags.add(DayFlag.MISSING_PUNCH)
    if absent_halves == 1:
        flags.add(DayFlag.HALF_DAY_ABSENT)
    elif absent_halves >= 2:
        flags.add(DayFlag.ABSENT)
    if leave_by_kind:
        flags.add(DayFlag.ON_LEAVE)
    if corrections:
        flags.add(DayFlag.CORRECTED)
    leave_kind = max(leave_by_kind, key=leave_by_kind.__getitem__) if leave_by_kind else None
    return DayResult(
        punches=kept_punches,
        late_minutes=late_total,
        early_minutes=early_total,
        absent_half_days=min(absent_halves, 2),
        missing=tuple(missing),
        off_post_minutes=off_post,
        leave_kind=leave_kind,
        flags=frozenset(flags),
        corrections=corrections,
        slots=tuple(slots),
        leave_half_days=excused_halves,
        complete=now_sec is None,
    )


_NOT_SCHEDULED = frozenset({DayFlag.NOT_SCHEDULED})


def _time_line(
    punches: Iterable[PunchIn],
    marks: Iterable[MarkIn],
    rules: HallRules,
    zone: tzinfo,
    day_ordinal: int,
) -> tuple[list[_Point], list[tuple[float, AttendanceKind]]]:
    """Return the day's punches (offsets applied, duplicates merged) and its other marks."""
    offsets = rules.device_offsets
    raw: list[_Point] = []
    for punch in punches:
        at = punch.at
        if offsets and punch.device_sn:
            shift = offsets.get(punch.device_sn)
            if shift:
                at = at + timedelta(seconds=shift)
        sec, local = _wall_seconds(at, zone, day_ordinal)
        if 0 <= sec < _DAY_SECONDS:
            raw.append(_Point(sec, local, False))
    others: list[tuple[float, AttendanceKind]] = []
    for mark in marks:
        sec, local = _wall_seconds(mark.at, zone, day_ordinal)
        if not 0 <= sec < _DAY_SECONDS:
            continue
        if mark.kind is AttendanceKind.CORRECTION:
            raw.append(_Point(sec, local, True))
            continue
        if mark.kind in _PRESENCE_MARKS:
            raw.append(_Point(sec, local, False))
        others.append((sec, mark.kind))
    # A real punch sorts before a correction at the same second, so the punch is kept.
    raw.sort(key=lambda point: (point.sec, point.corrected))
    window = rules.duplicate_punch_seconds
    points: list[_Point] = []
    for point in raw:
        # Compared with the punch kept, not the previous one: a burst cannot creep on.
        if points and point.sec - points[-1].sec <= window:
            continue
        points.append(point)
    others.sort()
    return points, others


def _noted_absent(
    others: list[tuple[float, AttendanceKind]],
    in_half: list[_Point],
    spans: list[tuple[float, float]],
    low: float,
    high: float,
) -> bool:
    """Tell whether an inspector's ABSENT_NOTED stands for this half.

    It stands unless leave covers it, the person had not come yet and punched in later
    (then they were late, and the late rule judges it), or an inspector saw them back
    later in the half (RETURNED, CHECK_IN): a punch at the door after having been in
    does not show that they were at the post.
    """
    for sec, kind in others:
        if kind is not AttendanceKind.ABSENT_NOTED or not low <= sec < high:
            continue
        if _covered(spans, sec):
            continue
        came_before = any(p.sec <= sec for p in in_half)
        if not came_before and any(p.sec > sec for p in in_half):
            continue
        if any(k in _BACK_MARKS and sec < s < high for s, k in others):
            continue
        return True
    return False


def _off_post_minutes(
    others: list[tuple[float, AttendanceKind]],
    spans: list[tuple[float, float]],
    sessions: list[tuple[float, float]],
    split: float,
    now_sec: float | None,
    allowed: int,
) -> int:
    """Return the minutes off post beyond the allowance, summed over the day's episodes."""
    episodes: list[tuple[float, float]] = []
    away_since: float | None = None
    for sec, kind in others:
        if kind is AttendanceKind.LEFT_POST and away_since is None:
            away_since = sec
        elif kind in _BACK_MARKS and away_since is not None:
            episodes.append((away_since, sec))
            away_since = None
    if away_since is not None:
        # Never came back: away until the end of that half (or until now, today).
        end = sessions[0][1] if away_since < split else sessions[1][1]
        if now_sec is not None:
            end = min(end, now_sec)
        episodes.append((away_since, end))
    total = 0
    for start, end in episodes:
        working = [(max(s, start), min(e, end)) for s, e in sessions if min(e, end) > max(s, start)]
        away = sum(e - s for s, e in working) - _measure(working, spans)
        minutes = int(away // 60)
        if minutes > allowed:
            total += minutes - allowed
    return total


_BACK_MARKS = frozenset({AttendanceKind.RETURNED, AttendanceKind.CHECK_IN})
