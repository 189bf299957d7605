"""Spot-check sessions on the tiny demo hall: walk, findings, deadlines, close, bad input."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from hallwatch.cli.main import main
from hallwatch.demo.generator import generate_demo
from hallwatch.domain.enums import AttendanceKind, FindingStatus, SpotCheckKind
from hallwatch.domain.errors import ConflictError, FieldError, NotFoundError
from hallwatch.services.attendance.board import board_state
from hallwatch.services.attendance.sheets import record_mark
from hallwatch.services.checks.checklist import load_checklist, save_checklist
from hallwatch.services.checks.spot_checks import (
    KEEP,
    add_finding,
    close_spot_check,
    current_spot_check,
    get_spot_check,
    list_spot_checks,
    propose_staff,
    remove_finding,
    start_spot_check,
    update_finding,
    window_walk,
)
from hallwatch.services.hall.calendar import hall_calendar
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import Finding, SpotCheck, Staff, Window

ZONE = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 3, 10)  # a Tuesday with punches in the demo


def at(clock: str, day: date = DAY) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=ZONE)


@dataclass
class Demo:
    hall_id: uuid.UUID
    windows: dict[str, uuid.UUID]
    staff: dict[str, uuid.UUID]


@pytest.fixture
def demo(db: Database) -> Demo:
    hall_id = generate_demo(db, scale="tiny", until=date(2026, 3, 31)).hall_id
    with db.read() as session:
        windows = {n: i for n, i in session.execute(select(Window.number, Window.id))}
        staff = {n: i for n, i in session.execute(select(Staff.staff_no, Staff.id))}
    return Demo(hall_id, windows, staff)


def _count(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Finding)) or 0)


def _start(db: Database, demo: Demo, now: datetime, inspector: str = "李检查") -> uuid.UUID:
    with db.write("spot_check.start") as session:
        return start_spot_check(
            session,
            demo.hall_id,
            SpotCheckKind.COVERT,
            team="第一督查组",
            inspector=inspector,
            title="",
            now=now,
        )


def test_spot_check_whole_session(db: Database, demo: Demo) -> None:
    # B01's and B02's primaries are noted absent; their shared backup can cover one.
    with db.write("attendance.mark") as session:
        for staff_no in ("02002", "02003"):
            record_mark(
                session,
                demo.hall_id,
                demo.staff[staff_no],
                AttendanceKind.ABSENT_NOTED,
                at("10:00"),
            )
    check_id = _start(db, demo, at("10:10"))
    moment = at("10:20")
    with db.read() as session:
        walk = window_walk(session, demo.hall_id, check_id, moment)
        cards = {card.window_id: card for card in board_state(session, demo.hall_id, moment).cards}
    assert [(w.zone, w.number) for w in walk] == sorted((w.zone, w.number) for w in walk)
    by_no = {w.number: w for w in walk}
    a01, b01, b02 = by_no["A01"], by_no["B01"], by_no["B02"]
    # Proposed staff match the board at that moment.
    assert a01.staff_id == cards[a01.window_id].staff_id == demo.staff["01002"]
    assert a01.staff_name == cards[a01.window_id].staff_name
    assert b01.stand_in
    assert b01.staff_name == cards[b01.window_id].stand_in_name
    assert b01.staff_id == cards[b01.window_id].stand_in_id == demo.staff["02001"]
    assert b01.primary_id == demo.staff["02002"]
    assert b02.staff_id is None  # the backup already covers B01
    assert b02.primary_id == demo.staff["02003"]
    assert all(w.findings == 0 for w in walk)

    with db.write("finding.add") as session:
        phone = add_finding(
            session,
            demo.hall_id,
            window_id=a01.window_id,
            category="behaviour.phone",
            description="低头玩手机约5分钟",
            observed_at=at("10:21"),
            spot_check_id=check_id,
            now=at("10:22"),
        )
        untidy = add_finding(
            session,
            demo.hall_id,
            window_no="B02",
            category="order.desk_untidy",
            observed_at=at("10:25"),
            spot_check_id=check_id,
            now=at("10:26"),
        )
        # A presence item at an empty window is about the primary who should be there.
        checklist = load_checklist(session, demo.hall_id)
        assert (
            propose_staff(
                session, demo.hall_id, b02.window_id, at("10:25"), checklist.item("presence.empty")
            )
            == demo.staff["02003"]
        )
    assert phone.staff_id == demo.staff["01002"]
    assert phone.window_no == "A01"
    assert phone.severity == 2
    assert phone.category_label == "工作时间玩手机"
    assert phone.rectify_days == 5  # the hall's rule, the item needs rectification
    # Five working days after the day observed, by the hall's table (the demo closes one day).
    with db.read() as session:
        due = hall_calendar(session, demo.hall_id).add_working_days(DAY, 5).day
    assert phone.rectify_due == due >= date(2026, 3, 17)
    assert untidy.staff_id is None
    assert untidy.severity == 1
    assert untidy.rectify_days is None
    assert untidy.rectify_due is None

    with db.read() as session:
        walk = window_walk(session, demo.hall_id, check_id, at("10:30"))
        assert current_spot_check(session, demo.hall_id, "李检查") is not None
    assert {w.number: w.findings for w in walk if w.findings} == {"A01": 1, "B02": 1}

    with db.write("spot_check.close") as session:
        summary = close_spot_check(session, check_id, "", now=at("10:40"))
    assert summary.check.ended_at == at("10:40")
    assert summary.check.findings == 2
    assert [f.id for f in summary.findings] == [phone.id, untidy.id]
    assert summary.by_category == (
        ("behaviour.phone", "工作时间玩手机", 1),
        ("order.desk_untidy", "台面不整洁、私人物品随意摆放", 1),
    )
    assert summary.by_window == (("A01", 1), ("B02", 1))
    assert summary.by_severity == {1: 1, 2: 1, 3: 0}
    assert "发现问题2个" in summary.check.summary
    assert summary.check.title == "3月10日暗访"

    with db.write() as session, pytest.raises(ConflictError, match="already closed"):
        close_spot_check(session, check_id, "again", now=at("10:50"))
    with db.write() as session, pytest.raises(ConflictError, match="closed"):
        add_finding(
            session,
            demo.hall_id,
            window_no="A02",
            category="behaviour.snacks",
            spot_check_id=check_id,
            observed_at=at("10:35"),
            now=at("10:55"),
        )
    with db.read() as session:
        detail = get_spot_check(session, demo.hall_id, check_id)
        listed = list_spot_checks(session, demo.hall_id)
        assert current_spot_check(session, demo.hall_id, "李检查") is None
    assert detail == summary
    # The latest first; the demo's own sessions are there too.
    assert [row.started_at for row in listed] == sorted(
        (row.started_at for row in listed), reverse=True
    )
    mine = next(row for row in listed if row.id == check_id)
    assert mine.findings == 2
    assert not mine.is_open


def test_spot_check_rectify_due_across_national_day(db: Database, demo: Demo) -> None:
    day = date(2026, 9, 30)
    check_id = _start(db, demo, at("09:30", day))
    with db.write() as session:
        empty = add_finding(
            session,
            demo.hall_id,
            window_no="A01",
            category="presence.empty",
            observed_at=at("10:05", day),
            spot_check_id=check_id,
            now=at("10:06", day),
        )
        none = add_finding(
            session,
            demo.hall_id,
            window_no="A02",
            category="presence.empty",
            rectify_days=0,
            observed_at=at("10:07", day),
            spot_check_id=check_id,
            now=at("10:08", day),
        )
    # Sat 10 Oct 2026 is a make-up working day.
    assert empty.rectify_days == 5
    assert empty.rectify_due == date(2026, 10, 13)
    assert empty.status is FindingStatus.OPEN
    assert none.rectify_days is None
    assert none.rectify_due is None
    with db.write() as session:
        longer = update_finding(
            session, demo.hall_id, empty.id, rectify_days=10, now=at("11:00", day)
        )
        back = update_finding(
            session,
            demo.hall_id,
            none.id,
            rectify_days=None,  # the item's default again
            status=FindingStatus.RECTIFYING,
            description=KEEP,
            now=at("11:00", day),
        )
    assert longer.rectify_due == date(2026, 10, 20)
    assert back.rectify_days == 5
    assert back.rectify_due == date(2026, 10, 13)
    assert back.status is FindingStatus.RECTIFYING


def test_spot_check_one_open_session_per_inspector(db: Database, demo: Demo) -> None:
    first = _start(db, demo, at("09:30"))
    with (
        db.write() as session,
        pytest.raises(ConflictError, match="already has an open spot check"),
    ):
        start_spot_check(session, demo.hall_id, "明查", inspector="李检查", now=at("09:40"))
    other = _start(db, demo, at("09:45"), inspector="王督查")
    with db.read() as session:
        open_ids = {row.id for row in list_spot_checks(session, demo.hall_id, open_only=True)}
    assert open_ids == {first, other}
    with db.write() as session:
        close_spot_check(session, first, "无", now=at("10:00"))
    again = _start(db, demo, at("10:05"))
    assert again not in (first, other)


def test_spot_check_inspector_defaults_to_the_user(db: Database, demo: Demo) -> None:
    with db.write() as session:
        check_id = start_spot_check(session, demo.hall_id, "video", now=at("09:30"))
    with db.read() as session:
        check = session.get(SpotCheck, check_id)
    assert check is not None
    assert check.inspector == "tester"
    assert check.kind is SpotCheckKind.VIDEO


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"category": "presence.nonsense"}, "category"),
        ({"window_no": "Z99"}, "window_no"),
        ({"window_id": uuid.uuid4()}, "window_id"),
        ({"observed_at": at("11:30")}, "observed_at"),  # in the future
        ({"observed_at": at("09:59")}, "observed_at"),  # before the session started
        ({"observed_at": datetime(2026, 3, 10, 10, 30)}, "observed_at"),  # naive
        ({"severity": 4}, "severity"),
        ({"severity": 0}, "severity"),
        ({"rectify_days": 99}, "rectify_days"),
        ({"staff_no": "99999"}, "staff_no"),
        ({"staff_id": uuid.uuid4()}, "staff_id"),
        ({"description": "长" * 2001}, "description"),
    ],
)
def test_spot_check_bad_finding_names_field_writes_nothing(
    db: Database, demo: Demo, changes: dict[str, object], field: str
) -> None:
    check_id = _start(db, demo, at("10:00"))
    before = _count(db)
    arguments: dict[str, object] = {
        "window_no": "A01",
        "category": "behaviour.phone",
        "observed_at": at("10:30"),
        "spot_check_id": check_id,
        "now": at("10:31"),
        **changes,
    }
    with db.write() as session, pytest.raises(FieldError) as caught:
        add_finding(session, demo.hall_id, **arguments)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert field in str(caught.value)
    assert _count(db) == before


def test_spot_check_inactive_item_and_unknown_session_refused(db: Database, demo: Demo) -> None:
    with db.write() as session:
        checklist = load_checklist(session, demo.hall_id).deactivate("behaviour.snacks")
        save_checklist(session, demo.hall_id, checklist)
    with db.write() as session, pytest.raises(FieldError) as caught:
        add_finding(
            session, demo.hall_id, window_no="A01", category="behaviour.snacks", now=at("10:00")
        )
    assert caught.value.code == "inactive_item"
    with db.write() as session, pytest.raises(NotFoundError):
        add_finding(
            session,
            demo.hall_id,
            window_no="A01",
            category="behaviour.phone",
            spot_check_id=uuid.uuid4(),
            now=at("10:00"),
        )
    with db.read() as session, pytest.raises(NotFoundError):
        window_walk(session, demo.hall_id, uuid.uuid4(), at("10:00"))


def test_spot_check_update_and_remove_finding(db: Database, demo: Demo) -> None:
    check_id = _start(db, demo, at("10:00"))
    with db.write() as session:
        row = add_finding(
            session,
            demo.hall_id,
            window_no="C01",
            category="appearance.no_badge",
            staff_no="03002",
            spot_check_id=check_id,
            observed_at=at("10:10"),
            now=at("10:11"),
        )
        moved = update_finding(
            session,
            demo.hall_id,
            row.id,
            window_id=demo.windows["C02"],
            staff_id=None,
            severity=2,
            category="appearance.no_uniform",
            now=at("10:12"),
        )
    assert row.staff_no == "03002"
    assert moved.window_no == "C02"
    assert moved.staff_id is None
    assert moved.severity == 2
    assert moved.category == "appearance.no_uniform"
    with db.write() as session, pytest.raises(FieldError) as caught:
        update_finding(session, demo.hall_id, row.id, observed_at=at("09:00"), now=at("10:13"))
    assert caught.value.field == "observed_at"
    with db.write() as session:
        remove_finding(session, demo.hall_id, row.id)
    with db.read() as session:
        stored = session.get(Finding, row.id)
        detail = get_spot_check(session, demo.hall_id, check_id)
        walk = window_walk(session, demo.hall_id, check_id, at("10:20"))
    assert stored is not None
    assert stored.deleted  # a tombstone
    assert detail.findings == ()
    assert all(w.findings == 0 for w in walk)
    with db.write() as session, pytest.raises(NotFoundError):
        remove_finding(session, demo.hall_id, row.id)


def _cli(folder: DataFolder, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--data-dir", str(folder.root), *args], out=out)
    return code, out.getvalue()


def test_cli_finding_add_prints_id_and_joins_open_check(
    db: Database, demo: Demo, folder: DataFolder
) -> None:
    code, out = _cli(
        folder, "finding", "add", "--window", "a01", "--category", "behaviour.phone",
        "--note", "玩手机", "--staff", "01002",
    )  # fmt: skip
    assert code == 0
    finding_id = uuid.UUID(out.strip())
    with db.read() as session:
        finding = session.get(Finding, finding_id)
    assert finding is not None
    assert finding.window_id == demo.windows["A01"]
    assert finding.staff_id == demo.staff["01002"]
    assert finding.description == "玩手机"
    assert finding.spot_check_id is None
    assert finding.severity == 2

    # The signed-in user's open spot check takes the finding.
    with db.write() as session:
        check_id = start_spot_check(
            session, demo.hall_id, "covert", now=datetime.now(ZONE) - timedelta(minutes=5)
        )
    code, out = _cli(
        folder, "finding", "add", "--window", "B01", "--category", "order.forms_missing",
        "--severity", "2",
    )  # fmt: skip
    assert code == 0
    with db.read() as session:
        finding = session.get(Finding, uuid.UUID(out.strip()))
    assert finding is not None
    assert finding.spot_check_id == check_id
    assert finding.severity == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--window", "A01", "--category", "nope.nope"], "category 'nope.nope'"),
        (["--window", "Z9", "--category", "behaviour.phone"], "window_no Z9"),
        (["--window", "A01", "--category", "behaviour.phone", "--severity", "x"], "severity"),
        (["--window", "A01", "--category", "behaviour.phone", "--check", "12"], "--check"),
    ],
)
def test_cli_finding_add_bad_input_one_line(
    db: Database,
    demo: Demo,
    folder: DataFolder,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    code, out = _cli(folder, "finding", "add", *args)
    err = capsys.readouterr().err
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err
    assert _count(db) == 7  # the demo's findings only
