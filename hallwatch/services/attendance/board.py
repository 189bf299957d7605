"""The hall board (看板): the state of every window at one moment.

What a card says, in order of precedence (every threshold from HallRules and the schedule):

1. UNSCHEDULED (未排班): not a working day, no schedule for the season, outside opening
   hours (before, lunch, after), or nobody assigned to the window that day.
2. PAUSED (暂停服务): the window's last pause/resume event before the moment is a pause,
   whenever it was recorded (a pause lasts until someone resumes the window).
3. ON_DUTY (在岗): the primary assignee is there: arrived in the current half of the day
   (a punch, a manual check-in, a signed correction or a return), has not punched out or
   been noted absent since, and is not away longer than rules.off_post_minutes (shorter is
   still on duty, "离岗 N 分钟").
4. ON_DUTY with a stand-in (顶岗): the primary is not there (leave, not arrived, gone, noted
   absent) and either someone checked in at this window by hand, or the window's backup
   (AB角) arrived today and is not serving elsewhere. A primary off post is covered only by
   a hand check-in at the window: a backup's punch at the door does not show who sits at
   the window while the primary is away from it.
5. Otherwise the primary's own state: ON_LEAVE (请假/公出) when a leave covers the moment;
   OFF_POST (脱岗) when away longer than allowed; LATE (迟到) when past the start of the
   half plus the grace with no arrival yet, until the lateness reaches
   rules.half_day_minutes; EMPTY (空岗) when noted absent, gone, or later than that.

"The current half" is the morning before the middle of the lunch break and the afternoon
after it, as the attendance rules read punches. Times are stored in UTC and read in the
hall's zone; only today's events up to the moment are loaded, by the (hall_id,
occurred_at) index with the UTC bounds of the hall-local day.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from hallwatch.domain.attendance import LEAVE_WORDS, DaySchedule, pick_season
from hallwatch.domain.enums import (
    AssignmentRole,
    AttendanceKind,
    LeaveKind,
    WindowEventKind,
)
from hallwatch.domain.errors import InputError
from hallwatch.domain.rules import HallRules
from hallwatch.storage import direct
from hallwatch.storage.queries import board as queries
from hallwatch.storage.queries import hall as hall_queries

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = [
    "STATE_WORDS",
    "Board",
    "WindowCard",
    "WindowState",
    "board_state",
]


class WindowState(StrEnum):
    ON_DUTY = "on_duty"  # 在岗
    EMPTY = "empty"  # 空岗
    LATE = "late"  # 迟到
    OFF_POST = "off_post"  # 脱岗
    ON_LEAVE = "on_leave"  # 请假/公出
    PAUSED = "paused"  # 暂停服务
    UNSCHEDULED = "unscheduled"  # 未排班


STATE_WORDS: dict[WindowState, str] = {
    WindowState.ON_DUTY: "在岗",
    WindowState.EMPTY: "空岗",
    WindowState.LATE: "迟到",
    WindowState.OFF_POST: "脱岗",
    WindowState.ON_LEAVE: "请假/公出",
    WindowState.PAUSED: "暂停服务",
    WindowState.UNSCHEDULED: "未排班",
}


@dataclass(frozen=True, slots=True)
class WindowCard:
    """One window on the board."""

    window_id: uuid.UUID
    number: str
    zone: str
    unit_id: uuid.UUID | None
    unit_name: str
    # The primary assignee of the day (None: nobody assigned).
    staff_id: uuid.UUID | None
    staff_name: str
    staff_no: str
    backup_name: str
    state: WindowState
    since: datetime | None
    detail: str
    backup_id: uuid.UUID | None = None
    # Who serves in the primary's place when a stand-in (顶岗) keeps the window on duty.
    stand_in_id: uuid.UUID | None = None
    stand_in_name: str = ""
    # What the primary alone would make of the card (e.g. LATE under a stand-in's ON_DUTY).
    primary_state: WindowState | None = None


@dataclass(frozen=True, slots=True)
class Board:
    """Every (unit-filtered) window's card at one moment, with counts per state."""

    hall_id: uuid.UUID
    at: datetime
    cards: tuple[WindowCard, ...]
    # Over all cards of the hall (or unit) before the state filter; every state present.
    counts: dict[WindowState, int]
    # The hall-local day, and why the whole hall is unscheduled if it is ("午休", "国庆节" …).
    day: date | None = None
    note: str = ""
    is_workday: bool = True
    schedule: DaySchedule | None = None


# --- presence of one person at the moment --------------------------------------------


class _Mark(NamedTuple):
    sec: float
    kind: AttendanceKind
    window: uuid.UUID | None  # a hand check-in's window


class _Leave(NamedTuple):
    start: float
    end: float
    kind: LeaveKind
    ends_at: datetime
    starts_at: datetime


class _Presence(NamedTuple):
    state: WindowState
    # Seconds after local midnight from which the state holds (None: no moment to show).
    since: float | None
    detail: str
    # True when the person is at the post (ON_DUTY, short away included).
    here: bool


def _minutes(seconds: float) -> int:
    return max(int(seconds // 60), 0)


def _clock(sec: float) -> str:
    sec = int(sec)
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}"


def _leave_detail(leave: _Leave, day: date, zone: ZoneInfo) -> str:
    word = LEAVE_WORDS[leave.kind]
    end = leave.ends_at.astimezone(zone)
    if end.date() == day:
        return f"{word}至 {end:%H:%M}"
    return f"{word}至 {end.month}月{end.day}日"


class _Context(NamedTuple):
    day: date
    zone: ZoneInfo
    now: float
    half_start: float
    half_end: float
    low: float
    high: float
    grace: int
    rules: HallRules


def _presence(ctx: _Context, marks: list[_Mark], leaves: list[_Leave]) -> _Presence:
    """Return where one person stands at the moment (marks sorted, up to the moment)."""
    now = ctx.now
    leave = next((lv for lv in leaves if lv.start <= now < lv.end), None)
    if leave is not None:
        return _Presence(
            WindowState.ON_LEAVE, leave.start, _leave_detail(leave, ctx.day, ctx.zone), False
        )
    arrived: float | None = None
    left_post: float | None = None
    gone: float | None = None
    noted: float | None = None
    last_punch: float | None = None
    dedupe = ctx.rules.duplicate_punch_seconds
    for sec, kind, _window in marks:
        if not ctx.low <= sec < ctx.high:
            continue
        if kind in _ARRIVALS:
            if kind is AttendanceKind.PUNCH:
                if last_punch is not None and sec - last_punch <= dedupe:
                    continue
                last_punch = sec
                settled = gone is None and left_post is None and noted is None
                if arrived is not None and settled and sec >= ctx.half_start:
                    # A later punch once the half has begun is the out punch (two punches
                    # before the start are both arrivals).
                    gone = sec
                    continue
            if arrived is None or gone is not None or noted is not None:
                arrived = sec
            gone = noted = left_post = None
        elif kind is AttendanceKind.CHECK_OUT and arrived is not None:
            gone = sec
        elif kind is AttendanceKind.LEFT_POST and arrived is not None and left_post is None:
            left_post = sec
        elif kind is AttendanceKind.ABSENT_NOTED:
            noted = sec
            left_post = None
    if noted is not None:
        return _Presence(WindowState.EMPTY, noted, "已记旷工", False)
    if arrived is not None and gone is not None:
        return _Presence(WindowState.EMPTY, gone, f"{_clock(gone)} 已签退", False)
    if arrived is not None and left_post is not None:
        # Minutes away in working time, approved leave not counted.
        away = (
            now
            - left_post
            - sum(max(0.0, min(now, lv.end) - max(left_post, lv.start)) for lv in leaves)
        )
        minutes = _minutes(away)
        if minutes > ctx.rules.off_post_minutes:
            return _Presence(WindowState.OFF_POST, left_post, f"脱岗 {minutes} 分钟", False)
        return _Presence(WindowState.ON_DUTY, left_post, f"离岗 {minutes} 分钟", True)
    if arrived is not None:
        return _Presence(WindowState.ON_DUTY, arrived, f"{_clock(arrived)} 到岗", True)
    # Not arrived: lateness counts from the start of the half, or from the end of a leave
    # that covered it.
    start = ctx.half_start
    for lv in leaves:
        if lv.start <= start < lv.end:
            start = lv.end
    late = int(now // 60) - int(start // 60)
    if late <= ctx.grace:
        return _Presence(WindowState.EMPTY, start, "尚未到岗", False)
    if late >= ctx.rules.half_day_minutes:
        return _Presence(WindowState.EMPTY, start, f"未到岗 {late} 分钟", False)
    return _Presence(WindowState.LATE, start, f"迟到 {late} 分钟", False)


_ARRIVALS = frozenset(
    {
        AttendanceKind.PUNCH,
        AttendanceKind.CHECK_IN,
        AttendanceKind.CORRECTION,
        AttendanceKind.RETURNED,
    }
)


def _checked_in_at(marks: list[_Mark], window_id: uuid.UUID, ctx: _Context) -> float | None:
    """Return when the person checked in by hand at this window and is still there."""
    since: float | None = None
    for sec, kind, window in marks:
        if not ctx.low <= sec < ctx.high:
            continue
        if kind is AttendanceKind.CHECK_IN and window == window_id:
            since = sec
        elif since is not None and kind in _AWAY:
            since = None
    return since


_AWAY = frozenset({AttendanceKind.CHECK_OUT, AttendanceKind.LEFT_POST, AttendanceKind.ABSENT_NOTED})


# --- the board -------------------------------------------------------------------------


class _Assignee(NamedTuple):
    id: uuid.UUID
    name: str
    staff_no: str


_KINDS = {kind.value: kind for kind in AttendanceKind}


def board_state(
    source: Session | sqlite3.Connection,
    hall_id: uuid.UUID,
    at: datetime,
    unit_id: uuid.UUID | None = None,
    states: set[WindowState] | None = None,
) -> Board:
    """Return the state of every window of the hall (or one unit) at the moment `at`.

    Reads with plain SQL (storage.direct) from an ORM session's connection or from a
    read-only sqlite3 connection, so the app's first board need not wait for the ORM.
    """
    if at.tzinfo is None or at.utcoffset() is None:
        raise InputError("the board's moment has no time zone", "pass an aware datetime")
    conn = direct.dbapi(source)
    zone = hall_queries.zone(conn, hall_id)
    local = at.astimezone(zone)
    day = local.date()
    day_start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
    day_end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    now = float(local.hour * 3600 + local.minute * 60 + local.second) + local.microsecond / 1e6

    windows = _windows(conn, hall_id, unit_id)
    schedule = pick_season(hall_queries.seasons(conn, hall_id), day)
    info = hall_queries.calendar(conn, hall_id).day_info(day)

    closed_note = ""
    if not info.is_workday:
        closed_note = info.name or "休息日"
    elif schedule is None:
        closed_note = "未设置作息时间"
    ctx: _Context | None = None
    if not closed_note:
        assert schedule is not None
        a0, a1 = _seconds(schedule.am_start), _seconds(schedule.am_end)
        p0, p1 = _seconds(schedule.pm_start), _seconds(schedule.pm_end)
        split = (a1 + p0) / 2
        rules = hall_queries.rules(conn, hall_id)
        grace = schedule.grace_minutes if schedule.grace_minutes > 0 else rules.late_grace_minutes
        if now < a0:
            closed_note = "未到上班时间"
        elif a1 <= now < p0:
            closed_note = "午休"
        elif now >= p1:
            closed_note = "已下班"
        elif now < a1:
            ctx = _Context(day, zone, now, a0, a1, float("-inf"), split, grace, rules)
        else:
            ctx = _Context(day, zone, now, p0, p1, split, float("inf"), grace, rules)

    cards: list[WindowCard] = []
    if ctx is None:
        assignments = _assignments(conn, hall_id, day)
        for window in windows:
            primary, backup = assignments.get(window.id, (None, None))
            cards.append(_card(window, primary, backup, WindowState.UNSCHEDULED, None, closed_note))
    else:
        cards = _open_cards(conn, hall_id, at, day_start, day_end, windows, ctx)

    counts = dict.fromkeys(WindowState, 0)
    for card in cards:
        counts[card.state] += 1
    shown = tuple(card for card in cards if states is None or card.state in states)
    return Board(
        hall_id=hall_id,
        at=at,
        cards=shown,
        counts=counts,
        day=day,
        note=closed_note,
        is_workday=info.is_workday,
        schedule=schedule,
    )


class _WindowRow(NamedTuple):
    id: uuid.UUID
    number: str
    zone: str
    unit_id: uuid.UUID | None
    unit_name: str


def _seconds(clock: time) -> int:
    return clock.hour * 3600 + clock.minute * 60 + clock.second


def _windows(
    conn: sqlite3.Connection, hall_id: uuid.UUID, unit_id: uuid.UUID | None
) -> list[_WindowRow]:
    return [_WindowRow(*row) for row in queries.windows(conn, hall_id, unit_id)]


def _assignments(
    conn: sqlite3.Connection, hall_id: uuid.UUID, day: date
) -> dict[uuid.UUID, tuple[_Assignee | None, _Assignee | None]]:
    """Return each window's primary and backup valid on day (the latest start wins)."""
    found: dict[uuid.UUID, list[_Assignee | None]] = defaultdict(lambda: [None, None])
    for window_id, role, staff_id, name, staff_no in queries.assignments(conn, hall_id, day):
        slot = 0 if role == AssignmentRole.PRIMARY else 1
        found[window_id][slot] = _Assignee(staff_id, name, staff_no)
    return {window_id: (pair[0], pair[1]) for window_id, pair in found.items()}


def _card(
    window: _WindowRow,
    primary: _Assignee | None,
    backup: _Assignee | None,
    state: WindowState,
    since: datetime | None,
    detail: str,
    *,
    stand_in: _Assignee | None = None,
    primary_state: WindowState | None = None,
) -> WindowCard:
    return WindowCard(
        window_id=window.id,
        number=window.number,
        zone=window.zone,
        unit_id=window.unit_id,
        unit_name=window.unit_name,
        staff_id=primary.id if primary else None,
        staff_name=primary.name if primary else "",
        staff_no=primary.staff_no if primary else "",
        backup_name=backup.name if backup else "",
        state=state,
        since=since,
        detail=detail,
        backup_id=backup.id if backup else None,
        stand_in_id=stand_in.id if stand_in else None,
        stand_in_name=stand_in.name if stand_in else "",
        primary_state=primary_state,
    )


def _open_cards(
    conn: sqlite3.Connection,
    hall_id: uuid.UUID,
    at: datetime,
    day_start: datetime,
    day_end: datetime,
    windows: list[_WindowRow],
    ctx: _Context,
) -> list[WindowCard]:
    """Return the cards during opening hours."""
    zone, day = ctx.zone, ctx.day
    midnight = datetime.combine(day, time(0), tzinfo=zone)
    assignments = _assignments(conn, hall_id, day)
    pauses = _last_window_events(conn, hall_id, at)

    offsets = ctx.rules.device_offsets
    slack = timedelta(seconds=max((abs(v) for v in offsets.values()), default=0))
    marks: dict[uuid.UUID | None, list[_Mark]] = defaultdict(list)
    for staff_id, kind_text, occurred, device_sn, window_id in queries.day_marks(
        conn, hall_id, day_start - slack, at + slack
    ):
        kind = _KINDS[kind_text]
        if kind is AttendanceKind.PUNCH and offsets and device_sn in offsets:
            occurred += timedelta(seconds=offsets[device_sn])
        if not day_start <= occurred <= at:
            continue
        sec = (occurred - midnight).total_seconds()
        marks[staff_id].append(_Mark(sec, kind, window_id))
    # Who checked in by hand at which window (a stand-in's sign), in order of time.
    hand_checkins: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for person_id, person_marks in marks.items():
        # In time order; ties as the stored ids order (no window first).
        person_marks.sort(key=lambda m: (m.sec, m.kind, m.window.int if m.window else -1))
        for mark in person_marks:
            if mark.kind is AttendanceKind.CHECK_IN and mark.window and person_id is not None:
                hand_checkins[mark.window].append(person_id)

    leaves: dict[uuid.UUID, list[_Leave]] = defaultdict(list)
    for staff_id, leave_kind, starts_at, ends_at in queries.leaves_between(
        conn, hall_id, day_start, day_end
    ):
        leaves[staff_id].append(
            _Leave(
                (starts_at - midnight).total_seconds(),
                (ends_at - midnight).total_seconds(),
                LeaveKind(leave_kind),
                ends_at,
                starts_at,
            )
        )

    def presence(person: _Assignee) -> _Presence:
        return _presence(ctx, marks.get(person.id, []), leaves.get(person.id, []))

    def moment(sec: float | None) -> datetime | None:
        return None if sec is None else midnight + timedelta(seconds=sec)

    # Primaries first, so a backup serving at their own window is not taken twice.
    primaries: dict[uuid.UUID, _Presence] = {}
    busy: set[uuid.UUID] = set()
    for window in windows:
        primary, _backup = assignments.get(window.id, (None, None))
        if primary is not None and window.id not in pauses:
            state = primaries[window.id] = presence(primary)
            if state.here:
                busy.add(primary.id)

    cards: list[WindowCard] = []
    for window in windows:
        primary, backup = assignments.get(window.id, (None, None))
        paused = pauses.get(window.id)
        if paused is not None:
            paused_at, note = paused
            detail = f"暂停服务：{note}" if note else "暂停服务"
            cards.append(_card(window, primary, backup, WindowState.PAUSED, paused_at, detail))
            continue
        own = primaries.get(window.id)
        if own is not None and own.here:
            cards.append(_card(window, primary, backup, own.state, moment(own.since), own.detail))
            continue
        # Someone checked in at this window by hand, or the backup who came in today.
        stand_in: _Assignee | None = None
        stand_in_since: float | None = None
        for person_id in hand_checkins.get(window.id, ()):
            if primary is not None and person_id == primary.id:
                continue
            since = _checked_in_at(marks[person_id], window.id, ctx)
            if since is not None:
                stand_in = _stand_in(conn, person_id, backup)
                stand_in_since = since
                break
        if (
            stand_in is None
            and backup is not None
            and backup.id not in busy
            and (own is None or own.state is not WindowState.OFF_POST)
        ):
            backup_state = presence(backup)
            if backup_state.here and backup_state.state is WindowState.ON_DUTY:
                stand_in, stand_in_since = backup, backup_state.since
        if stand_in is not None:
            busy.add(stand_in.id)
            reason = f"（{primary.name}{_reason(own)}）" if primary and own else ""
            cards.append(
                _card(
                    window,
                    primary,
                    backup,
                    WindowState.ON_DUTY,
                    moment(stand_in_since),
                    f"顶岗：{stand_in.name}{reason}",
                    stand_in=stand_in,
                    primary_state=own.state if own else None,
                )
            )
            continue
        if primary is None or own is None:
            cards.append(_card(window, None, backup, WindowState.UNSCHEDULED, None, "未安排人员"))
            continue
        cards.append(
            _card(
                window,
                primary,
                backup,
                own.state,
                moment(own.since),
                own.detail,
                primary_state=own.state,
            )
        )
    return cards


def _reason(presence: _Presence) -> str:
    """Return why the primary is not at the window, for a stand-in's card."""
    if presence.state is WindowState.ON_LEAVE:
        return presence.detail.split("至", 1)[0]
    if presence.state is WindowState.LATE:
        return "迟到"
    if presence.state is WindowState.OFF_POST:
        return "脱岗"
    return "未到岗" if "到岗" in presence.detail else "不在岗"


def _stand_in(
    conn: sqlite3.Connection, person_id: uuid.UUID, backup: _Assignee | None
) -> _Assignee:
    if backup is not None and backup.id == person_id:
        return backup
    found = queries.staff_member(conn, person_id)
    if found is None:  # an event of a person since removed: still someone at the window
        return _Assignee(person_id, "", "")
    return _Assignee(person_id, *found)


def _last_window_events(
    conn: sqlite3.Connection, hall_id: uuid.UUID, at: datetime
) -> dict[uuid.UUID, tuple[datetime, str]]:
    """Return the windows whose last pause/resume event up to `at` is a pause: (when, note)."""
    return {
        window_id: (occurred, note)
        for window_id, kind, occurred, note in queries.last_window_events(conn, hall_id, at)
        if kind == WindowEventKind.PAUSED
    }
