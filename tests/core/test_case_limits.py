"""A case's own limits and a ticket's end of service, end to end (issue 11, items 5 and 6).

An approval-system export (.xlsx, as such systems write it) carries 承诺时限 / 法定时限 per
case across National Day 2026; a queue export (GB18030 CSV, as vendors write it) carries
the tickets those cases came from, with 已弃号, 已过号, 正在办理 and .NET's
0001-01-01 00:00:00 for "not finished yet". Both orders of import give the same hall.
Then what a user sees is checked: `report cases --json` (due dates, lights), `report
stats --json` (service minutes, ratings counted once, on time), the cases view, alerts;
then the catalogue changes (old cases keep their dates, new ones take the new limits),
and the holiday table changes (dates recomputed from each case's own days).

Working days come from chinesecalendar 1.11.0 (checked below): 2026's Mid-autumn
Festival is Fri 09-25 … Sun 09-27 and National Day Thu 10-01 … Wed 10-07 (holidays);
Sun 09-20 and Sat 10-10 are make-up workdays.
"""

from __future__ import annotations

import io
import json
import sqlite3
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest
from openpyxl import Workbook
from sqlalchemy import select

from hallwatch.cli.main import main
from hallwatch.domain.enums import CaseStatus, Light
from hallwatch.services.accountability.alerts import AlertKind, scan_alerts
from hallwatch.services.cases.entry import CaseDraft, case_draft, correct_case, create_case
from hallwatch.services.cases.open_cases import open_cases
from hallwatch.services.cases.view import CaseFilter, case_detail, case_page, view_context
from hallwatch.services.hall.halls import create_hall
from hallwatch.services.imports import import_file
from hallwatch.services.setup.entities import HolidayDraft, create_holiday
from hallwatch.storage import direct, migrate
from hallwatch.storage.database import Database, DataFolder, make_engine
from hallwatch.storage.models import Case, CaseEvent, ServiceItem, Staff, Unit, Window

ZONE = ZoneInfo("Asia/Shanghai")
AT = "2026-10-09T10:00"  # Friday after National Day


def workdays_after(start: str, n: int) -> date:
    """The n-th working day after start, counted here with chinesecalendar alone."""
    day = date.fromisoformat(start)
    while n > 0:
        day += timedelta(days=1)
        n -= chinese_calendar.is_workday(day)
    return day


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZONE)


@dataclass(frozen=True, slots=True)
class Hall:
    db: Database
    folder: DataFolder
    id: uuid.UUID
    items: dict[str, uuid.UUID]
    windows: dict[str, uuid.UUID]


@pytest.fixture
def hall(db: Database, folder: DataFolder) -> Hall:
    items: dict[str, uuid.UUID] = {}
    windows: dict[str, uuid.UUID] = {}
    with db.write("test") as session:
        info = create_hall(session, code="YZ", name="云州市政务服务中心")
        units = {}
        for code, name in (("SCJG", "云州市市场监督管理局"), ("RSJ", "云州市人力资源和社会保障局")):
            unit = Unit(hall_id=info.id, code=code, name=name, short_name="")
            session.add(unit)
            session.flush()
            units[code] = unit.id
        for number, unit_code in (("A01", "SCJG"), ("A02", "SCJG"), ("C01", "RSJ")):
            window = Window(hall_id=info.id, number=number, unit_id=units[unit_code])
            session.add(window)
            session.flush()
            windows[number] = window.id
        for staff_no, name, pin, unit_code in (
            ("01001", "张瑞娜", "1001", "SCJG"),
            ("01002", "马辉林", "1002", "SCJG"),
            ("03001", "宋娜", "3001", "RSJ"),
        ):
            session.add(
                Staff(
                    hall_id=info.id, staff_no=staff_no, name=name, pin=pin, unit_id=units[unit_code]
                )
            )
        # The catalogue promises 1 working day for 企业设立登记; the approval system's cases
        # carry their own limits (a 5-day case must not show as a 1-day one).
        for code, name, unit_code, promised, legal in (
            ("SCJG-001", "企业设立登记", "SCJG", 1, 15),
            ("RSJ-001", "社会保障卡申领", "RSJ", 0, 1),
        ):
            item = ServiceItem(
                hall_id=info.id,
                unit_id=units[unit_code],
                code=code,
                name=name,
                promised_days=promised,
                legal_days=legal,
            )
            session.add(item)
            session.flush()
            items[code] = item.id
    return Hall(db, folder, info.id, items, windows)


# The queue system's export of Wed 2026-09-30, GB18030 with CRLF, a title line above the
# header. A003 is still at the window (正在办理) and A004 was called with nobody there: both
# carry .NET's minimum date as their finish. A002 was rated 5 on the pad.
QUEUE = [
    "云州市政务服务中心 排队叫号明细 2026-09-30",
    "票号,业务类型,窗口,工号,取号时间,叫号时间,办结时间,状态,满意度",
    "A001,企业设立登记,A01,01001,2026-09-30 09:40:00,2026-09-30 09:50:00,"
    "2026-09-30 10:05:00,已完成,",
    "A002,企业设立登记,A01,01001,2026-09-30 10:10:00,2026-09-30 10:20:00,"
    "2026-09-30 10:40:00,已评价,5",
    "A003,,A02,01002,2026-09-30 10:15:00,2026-09-30 10:30:00,0001-01-01 00:00:00,正在办理,",
    "A004,,A02,马辉林,2026-09-30 10:20:00,2026-09-30 10:45:00,0001-01-01 00:00:00,已过号,",
    "A005,,,,2026-09-30 10:25:00,,0001-01-01 00:00:00,已弃号,",
    "C001,社会保障卡申领,C01,3001,2026-09-30 10:00:00,2026-09-30 10:05:00,"
    "2026-09-30 10:17:00,办结,4",
]


def write_queue(tmp_path: Path, lines: list[str] = QUEUE) -> Path:
    path = tmp_path / "叫号明细.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gb18030"))
    return path


# The approval system's export: text cells as such systems write them ("5个工作日"), a
# case with no limits of its own (SP003: the item's apply), one finished after the holiday.
APPROVAL = [
    ("办件编号", "取号号码", "事项名称", "受理时间", "承诺时限", "法定时限", "办结时间",
     "办理状态", "满意度"),
    ("SP2026093001", "A001", "企业设立登记", "2026-09-30 10:00:00", "5个工作日", "20个工作日",
     "", "在办", ""),
    ("SP2026093002", "A002", "企业设立登记", "2026-09-30 10:30:00", "3", "10",
     "2026-10-09 16:00:00", "办结", "非常满意"),
    ("SP2026092901", "", "企业设立登记", "2026-09-29 09:30:00", "", "", "", "在办", ""),
]  # fmt: skip


def write_approval(tmp_path: Path, rows: list[tuple[str, ...]] = APPROVAL) -> Path:
    path = tmp_path / "办件明细.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def import_both(hall: Hall, tmp_path: Path, order: str) -> None:
    steps = {
        "queue": ("queue", write_queue(tmp_path)),
        "cases": ("cases", write_approval(tmp_path)),
    }
    for kind in order.split("-"):
        name, path = steps[kind]
        report = import_file(hall.db, hall.id, name, path)
        assert report.error_count == 0, report.errors
        assert report.rows_imported > 0


def cli(hall: Hall, *args: str) -> object:
    out = io.StringIO()
    assert main(["--data-dir", str(hall.folder.root), *args], out=out) == 0
    return json.loads(out.getvalue())


def test_national_day_2026_as_chinesecalendar_has_it() -> None:
    holidays = [date(2026, 9, 25) + timedelta(days=n) for n in range(3)]
    holidays += [date(2026, 10, 1) + timedelta(days=n) for n in range(7)]
    assert not any(chinese_calendar.is_workday(day) for day in holidays)
    assert chinese_calendar.is_workday(date(2026, 9, 20))  # a Sunday, worked
    assert chinese_calendar.is_workday(date(2026, 10, 10))  # a Saturday, worked
    assert chinese_calendar.is_workday(date(2026, 10, 8))


@pytest.mark.parametrize("order", ["queue-cases", "cases-queue"])
def test_case_limits_report_cases_shows_the_files_dates(
    hall: Hall, tmp_path: Path, order: str
) -> None:
    import_both(hall, tmp_path, order)
    rows = cli(hall, "report", "cases", "--at", AT, "--json")
    assert isinstance(rows, list)
    seen = {
        row["case_no"]: (
            row["ticket_no"],
            row["promised_due"],
            row["legal_due"],
            row["light"],
            row["overdue_days"],
            row["promised_days"],
            row["legal_days"],
        )
        for row in rows
    }
    assert seen == {
        # Its own 5/20 days: due Tue 10-13 (10-08, 10-09, Sat 10-10, 10-12, 10-13), green on
        # 10-09. From the catalogue's 1 day it would be due 10-08 and red.
        "SP2026093001": (
            "A001",
            workdays_after("2026-09-30", 5).isoformat(),
            workdays_after("2026-09-30", 20).isoformat(),
            "green",
            0,
            5,
            20,
        ),
        # Finished at 16:00 that day: still open at 10:00, one working day left (Sat 10-10).
        "SP2026093002": (
            "A002",
            "2026-10-10",
            workdays_after("2026-09-30", 10).isoformat(),
            "yellow",
            0,
            3,
            10,
        ),
        # No limits in the file: the item's (1/15) when it came in; past due 09-30.
        "SP2026092901": (
            "",
            "2026-09-30",
            workdays_after("2026-09-29", 15).isoformat(),
            "red",
            2,
            1,
            15,
        ),
    }
    assert workdays_after("2026-09-30", 5) == date(2026, 10, 13)
    assert [row["light"] for row in rows] == ["red", "yellow", "green"]


@pytest.mark.parametrize("order", ["queue-cases", "cases-queue"])
def test_case_limits_ticket_and_case_are_one_row_either_order(
    hall: Hall, tmp_path: Path, order: str
) -> None:
    import_both(hall, tmp_path, order)
    with hall.db.read() as session:
        cases = {(c.case_no or c.ticket_no): c for c in session.scalars(select(Case))}
    # Six tickets and one case without a ticket: the two exports' A001 and A002 are one
    # row each.
    assert sorted(cases) == sorted(
        ["SP2026093001", "SP2026093002", "SP2026092901", "A003", "A004", "A005", "C001"]
    )
    sp1, sp2 = cases["SP2026093001"], cases["SP2026093002"]
    # The queue's facts: taken, called, the end of service at the window.
    assert (sp1.ticket_no, sp1.taken_at, sp1.called_at, sp1.service_finished_at) == (
        "A001",
        local("2026-09-30 09:40"),
        local("2026-09-30 09:50"),
        local("2026-09-30 10:05"),
    )
    assert sp1.window_id == hall.windows["A01"]
    # The approval system's: still open, its own limits; the window's finish is not its.
    assert (sp1.status, sp1.finished_at, sp1.promised_days, sp1.legal_days) == (
        CaseStatus.ACCEPTED,
        None,
        5,
        20,
    )
    assert (sp2.status, sp2.finished_at, sp2.service_finished_at) == (
        CaseStatus.FINISHED,
        local("2026-10-09 16:00"),
        local("2026-09-30 10:40"),
    )
    assert (sp2.rating, sp2.rating_raw) == (5, "非常满意")
    assert {c.source for c in (sp1, sp2)} == {"approval"}
    # Placeholders read as "not finished": A003 is at the window, A004 and A005 gone.
    assert (cases["A003"].status, cases["A003"].finished_at) == (CaseStatus.CALLED, None)
    assert cases["A003"].service_finished_at is None
    assert [cases[n].status for n in ("A004", "A005")] == [CaseStatus.ABANDONED] * 2
    assert cases["A005"].called_at is None


@pytest.mark.parametrize("order", ["queue-cases", "cases-queue"])
def test_case_limits_stats_service_minutes_and_one_rating(
    hall: Hall, tmp_path: Path, order: str
) -> None:
    import_both(hall, tmp_path, order)
    rows = cli(hall, "report", "stats", "2026-09-28", "2026-10-31", "--by", "hall", "--json")
    assert isinstance(rows, list)
    [row] = rows
    # Service = end of service − call: A001 15, A002 20 (both 企业设立登记, promised 1 day
    # in the catalogue: empty before issue 11), C001 12.
    assert row["average_service_minutes"] == pytest.approx((15 + 20 + 12) / 3, abs=1e-6)
    # A002's 5 on the pad and SP2026093002's 非常满意 are one rating; C001's 4 the other.
    assert (row["rated"], row["satisfied"], row["bad"]) == (2, 2, 0)
    assert (row["tickets"], row["abandoned"]) == (6, 2)
    # SP2026093002 finished 10-09, by its own promised date 10-10 (early); C001 the same
    # day (即办件). From the catalogue's 1 day SP2026093002 would be late.
    assert (row["finished"], row["finished_with_due"], row["on_time"], row["early"]) == (
        2,
        2,
        2,
        1,
    )
    # Open at 10-31: SP2026093001 past 10-13 but not past its legal 11-03; SP2026092901
    # past both (legal 10-26). From the catalogue's 15 days the first would be past 10-27.
    assert (row["open_at_end"], row["open_overdue"], row["severe_overdue"]) == (2, 2, 1)


def test_case_limits_view_rows_and_alerts(hall: Hall, tmp_path: Path) -> None:
    import_both(hall, tmp_path, "queue-cases")
    at = local("2026-10-09 10:00")
    with hall.db.read() as session:
        conn = direct.dbapi(session)
        view = view_context(conn, hall.id, at)
        rows = {
            row.case_no or row.ticket_no: row for row in case_page(conn, view, CaseFilter(), 0, 50)
        }
        detail = case_detail(conn, view, rows["SP2026093001"].case_id)
    sp1 = rows["SP2026093001"]
    assert (sp1.promised_due, sp1.legal_due, sp1.light) == (
        date(2026, 10, 13),
        date(2026, 11, 3),
        Light.GREEN,
    )
    assert (rows["SP2026092901"].light, rows["SP2026092901"].overdue_days) == (Light.RED, 2)
    assert (detail.promised_days, detail.legal_days) == (5, 20)
    assert detail.service_finished_at == local("2026-09-30 10:05")
    assert "窗口服务结束" in [step.what for step in detail.timeline]
    with hall.db.write("alerts") as session:
        raised = scan_alerts(session, hall.id, at)
    by_kind = {(alert.kind, alert.title.split("：")[1].split()[0]) for alert in raised}
    # SP2026092901 is red; SP2026093001 (red from the catalogue's 1 day) raises nothing, and
    # SP2026093002 is finished as the database holds it now (alerts judge the stored state).
    assert by_kind == {(AlertKind.CASE_RED, "SP2026092901")}


def test_case_limits_catalogue_change_affects_new_cases_only(hall: Hall, tmp_path: Path) -> None:
    import_both(hall, tmp_path, "cases-queue")
    before = cli(hall, "report", "cases", "--at", AT, "--json")
    with hall.db.write("catalogue") as session:
        item = session.get(ServiceItem, hall.items["SCJG-001"])
        assert item is not None
        item.promised_days, item.legal_days = 2, 10
    # Existing cases keep their dates, SP2026092901 (the item's 1/15 when it came in) too.
    assert cli(hall, "report", "cases", "--at", AT, "--json") == before
    later = tmp_path / "later"
    later.mkdir()
    new_rows = [
        APPROVAL[0],
        ("SP2026101201", "", "企业设立登记", "2026-10-12 09:00:00", "", "", "", "在办", ""),
    ]
    report = import_file(hall.db, hall.id, "cases", write_approval(later, new_rows))
    assert report.rows_imported == 1
    with hall.db.write("entry") as session:
        typed = create_case(
            session,
            hall.id,
            CaseDraft(
                service_item_id=hall.items["SCJG-001"],
                case_no="SP2026101202",
                status=CaseStatus.ACCEPTED,
                accepted_at=local("2026-10-12 10:00"),
            ),
        )
    rows = cli(hall, "report", "cases", "--at", "2026-10-13T10:00", "--json")
    assert isinstance(rows, list)
    new = {row["case_no"]: row for row in rows if row["case_no"].startswith("SP20261012")}
    for case_no in ("SP2026101201", "SP2026101202"):
        assert (new[case_no]["promised_days"], new[case_no]["legal_days"]) == (2, 10)
        assert new[case_no]["promised_due"] == "2026-10-14"
        assert new[case_no]["legal_due"] == workdays_after("2026-10-12", 10).isoformat()
    # A correction that leaves the item keeps the case's limits, whatever the catalogue.
    with hall.db.write("catalogue") as session:
        item = session.get(ServiceItem, hall.items["SCJG-001"])
        assert item is not None
        item.promised_days = 4
    with hall.db.write("correct") as session:
        draft = case_draft(session, hall.id, typed)
        # As the case dialog sends it: no limits in the draft.
        changed = replace(draft, case_no="SP2026101203", promised_days=None, legal_days=None)
        correct_case(session, hall.id, typed, changed, "编号录错")
        case = session.get(Case, typed)
        assert case is not None
        assert (case.case_no, case.promised_days, case.promised_due) == (
            "SP2026101203",
            2,
            date(2026, 10, 14),
        )


def test_case_limits_holiday_change_recomputes_from_own_days(hall: Hall, tmp_path: Path) -> None:
    import_both(hall, tmp_path, "queue-cases")
    with hall.db.write("catalogue") as session:
        item = session.get(ServiceItem, hall.items["SCJG-001"])
        assert item is not None
        item.promised_days, item.legal_days = 2, 10
    # The hall closes on Mon 10-12 (a power cut): every clock over that day moves a day.
    with hall.db.write("holiday") as session:
        create_holiday(
            session, hall.id, HolidayDraft(day=date(2026, 10, 12), is_workday=False, name="停电")
        )
    with hall.db.read() as session:
        cases = {c.case_no: c for c in session.scalars(select(Case).where(Case.case_no != ""))}
        events = {
            event.case_id: event.detail
            for event in session.scalars(select(CaseEvent).where(CaseEvent.kind == "due_changed"))
        }
        lines = {line.case_no: line for line in open_cases(session, hall.id, local(AT))}
    sp1 = cases["SP2026093001"]
    # Its own 5/20 days after 09-30 without 10-12: 10-08, 10-09, 10-10, 10-13, 10-14.
    assert (sp1.promised_due, sp1.legal_due) == (date(2026, 10, 14), date(2026, 11, 4))
    assert events[sp1.id]["promised"] == ["2026-10-13", "2026-10-14"]
    assert events[sp1.id]["legal"] == ["2026-11-03", "2026-11-04"]
    # The item's 1/15 when it came in, not today's 2/10: legal 10-26 → 10-27.
    sp3 = cases["SP2026092901"]
    assert (sp3.promised_due, sp3.legal_due) == (date(2026, 9, 30), date(2026, 10, 27))
    # report cases agrees with the stored dates.
    assert (lines["SP2026093001"].promised_due, lines["SP2026092901"].legal_due) == (
        date(2026, 10, 14),
        date(2026, 10, 27),
    )


def test_case_limits_migration_backfills_limits_and_service_end(folder: DataFolder) -> None:
    folder.root.mkdir(parents=True)
    engine = make_engine(folder.db_path)
    with engine.connect() as conn:
        migrate.upgrade(conn, "0007")
        conn.commit()
    engine.dispose()
    hall, item = "0190aaaa0000700080000000000000a1", "0190aaaa0000700080000000000000e1"
    sync = "'2026-03-09 01:00:00', '', '', 0, NULL"
    sync_columns = "created_at, updated_hlc, updated_by, deleted, server_seq"
    with sqlite3.connect(folder.db_path) as conn:
        conn.execute(
            f"INSERT INTO halls (id, hall_id, {sync_columns}, code, name, timezone, address, "
            f"is_demo) VALUES ('{hall}', '{hall}', {sync}, 'H1', '市民中心', 'Asia/Shanghai', "
            "'', 0)"
        )
        item_type = "promised"
        conn.execute(
            f"INSERT INTO service_items (id, hall_id, {sync_columns}, code, name, item_type, "
            f"legal_days, promised_days) VALUES ('{item}', '{hall}', {sync}, 'I1', '设立登记', "
            f"'{item_type}', 15, 5)"
        )
        for n, item_id, called, finished in (
            # A queue ticket served in 20 minutes; a case finished days after its call.
            (1, None, "2026-03-09 01:10:00", "2026-03-09 01:30:00"),
            (2, item, "2026-03-09 01:20:00", "2026-03-12 07:00:00"),
            (3, item, None, "2026-03-12 07:00:00"),
        ):
            item_sql = f"'{item_id}'" if item_id else "NULL"
            called_sql = f"'{called}'" if called else "NULL"
            conn.execute(
                f"INSERT INTO cases (id, hall_id, {sync_columns}, service_item_id, ticket_no, "
                "case_no, status, taken_at, called_at, finished_at, hold_minutes, paused_days, "
                "extended_days, due_provisional, rating_raw, source) VALUES "
                f"('0190aaaa00007000800000000000d{n:03d}', '{hall}', {sync}, {item_sql}, "
                f"'A00{n}', '', 'finished', '2026-03-09 01:00:00', {called_sql}, '{finished}', "
                "0, 0, 0, 0, '', 'queue')"
            )
    with Database.open(folder) as db, db.read() as session:
        cases = {c.ticket_no: c for c in session.scalars(select(Case))}
    assert (cases["A001"].promised_days, cases["A001"].legal_days) == (None, None)
    assert cases["A001"].service_finished_at == datetime(2026, 3, 9, 1, 30, tzinfo=UTC)
    # The item's limits at the upgrade; a finish days after the call is the case's own.
    assert (cases["A002"].promised_days, cases["A002"].legal_days) == (5, 15)
    assert cases["A002"].service_finished_at is None
    assert cases["A003"].service_finished_at is None
