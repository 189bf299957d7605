"""Punch imports: attlog, CSV and Excel exports into attendance events, all or nothing."""

from __future__ import annotations

import codecs
import contextlib
import sqlite3
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from import_fixtures import ZKTIME_HEADERS
from openpyxl import Workbook
from sqlalchemy import func, select

from hallwatch.demo.generator import generate_demo
from hallwatch.domain.enums import AttendanceKind, AttendanceSource
from hallwatch.services.attendance.sheets import day_sheet
from hallwatch.services.data.audit import verify_audit
from hallwatch.services.hall.rules import load_rules, save_rules
from hallwatch.services.imports import (
    MAX_KEPT_ERRORS,
    ColumnMapping,
    ImportCancelled,
    ImportFileError,
    import_file,
    list_mappings,
    load_mapping,
    preview,
    save_mapping,
)
from hallwatch.storage import changelog
from hallwatch.storage.database import Database
from hallwatch.storage.models import (
    AttendanceEvent,
    AuditEntry,
    Hall,
    ImportBatch,
    OutboxMutation,
    Staff,
    SyncState,
)

ZONE = ZoneInfo("Asia/Shanghai")
UNTIL = date(2026, 3, 31)
# Days after the demo: no punch of the file meets a demo punch unless a test wants it.
APRIL = date(2026, 4, 1)


@dataclass(frozen=True, slots=True)
class Person:
    id: uuid.UUID
    staff_no: str
    pin: str
    name: str


@dataclass(frozen=True, slots=True)
class Demo:
    db: Database
    hall_id: uuid.UUID
    staff: list[Person]


@pytest.fixture
def demo(db: Database) -> Demo:
    summary = generate_demo(db, scale="tiny", until=UNTIL)
    with db.read() as session:
        rows = session.execute(
            select(Staff.id, Staff.staff_no, Staff.pin, Staff.name).order_by(Staff.staff_no)
        ).all()
    return Demo(db, summary.hall_id, [Person(*row) for row in rows])


def snapshot(db: Database) -> dict[str, object]:
    """Row counts of every table and the audit chain's head: what 'unchanged' means."""
    path = db.folder.db_path
    with contextlib.closing(sqlite3.connect(path)) as conn:
        names = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {
            name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names
        }
        state = dict(conn.execute("SELECT key, value FROM sync_state").fetchall())
    return {"counts": counts, "sync_state": state}


def attlog_line(pin: str, moment: datetime, device: str = "1", status: int = 0) -> str:
    return f"{pin:>9}\t{moment:%Y-%m-%d %H:%M:%S}\t{device}\t{status}\t1\t0"


def local(day: date, hh: int, mm: int, ss: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm, ss))


def utc(day: date, hh: int, mm: int, ss: int = 0) -> datetime:
    return local(day, hh, mm, ss).replace(tzinfo=ZONE).astimezone(UTC)


def write_attlog(path: Path, lines: list[str]) -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("ascii"))
    return path


def events(db: Database, batch_id: uuid.UUID | None = None) -> list[AttendanceEvent]:
    with db.read() as session:
        query = select(AttendanceEvent).where(AttendanceEvent.source == AttendanceSource.IMPORT)
        if batch_id is not None:
            query = query.where(AttendanceEvent.batch_id == batch_id)
        return list(session.scalars(query.order_by(AttendanceEvent.occurred_at)))


# --- formats -----------------------------------------------------------------


def test_import_attlog_padded_pins_keeps_raw_lines(demo: Demo, tmp_path: Path) -> None:
    alice, bob = demo.staff[0], demo.staff[1]
    lines = [
        attlog_line(alice.pin, local(APRIL, 8, 51, 23)),
        attlog_line(bob.pin, local(APRIL, 8, 55, 2), device="2", status=1),
        "",  # blank lines are no rows
        attlog_line(alice.pin, local(APRIL, 17, 31, 0)),
    ]
    path = write_attlog(tmp_path / "1_attlog.dat", lines)
    seen: list[float] = []

    report = import_file(
        demo.db, demo.hall_id, "attlog", path, progress=lambda f, _t: seen.append(f)
    )

    assert (report.rows_read, report.rows_imported, report.rows_skipped) == (3, 3, 0)
    assert report.batch_id is not None
    assert report.errors == []
    assert seen[-1] == 1.0
    stored = events(demo.db, report.batch_id)
    assert [e.occurred_at for e in stored] == [
        utc(APRIL, 8, 51, 23),
        utc(APRIL, 8, 55, 2),
        utc(APRIL, 17, 31),
    ]
    assert stored[0].staff_id == alice.id
    assert stored[1].staff_id == bob.id
    assert stored[0].raw == lines[0]  # the padded PIN, as the device wrote it
    assert stored[1].device_sn == "2"
    assert {e.kind for e in stored} == {AttendanceKind.PUNCH}
    with demo.db.read() as session:
        batch = session.get(ImportBatch, report.batch_id)
        assert batch is not None
        assert (batch.kind, batch.file_name, batch.rows_read, batch.rows_imported) == (
            "attlog",
            "1_attlog.dat",
            3,
            3,
        )
        assert len(batch.file_sha256) == 64
        assert batch.report["rows_imported"] == 3
        assert batch.imported_by == "tester"
        assert verify_audit(session).ok


def test_import_attlog_space_padded_old_firmware(demo: Demo, tmp_path: Path) -> None:
    person = demo.staff[2]
    path = tmp_path / "2_attlog.dat"
    path.write_text(f"    {person.pin}  2026-04-01 08:30:00  1  0  1  0\n", encoding="ascii")
    report = import_file(demo.db, demo.hall_id, "attlog", path)
    assert report.rows_imported == 1
    assert events(demo.db)[0].occurred_at == utc(APRIL, 8, 30)


def test_import_csv_utf8_bom_english_headers(demo: Demo, tmp_path: Path) -> None:
    person = demo.staff[3]
    text = (
        "PIN,Name,Department,Time,Device\r\n"
        f"{person.pin},{person.name},Tax,2026/4/1 8:05,K40\r\n"
        f"{person.pin},{person.name},Tax,2026/4/1 17:35:10,K40\r\n"
    )
    path = tmp_path / "punches.csv"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))

    shown = preview(path, "punches")
    assert shown.encoding == "UTF-8 (BOM)"
    assert shown.headers[:4] == ["PIN", "Name", "Department", "Time"]
    assert shown.columns["pin"] == 0
    assert shown.columns["datetime"] == 3
    assert shown.columns["device"] == 4
    assert shown.problems == []

    report = import_file(demo.db, demo.hall_id, "punches", path)
    assert report.rows_imported == 2
    assert report.encoding == "utf-8-sig"
    stored = events(demo.db)
    assert [e.occurred_at for e in stored] == [utc(APRIL, 8, 5), utc(APRIL, 17, 35, 10)]
    assert stored[0].device_sn == "K40"
    assert stored[0].raw == f"{person.pin},{person.name},Tax,2026/4/1 8:05,K40"


def test_import_csv_gb18030_chinese_headers(demo: Demo, tmp_path: Path) -> None:
    person = demo.staff[4]
    text = (
        "部门,姓名,考勤号码,日期时间,机器号\n"
        f"税务局,{person.name},{person.pin},2026年4月1日 8时41分,1\n"
        f"税务局,{person.name},{person.pin},2026-04-01 12:01:09,1\n"
    )
    path = tmp_path / "考勤记录.csv"
    path.write_bytes(text.encode("gb18030"))

    shown = preview(path, "punches")
    assert shown.encoding == "GB18030"
    assert shown.columns == {"pin": 2, "datetime": 3, "name": 1, "department": 0, "device": 4}
    assert shown.rows[0][1] == person.name

    report = import_file(demo.db, demo.hall_id, "punches", path)
    assert (report.rows_imported, report.encoding) == (2, "gb18030")
    stored = events(demo.db)
    assert [e.occurred_at for e in stored] == [utc(APRIL, 8, 41), utc(APRIL, 12, 1, 9)]
    assert stored[0].raw.startswith("税务局,")


def test_import_xlsx_chinese_headers_below_a_title(demo: Demo, tmp_path: Path) -> None:
    first, second = demo.staff[0], demo.staff[5]
    book = Workbook()
    sheet = book.active
    sheet.append(["2026年4月考勤记录"])  # a title, then a blank row, then the headers
    sheet.append([])
    sheet.append(["工号", "姓名", "部门", "打卡时间", "设备号"])
    # Excel keeps numbers as numbers: a PIN cell of 1001 arrives as an int.
    sheet.append([int(first.pin), first.name, "政务中心", local(APRIL, 8, 50, 1), 3])
    sheet.append([second.pin, second.name, "政务中心", "2026-04-01 08:52:30", 3])
    path = tmp_path / "punches.xlsx"
    book.save(path)

    shown = preview(path, "punches")
    assert shown.format == "xlsx"
    assert shown.header_row == 3
    assert shown.columns["pin"] == 0
    assert shown.columns["datetime"] == 3
    assert shown.row_numbers == [4, 5]

    report = import_file(demo.db, demo.hall_id, "punches", path)
    assert report.rows_imported == 2
    stored = events(demo.db)
    assert [(e.staff_id, e.occurred_at) for e in stored] == [
        (first.id, utc(APRIL, 8, 50, 1)),
        (second.id, utc(APRIL, 8, 52, 30)),
    ]
    assert stored[0].device_sn == "3"


def test_import_date_and_time_in_two_columns(demo: Demo, tmp_path: Path) -> None:
    person = demo.staff[6]
    path = tmp_path / "two.csv"
    path.write_text(
        f"人员编号,姓名,日期,时间\n{person.pin},{person.name},2026-04-01,08:31:07\n"
        f"{person.pin},{person.name},2026/4/1,17:33\n",
        encoding="utf-8",
    )
    shown = preview(path, "punches")
    assert shown.columns["date"] == 2
    assert shown.columns["time"] == 3
    assert "datetime" not in shown.columns

    book = Workbook()
    book.active.append(["考勤号码", "日期", "时间"])
    book.active.append([person.pin, date(2026, 4, 2), time(8, 29, 59)])
    xlsx = tmp_path / "two.xlsx"
    book.save(xlsx)

    assert import_file(demo.db, demo.hall_id, "punches", path).rows_imported == 2
    assert import_file(demo.db, demo.hall_id, "punches", xlsx).rows_imported == 1
    assert [e.occurred_at for e in events(demo.db)] == [
        utc(APRIL, 8, 31, 7),
        utc(APRIL, 17, 33),
        utc(date(2026, 4, 2), 8, 29, 59),
    ]


def test_import_utf16_tab_text_from_excel(demo: Demo, tmp_path: Path) -> None:
    person = demo.staff[0]
    path = tmp_path / "unicode.txt"
    path.write_bytes(
        f"工号\t姓名\t打卡时间\r\n{person.pin}\t{person.name}\t2026-04-01 08:00:00\r\n".encode(
            "utf-16"
        )
    )
    report = import_file(demo.db, demo.hall_id, "punches", path)
    assert report.rows_imported == 1


def test_import_staff_number_stands_in_for_missing_pin(demo: Demo, tmp_path: Path) -> None:
    with demo.db.write() as session:
        person = session.get(Staff, demo.staff[0].id)
        assert person is not None
        person.pin = ""
    path = write_attlog(
        tmp_path / "a.dat", [attlog_line(demo.staff[0].staff_no, local(APRIL, 8, 0))]
    )
    report = import_file(demo.db, demo.hall_id, "attlog", path)
    assert report.rows_imported == 1
    assert events(demo.db)[0].staff_id == demo.staff[0].id


def test_import_device_clock_offset_applied(demo: Demo, tmp_path: Path) -> None:
    with demo.db.write() as session:
        rules = load_rules(session, demo.hall_id)
        save_rules(session, demo.hall_id, replace(rules, device_offsets={"7": 90}))
    pin = demo.staff[0].pin
    path = write_attlog(tmp_path / "a.dat", [attlog_line(pin, local(APRIL, 8, 0), device="7")])
    import_file(demo.db, demo.hall_id, "attlog", path)
    # Stored as the device's clock showed it; the offset counts when the day is read, once.
    assert events(demo.db)[0].occurred_at == utc(APRIL, 8, 0)
    with demo.db.read() as session:
        day = next(
            d for d in day_sheet(session, demo.hall_id, APRIL) if d.staff_id == demo.staff[0].id
        )
    # The device ran 90 seconds slow: its 08:00:00 was 08:01:30.
    assert day.punches == (local(APRIL, 8, 1, 30).replace(tzinfo=ZONE),)


# --- bad input: refused with row numbers, nothing written -------------------


def test_import_unknown_pin_refused_and_nothing_written(demo: Demo, tmp_path: Path) -> None:
    good = demo.staff[0].pin
    lines = [
        attlog_line(good, local(APRIL, 8, 0)),
        attlog_line("99999", local(APRIL, 8, 1)),
        attlog_line(good, local(APRIL, 12, 0)),
        attlog_line("88888", local(APRIL, 8, 2)),
    ]
    path = write_attlog(tmp_path / "1_attlog.dat", lines)
    before = snapshot(demo.db)

    report = import_file(demo.db, demo.hall_id, "attlog", path)

    assert snapshot(demo.db) == before
    assert report.blocked
    assert report.batch_id is None
    assert (report.rows_read, report.rows_imported, report.rows_skipped) == (4, 0, 2)
    assert report.rows_valid == 2
    assert [(e.row, e.column, e.value, e.code) for e in report.errors] == [
        (2, "PIN", "99999", "unknown_pin"),
        (4, "PIN", "88888", "unknown_pin"),
    ]
    assert "99999" in report.errors[0].reason
    assert str(report.errors[0]).startswith("row 2, column PIN: unknown PIN 99999")


def test_import_bad_time_names_row_and_column(demo: Demo, tmp_path: Path) -> None:
    pin = demo.staff[0].pin
    path = tmp_path / "p.csv"
    path.write_text(
        f"工号,打卡时间\n{pin},2026-04-01 08:00:00\n{pin},2026-04-31 08:00:00\n{pin},明天\n"
        f"{pin},2026-04-01\n",
        encoding="utf-8",
    )
    before = snapshot(demo.db)
    report = import_file(demo.db, demo.hall_id, "punches", path)
    assert snapshot(demo.db) == before
    assert [(e.row, e.column, e.value, e.code) for e in report.errors] == [
        (3, "打卡时间", "2026-04-31 08:00:00", "bad_time"),
        (4, "打卡时间", "明天", "bad_time"),
        (5, "打卡时间", "2026-04-01", "bad_time"),
    ]
    assert "no time of day" in report.errors[2].reason


def test_import_missing_column_refused_naming_field_and_headers(demo: Demo, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("姓名,部门,备注\n张三,税务,-\n", encoding="utf-8")
    before = snapshot(demo.db)
    with pytest.raises(ImportFileError) as caught:
        import_file(demo.db, demo.hall_id, "punches", path)
    assert caught.value.code == "missing_columns"
    message = str(caught.value)
    assert "PIN" in message
    assert "punch time" in message
    assert "headers found: 姓名, 部门, 备注" in message
    assert caught.value.params["missing"] == ["pin", "datetime"]
    assert snapshot(demo.db) == before
    shown = preview(path, "punches")
    assert shown.missing == ["pin", "datetime"]


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (b"", "empty", "is empty"),
        (b"\r\n  \r\n", "empty", "is empty"),
        (b"\x00\x01\x02\x03binary\x00\xff" * 50, "binary", "not a text file"),
        # An .xls is read now; this one is only its signature, so it is damaged.
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "bad_workbook", "readable .xls "),
        (
            b"PIN,Time\n1001,2026-04-01 08:00:00 \xff\xfe\xfa\n",
            "encoding",
            "neither UTF-8 nor GB18030",
        ),
        (b"PK\x03\x04 not really a workbook", "bad_workbook", "not a readable .xlsx"),
    ],
)
def test_import_unreadable_file_refused(
    demo: Demo, tmp_path: Path, content: bytes, code: str, words: str
) -> None:
    path = tmp_path / "export.dat"
    path.write_bytes(content)
    before = snapshot(demo.db)
    kind = "punches" if code == "bad_workbook" else "attlog"
    with pytest.raises(ImportFileError) as caught:
        import_file(demo.db, demo.hall_id, kind, path)
    assert caught.value.code == code
    assert words in str(caught.value)
    assert "export.dat" in str(caught.value)
    assert snapshot(demo.db) == before


def test_import_missing_file_and_unknown_kinds_refused(demo: Demo, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="does not exist"):
        import_file(demo.db, demo.hall_id, "attlog", tmp_path / "nope.dat")
    with pytest.raises(ImportFileError, match="does not exist"):
        import_file(demo.db, demo.hall_id, "queue", tmp_path / "nope.dat")
    with pytest.raises(ImportFileError, match="unknown import kind"):
        import_file(demo.db, demo.hall_id, "photos", tmp_path / "nope.dat")


def test_import_line_in_another_encoding_is_a_row_error(demo: Demo, tmp_path: Path) -> None:
    pin = demo.staff[0].pin
    path = tmp_path / "mixed.csv"
    good = f"工号,姓名,打卡时间\n{pin},张三,2026-04-01 08:00:00\n".encode()
    bad = f"{pin},张三,2026-04-01 09:00:00\n".encode("gb18030")
    path.write_bytes(good + bad)
    report = import_file(demo.db, demo.hall_id, "punches", path)
    assert [(e.row, e.code) for e in report.errors] == [(3, "decode")]
    assert report.blocked


def test_import_keep_good_rows_imports_the_rest(demo: Demo, tmp_path: Path) -> None:
    good = demo.staff[0].pin
    lines = [
        attlog_line(good, local(APRIL, 8, 0)),
        attlog_line("99999", local(APRIL, 8, 1)),
        f"{good:>9}\t2026-04-01 25:61:00\t1\t0\t1\t0",
        attlog_line(good, local(APRIL, 12, 0)),
    ]
    path = write_attlog(tmp_path / "1_attlog.dat", lines)
    report = import_file(demo.db, demo.hall_id, "attlog", path, keep_good_rows=True)
    assert (report.rows_read, report.rows_imported, report.rows_skipped) == (4, 2, 2)
    assert not report.blocked
    assert [(e.row, e.column) for e in report.errors] == [(2, "PIN"), (3, "Time")]
    assert len(events(demo.db, report.batch_id)) == 2
    with demo.db.read() as session:
        batch = session.get(ImportBatch, report.batch_id)
        assert batch is not None
        assert batch.rows_skipped == 2
        assert [e["row"] for e in batch.report["errors"]] == [2, 3]


def test_import_dry_run_writes_nothing(demo: Demo, tmp_path: Path) -> None:
    pin = demo.staff[0].pin
    path = write_attlog(
        tmp_path / "1_attlog.dat",
        [attlog_line(pin, local(APRIL, 8, 0)), attlog_line(pin, local(APRIL, 8, 0, 20))],
    )
    before = snapshot(demo.db)
    report = import_file(demo.db, demo.hall_id, "attlog", path, dry_run=True)
    assert snapshot(demo.db) == before
    assert report.dry_run
    assert (report.rows_imported, report.duplicates_merged, report.batch_id) == (1, 1, None)


def test_import_twice_adds_nothing(demo: Demo, tmp_path: Path) -> None:
    lines = [attlog_line(p.pin, local(APRIL, 8, i)) for i, p in enumerate(demo.staff)]
    path = write_attlog(tmp_path / "1_attlog.dat", lines)
    first = import_file(demo.db, demo.hall_id, "attlog", path)
    assert first.rows_imported == len(lines)
    after_first = snapshot(demo.db)

    second = import_file(demo.db, demo.hall_id, "attlog", path)

    assert snapshot(demo.db) == after_first
    assert (second.rows_imported, second.duplicates_merged) == (0, len(lines))
    assert second.batch_id is None
    assert second.previous_batch_id == first.batch_id


def test_import_duplicates_within_window_are_merged(demo: Demo, tmp_path: Path) -> None:
    with demo.db.read() as session:
        stored = session.execute(
            select(AttendanceEvent.staff_id, AttendanceEvent.occurred_at)
            .where(AttendanceEvent.staff_id == demo.staff[0].id)
            .order_by(AttendanceEvent.occurred_at)
            .limit(1)
        ).one()
        window = load_rules(session, demo.hall_id).duplicate_punch_seconds
    assert window == 60
    pin = demo.staff[0].pin
    demo_punch = stored.occurred_at.astimezone(ZONE).replace(tzinfo=None)
    lines = [
        attlog_line(pin, demo_punch + timedelta(seconds=20)),  # near a stored punch: merged
        attlog_line(pin, local(APRIL, 8, 0, 0)),  # 30 s after 7:59:30: merged
        attlog_line(pin, local(APRIL, 8, 0, 0)),  # same second: merged
        attlog_line(pin, local(APRIL, 8, 0, 45)),  # 75 s after the punch kept: kept
        attlog_line(pin, local(APRIL, 8, 2, 0)),  # 75 s after 8:00:45: kept
        attlog_line(demo.staff[1].pin, local(APRIL, 8, 0, 10)),  # someone else: kept
        attlog_line(pin, local(APRIL, 7, 59, 30)),  # the earliest, in the file later: kept
    ]
    path = write_attlog(tmp_path / "1_attlog.dat", lines)
    report = import_file(demo.db, demo.hall_id, "attlog", path)
    assert (report.rows_read, report.rows_imported, report.duplicates_merged) == (7, 4, 3)
    assert report.errors == []
    times = [(e.staff_id, e.occurred_at) for e in events(demo.db)]
    assert times == [
        (demo.staff[0].id, utc(APRIL, 7, 59, 30)),
        (demo.staff[1].id, utc(APRIL, 8, 0, 10)),
        (demo.staff[0].id, utc(APRIL, 8, 0, 45)),
        (demo.staff[0].id, utc(APRIL, 8, 2, 0)),
    ]


def test_import_duplicates_merge_within_the_window_of_the_punch_kept(
    demo: Demo, tmp_path: Path
) -> None:
    pin = demo.staff[0].pin
    # A burst at the door, 50 s apart: the window runs from the punch kept, not from the
    # press before, so presses 0, 100 and 200 s in are kept and the ones between merge
    # (merged in a chain, all six were one punch).
    presses = [local(APRIL, 8, 0, 0) + timedelta(seconds=50 * i) for i in range(6)]
    path = write_attlog(tmp_path / "1_attlog.dat", [attlog_line(pin, at) for at in presses])
    report = import_file(demo.db, demo.hall_id, "attlog", path)
    assert (report.rows_read, report.rows_imported, report.duplicates_merged) == (6, 3, 3)
    assert [e.occurred_at for e in events(demo.db)] == [
        utc(APRIL, 8, 0, 0),
        utc(APRIL, 8, 1, 40),
        utc(APRIL, 8, 3, 20),
    ]
    # A later file with a press 40 s after the stored 8:03:20 and one 70 s after it.
    again = write_attlog(
        tmp_path / "2_attlog.dat",
        [attlog_line(pin, local(APRIL, 8, 4, 0)), attlog_line(pin, local(APRIL, 8, 4, 30))],
    )
    report = import_file(demo.db, demo.hall_id, "attlog", again)
    assert (report.rows_imported, report.duplicates_merged) == (1, 1)
    assert events(demo.db)[-1].occurred_at == utc(APRIL, 8, 4, 30)


def test_import_cancel_rolls_back(demo: Demo, tmp_path: Path) -> None:
    people = demo.staff
    lines = [
        attlog_line(people[i % len(people)].pin, local(APRIL, 8, 0) + timedelta(minutes=3 * i))
        for i in range(25_000)
    ]
    path = write_attlog(tmp_path / "1_attlog.dat", lines)
    before = snapshot(demo.db)
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        # Three looks while checking (every 8,192 rows), then the first while writing.
        return calls > 3

    with pytest.raises(ImportCancelled):
        import_file(demo.db, demo.hall_id, "attlog", path, cancelled=cancelled)
    assert calls == 4
    assert snapshot(demo.db) == before
    with pytest.raises(ImportCancelled):
        import_file(demo.db, demo.hall_id, "attlog", path, cancelled=lambda: True)
    assert snapshot(demo.db) == before


def test_import_outbox_carries_rows_in_chunks_of_1000(demo: Demo, tmp_path: Path) -> None:
    people = demo.staff
    lines = [
        attlog_line(people[i % len(people)].pin, local(APRIL, 8, 0) + timedelta(minutes=5 * i))
        for i in range(2_500)
    ]
    path = write_attlog(tmp_path / "1_attlog.dat", lines)
    with demo.db.write() as session:
        # A demo hall is never synced: make it a real one, whose imports are queued.
        session.get_one(Hall, demo.hall_id).is_demo = False
    with demo.db.read() as session:
        audit_before = session.scalar(select(func.count()).select_from(AuditEntry))
        outbox_before = session.scalar(select(func.max(OutboxMutation.seq))) or 0

    report = import_file(demo.db, demo.hall_id, "attlog", path)

    assert report.rows_imported == 2_500
    with demo.db.read() as session:
        mutations = list(
            session.scalars(
                select(OutboxMutation)
                .where(OutboxMutation.seq > outbox_before)
                .order_by(OutboxMutation.seq)
            )
        )
        # The batch first (it is what the rows point at), then the rows.
        assert [m.kind for m in mutations] == ["import_batches.create"] + [
            "attendance_events.bulk_create"
        ] * 3
        bulk = [m.payload for m in mutations[1:]]
        assert [len(p["rows"]) for p in bulk] == [1000, 1000, 500]
        assert len({m.hlc for m in mutations}) == 4
        # Each payload row plus what all rows share is the stored row.
        stored = {
            str(e.id): e
            for e in session.scalars(
                select(AttendanceEvent).where(AttendanceEvent.batch_id == report.batch_id)
            )
        }
        assert len(stored) == 2_500
        for payload, mutation in zip(bulk, mutations[1:], strict=True):
            assert payload["op"] == "bulk_create"
            assert payload["hlc"] == mutation.hlc
            for values in payload["rows"]:
                row = {**payload["common"], **dict(zip(payload["columns"], values, strict=True))}
                event = stored.pop(row["id"])
                fields = {
                    column.key: changelog.jsonable(getattr(event, column.key))
                    for column in AttendanceEvent.__table__.columns
                    if column.key not in changelog.META_COLUMNS
                }
                assert row == fields
                assert event.updated_hlc == mutation.hlc
                assert event.updated_by == demo.db.device_id
        assert stored == {}
        # The batch (its report names the file, its hash and the counts), then one entry
        # per mutation's rows (their count and ids), all named by the batch.
        entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        assert len(entries) == audit_before + 4
        assert [(e.entity, e.entity_id) for e in entries[-4:]] == [
            ("import_batches", str(report.batch_id))
        ] + [("attendance_events", str(report.batch_id))] * 3
        assert verify_audit(session).ok
        hlc_last = session.scalar(select(SyncState.value).where(SyncState.key == "hlc_last"))
        assert hlc_last == max(m.hlc for m in mutations)


def test_import_errors_beyond_200_are_counted(demo: Demo, tmp_path: Path) -> None:
    lines = [attlog_line(str(50_000 + i), local(APRIL, 8, 0)) for i in range(250)]
    path = write_attlog(tmp_path / "1_attlog.dat", lines)
    report = import_file(demo.db, demo.hall_id, "attlog", path)
    assert len(report.errors) == MAX_KEPT_ERRORS == 200
    assert report.error_count == 250
    assert report.more_errors == 50
    assert report.errors[-1].row == 200


# --- mappings ----------------------------------------------------------------


def test_import_saved_mapping_names_odd_columns(demo: Demo, tmp_path: Path) -> None:
    person = demo.staff[0]
    path = tmp_path / "vendor.csv"
    path.write_text(
        f"Emp Code;Full Name;Stamp;Reader\n{person.pin};{person.name};2026-04-01 08:10:00;R1\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFileError, match="no column for staff PIN"):
        import_file(demo.db, demo.hall_id, "punches", path)
    mapping = ColumnMapping("punches", {"pin": "Emp Code", "datetime": "Stamp"}, "门禁机")
    shown = preview(path, "punches", mapping)
    assert shown.problems == []
    assert (shown.columns["pin"], shown.columns["datetime"]) == (0, 2)
    with demo.db.write() as session:
        save_mapping(session, demo.hall_id, mapping)
    with demo.db.read() as session:
        assert list_mappings(session, demo.hall_id) == ["门禁机"]
        assert load_mapping(session, demo.hall_id, "门禁机").fields == mapping.fields

    report = import_file(demo.db, demo.hall_id, "punches", path, mapping="门禁机")

    assert report.rows_imported == 1
    assert report.mapping == "门禁机"
    with pytest.raises(Exception, match="no saved import mapping named 'nope'"):
        import_file(demo.db, demo.hall_id, "punches", path, mapping="nope")
    with pytest.raises(Exception, match="fixed layout"):
        import_file(demo.db, demo.hall_id, "attlog", path, mapping="门禁机")


def test_import_mapping_naming_a_missing_column_is_refused(demo: Demo, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("工号,打卡时间\n1001,2026-04-01 08:00:00\n", encoding="utf-8")
    mapping = ColumnMapping("punches", {"pin": "考勤号"}, "旧机器")
    with pytest.raises(ImportFileError, match="column '考勤号', which this file does not have"):
        import_file(demo.db, demo.hall_id, "punches", path, mapping=mapping)


# --- ZKTime 签到/签退 sheets ----------------------------------------------------


def zktime_rows(demo: Demo) -> list[list[str]]:
    """A ZKTime 签到/签退 sheet as offices save it: every cell text, footers below."""
    a, b, c = demo.staff[0], demo.staff[1], demo.staff[2]
    return [
        ["考勤记录表"],
        [],
        ZKTIME_HEADERS,
        [a.pin, a.name, "2026/4/1", "上午", "8:52", "12:01", "", "", ""],
        [a.pin, a.name, "2026/4/1", "下午", "13:25", "17:31", "", "", ""],
        [b.pin, b.name, "2026/4/1", "上午", "08:58", "", "", "", ""],  # forgot to sign out
        [b.pin, b.name, "2026/4/1", "下午", "", "17:40", "", "", ""],  # forgot to sign in
        [c.pin, c.name, "2026/4/1", "上午", "", "", "", "", "是"],  # absent: no punch at all
        [c.pin, c.name, "2026/4/1", "下午", "", "", "", "", "是"],
        [],
        ["合计", "", "", "", "", "", "0", "0", "2"],
        ["制表人：王芳", "", "", "", "", "", "", "", ""],
        ["Page &P of &N"],
    ]


def check_zktime_import(demo: Demo, path: Path) -> None:
    a, b, c = demo.staff[0], demo.staff[1], demo.staff[2]
    shown = preview(path, "punches")
    assert shown.header_row == 3
    assert {name: shown.columns[name] for name in ("pin", "date", "time", "time_out")} == {
        "pin": 0,
        "date": 2,
        "time": 4,
        "time_out": 5,
    }
    # Absent days and footers are no problems in the preview either.
    assert shown.problems == []
    report = import_file(demo.db, demo.hall_id, "punches", path)
    assert report.errors == []
    # Six times in four rows; the two rows without any time are absent days, not errors.
    assert (report.rows_read, report.rows_imported, report.rows_skipped) == (6, 6, 0)
    assert report.counts == {"absent_days": 2, "footer_rows": 3}
    assert [(w.row, w.code) for w in report.warnings] == [
        (11, "footer_skipped"),
        (12, "footer_skipped"),
        (13, "footer_skipped"),
    ]
    assert "Page &P of &N" in report.warnings[-1].reason
    stored = [(e.staff_id, e.occurred_at) for e in events(demo.db)]
    assert sorted(stored) == sorted(
        [
            (a.id, utc(APRIL, 8, 52)),
            (a.id, utc(APRIL, 12, 1)),
            (a.id, utc(APRIL, 13, 25)),
            (a.id, utc(APRIL, 17, 31)),
            (b.id, utc(APRIL, 8, 58)),
            (b.id, utc(APRIL, 17, 40)),
        ]
    )
    with demo.db.read() as session:
        sheet = {day.staff_id: day for day in day_sheet(session, demo.hall_id, APRIL)}
    # The sign-outs count: the day is read from both times of each row.
    assert len(sheet[a.id].punches) == 4
    assert sheet[b.id].missing == ("am_out", "pm_in")
    assert sheet[c.id].punches == ()
    assert sheet[c.id].absent_half_days == 2


def test_import_zktime_sign_in_sign_out_xlsx_all_text(demo: Demo, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    for row in zktime_rows(demo):
        sheet.append(row)
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.number_format = "@"  # text cells, as ZKTime writes them
    sheet.oddFooter.center.text = "Page &P of &N"
    path = tmp_path / "签到签退.xlsx"
    book.save(path)
    check_zktime_import(demo, path)


def test_import_zktime_sign_in_sign_out_xls(demo: Demo, tmp_path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("考勤记录")
    text = xlwt.easyxf(num_format_str="@")
    for r, row in enumerate(zktime_rows(demo)):
        for col, value in enumerate(row):
            sheet.write(r, col, value, text)
    sheet.footer_str = b"Page &P of &N"
    path = tmp_path / "签到签退.xls"
    book.save(str(path))
    check_zktime_import(demo, path)
