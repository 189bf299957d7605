"""Queue-system imports (排队叫号): tickets from CSV and Excel into cases, all or nothing."""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from hallwatch.domain.enums import CaseStatus
from hallwatch.domain.errors import InputError
from hallwatch.domain.ids import uuid7
from hallwatch.services.data.audit import verify_audit
from hallwatch.services.hall.halls import create_hall
from hallwatch.services.imports import (
    ColumnMapping,
    ImportCancelled,
    ImportFileError,
    import_file,
    list_rating_scales,
    load_rating_scale,
    preview,
    save_mapping,
    save_rating_scale,
)
from hallwatch.services.stats.metrics import case_stats
from hallwatch.storage import changelog
from hallwatch.storage.database import Database
from hallwatch.storage.models import (
    AuditEntry,
    Case,
    CaseEvent,
    ImportBatch,
    OutboxMutation,
    ServiceItem,
    Staff,
    Unit,
    Window,
)

ZONE = ZoneInfo("Asia/Shanghai")
HEADER = "票号,业务类型,窗口,工号,取号时间,叫号时间,办结时间,状态,挂起时长,满意度"


@dataclass(frozen=True, slots=True)
class Hall:
    db: Database
    id: uuid.UUID
    units: dict[str, uuid.UUID]
    windows: dict[str, uuid.UUID]
    staff: dict[str, uuid.UUID]
    items: dict[str, uuid.UUID]


@pytest.fixture
def hall(db: Database) -> Hall:
    """A small hall that syncs (not a demo): two units, three windows, staff and items."""
    units: dict[str, uuid.UUID] = {}
    windows: dict[str, uuid.UUID] = {}
    staff: dict[str, uuid.UUID] = {}
    items: dict[str, uuid.UUID] = {}
    with db.write("test") as session:
        info = create_hall(session, code="YZ", name="云州市政务服务中心")
        for code, name, short in (
            ("SCJG", "云州市市场监督管理局", "市场监管局"),
            ("RSJ", "云州市人力资源和社会保障局", "人社局"),
        ):
            unit = Unit(id=uuid7(), hall_id=info.id, code=code, name=name, short_name=short)
            session.add(unit)
            session.flush()
            units[code] = unit.id
        for number, unit_code in (("A01", "SCJG"), ("A02", "SCJG"), ("C01", "RSJ")):
            window = Window(id=uuid7(), hall_id=info.id, number=number, unit_id=units[unit_code])
            session.add(window)
            windows[number] = window.id
        for staff_no, name, pin, unit_code in (
            ("01001", "张瑞娜", "1001", "SCJG"),
            ("01002", "马辉林", "1002", "SCJG"),
            ("03001", "宋娜", "3001", "RSJ"),
        ):
            person = Staff(
                id=uuid7(),
                hall_id=info.id,
                staff_no=staff_no,
                name=name,
                pin=pin,
                unit_id=units[unit_code],
            )
            session.add(person)
            staff[staff_no] = person.id
        for code, name, unit_code, promised, legal in (
            ("SCJG-001", "企业设立登记", "SCJG", 1, 15),
            ("SCJG-004", "食品经营许可证核发", "SCJG", 7, 20),
            ("RSJ-001", "社会保障卡申领", "RSJ", 0, 1),
        ):
            item = ServiceItem(
                id=uuid7(),
                hall_id=info.id,
                unit_id=units[unit_code],
                code=code,
                name=name,
                promised_days=promised,
                legal_days=legal,
            )
            session.add(item)
            items[code] = item.id
    return Hall(db, info.id, units, windows, staff, items)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZONE).astimezone(UTC)


def write_csv(path: Path, lines: list[str], encoding: str = "gb18030") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def counts(db: Database) -> dict[str, int]:
    """Row counts of every table: what 'nothing changed' means."""
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


def tickets(db: Database) -> dict[str, Case]:
    with db.read() as session:
        return {
            case.ticket_no: case
            for case in session.scalars(select(Case).where(Case.source == "queue"))
        }


GOOD = [
    "2026年4月1日 排队叫号明细",  # a title above the header
    "",
    HEADER,
    "A001,企业设立登记,A01,01001,2026-04-01 09:00:00,2026-04-01 09:05:10,"
    "2026-04-01 09:20:00,办结,0,5",
    "A002,SCJG-004,A01,01001,2026-04-01 09:01:00,2026-04-01 09:21:00,2026-04-01 09:40:00,"
    "已完成,3,非常满意",
    "A003,,A02,马辉林,2026-04-01 09:02:00,2026-04-01 09:30:00,,过号,,",
    "C001,社会保障卡申领,C01,3001,2026-04-01 09:03:00,09:30,09:50,,,4",
    "C002,,,,2026-04-01 09:04:00,,,,,",
    "C003,,C01,03001,2026-04-01 09:05:00,2026-04-01 09:55:00,,转移,,",
]


# --- formats -------------------------------------------------------------------------


def test_import_queue_gb18030_csv_chinese_headers(hall: Hall, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "排队明细.csv", GOOD)
    seen: list[float] = []

    report = import_file(hall.db, hall.id, "queue", path, progress=lambda f, _t: seen.append(f))

    assert report.errors == []
    assert (report.rows_read, report.rows_imported, report.rows_skipped) == (6, 6, 0)
    assert report.encoding == "gb18030"
    assert report.counts == {"created": 6, "updated": 0, "provisional": 0}
    assert seen[-1] == 1.0
    stored = tickets(hall.db)
    assert sorted(stored) == ["A001", "A002", "A003", "C001", "C002", "C003"]
    a1 = stored["A001"]
    assert a1.status is CaseStatus.FINISHED
    assert (a1.taken_at, a1.called_at, a1.finished_at) == (
        utc("2026-04-01 09:00:00"),
        utc("2026-04-01 09:05:10"),
        utc("2026-04-01 09:20:00"),
    )
    assert (a1.window_id, a1.staff_id, a1.unit_id, a1.service_item_id) == (
        hall.windows["A01"],
        hall.staff["01001"],
        hall.units["SCJG"],
        hall.items["SCJG-001"],
    )
    assert (a1.rating, a1.rating_raw, a1.hold_minutes, a1.accepted_at) == (5, "5", 0, None)
    a2 = stored["A002"]
    assert (a2.service_item_id, a2.hold_minutes, a2.rating, a2.rating_raw) == (
        hall.items["SCJG-004"],
        3,
        5,
        "非常满意",
    )
    # 过号 with a call time; the operator named by name.
    a3 = stored["A003"]
    assert (a3.status, a3.staff_id, a3.finished_at) == (
        CaseStatus.ABANDONED,
        hall.staff["01002"],
        None,
    )
    # Times of day alone are on the day the ticket was taken; no state: from the times.
    c1 = stored["C001"]
    assert (c1.status, c1.called_at, c1.finished_at) == (
        CaseStatus.FINISHED,
        utc("2026-04-01 09:30:00"),
        utc("2026-04-01 09:50:00"),
    )
    assert (c1.staff_id, c1.unit_id, c1.rating) == (hall.staff["03001"], hall.units["RSJ"], 4)
    assert (stored["C002"].status, stored["C002"].unit_id) == (CaseStatus.WAITING, None)
    assert stored["C003"].status is CaseStatus.TRANSFERRED
    with hall.db.read() as session:
        batch = session.get_one(ImportBatch, report.batch_id)
        assert (batch.kind, batch.file_name, batch.rows_imported) == ("queue", "排队明细.csv", 6)
        # The rows of a batch carry its import time as their creation time.
        assert {case.created_at for case in stored.values()} == {batch.imported_at}
        assert verify_audit(session).ok


def test_import_queue_xlsx_date_and_time_cells(hall: Hall, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["云州市政务服务中心 叫号记录"])
    sheet.append(
        ["排队号", "事项", "窗口号", "操作员", "日期", "取号时间", "叫号时间", "完成时间", "评价"]
    )
    day = date(2026, 4, 2)
    sheet.append(
        [
            "A101",
            "企业设立登记",
            "A01窗口",
            "张瑞娜",
            day,
            time(9, 0),
            time(9, 4, 30),
            time(9, 15),
            3,
        ]
    )
    sheet.append(
        [
            "A102",
            "SCJG-004",
            "a02",
            1002,  # staff number as a number: Excel dropped the leading zero
            datetime(2026, 4, 2),
            datetime(2026, 4, 2, 9, 10),
            datetime(2026, 4, 2, 9, 20),
            datetime(2026, 4, 2, 9, 50),
            None,
        ]
    )
    path = tmp_path / "queue.xlsx"
    book.save(path)

    report = import_file(hall.db, hall.id, "queue", path)

    assert report.errors == []
    assert (report.rows_read, report.rows_imported) == (2, 2)
    assert report.encoding == ""
    stored = tickets(hall.db)
    assert (stored["A101"].window_id, stored["A101"].staff_id) == (
        hall.windows["A01"],
        hall.staff["01001"],
    )
    assert (stored["A101"].taken_at, stored["A101"].called_at, stored["A101"].finished_at) == (
        utc("2026-04-02 09:00:00"),
        utc("2026-04-02 09:04:30"),
        utc("2026-04-02 09:15:00"),
    )
    assert (stored["A101"].rating, stored["A101"].status) == (3, CaseStatus.FINISHED)
    assert (stored["A102"].window_id, stored["A102"].staff_id, stored["A102"].rating) == (
        hall.windows["A02"],
        hall.staff["01002"],
        None,
    )


def test_import_queue_english_headers_and_preview(hall: Hall, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "export.csv",
        [
            "Ticket No,Service,Window,Operator,Take Time,Call Time,Finish Time,Status,Rating",
            "A201,SCJG-001,A01,01001,2026-04-03 09:00,2026-04-03 09:02,2026-04-03 09:10,finished,5",
            "A202,,A01,01001,2026-04-03 09:01,,,abandoned,",
        ],
        "utf-8",
    )
    shown = preview(path, "queue")
    assert shown.missing == []
    assert shown.columns == {
        "ticket_no": 0,
        "item": 1,
        "window": 2,
        "staff": 3,
        "taken_at": 4,
        "called_at": 5,
        "finished_at": 6,
        "state": 7,
        "rating": 8,
    }
    report = import_file(hall.db, hall.id, "queue", path)
    assert (report.rows_imported, report.error_count) == (2, 0)
    assert tickets(hall.db)["A202"].status is CaseStatus.ABANDONED


def test_import_queue_missing_take_time_column_refused(hall: Hall, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "q.csv", ["票号,窗口", "A001,A01"])
    with pytest.raises(ImportFileError) as caught:
        import_file(hall.db, hall.id, "queue", path)
    assert caught.value.code == "missing_columns"
    assert "take-ticket time (取号时间)" in str(caught.value)


# --- bad input -------------------------------------------------------------------------


def test_import_queue_broken_file_refused_by_row_and_nothing_changes(
    hall: Hall, tmp_path: Path
) -> None:
    first = write_csv(tmp_path / "day1.csv", GOOD)
    assert import_file(hall.db, hall.id, "queue", first).rows_imported == 6
    before = counts(hall.db)
    lines = [
        HEADER,
        "B001,,A01,01001,2026-04-02 09:00:00,2026-04-02 08:55:00,2026-04-02 09:20:00,办结,,",
        "B002,,A01,01001,2026-04-02 09:00:00,2026-04-02 09:05:00,2026-04-02 09:01:00,办结,,",
        "B003,,Z99,01001,2026-04-02 09:00:00,,,,,",
        "B004,,A01,99999,2026-04-02 09:00:00,,,,,",
        "B005,,A01,01001,2026-04-02 09:00:00,2026-04-02 09:05:00,2026-04-02 09:20:00,办结,,6",
        "B006,,A01,01001,2026-04-02 09:10:00,2026-04-02 09:15:00,2026-04-02 09:20:00,办结,9,",
        "B007,,A01,01001,2026-04-02 09:00:00,,,,,",
        "B007,,A01,01001,2026-04-02 09:03:00,,,,,",  # the same number again, another ticket
        "B008,,A01,01001,2026-04-02 09:00:00,,,,,",
        "B008,,A01,01001,2026-04-02 09:00:00,,,,,",  # the very same row twice: merged
        # A001 of 04-01 is stored with a take time of 09:00.
        "A001,,A01,01001,2026-04-01 10:00:00,,,,,",
        "B009,没有的事项,A01,01001,2026-04-02 09:00:00,,,,,",
        "B010,,A01,01001,2026-04-02 9点,,,,,",
        "B011,,A01,01001,2026-04-02 09:00:00,,,飞走了,,",
        "B012,,A01,01001,2026-04-02 09:00:00,,,办结,,",
        "B013,,A01,01001,2026-04-02 09:00:00,2026-04-02 09:01:00,,等待,,",
        "B014,,A01,01001,2099-04-02 09:00:00,,,,,",
        "B015,,A01,01001,2026-04-02 09:00:00,2026-04-02 09:01:00,,过号,,3",
        "B016,,A01,01001,2026-04-02 09:00:00,,,已叫号,,",
    ]
    path = write_csv(tmp_path / "broken.csv", lines)

    report = import_file(hall.db, hall.id, "queue", path)

    assert report.blocked
    assert report.batch_id is None
    assert [(error.row, error.code) for error in report.errors] == [
        (2, "called_before_taken"),
        (3, "finished_before_called"),
        (4, "unknown_window"),
        (5, "unknown_staff"),
        (6, "rating_out_of_scale"),
        (7, "hold_too_long"),
        (9, "duplicate_ticket"),
        (12, "ticket_taken"),
        (13, "unknown_item"),
        (14, "bad_time"),
        (15, "unknown_state"),
        (16, "finished_without_time"),
        (17, "state_conflict"),
        (18, "future"),
        (19, "rating_unserved"),
        (20, "called_without_time"),
    ]
    by_row = {error.row: error for error in report.errors}
    assert by_row[2].column == "叫号时间"
    assert by_row[2].reason == (
        "called at 2026-04-02 08:55:00, before the ticket was taken (2026-04-02 09:00:00); "
        "check the times"
    )
    assert by_row[4].reason.startswith("unknown window Z99")
    assert by_row[5].column == "工号"
    assert by_row[6].reason.startswith("rating '6' is outside the rating scale of 'queue'")
    assert by_row[9].reason == (
        "ticket B007 of 2026-04-02 appears again with other values (first on row 8)"
    )
    assert "already stored with another take-ticket time (2026-04-01 09:00:00)" in (
        by_row[12].reason
    )
    assert (report.duplicates_merged, report.rows_valid) == (1, 2)
    assert counts(hall.db) == before

    # Asked for, the good rows go in: B007 (its first row) and B008.
    kept = import_file(hall.db, hall.id, "queue", path, keep_good_rows=True)
    assert (kept.rows_imported, kept.rows_skipped, kept.duplicates_merged) == (2, 16, 1)
    assert {"B007", "B008"} <= set(tickets(hall.db))
    assert "B001" not in tickets(hall.db)


def test_import_queue_dry_run_and_cancel_change_nothing(hall: Hall, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "q.csv", GOOD)
    before = counts(hall.db)
    report = import_file(hall.db, hall.id, "queue", path, dry_run=True)
    assert (report.dry_run, report.rows_imported, report.batch_id) == (True, 6, None)
    assert counts(hall.db) == before
    with pytest.raises(ImportCancelled):
        import_file(hall.db, hall.id, "queue", path, cancelled=lambda: True, dry_run=False)
    assert counts(hall.db) == before


def test_import_queue_cancel_while_writing_rolls_back(hall: Hall, tmp_path: Path) -> None:
    lines = [HEADER] + [
        f"A{n:04d},,A01,01001,2026-04-0{1 + n % 5} 09:00:00,,,,," for n in range(20_000)
    ]
    path = write_csv(tmp_path / "big.csv", lines)
    before = counts(hall.db)
    calls = iter(range(1_000_000))

    def cancelled() -> bool:
        # Not during the check (two looks); during the write.
        return next(calls) >= 3

    with pytest.raises(ImportCancelled):
        import_file(hall.db, hall.id, "queue", path, cancelled=cancelled)
    assert counts(hall.db) == before


# --- duplicates against the stored tickets ------------------------------------------------


def test_import_queue_again_changes_nothing_then_updates_what_differs(
    hall: Hall, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "q.csv", GOOD)
    first = import_file(hall.db, hall.id, "queue", path)
    assert first.rows_imported == 6

    again = import_file(hall.db, hall.id, "queue", path)
    assert (again.rows_imported, again.rows_unchanged, again.batch_id) == (0, 6, None)

    # A later export of the day: C003 was taken back and finished, and rated.
    later = [
        *GOOD[:-1],
        "C003,,C01,03001,2026-04-01 09:05:00,2026-04-01 09:55:00,2026-04-01 10:10:00,办结,,2",
        "C004,,C01,03001,2026-04-01 10:15:00,,,,,",
    ]
    with hall.db.read() as session:
        audit_before = session.scalar(select(func.count()).select_from(AuditEntry))
    report = import_file(hall.db, hall.id, "queue", write_csv(tmp_path / "later.csv", later))
    assert (report.rows_imported, report.rows_unchanged) == (2, 5)
    assert report.counts == {"created": 1, "updated": 1, "provisional": 0}
    c3 = tickets(hall.db)["C003"]
    assert (c3.status, c3.finished_at, c3.rating) == (
        CaseStatus.FINISHED,
        utc("2026-04-01 10:10:00"),
        2,
    )
    with hall.db.read() as session:
        # The batch, the update and its history entry are audited; the new row travels in
        # the bulk mutation, audited with its chunk of rows (count and ids).
        entries = list(
            session.scalars(select(AuditEntry).order_by(AuditEntry.seq).offset(audit_before))
        )
        assert sorted((entry.entity, entry.action) for entry in entries) == [
            ("case_events", "import:create"),
            ("cases", "import:bulk_create"),
            ("cases", "import:update"),
            ("import_batches", "import:create"),
        ]
        assert str(c3.id) in {entry.entity_id for entry in entries}
        [event] = session.scalars(select(CaseEvent).where(CaseEvent.case_id == c3.id))
        assert (event.kind, event.detail["batch_id"], event.detail["file"]) == (
            "imported",
            str(report.batch_id),
            "later.csv",
        )
        assert event.detail["fields"] == {
            "status": ["transferred", "finished"],
            "finished_at": [None, "2026-04-01T02:10:00+00:00"],
            # The queue's finish is the end of service at the window too.
            "service_finished_at": [None, "2026-04-01T02:10:00+00:00"],
            "rating": [None, 2],
            "rating_raw": ["", "2"],
            # No rating time in the file: rated when it was finished, as manual entry has it.
            "rated_at": [None, "2026-04-01T02:10:00+00:00"],
        }
        assert verify_audit(session).ok


def test_import_queue_outbox_carries_the_stored_rows(hall: Hall, tmp_path: Path) -> None:
    lines = [HEADER] + [
        f"A{n:04d},企业设立登记,A01,01001,2026-04-01 09:00:00,2026-04-01 09:10:00,"
        f"2026-04-01 09:20:00,办结,1,{1 + n % 5}"
        for n in range(2_500)
    ]
    path = write_csv(tmp_path / "q.csv", lines)
    with hall.db.read() as session:
        outbox_before = session.scalar(select(func.max(OutboxMutation.seq))) or 0

    report = import_file(hall.db, hall.id, "queue", path)

    assert report.rows_imported == 2_500
    with hall.db.read() as session:
        mutations = list(
            session.scalars(
                select(OutboxMutation)
                .where(OutboxMutation.seq > outbox_before)
                .order_by(OutboxMutation.seq)
            )
        )
        assert [m.kind for m in mutations] == ["import_batches.create"] + ["cases.bulk_create"] * 3
        bulk = [m.payload for m in mutations[1:]]
        assert [len(p["rows"]) for p in bulk] == [1000, 1000, 500]
        stored = {str(case.id): case for case in session.scalars(select(Case))}
        for payload, mutation in zip(bulk, mutations[1:], strict=True):
            assert payload["batch_id"] == str(report.batch_id)
            for values in payload["rows"]:
                row = {**payload["common"], **dict(zip(payload["columns"], values, strict=True))}
                case = stored.pop(row["id"])
                fields = {
                    column.key: changelog.jsonable(getattr(case, column.key))
                    for column in Case.__table__.columns
                    if column.key not in changelog.META_COLUMNS
                }
                assert row == fields
                assert case.updated_hlc == mutation.hlc
        assert stored == {}


# --- rating scales --------------------------------------------------------------------------


def test_import_queue_rating_scale_of_the_source(hall: Hall, tmp_path: Path) -> None:
    # A three-key pad: 1 不满意, 3 满意, 4 非常满意.
    with hall.db.write() as session:
        saved = save_rating_scale(session, hall.id, "叫号系统", {1: 2, "3": 4, "4": 5})
    assert saved.levels == {"1": 2, "3": 4, "4": 5}
    lines = [HEADER] + [
        f"A{n:03d},,A01,01001,2026-04-01 09:0{n}:00,2026-04-01 09:1{n}:00,"
        f"2026-04-01 09:2{n}:00,办结,,{raw}"
        for n, raw in enumerate(["1", "3", "4", "4.0", "非常不满意", "未评价"])
    ]
    path = write_csv(tmp_path / "q.csv", lines)

    report = import_file(hall.db, hall.id, "queue", path, source="叫号系统")

    assert report.errors == []
    stored = tickets(hall.db)
    assert [(stored[f"A{n:03d}"].rating, stored[f"A{n:03d}"].rating_raw) for n in range(6)] == [
        (2, "1"),
        (4, "3"),
        (5, "4"),
        (5, "4.0"),
        (1, "非常不满意"),
        (None, ""),
    ]
    # 2 and 5 are no keys of that pad: outside its scale.
    bad = write_csv(
        tmp_path / "bad.csv",
        [
            HEADER,
            "B001,,A01,01001,2026-04-02 09:00:00,09:01:00,09:10:00,,,2",
            "B002,,A01,01001,2026-04-02 09:01:00,09:11:00,09:20:00,,,5",
        ],
    )
    refused = import_file(hall.db, hall.id, "queue", bad, source="叫号系统")
    assert [(error.row, error.code) for error in refused.errors] == [
        (2, "rating_out_of_scale"),
        (3, "rating_out_of_scale"),
    ]
    assert refused.errors[0].reason == (
        "rating '2' is outside the rating scale of '叫号系统' (1→不满意, 3→满意, 4→非常满意)"
    )
    # The mapping's name names the source when none is given.
    with hall.db.write() as session:
        save_mapping(session, hall.id, ColumnMapping("queue", {}, "叫号系统"))
    assert import_file(hall.db, hall.id, "queue", bad, mapping="叫号系统").error_count == 2
    # Another source rates 1–5 as the national scale does.
    assert import_file(hall.db, hall.id, "queue", bad).rows_imported == 2
    assert [tickets(hall.db)[t].rating for t in ("B001", "B002")] == [2, 5]
    with hall.db.read() as session:
        assert list_rating_scales(session, hall.id) == ["叫号系统"]
        assert load_rating_scale(session, hall.id, "other").levels == {
            str(level): level for level in range(1, 6)
        }


@pytest.mark.parametrize(
    ("levels", "words"),
    [
        ({"1": 6}, "not a level"),
        ({"1": 0}, "not a level"),
        ({}, "empty"),
        ({"": 3}, "cannot be mapped"),
        ({"1": True}, "not a level"),
    ],
)
def test_rating_scale_bad_levels_refused(hall: Hall, levels: dict[str, int], words: str) -> None:
    with hall.db.write() as session, pytest.raises(InputError, match=words):
        save_rating_scale(session, hall.id, "叫号系统", levels)


# --- what queue systems really write (issue 11, item 4) ---------------------------------

STATE_HEADER = "票号,窗口,工号,取号时间,叫号时间,办结时间,状态"
# State words as vendors' exports write them, each with times that agree with it.
VENDOR_STATES = {
    CaseStatus.ABANDONED: ("已弃号", "弃号", "已过号", "过号"),
    CaseStatus.PAUSED: ("已挂起", "挂起"),
    CaseStatus.TRANSFERRED: ("已转移", "转移"),
    CaseStatus.CALLED: ("正在办理", "办理中", "已叫号", "叫号"),
    CaseStatus.WAITING: ("等候中", "等待中", "未叫号"),
    CaseStatus.FINISHED: ("已办结", "办结", "完成", "已完成", "已评价"),
}


def test_import_queue_vendor_state_words(hall: Hall, tmp_path: Path) -> None:
    lines = [STATE_HEADER]
    expected: dict[str, CaseStatus] = {}
    number = 0
    for status, words in VENDOR_STATES.items():
        for word in words:
            number += 1
            ticket = f"A{number:03d}"
            taken = f"2026-04-01 09:{number:02d}:00"
            called = f"2026-04-01 10:{number:02d}:00"
            finished = f"2026-04-01 11:{number:02d}:00"
            if status is CaseStatus.WAITING:
                called = finished = ""
            elif status is not CaseStatus.FINISHED:
                # Still at the window, or gone: .NET's minimum date for "no finish yet".
                finished = "0001-01-01 00:00:00"
            lines.append(f"{ticket},A01,01001,{taken},{called},{finished},{word}")
            expected[ticket] = status
    report = import_file(hall.db, hall.id, "queue", write_csv(tmp_path / "states.csv", lines))
    assert (report.error_count, report.rows_imported) == (0, len(expected))
    stored = tickets(hall.db)
    assert {ticket: case.status for ticket, case in stored.items()} == expected
    assert all(
        case.finished_at is None and case.service_finished_at is None
        for case in stored.values()
        if case.status is not CaseStatus.FINISHED
    )


@pytest.mark.parametrize(
    "placeholder",
    [
        "0001-01-01 00:00:00",  # .NET DateTime.MinValue
        "0001/1/1 0:00:00",  # the same, as a zh-CN .NET ToString() writes it
        "1900-01-01 00:00:00",  # SQL Server / Excel day 1
        "0000-00-00 00:00:00",  # MySQL's zero date
        "1970-01-01 08:00:00",  # epoch 0 in China
    ],
)
def test_import_queue_placeholder_finish_is_no_finish(
    hall: Hall, tmp_path: Path, placeholder: str
) -> None:
    lines = [
        STATE_HEADER,
        f"A001,A01,01001,2026-04-01 09:00:00,2026-04-01 09:10:00,{placeholder},正在办理",
        "A002,A01,01001,2026-04-01 09:01:00,2026-04-01 09:20:00,2026-04-01 09:30:00,已完成",
    ]
    report = import_file(hall.db, hall.id, "queue", write_csv(tmp_path / "q.csv", lines))
    assert (report.error_count, report.rows_imported) == (0, 2)
    a1, a2 = tickets(hall.db)["A001"], tickets(hall.db)["A002"]
    assert (a1.status, a1.called_at, a1.finished_at) == (
        CaseStatus.CALLED,
        utc("2026-04-01 09:10:00"),
        None,
    )
    assert (a2.finished_at, a2.service_finished_at) == (utc("2026-04-01 09:30:00"),) * 2


@pytest.mark.parametrize("value", ["1969-12-31 23:59:59", "0001-01-01 00:00:00", "1899/12/30 9:05"])
def test_import_queue_time_before_1970_elsewhere_refused_as_written(
    hall: Hall, tmp_path: Path, value: str
) -> None:
    lines = [
        STATE_HEADER,
        f"A001,A01,01001,2026-04-01 09:00:00,{value},2026-04-01 09:30:00,已完成",
    ]
    before = counts(hall.db)
    report = import_file(hall.db, hall.id, "queue", write_csv(tmp_path / "q.csv", lines))
    assert report.rows_imported == 0
    [error] = report.errors
    assert (error.row, error.column, error.value, error.code) == (
        2,
        "叫号时间",
        value,
        "time_out_of_range",
    )
    assert repr(value) in error.reason
    assert "before 1970" in error.reason
    assert counts(hall.db) == before


def test_import_queue_saved_mapping_adds_numeric_state_codes(hall: Hall, tmp_path: Path) -> None:
    # A vendor writes states as codes: 0 排队中, 1 已叫号, 3 已完成, 4 过号, 7 转窗.
    lines = [
        STATE_HEADER,
        "A001,A01,01001,2026-04-01 09:00:00,,,0",
        "A002,A01,01001,2026-04-01 09:01:00,2026-04-01 09:10:00,,1",
        "A003,A01,01001,2026-04-01 09:02:00,2026-04-01 09:12:00,2026-04-01 09:20:00,3",
        "A004,A01,01001,2026-04-01 09:03:00,2026-04-01 09:14:00,,4",
        "A005,A01,01001,2026-04-01 09:04:00,2026-04-01 09:16:00,,7",
    ]
    path = write_csv(tmp_path / "codes.csv", lines)
    refused = import_file(hall.db, hall.id, "queue", path)
    assert refused.rows_imported == 0
    assert {error.code for error in refused.errors} == {"unknown_state"}
    assert "saved mapping" in refused.errors[0].reason
    with hall.db.write("mapping") as session:
        with pytest.raises(InputError, match="not a state"):
            save_mapping(session, hall.id, ColumnMapping("queue", {}, "号码系统", {"3": "done"}))
        save_mapping(
            session,
            hall.id,
            ColumnMapping(
                "queue",
                {},
                "号码系统",
                {
                    "0": "waiting",
                    "1": "called",
                    "3": "finished",
                    "4": "abandoned",
                    "7": "transferred",
                },
            ),
        )
    report = import_file(hall.db, hall.id, "queue", path, mapping="号码系统")
    assert (report.error_count, report.rows_imported) == (0, 5)
    assert [case.status for _ticket, case in sorted(tickets(hall.db).items())] == [
        CaseStatus.WAITING,
        CaseStatus.CALLED,
        CaseStatus.FINISHED,
        CaseStatus.ABANDONED,
        CaseStatus.TRANSFERRED,
    ]


def test_import_queue_accepted_ticket_keeps_service_end_and_stays_open(
    hall: Hall, tmp_path: Path
) -> None:
    # 食品经营许可证核发 is promised in 7 working days: accepted at the window, the case goes
    # on after the service there ended; 社会保障卡申领 (即办件) is finished at the window.
    lines = [
        "票号,业务类型,窗口,工号,取号时间,叫号时间,受理时间,办结时间,状态",
        "A001,食品经营许可证核发,A01,01001,2026-04-01 09:00:00,2026-04-01 09:10:00,"
        "2026-04-01 09:15:00,2026-04-01 09:40:00,已完成",
        "C001,社会保障卡申领,C01,3001,2026-04-01 09:00:00,2026-04-01 09:05:00,"
        "2026-04-01 09:06:00,2026-04-01 09:17:00,已完成",
    ]
    report = import_file(hall.db, hall.id, "queue", write_csv(tmp_path / "q.csv", lines))
    assert (report.error_count, report.rows_imported) == (0, 2)
    a1, c1 = tickets(hall.db)["A001"], tickets(hall.db)["C001"]
    assert (a1.status, a1.finished_at, a1.service_finished_at) == (
        CaseStatus.ACCEPTED,
        None,
        utc("2026-04-01 09:40:00"),
    )
    assert (a1.promised_days, a1.legal_days, a1.promised_due) == (7, 20, date(2026, 4, 13))
    assert (c1.status, c1.finished_at, c1.service_finished_at) == (
        CaseStatus.FINISHED,
        utc("2026-04-01 09:17:00"),
        utc("2026-04-01 09:17:00"),
    )
    with hall.db.read() as session:
        [row] = case_stats(
            session,
            hall.id,
            date(2026, 4, 1),
            date(2026, 4, 1),
            group_by="hall",
            now=datetime(2026, 4, 2, tzinfo=UTC),
        )
    # 30 minutes at A01 (09:10 → 09:40) and 12 at C01: both count, whatever the item.
    assert row.average_service_minutes == pytest.approx(21.0)
    assert (row.finished, row.open_at_end) == (1, 1)
