"""Attendance services on a real database: sheets, marks, leave, corrections, the CLI."""

from __future__ import annotations

import io
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from data_folders import copy_data_folder
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hallwatch.cli.main import main
from hallwatch.demo.generator import DemoSummary, generate_demo
from hallwatch.domain.attendance import DayFlag, StaffDay
from hallwatch.domain.enums import AttendanceKind, AttendanceSource, LeaveKind
from hallwatch.domain.errors import InputError, NotFoundError
from hallwatch.domain.rules import HallRules
from hallwatch.services.attendance.sheets import (
    add_correction,
    add_leave,
    day_sheet,
    month_sheet,
    record_mark,
    schedule_for,
    unit_month,
)
from hallwatch.services.hall.halls import create_hall
from hallwatch.services.hall.rules import save_rules
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import (
    AttendanceEvent,
    AuditEntry,
    Leave,
    OutboxMutation,
    Schedule,
    Staff,
    Unit,
)

ZONE = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 3, 10)  # a Tuesday
DEMO_UNTIL = date(2026, 3, 31)


def at(clock: str, day: date = DAY) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=ZONE)


@dataclass
class Hall:
    id: uuid.UUID
    units: dict[str, uuid.UUID]
    staff: dict[str, uuid.UUID]


@pytest.fixture
def hall(db: Database) -> Hall:
    """A hall with two units, four people and winter and summer hours."""
    with db.write("fixture") as session:
        info = create_hall(session, code="T1", name="测试政务服务中心")
        units: dict[str, uuid.UUID] = {}
        for code, name in (("SCJG", "市场监督管理局"), ("SWJ", "税务局")):
            unit = Unit(hall_id=info.id, code=code, name=name)
            session.add(unit)
            session.flush()
            units[code] = unit.id
        staff: dict[str, uuid.UUID] = {}
        for no, name, unit_code in (
            ("001", "张伟", "SCJG"),
            ("002", "王芳", "SCJG"),
            ("003", "李娜", "SCJG"),
            ("101", "赵磊", "SWJ"),
        ):
            person = Staff(hall_id=info.id, unit_id=units[unit_code], staff_no=no, name=name)
            session.add(person)
            session.flush()
            staff[name] = person.id
        for name, start, end, pm_start, pm_end in (
            ("夏季", "05-01", "09-30", time(13, 30), time(17, 30)),
            ("冬季", "10-01", "04-30", time(13), time(17)),
        ):
            session.add(
                Schedule(
                    hall_id=info.id,
                    name=name,
                    season_start=start,
                    season_end=end,
                    am_start=time(9),
                    am_end=time(12),
                    pm_start=pm_start,
                    pm_end=pm_end,
                )
            )
    return Hall(info.id, units, staff)


def _punches(session: Session, hall: Hall, who: str, *clocks: str, sn: str = "") -> None:
    for clock in clocks:
        session.add(
            AttendanceEvent(
                hall_id=hall.id,
                staff_id=hall.staff[who],
                kind=AttendanceKind.PUNCH,
                occurred_at=at(clock),
                source=AttendanceSource.DEVICE,
                device_sn=sn,
            )
        )


def _sheet(db: Database, hall: Hall, day: date = DAY, **kwargs: object) -> dict[str, StaffDay]:
    with db.read() as session:
        rows = day_sheet(session, hall.id, day, **kwargs)  # type: ignore[arg-type]
    return {row.name: row for row in rows}


# --- schedules ---------------------------------------------------------------------------


def test_schedule_for_season_wrapping_over_new_year(db: Database, hall: Hall) -> None:
    with db.read() as session:
        winter = schedule_for(session, hall.id, date(2026, 1, 5))
        summer = schedule_for(session, hall.id, date(2026, 7, 1))
        december = schedule_for(session, hall.id, date(2026, 12, 31))
    assert winter is not None
    assert winter.name == "冬季"
    assert winter.pm_end == time(17)
    assert summer is not None
    assert summer.pm_end == time(17, 30)
    assert december == winter


# --- the day sheet --------------------------------------------------------------------------


def test_day_sheet_judges_each_person(db: Database, hall: Hall) -> None:
    with db.write("fixture") as session:
        _punches(session, hall, "张伟", "08:55", "12:01", "12:50", "17:05")
        _punches(session, hall, "王芳", "09:12", "12:01", "12:50")  # late, no pm_out
        add_leave(
            session,
            hall.id,
            hall.staff["李娜"],
            LeaveKind.SICK,
            at("09:00"),
            at("17:00"),
            "发烧",
            "主任",
        )
        # 赵磊: nothing at all
    sheet = _sheet(db, hall)
    assert list(sheet) == ["张伟", "王芳", "李娜", "赵磊"]  # by staff number
    assert sheet["张伟"].status is None
    assert [p.strftime("%H:%M:%S") for p in sheet["张伟"].punches] == [
        "08:55:00",
        "12:01:00",
        "12:50:00",
        "17:05:00",
    ]
    assert sheet["张伟"].punches[0].tzinfo is not None
    wang = sheet["王芳"]
    assert wang.late_minutes == 12
    assert wang.missing == ("pm_out",)
    assert wang.flags == {DayFlag.LATE, DayFlag.MISSING_PUNCH, DayFlag.HALF_DAY_ABSENT}
    assert sheet["李娜"].status is DayFlag.ON_LEAVE
    assert sheet["李娜"].leave_kind is LeaveKind.SICK
    assert sheet["赵磊"].status is DayFlag.ABSENT
    assert sheet["赵磊"].absent_half_days == 2
    assert sheet["赵磊"].unit_name == "税务局"
    only_tax = _sheet(db, hall, unit_id=hall.units["SWJ"])
    assert list(only_tax) == ["赵磊"]


def test_day_sheet_applies_device_offset_from_rules(db: Database, hall: Hall) -> None:
    with db.write("fixture") as session:
        _punches(session, hall, "张伟", "09:01:30", "12:03", "12:52", "17:07", sn="SN-FAST")
    assert _sheet(db, hall)["张伟"].late_minutes == 1
    with db.write("rules") as session:
        save_rules(session, hall.id, HallRules(device_offsets={"SN-FAST": -120}))
    zhang = _sheet(db, hall)["张伟"]
    assert zhang.late_minutes == 0
    assert zhang.punches[0].strftime("%H:%M:%S") == "08:59:30"


def test_day_sheet_today_is_judged_up_to_now(db: Database, hall: Hall) -> None:
    with db.write("fixture") as session:
        _punches(session, hall, "张伟", "08:55")
    sheet = _sheet(db, hall, now=at("10:00"))
    assert sheet["张伟"].status is None
    assert not sheet["张伟"].complete
    assert sheet["赵磊"].status is None  # not come yet, but the morning is not over
    assert _sheet(db, hall, now=at("12:40"))["赵磊"].absent_half_days == 1


def test_day_sheet_weekend_not_scheduled(db: Database, hall: Hall) -> None:
    sheet = _sheet(db, hall, date(2026, 3, 14))
    assert {row.status for row in sheet.values()} == {DayFlag.NOT_SCHEDULED}


# --- marks, leave, corrections --------------------------------------------------------------


def test_record_mark_is_audited_and_queued(db: Database, hall: Hall) -> None:
    with db.write("mark") as session:
        event_id = record_mark(
            session, hall.id, hall.staff["张伟"], AttendanceKind.LEFT_POST, at("10:00"), " 吸烟 "
        )
    with db.read() as session:
        event = session.get(AttendanceEvent, event_id)
        assert event is not None
        assert event.source is AttendanceSource.MANUAL
        assert event.occurred_at == at("10:00").astimezone(UTC)
        assert event.note == "吸烟"
        queued = session.scalar(
            select(func.count()).where(OutboxMutation.kind == "attendance_events.create")
        )
        audited = session.scalar(
            select(func.count()).where(
                AuditEntry.entity == "attendance_events", AuditEntry.entity_id == str(event_id)
            )
        )
    assert (queued, audited) == (1, 1)


def test_record_mark_refuses_bad_input(db: Database, hall: Hall) -> None:
    zhang = hall.staff["张伟"]
    with db.write("mark") as session:
        with pytest.raises(InputError, match=r"^time .* has no time zone"):
            record_mark(
                session, hall.id, zhang, AttendanceKind.CHECK_IN, datetime(2026, 3, 10, 9, 0)
            )
        soon = datetime.now(UTC) + timedelta(minutes=6)
        with pytest.raises(InputError, match=r"^time .* is in the future"):
            record_mark(session, hall.id, zhang, AttendanceKind.CHECK_IN, soon)
        with pytest.raises(InputError, match="cannot be marked by hand"):
            record_mark(session, hall.id, zhang, AttendanceKind.PUNCH, at("09:00"))
        with pytest.raises(InputError, match="cannot be marked by hand"):
            record_mark(session, hall.id, zhang, AttendanceKind.CORRECTION, at("09:00"))
        with pytest.raises(NotFoundError, match="no staff member"):
            record_mark(session, hall.id, uuid.UUID(int=5), AttendanceKind.CHECK_IN, at("09:00"))
        with pytest.raises(NotFoundError, match="no window"):
            record_mark(
                session,
                hall.id,
                zhang,
                AttendanceKind.CHECK_IN,
                at("09:00"),
                window_id=uuid.UUID(int=5),
            )
        # A few minutes ahead of this clock is another device's clock, not the future.
        record_mark(
            session,
            hall.id,
            zhang,
            AttendanceKind.CHECK_IN,
            datetime.now(UTC) + timedelta(minutes=4),
        )
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(AttendanceEvent)) == 1


def test_record_mark_absent_refused_during_leave(db: Database, hall: Hall) -> None:
    li = hall.staff["李娜"]
    with db.write("leave") as session:
        add_leave(session, hall.id, li, LeaveKind.SICK, at("09:00"), at("17:00"), "", "主任")
    with db.write("mark") as session, pytest.raises(InputError) as refused:
        record_mark(session, hall.id, li, AttendanceKind.ABSENT_NOTED, at("10:00"))
    assert refused.value.message == "time: 李娜 is on 病假 until 03-10 17:00"


def test_add_leave_refuses_bad_input(db: Database, hall: Hall) -> None:
    zhang = hall.staff["张伟"]
    with db.write("leave") as session:
        with pytest.raises(InputError) as refused:
            add_leave(
                session, hall.id, zhang, LeaveKind.PERSONAL, at("12:00"), at("09:00"), "", "主任"
            )
        assert refused.value.message == (
            "ends_at 2026-03-10 09:00+08:00 is not after starts_at 2026-03-10 12:00+08:00"
        )
        with pytest.raises(InputError, match=r"^approved_by is empty;"):
            add_leave(
                session, hall.id, zhang, LeaveKind.PERSONAL, at("09:00"), at("12:00"), "", " "
            )
        with pytest.raises(InputError, match=r"^starts_at .* has no time zone"):
            add_leave(
                session,
                hall.id,
                zhang,
                LeaveKind.PERSONAL,
                datetime(2026, 3, 10, 9),
                at("12:00"),
                "",
                "主任",
            )
        with pytest.raises(InputError, match="not a leave kind"):
            add_leave(session, hall.id, zhang, "holiday", at("09:00"), at("12:00"), "", "主任")  # type: ignore[arg-type]
        first = add_leave(
            session, hall.id, zhang, LeaveKind.PERSONAL, at("09:00"), at("12:00"), "办证", "主任"
        )
        with pytest.raises(InputError) as overlap:
            add_leave(session, hall.id, zhang, LeaveKind.SICK, at("11:00"), at("17:00"), "", "主任")
        assert overlap.value.message == (
            "starts_at–ends_at overlaps 张伟's 事假 of 2026-03-10 09:00–2026-03-10 12:00"
        )
        # Touching is not overlapping; another person is not affected; the future is fine.
        add_leave(session, hall.id, zhang, LeaveKind.SICK, at("12:00"), at("17:00"), "", "主任")
        add_leave(
            session,
            hall.id,
            hall.staff["王芳"],
            LeaveKind.SICK,
            at("11:00"),
            at("17:00"),
            "",
            "主任",
        )
        later = at("09:00", date.today() + timedelta(days=30))
        add_leave(
            session,
            hall.id,
            zhang,
            LeaveKind.VACATION,
            later,
            later + timedelta(days=3),
            "",
            "主任",
        )
    with db.read() as session:
        leave = session.get(Leave, first)
        assert leave is not None
        assert (leave.reason, leave.approved_by) == ("办证", "主任")
        assert session.scalar(select(func.count()).select_from(Leave)) == 4


def test_add_correction_fills_missing_punch(db: Database, hall: Hall) -> None:
    with db.write("fixture") as session:
        _punches(session, hall, "张伟", "08:55", "12:01", "12:50")
    assert _sheet(db, hall)["张伟"].missing == ("pm_out",)
    with db.write("correction") as session:
        with pytest.raises(InputError, match=r"^reason is empty;"):
            add_correction(session, hall.id, hall.staff["张伟"], at("17:02"), "  ", "主任")
        with pytest.raises(InputError, match=r"^approved_by is empty;"):
            add_correction(session, hall.id, hall.staff["张伟"], at("17:02"), "忘记打卡", "")
        event_id = add_correction(
            session, hall.id, hall.staff["张伟"], at("17:02"), "忘记打卡", "王主任"
        )
    zhang = _sheet(db, hall)["张伟"]
    assert zhang.missing == ()
    assert zhang.status is DayFlag.CORRECTED
    assert [c.strftime("%H:%M") for c in zhang.corrections] == ["17:02"]
    with db.read() as session:
        event = session.get(AttendanceEvent, event_id)
        assert event is not None
        assert event.kind is AttendanceKind.CORRECTION
        assert (event.note, event.approved_by) == ("忘记打卡", "王主任")


def test_marks_show_on_the_day_sheet(db: Database, hall: Hall) -> None:
    with db.write("fixture") as session:
        _punches(session, hall, "张伟", "08:55", "12:01", "12:50", "17:05")
        zhang = hall.staff["张伟"]
        record_mark(session, hall.id, zhang, AttendanceKind.LEFT_POST, at("14:00"))
        record_mark(session, hall.id, zhang, AttendanceKind.RETURNED, at("14:16"))
    assert _sheet(db, hall)["张伟"].off_post_minutes == 1
    assert _sheet(db, hall)["张伟"].status is DayFlag.OFF_POST


# --- the month ------------------------------------------------------------------------------


def test_month_sheet_and_unit_month_count_days(db: Database, hall: Hall) -> None:
    with db.write("fixture") as session:
        for day in (2, 3, 4):
            for clock in ("09:10", "12:01", "12:50", "17:05"):
                session.add(
                    AttendanceEvent(
                        hall_id=hall.id,
                        staff_id=hall.staff["张伟"],
                        kind=AttendanceKind.PUNCH,
                        occurred_at=at(clock, date(2026, 3, day)),
                        source=AttendanceSource.DEVICE,
                    )
                )
        add_leave(
            session,
            hall.id,
            hall.staff["王芳"],
            LeaveKind.VACATION,
            at("09:00", date(2026, 3, 2)),
            at("12:00", date(2026, 3, 4)),
            "",
            "主任",
        )
    now = datetime(2026, 4, 1, tzinfo=UTC)
    with db.read() as session:
        months = {m.name: m for m in month_sheet(session, hall.id, 2026, 3, now=now)}
        units = {u.unit_name: u for u in unit_month(session, hall.id, 2026, 3, now=now)}
    zhang = months["张伟"]
    assert len(zhang.days) == 31
    assert zhang.late_count == 3
    assert zhang.late_minutes == 30
    assert zhang.workdays == 22
    # The other working days of March have no punch at all: absent.
    assert zhang.absent_half_days == (22 - 3) * 2
    assert months["王芳"].leave_days == 2.5
    assert units["市场监督管理局"].staff == 3
    assert units["市场监督管理局"].late_count == 3
    assert units["税务局"].absent_half_days == 44
    with db.read() as session, pytest.raises(InputError, match="month 13"):
        month_sheet(session, hall.id, 2026, 13)


def test_month_sheet_stops_at_today(db: Database, hall: Hall) -> None:
    with db.read() as session:
        months = month_sheet(session, hall.id, 2026, 3, now=at("10:00", date(2026, 3, 10)))
    assert [day.day.day for day in months[0].days] == list(range(1, 11))
    assert not months[0].days[-1].complete


# --- the tiny demo and the CLI ----------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[DataFolder, DemoSummary]:
    folder = DataFolder(tmp_path_factory.mktemp("tiny-attendance"))
    with Database.open(folder) as db:
        summary = generate_demo(db, scale="tiny", seed=1, until=DEMO_UNTIL)
    return folder, summary


def test_day_sheet_on_tiny_demo_matches_its_events(demo: tuple[DataFolder, DemoSummary]) -> None:
    folder, summary = demo
    with Database.open(folder, create=False) as db, db.read() as session:
        rows = day_sheet(session, summary.hall_id, DAY)
        staff = session.scalar(select(func.count()).select_from(Staff))
        start, end = at("00:00"), at("00:00", DAY + timedelta(days=1))
        events = session.execute(
            select(AttendanceEvent.staff_id, AttendanceEvent.occurred_at).where(
                AttendanceEvent.occurred_at >= start, AttendanceEvent.occurred_at < end
            )
        ).all()
        leaves = session.execute(
            select(Leave.staff_id).where(Leave.starts_at < end, Leave.ends_at > start)
        ).all()
    assert len(rows) == staff == 12
    assert [row.staff_no for row in rows] == sorted(row.staff_no for row in rows)
    # Every stored punch is on the sheet, once (a press repeated within a minute merged).
    assert sum(len(row.punches) for row in rows) <= len(events)
    assert {row.staff_id for row in rows if row.punches} == {e.staff_id for e in events}
    on_leave = {row.staff_id for row in rows if DayFlag.ON_LEAVE in row.flags}
    assert on_leave == {leave.staff_id for leave in leaves}
    assert all(row.complete for row in rows)


def test_cli_report_attendance_text(
    demo: tuple[DataFolder, DemoSummary], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _summary = demo
    out = io.StringIO()
    code = main(["--data-dir", str(folder.root), "report", "attendance", "2026-03-10"], out=out)
    assert code == 0, capsys.readouterr().err
    lines = out.getvalue().splitlines()
    assert lines[0].endswith("考勤日报 2026-03-10 星期二 工作日")
    assert lines[1].split()[:4] == ["工号", "姓名", "单位", "打卡"]
    assert len(lines) == 2 + 12 + 1
    assert lines[-1].startswith("共 12 人")
    assert any("迟到" in line for line in lines[2:-1])
    # Columns line up: the punch column starts at the same display column on every row.
    from hallwatch.cli.reports import _width

    starts = {_width(line[: line.index(":") - 2]) for line in lines[2:-1] if ":" in line}
    assert len(starts) == 1


def test_cli_report_attendance_json_is_stable(demo: tuple[DataFolder, DemoSummary]) -> None:
    folder, _summary = demo
    out = io.StringIO()
    args = ["--data-dir", str(folder.root), "report", "attendance", "2026-03-10", "--json"]
    assert main(args, out=out) == 0
    rows = json.loads(out.getvalue())
    assert len(rows) == 12
    required = {
        "staff_no",
        "name",
        "unit",
        "punches",
        "late_minutes",
        "early_minutes",
        "absent_half_days",
        "missing",
        "off_post_minutes",
        "leave",
        "status",
    }
    for row in rows:
        assert required <= set(row)
        assert all(len(p) == 8 and p[2] == ":" and p[5] == ":" for p in row["punches"])
        assert row["status"] in {flag.value for flag in DayFlag} | {"normal"}
    late = [row for row in rows if row["status"] == "late"]
    assert late
    assert all(row["late_minutes"] > 0 for row in late)
    out = io.StringIO()
    unit_args = [*args, "--unit", "RSJ"]
    assert main(unit_args, out=out) == 0
    assert {row["unit"] for row in json.loads(out.getvalue())} == {"云州市人力资源和社会保障局"}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["2026-02-30"], 2, "DAY '2026-02-30' is not a date; write it as YYYY-MM-DD"),
        (["10.3.2026"], 2, "DAY '10.3.2026' is not a date"),
        (["2026-03-10", "--unit", "NOPE"], 1, "no unit with code NOPE in hall DEMO"),
        (["2026-03-10", "--hall", "NOPE"], 1, "no hall with code NOPE"),
    ],
)
def test_cli_report_attendance_bad_input_one_line(
    demo: tuple[DataFolder, DemoSummary],
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    code: int,
    message: str,
) -> None:
    folder, _summary = demo
    out = io.StringIO()
    assert main(["--data-dir", str(folder.root), "report", "attendance", *args], out=out) == code
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert out.getvalue() == ""


def test_cli_report_attendance_without_database(tmp_path: Path) -> None:
    out = io.StringIO()
    code = main(
        ["--data-dir", str(tmp_path / "none"), "report", "attendance", "2026-03-10"], out=out
    )
    assert code == 1
    assert not (tmp_path / "none").exists()


# --- a device clock offset counts once (issue 11 item 7) ------------------------------

APRIL_1 = date(2026, 4, 1)  # a Wednesday after the demo's days


@pytest.fixture
def fresh_demo(
    demo: tuple[DataFolder, DemoSummary], tmp_path: Path
) -> tuple[DataFolder, DemoSummary]:
    """A copy of the tiny demo for a test that writes."""
    source, summary = demo
    return copy_data_folder(source, tmp_path / "copy"), summary


def _set_offset(folder: DataFolder, hall_id: uuid.UUID, seconds: int) -> None:
    from dataclasses import replace

    from hallwatch.services.hall.rules import load_rules

    with Database.open(folder, create=False) as db, db.write() as session:
        rules = load_rules(session, hall_id)
        save_rules(session, hall_id, replace(rules, device_offsets={"SN-FAST": seconds}))


@pytest.mark.parametrize("rule_first", [True, False], ids=["rule-then-import", "import-then-rule"])
def test_device_offset_counts_once_in_report_and_board(
    fresh_demo: tuple[DataFolder, DemoSummary],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    rule_first: bool,
) -> None:
    from hallwatch.services.attendance.board import WindowState, board_state

    folder, summary = fresh_demo
    with Database.open(folder, create=False) as db, db.read() as session:
        schedule = schedule_for(session, summary.hall_id, APRIL_1)
        assert schedule is not None
        card = next(
            c
            for c in board_state(session, summary.hall_id, at("10:30", APRIL_1)).cards
            if c.staff_id is not None
        )
        person = session.get(Staff, card.staff_id)
        assert person is not None
        pin, staff_no = person.pin or person.staff_no, person.staff_no

    def real(clock: time, minutes: int) -> datetime:
        return datetime.combine(APRIL_1, clock) + timedelta(minutes=minutes)

    # What really happened: in a minute early, out two minutes late, each half.
    happened = [
        real(schedule.am_start, -1),
        real(schedule.am_end, 2),
        real(schedule.pm_start, -1),
        real(schedule.pm_end, 2),
    ]
    # The device's clock runs three minutes fast.
    path = tmp_path / "1_attlog.dat"
    path.write_text(
        "".join(
            f"{pin:>9}\t{moment + timedelta(minutes=3):%Y-%m-%d %H:%M:%S}\tSN-FAST\t0\t1\t0\r\n"
            for moment in happened
        ),
        encoding="ascii",
    )
    root = str(folder.root)
    if rule_first:
        _set_offset(folder, summary.hall_id, -180)
    assert main(["--data-dir", root, "import", "attlog", str(path)], out=io.StringIO()) == 0
    if not rule_first:
        _set_offset(folder, summary.hall_id, -180)
    assert "internal error" not in capsys.readouterr().err

    out = io.StringIO()
    assert main(["--data-dir", root, "report", "attendance", "2026-04-01", "--json"], out=out) == 0
    row = next(r for r in json.loads(out.getvalue()) if r["staff_no"] == staff_no)
    # Once: the real times, no lateness and no false 早退 (twice read 6 minutes early).
    assert row["punches"] == [f"{moment:%H:%M:%S}" for moment in happened]
    assert (row["late_minutes"], row["early_minutes"], row["status"]) == (0, 0, "normal")

    with Database.open(folder, create=False) as db, db.read() as session:
        morning = board_state(session, summary.hall_id, at("10:30", APRIL_1))
        # Half a minute before closing: still there (read twice, the 17:xx+2 out punch
        # would have come 4 minutes earlier and emptied the window).
        closing = board_state(
            session,
            summary.hall_id,
            datetime.combine(APRIL_1, schedule.pm_end, tzinfo=ZONE) - timedelta(seconds=30),
        )
    mine = next(c for c in morning.cards if c.window_id == card.window_id)
    assert mine.state is WindowState.ON_DUTY
    assert mine.detail == f"{happened[0]:%H:%M} 到岗"
    assert mine.since == happened[0].replace(tzinfo=ZONE)
    late = next(c for c in closing.cards if c.window_id == card.window_id)
    assert (late.state, late.detail) == (WindowState.ON_DUTY, f"{happened[2]:%H:%M} 到岗")
