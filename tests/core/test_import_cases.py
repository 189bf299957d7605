"""Approval-system imports (审批系统): cases with due dates in working days, all or nothing."""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from hallwatch.domain.cases import CaseDue, light
from hallwatch.domain.enums import CaseStatus, Light
from hallwatch.domain.ids import uuid7
from hallwatch.services.cases.open_cases import open_cases
from hallwatch.services.hall.calendar import hall_calendar
from hallwatch.services.hall.halls import create_hall
from hallwatch.services.imports import import_file
from hallwatch.storage.database import Database
from hallwatch.storage.models import Case, ServiceItem, Staff, Unit, Window

ZONE = ZoneInfo("Asia/Shanghai")
HEADER = "办件编号,事项名称,受理时间,承诺时限,法定时限,暂停天数,延期天数,办结时间,办件状态"


@dataclass(frozen=True, slots=True)
class Hall:
    db: Database
    id: uuid.UUID
    items: dict[str, uuid.UUID]
    windows: dict[str, uuid.UUID]
    staff: dict[str, uuid.UUID]


@pytest.fixture
def hall(db: Database) -> Hall:
    """A hall with one unit, two windows, two staff and three service items."""
    items: dict[str, uuid.UUID] = {}
    windows: dict[str, uuid.UUID] = {}
    staff: dict[str, uuid.UUID] = {}
    with db.write("test") as session:
        info = create_hall(session, code="YZ", name="云州市政务服务中心")
        unit = Unit(id=uuid7(), hall_id=info.id, code="SCJG", name="云州市市场监督管理局")
        session.add(unit)
        session.flush()
        for number in ("A01", "A02"):
            window = Window(id=uuid7(), hall_id=info.id, number=number, unit_id=unit.id)
            session.add(window)
            windows[number] = window.id
        for staff_no, name in (("01001", "张瑞娜"), ("01002", "马辉林")):
            person = Staff(
                id=uuid7(), hall_id=info.id, staff_no=staff_no, name=name, unit_id=unit.id
            )
            session.add(person)
            staff[staff_no] = person.id
        for code, name, promised, legal in (
            ("SCJG-001", "企业设立登记", 1, 15),
            ("SCJG-004", "食品经营许可证核发", 5, 20),
            ("SCJG-009", "无时限事项", 0, 0),
        ):
            item = ServiceItem(
                id=uuid7(),
                hall_id=info.id,
                unit_id=unit.id,
                code=code,
                name=name,
                promised_days=promised,
                legal_days=legal,
            )
            session.add(item)
            items[code] = item.id
    return Hall(db, info.id, items, windows, staff)


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZONE)


def write_csv(path: Path, lines: list[str], encoding: str = "gb18030") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def counts(db: Database) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(db.folder.db_path)) as conn:
        names = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names
        }


def cases(db: Database) -> dict[str, Case]:
    with db.read() as session:
        return {case.case_no: case for case in session.scalars(select(Case))}


# --- due dates and lights across National Day 2026 (1–7 October, 10 October worked) ----------


def test_import_cases_gb18030_due_dates_across_national_day(hall: Hall, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "办件明细.csv",
        [
            HEADER,
            # Limits from the file; no service item.
            "YZ20260930001,,2026-09-30 10:00:00,5,20,,,,在办",
            # Limits from the service item (5 and 20).
            "YZ20260930002,食品经营许可证核发,2026-09-30 15:30:00,,,,,,",
            # Two days of 补正 push both dates; ten days of 延期 the legal one.
            "YZ20260930003,,2026-09-30 10:00:00,5个工作日,20,2,10,,补正",
            # Accepted on the Saturday before the holiday: it is not counted either.
            "YZ20260926001,,2026-09-26 09:00,3,10,,,2026-10-09 16:00,办结",
        ],
    )

    report = import_file(hall.db, hall.id, "cases", path)

    assert report.errors == []
    assert report.warnings == []
    assert (report.rows_read, report.rows_imported) == (4, 4)
    stored = cases(hall.db)
    first = stored["YZ20260930001"]
    # Working days after 30 Sep: 8, 9, 10 (make-up Saturday), 12, 13 October …
    assert (first.promised_due, first.legal_due, first.due_provisional) == (
        date(2026, 10, 13),
        date(2026, 11, 3),
        False,
    )
    assert (first.status, first.accepted_at, first.source) == (
        CaseStatus.ACCEPTED,
        local("2026-09-30 10:00:00").astimezone(UTC),
        "approval",
    )
    second = stored["YZ20260930002"]
    assert (second.service_item_id, second.promised_due, second.legal_due) == (
        hall.items["SCJG-004"],
        date(2026, 10, 13),
        date(2026, 11, 3),
    )
    paused = stored["YZ20260930003"]
    assert (paused.status, paused.paused_days, paused.extended_days) == (CaseStatus.PAUSED, 2, 10)
    assert (paused.promised_due, paused.legal_due) == (date(2026, 10, 15), date(2026, 11, 19))
    weekend = stored["YZ20260926001"]
    # 28, 29, 30 September.
    assert (weekend.status, weekend.promised_due) == (CaseStatus.FINISHED, date(2026, 9, 30))
    assert weekend.legal_due == date(2026, 10, 15)
    assert weekend.finished_at == local("2026-10-09 16:00").astimezone(UTC)

    # Lights, as the cases report shows them, on both sides of the holiday.
    def lights(at: str) -> dict[str, tuple[Light, int]]:
        with hall.db.read() as session:
            return {
                line.case_no: (line.light, line.overdue_days)
                for line in open_cases(session, hall.id, local(at))
            }

    assert lights("2026-09-30T17:00")["YZ20260930001"] == (Light.GREEN, 0)
    # On 9 October three working days are left (10, 12, 13): green.
    assert lights("2026-10-09T10:00")["YZ20260930001"] == (Light.GREEN, 0)
    assert lights("2026-10-12T10:00")["YZ20260930001"] == (Light.YELLOW, 0)
    assert lights("2026-10-14T10:00")["YZ20260930001"] == (Light.RED, 1)
    assert lights("2026-11-04T10:00")["YZ20260930001"] == (Light.SEVERE, 16)
    assert lights("2026-10-12T10:00")["YZ20260930002"] == (Light.YELLOW, 0)
    # Its clock stood still two days: due on the 15th.
    assert lights("2026-10-13T10:00")["YZ20260930003"] == (Light.GREEN, 0)
    assert lights("2026-10-14T10:00")["YZ20260930003"] == (Light.YELLOW, 0)
    # Finished on 9 October, past its promised date (30 September): red, not open any more.
    assert "YZ20260926001" not in lights("2026-10-12T10:00")
    with hall.db.read() as session:
        calendar = hall_calendar(session, hall.id)
    due = CaseDue(weekend.promised_due, weekend.legal_due, weekend.due_provisional)
    assert light(calendar, due, date(2026, 10, 9), date(2026, 10, 9), 1) is Light.RED


def test_import_cases_xlsx_chinese_headers(hall: Hall, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        [
            "申办编号",
            "事项编码",
            "受理窗口",
            "受理人",
            "收件日期",
            "法定时限",
            "承诺时限",
            "办结日期",
            "状态",
            "评价",
        ]
    )
    sheet.append(
        [
            "SB-001",
            "SCJG-001",
            "A02",
            "张瑞娜",
            datetime(2026, 9, 30, 11, 0),
            15,
            1,
            datetime(2026, 10, 8, 10, 0),
            "已办结",
            "满意",
        ]
    )
    sheet.append(
        [
            "SB-002",
            "SCJG-004",
            "A01",
            "01002",
            date(2026, 9, 29),
            "20个工作日",
            "5",
            None,
            "审批中",
            None,
        ]
    )
    path = tmp_path / "cases.xlsx"
    book.save(path)

    report = import_file(hall.db, hall.id, "cases", path)

    assert report.errors == []
    stored = cases(hall.db)
    one = stored["SB-001"]
    assert (one.window_id, one.staff_id, one.service_item_id) == (
        hall.windows["A02"],
        hall.staff["01001"],
        hall.items["SCJG-001"],
    )
    assert (one.status, one.promised_due, one.legal_due) == (
        CaseStatus.FINISHED,
        date(2026, 10, 8),
        date(2026, 10, 27),
    )
    assert (one.rating, one.rating_raw) == (4, "满意")
    two = stored["SB-002"]
    # A date alone is the start of that day.
    assert two.accepted_at == local("2026-09-29 00:00").astimezone(UTC)
    assert (two.status, two.promised_due) == (CaseStatus.ACCEPTED, date(2026, 10, 12))


def test_import_cases_year_without_holiday_data_warns_by_row(hall: Hall, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "c.csv",
        [
            HEADER,
            "YZ20261102001,企业设立登记,2026-11-02 10:00,,,,,,",
            "YZ20261120001,,2026-11-20 10:00,35,40,,,,",
        ],
    )

    report = import_file(hall.db, hall.id, "cases", path)

    assert (report.rows_imported, report.error_count, report.warning_count) == (2, 0, 1)
    assert report.counts["provisional"] == 1
    [warning] = report.warnings
    assert (warning.row, warning.column, warning.code) == (3, "受理时间", "provisional_due")
    assert "no holiday data for 2027" in warning.reason
    stored = cases(hall.db)
    assert stored["YZ20261102001"].due_provisional is False
    guessed = stored["YZ20261120001"]
    # Counted Monday to Friday in 2027 (1 January is no holiday to a guess).
    assert (guessed.promised_due, guessed.legal_due, guessed.due_provisional) == (
        date(2027, 1, 8),
        date(2027, 1, 15),
        True,
    )


# --- bad input -----------------------------------------------------------------------------


def test_import_cases_broken_file_refused_by_row_and_nothing_changes(
    hall: Hall, tmp_path: Path
) -> None:
    good = write_csv(tmp_path / "good.csv", [HEADER, "OK-1,企业设立登记,2026-09-30 10:00,,,,,,"])
    assert import_file(hall.db, hall.id, "cases", good).rows_imported == 1
    before = counts(hall.db)
    path = write_csv(
        tmp_path / "broken.csv",
        [
            HEADER,
            "E-1,,2026-09-30 10:00,5,20,,,2026-09-29 10:00,办结",
            "E-2,没有的事项,2026-09-30 10:00,,,,,,",
            "E-3,,2026-09-30 10:00,,20,,,,",
            "E-4,,2026-09-30 10:00,25,20,,,,",
            "E-5,,2026-09-30 10:00,五天,20,,,,",
            "E-6,,2026-09-30 10:00,5,20,,,,不知道",
            "E-7,,2026-09-30 10:00,5,20,,,2026-10-09 10:00,在办",
            "E-8,,2026-09-30 10:00,5,20,,,,办结",
            "E-9,,2026-09-30 10:00,5,20,,,,",
            "E-9,,2026-09-30 10:00,5,15,,,,",
            ",,2026-09-30 10:00,5,20,,,,",
            "E-10,,2026-09-31 10:00,5,20,,,,",
            "E-11,,2026-09-30 10:00,5,20,-1,,,",
            "E-12,,2099-09-30 10:00,5,20,,,,",
        ],
    )

    report = import_file(hall.db, hall.id, "cases", path)

    assert report.blocked
    assert [(error.row, error.code) for error in report.errors] == [
        (2, "finished_before_accepted"),
        (3, "unknown_item"),
        (4, "missing_limit"),
        (5, "limit_order"),
        (6, "bad_days"),
        (7, "unknown_state"),
        (8, "state_conflict"),
        (9, "finished_without_time"),
        (11, "duplicate_case"),
        (12, "empty_case_no"),
        (13, "bad_time"),
        (14, "bad_days"),
        (15, "future"),
    ]
    by_row = {error.row: error for error in report.errors}
    assert by_row[2].reason == (
        "finished at 2026-09-29 10:00:00, before it was accepted (2026-09-30 10:00:00); "
        "check the times"
    )
    assert by_row[2].column == "办结时间"
    assert by_row[4].column == "承诺时限"
    assert by_row[5].reason == (
        "the promised limit (25 working days) is longer than the legal limit (20)"
    )
    assert by_row[11].reason == "case E-9 appears again with other values (first on row 10)"
    assert counts(hall.db) == before


# --- the same cases again -------------------------------------------------------------------


def test_import_cases_again_updates_the_cases_that_moved_on(hall: Hall, tmp_path: Path) -> None:
    first = write_csv(
        tmp_path / "september.csv",
        [
            HEADER,
            "YZ-1,,2026-09-30 10:00,5,20,,,,在办",
            "YZ-2,,2026-09-30 11:00,5,20,,,,在办",
            "YZ-2,,2026-09-30 11:00,5,20,,,,在办",  # twice in the export: merged
        ],
    )
    report = import_file(hall.db, hall.id, "cases", first)
    assert (report.rows_imported, report.duplicates_merged) == (2, 1)
    again = import_file(hall.db, hall.id, "cases", first)
    assert (again.rows_imported, again.rows_unchanged, again.batch_id) == (0, 2, None)

    later = write_csv(
        tmp_path / "october.csv",
        [
            HEADER,
            "YZ-1,,2026-09-30 10:00,5,20,,,2026-10-12 15:00,办结",
            "YZ-2,,2026-09-30 11:00,5,20,3,,,补正",
            "YZ-3,,2026-10-08 09:00,5,20,,,,",
        ],
    )
    report = import_file(hall.db, hall.id, "cases", later)
    assert report.counts == {"created": 1, "updated": 2, "provisional": 0}
    assert (report.rows_imported, report.rows_unchanged) == (3, 0)
    stored = cases(hall.db)
    assert len(stored) == 3
    assert (stored["YZ-1"].status, stored["YZ-1"].finished_at) == (
        CaseStatus.FINISHED,
        local("2026-10-12 15:00").astimezone(UTC),
    )
    assert (stored["YZ-2"].status, stored["YZ-2"].paused_days, stored["YZ-2"].promised_due) == (
        CaseStatus.PAUSED,
        3,
        date(2026, 10, 16),
    )


# --- a case's own limits and its ticket (issue 11, items 4-6) ----------------------------


def test_import_cases_own_limits_stored_and_placeholder_finish(hall: Hall, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "办件明细.csv",
        [
            HEADER,
            # The file's 3/10 for an item the catalogue promises in 1/15.
            "YZ20260930010,企业设立登记,2026-09-30 10:00:00,3个工作日,10个工作日,,,"
            "0001-01-01 00:00:00,在办",
            # No limits in the file: the item's.
            "YZ20260930011,企业设立登记,2026-09-30 11:00:00,,,,,1900-01-01 00:00:00,",
        ],
    )
    report = import_file(hall.db, hall.id, "cases", path)
    assert (report.error_count, report.rows_imported) == (0, 2)
    found = cases(hall.db)
    own, item = found["YZ20260930010"], found["YZ20260930011"]
    assert (own.promised_days, own.legal_days, own.finished_at) == (3, 10, None)
    assert own.promised_due == date(2026, 10, 10)  # 10-08, 10-09, Sat 10-10 (make-up)
    assert (item.promised_days, item.legal_days, item.status) == (1, 15, CaseStatus.ACCEPTED)
    assert item.finished_at is None


def test_import_cases_queue_ticket_naming_the_case_number_is_linked(
    hall: Hall, tmp_path: Path
) -> None:
    approval = write_csv(
        tmp_path / "办件明细.csv",
        [HEADER, "YZ20260930020,企业设立登记,2026-09-30 10:00:00,3,10,,,2026-10-09 15:00,办结"],
    )
    assert import_file(hall.db, hall.id, "cases", approval).rows_imported == 1
    # This vendor's export names the case a ticket became, not its ticket on the case.
    queue = write_csv(
        tmp_path / "叫号.csv",
        [
            "票号,办件编号,窗口,工号,取号时间,叫号时间,办结时间,状态,评价",
            "A017,YZ20260930020,A01,01001,2026-09-30 09:40:00,2026-09-30 09:48:00,"
            "2026-09-30 10:06:00,已评价,4",
        ],
    )
    report = import_file(hall.db, hall.id, "queue", queue)
    assert report.counts == {"created": 0, "updated": 1, "provisional": 0}
    [case] = cases(hall.db).values()
    # The case keeps its own finish and status; the ticket adds its times and its rating.
    assert (case.ticket_no, case.status, case.finished_at) == (
        "A017",
        CaseStatus.FINISHED,
        local("2026-10-09 15:00"),
    )
    assert case.service_finished_at == local("2026-09-30 10:06")
    assert (case.rating, case.window_id, case.promised_days) == (4, hall.windows["A01"], 3)
