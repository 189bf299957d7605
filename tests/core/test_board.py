"""The hall board: each window's state at a moment, from a fixture hall built with the ORM."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hallwatch.demo.generator import generate_demo
from hallwatch.domain.enums import AssignmentRole, AttendanceKind, AttendanceSource, LeaveKind
from hallwatch.domain.errors import ConflictError, InputError, NotFoundError
from hallwatch.services.attendance.board import (
    STATE_WORDS,
    Board,
    WindowState,
    board_state,
)
from hallwatch.services.attendance.pauses import pause_window, resume_window
from hallwatch.services.attendance.sheets import record_mark
from hallwatch.services.hall.halls import create_hall
from hallwatch.storage.database import Database
from hallwatch.storage.models import (
    AttendanceEvent,
    Leave,
    OutboxMutation,
    Schedule,
    Staff,
    Unit,
    Window,
    WindowAssignment,
    WindowEvent,
)

ZONE = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 3, 10)  # a Tuesday
SATURDAY = date(2026, 3, 14)


def at(clock: str, day: date = DAY) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=ZONE)


@dataclass
class Hall:
    id: uuid.UUID
    units: dict[str, uuid.UUID] = field(default_factory=dict)
    staff: dict[str, uuid.UUID] = field(default_factory=dict)
    windows: dict[str, uuid.UUID] = field(default_factory=dict)


def _punch(session: Session, hall: Hall, who: str, clock: str, day: date = DAY) -> None:
    session.add(
        AttendanceEvent(
            hall_id=hall.id,
            staff_id=hall.staff[who],
            kind=AttendanceKind.PUNCH,
            occurred_at=at(clock, day),
            source=AttendanceSource.DEVICE,
            device_sn="CKJD201960047",
        )
    )


def _mark(session: Session, hall: Hall, who: str, clock: str, kind: AttendanceKind) -> None:
    record_mark(session, hall.id, hall.staff[who], kind, at(clock))


# Windows of the fixture and what each shows at 09:20 (primary, backup).
WINDOWS = {
    "A01": ("张伟", None),  # on duty
    "A02": ("王芳", None),  # came, then noted absent: empty
    "A03": ("李娜", None),  # not come: late
    "A04": ("赵磊", "周敏"),  # off post 20 minutes (the backup's punch does not cover it)
    "A05": ("钱进", None),  # on sick leave
    "A06": ("孙丽", None),  # paused
    "A07": (None, None),  # nobody assigned
    "A08": ("吴昊", "郑洁"),  # primary on vacation, the backup stands in
    "A09": ("冯涛", None),  # away 10 minutes: still on duty
}


@pytest.fixture
def hall(db: Database) -> Hall:
    with db.write("fixture") as session:
        info = create_hall(session, code="T1", name="测试政务服务中心")
        built = Hall(info.id)
        for code, name in (("SCJG", "市场监督管理局"), ("SWJ", "税务局")):
            unit = Unit(hall_id=built.id, code=code, name=name)
            session.add(unit)
            session.flush()
            built.units[code] = unit.id
        people = {p for pair in WINDOWS.values() for p in pair if p} | {"陈晨", "何平"}
        for n, name in enumerate(sorted(people), start=1):
            unit_code = "SWJ" if name == "何平" else "SCJG"
            staff = Staff(
                hall_id=built.id, unit_id=built.units[unit_code], staff_no=f"{n:03d}", name=name
            )
            session.add(staff)
            session.flush()
            built.staff[name] = staff.id
        windows = {**WINDOWS, "B01": ("何平", None)}
        for number, (primary, backup) in windows.items():
            unit_code = "SWJ" if number.startswith("B") else "SCJG"
            window = Window(
                hall_id=built.id, unit_id=built.units[unit_code], number=number, zone="A区"
            )
            session.add(window)
            session.flush()
            built.windows[number] = window.id
            for who, role in ((primary, AssignmentRole.PRIMARY), (backup, AssignmentRole.BACKUP)):
                if who:
                    session.add(
                        WindowAssignment(
                            hall_id=built.id,
                            window_id=window.id,
                            staff_id=built.staff[who],
                            role=role,
                            starts_on=date(2026, 1, 1),
                        )
                    )
        # A07 had someone until last week, and gets someone only next week.
        for starts_on, ends_on in ((date(2026, 1, 1), date(2026, 3, 6)), (date(2026, 3, 16), None)):
            session.add(
                WindowAssignment(
                    hall_id=built.id,
                    window_id=built.windows["A07"],
                    staff_id=built.staff["陈晨"],
                    role=AssignmentRole.PRIMARY,
                    starts_on=starts_on,
                    ends_on=ends_on,
                )
            )
        session.add(
            Schedule(
                hall_id=built.id,
                name="全年",
                season_start="01-01",
                season_end="12-31",
                am_start=time(9),
                am_end=time(12),
                pm_start=time(13),
                pm_end=time(17),
                late_grace_minutes=0,
            )
        )
        session.flush()
        for who, clock in (
            ("张伟", "08:55"),
            ("王芳", "08:50"),
            ("赵磊", "08:52"),
            ("周敏", "08:40"),
            ("孙丽", "08:57"),
            ("郑洁", "08:45"),
            ("冯涛", "08:58"),
            ("何平", "08:59"),
        ):
            _punch(session, built, who, clock)
        _mark(session, built, "王芳", "09:10", AttendanceKind.ABSENT_NOTED)
        _mark(session, built, "赵磊", "09:00", AttendanceKind.LEFT_POST)
        _mark(session, built, "冯涛", "09:10", AttendanceKind.LEFT_POST)
        for who, kind, start, end in (
            ("钱进", LeaveKind.SICK, at("09:00"), at("17:00")),
            (
                "吴昊",
                LeaveKind.VACATION,
                at("09:00") - timedelta(days=1),
                at("17:00", DAY + timedelta(days=2)),
            ),
        ):
            session.add(
                Leave(
                    hall_id=built.id,
                    staff_id=built.staff[who],
                    kind=kind,
                    starts_at=start,
                    ends_at=end,
                    approved_by="主任",
                )
            )
        pause_window(session, built.id, built.windows["A06"], at("09:05"), "系统故障")
    return built


def _board(
    db: Database,
    hall: Hall,
    moment: datetime,
    unit_id: uuid.UUID | None = None,
    states: set[WindowState] | None = None,
) -> Board:
    with db.read() as session:
        return board_state(session, hall.id, moment, unit_id, states)


def _by_number(board: Board) -> dict[str, tuple[WindowState, str]]:
    return {card.number: (card.state, card.detail) for card in board.cards}


def test_board_shows_each_of_the_seven_states(db: Database, hall: Hall) -> None:
    board = _board(db, hall, at("09:20"))
    cards = _by_number(board)
    assert cards["A01"] == (WindowState.ON_DUTY, "08:55 到岗")
    assert cards["A02"] == (WindowState.EMPTY, "已记旷工")
    assert cards["A03"] == (WindowState.LATE, "迟到 20 分钟")
    assert cards["A04"] == (WindowState.OFF_POST, "脱岗 20 分钟")
    assert cards["A05"] == (WindowState.ON_LEAVE, "病假至 17:00")
    assert cards["A06"] == (WindowState.PAUSED, "暂停服务：系统故障")
    assert cards["A07"] == (WindowState.UNSCHEDULED, "未安排人员")
    assert cards["A09"] == (WindowState.ON_DUTY, "离岗 10 分钟")
    assert board.counts == {
        WindowState.ON_DUTY: 4,  # A01, A08 (stand-in), A09, B01
        WindowState.EMPTY: 1,
        WindowState.LATE: 1,
        WindowState.OFF_POST: 1,
        WindowState.ON_LEAVE: 1,
        WindowState.PAUSED: 1,
        WindowState.UNSCHEDULED: 1,
    }
    assert set(STATE_WORDS) == set(WindowState)
    # Moments are hall-local; LATE counts from the start of the half.
    by_number = {card.number: card for card in board.cards}
    assert by_number["A03"].since == at("09:00")
    assert by_number["A04"].since == at("09:00")
    assert by_number["A06"].since is not None
    assert by_number["A06"].since.astimezone(ZONE) == at("09:05")
    assert by_number["A01"].staff_name == "张伟"
    assert by_number["A04"].backup_name == "周敏"
    assert by_number["A01"].unit_name == "市场监督管理局"


def test_board_backup_stands_in_for_absent_primary(db: Database, hall: Hall) -> None:
    card = next(c for c in _board(db, hall, at("09:20")).cards if c.number == "A08")
    assert card.state is WindowState.ON_DUTY
    assert card.detail == "顶岗：郑洁（吴昊休假）"
    assert card.staff_name == "吴昊"
    assert card.stand_in_id == hall.staff["郑洁"]
    assert card.stand_in_name == "郑洁"
    assert card.primary_state is WindowState.ON_LEAVE
    assert card.since == at("08:45")


def test_board_hand_check_in_at_window_stands_in(db: Database, hall: Hall) -> None:
    with db.write("mark") as session:
        record_mark(
            session,
            hall.id,
            hall.staff["陈晨"],
            AttendanceKind.CHECK_IN,
            at("09:15"),
            window_id=hall.windows["A03"],
        )
    card = next(c for c in _board(db, hall, at("09:20")).cards if c.number == "A03")
    assert (card.state, card.detail) == (WindowState.ON_DUTY, "顶岗：陈晨（李娜迟到）")
    assert card.primary_state is WindowState.LATE


def test_board_late_turns_empty_at_half_day_threshold(db: Database, hall: Hall) -> None:
    assert _by_number(_board(db, hall, at("09:29")))["A03"] == (
        WindowState.LATE,
        "迟到 29 分钟",
    )
    assert _by_number(_board(db, hall, at("09:30")))["A03"] == (
        WindowState.EMPTY,
        "未到岗 30 分钟",
    )
    # Arrival ends it.
    with db.write("punch") as session:
        _punch(session, hall, "李娜", "09:31")
    assert _by_number(_board(db, hall, at("09:40")))["A03"] == (
        WindowState.ON_DUTY,
        "09:31 到岗",
    )


def test_board_off_post_boundary_and_return(db: Database, hall: Hall) -> None:
    # 冯涛 left at 09:10: 15 minutes is still allowed, the 16th is off post.
    assert _by_number(_board(db, hall, at("09:25")))["A09"][0] is WindowState.ON_DUTY
    assert _by_number(_board(db, hall, at("09:26")))["A09"] == (
        WindowState.OFF_POST,
        "脱岗 16 分钟",
    )
    with db.write("mark") as session:
        _mark(session, hall, "冯涛", "09:27", AttendanceKind.RETURNED)
    assert _by_number(_board(db, hall, at("09:28")))["A09"][0] is WindowState.ON_DUTY


def test_board_pause_and_resume(db: Database, hall: Hall) -> None:
    window = hall.windows["A01"]
    with db.write("pause") as session:
        pause_window(session, hall.id, window, at("09:30"), "排队机故障")
    assert _by_number(_board(db, hall, at("09:31")))["A01"] == (
        WindowState.PAUSED,
        "暂停服务：排队机故障",
    )
    # Before the pause the window was on duty: the board answers for any moment.
    assert _by_number(_board(db, hall, at("09:29")))["A01"][0] is WindowState.ON_DUTY
    with db.write("pause") as session, pytest.raises(ConflictError, match="already paused"):
        pause_window(session, hall.id, window, at("09:35"))
    with db.write("resume") as session:
        event_id = resume_window(session, hall.id, window, at("09:40"))
    assert _by_number(_board(db, hall, at("09:41")))["A01"][0] is WindowState.ON_DUTY
    with db.write("resume") as session, pytest.raises(ConflictError, match="not paused"):
        resume_window(session, hall.id, window, at("09:45"))
    with db.read() as session:
        event = session.get(WindowEvent, event_id)
        assert event is not None
        assert event.recorded_by == "tester"
        assert event.occurred_at == at("09:40").astimezone(UTC)
        pushed = session.scalar(
            select(func.count()).where(OutboxMutation.kind == "window_events.create")
        )
    assert pushed == 3  # the fixture's pause, this pause and the resume


def test_board_pause_refuses_bad_input(db: Database, hall: Hall) -> None:
    window = hall.windows["A01"]
    with db.write("pause") as session:
        with pytest.raises(InputError, match="has no time zone"):
            pause_window(session, hall.id, window, datetime(2026, 3, 10, 9, 30))
        with pytest.raises(InputError, match="is in the future"):
            pause_window(session, hall.id, window, datetime.now(UTC) + timedelta(minutes=10))
        with pytest.raises(NotFoundError, match="no window"):
            pause_window(session, hall.id, uuid.UUID(int=7), at("09:30"))


def test_board_filters_keep_counts_of_the_whole_hall(db: Database, hall: Hall) -> None:
    board = _board(db, hall, at("09:20"), states={WindowState.LATE, WindowState.OFF_POST})
    assert sorted(card.number for card in board.cards) == ["A03", "A04"]
    assert sum(board.counts.values()) == 10
    tax = _board(db, hall, at("09:20"), unit_id=hall.units["SWJ"])
    assert [card.number for card in tax.cards] == ["B01"]
    assert tax.counts[WindowState.ON_DUTY] == 1
    assert sum(tax.counts.values()) == 1


@pytest.mark.parametrize(
    ("moment", "note"),
    [
        (at("08:30"), "未到上班时间"),
        (at("12:30"), "午休"),
        (at("17:00"), "已下班"),
        (at("10:00", SATURDAY), "休息日"),
    ],
)
def test_board_outside_opening_hours_unscheduled(
    db: Database, hall: Hall, moment: datetime, note: str
) -> None:
    board = _board(db, hall, moment)
    assert board.note == note
    assert {card.state for card in board.cards} == {WindowState.UNSCHEDULED}
    assert {card.detail for card in board.cards} == {note}
    # Names still show: who would be there.
    assert next(c for c in board.cards if c.number == "A01").staff_name == "张伟"


def test_board_afternoon_needs_an_afternoon_punch(db: Database, hall: Hall) -> None:
    with db.write("punch") as session:
        _punch(session, hall, "张伟", "12:02")
    assert _by_number(_board(db, hall, at("13:10")))["A01"] == (
        WindowState.LATE,
        "迟到 10 分钟",
    )
    with db.write("punch") as session:
        _punch(session, hall, "张伟", "13:11")
    assert _by_number(_board(db, hall, at("13:12")))["A01"][0] is WindowState.ON_DUTY


def test_board_punch_out_during_hours_empties_window(db: Database, hall: Hall) -> None:
    with db.write("punch") as session:
        _punch(session, hall, "张伟", "11:00")
    assert _by_number(_board(db, hall, at("11:10")))["A01"] == (
        WindowState.EMPTY,
        "11:00 已签退",
    )


def test_board_refuses_naive_moment(db: Database, hall: Hall) -> None:
    with db.read() as session, pytest.raises(InputError, match="no time zone"):
        board_state(session, hall.id, datetime(2026, 3, 10, 9, 20))


def test_board_on_tiny_demo_loads_todays_events_only(db: Database) -> None:
    summary = generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    with db.read() as session:
        windows = session.scalar(select(func.count()).select_from(Window))
        board = board_state(session, summary.hall_id, at("10:30"))
        staff = session.scalar(select(func.count()).select_from(Staff))
    assert sum(board.counts.values()) == windows == len(board.cards) == 8
    assert staff == 12
    assert board.day == DAY
    # Every card of a working morning names its primary and a state the day implies.
    for card in board.cards:
        assert card.staff_name
        assert card.state in {WindowState.ON_DUTY, WindowState.LATE, WindowState.EMPTY}
        assert card.since is not None
