"""Roster imports: staff, units, windows and assignments from Excel, audited, all or nothing."""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from hallwatch.demo.generator import generate_demo
from hallwatch.domain.enums import AssignmentRole
from hallwatch.services.data.audit import verify_audit
from hallwatch.services.hall.halls import create_hall
from hallwatch.services.imports import ImportFileError, import_file, preview
from hallwatch.storage.database import Database
from hallwatch.storage.models import (
    AuditEntry,
    Hall,
    ImportBatch,
    OutboxMutation,
    Staff,
    Unit,
    Window,
    WindowAssignment,
)

HEADERS = ["工号", "姓名", "单位", "窗口", "考勤号", "电话", "岗位"]


@pytest.fixture
def hall(db: Database) -> uuid.UUID:
    with db.write("hall.create") as session:
        return create_hall(session, code="SZ", name="市民中心").id


def workbook(path: Path, rows: list[list[object]], headers: list[str] = HEADERS) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "人员名单"
    sheet.append(["窗口工作人员花名册"])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def counts(db: Database) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(db.folder.db_path)) as conn:
        names = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        found = {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
        found["audit_head"] = conn.execute(
            "SELECT value FROM sync_state WHERE key = 'audit_head'"
        ).fetchone()
    return found


def test_import_roster_creates_staff_units_windows_assignments(
    db: Database, hall: uuid.UUID, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "花名册.xlsx",
        [
            ["01001", "王芳", "市场监督管理局", "A01", 1001, "13800000001", "首席代表"],
            ["01002", "李强", "市场监督管理局", "A02", "", "", "窗口受理"],
            ["02001", "赵敏", "税务局", "B01", "2001", "", ""],
        ],
    )
    shown = preview(path, "roster")
    assert shown.columns == {
        "staff_no": 0,
        "name": 1,
        "unit": 2,
        "window": 3,
        "pin": 4,
        "phone": 5,
        "position": 6,
    }
    assert shown.header_row == 2

    report = import_file(db, hall, "roster", path)

    assert (report.rows_read, report.rows_imported, report.rows_skipped) == (3, 3, 0)
    assert report.counts == {
        "staff_created": 3,
        "staff_updated": 0,
        "units_created": 2,
        "windows_created": 3,
        "assignments_created": 3,
        "assignments_ended": 0,
    }
    with db.read() as session:
        staff = {s.staff_no: s for s in session.scalars(select(Staff))}
        units = {u.id: u for u in session.scalars(select(Unit))}
        windows = {w.number: w for w in session.scalars(select(Window))}
        assert staff["01001"].name == "王芳"
        assert staff["01001"].pin == "1001"
        assert staff["01002"].pin == ""
        assert staff["01001"].position == "首席代表"
        assert units[staff["02001"].unit_id].name == "税务局"
        assert units[windows["B01"].unit_id].name == "税务局"
        assignments = list(session.scalars(select(WindowAssignment)))
        assert {(a.staff_id, a.window_id, a.role) for a in assignments} == {
            (staff["01001"].id, windows["A01"].id, AssignmentRole.PRIMARY),
            (staff["01002"].id, windows["A02"].id, AssignmentRole.PRIMARY),
            (staff["02001"].id, windows["B01"].id, AssignmentRole.PRIMARY),
        }
        batch = session.get(ImportBatch, report.batch_id)
        assert batch is not None
        assert batch.kind == "roster"
        # Every row written through the ORM is audited and in the outbox.
        kinds = [m.kind for m in session.scalars(select(OutboxMutation))]
        assert kinds.count("staff.create") == 3
        assert kinds.count("window_assignments.create") == 3
        assert verify_audit(session).ok


def test_import_roster_updates_existing_staff_field_by_field(db: Database, tmp_path: Path) -> None:
    generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    with db.read() as session:
        person = session.scalars(select(Staff).order_by(Staff.staff_no)).first()
        assert person is not None
        old_pin, old_unit = person.pin, person.unit_id
    path = workbook(
        tmp_path / "r.xlsx",
        [[person.staff_no, person.name, "", "", "", "13911112222", "业务骨干"]],
    )
    with db.write() as session:
        # A demo hall is never synced: make it a real one, whose changes are queued.
        session.get_one(Hall, person.hall_id).is_demo = False
    with db.read() as session:
        audit_before = len(session.scalars(select(AuditEntry)).all())

    report = import_file(db, person.hall_id, "roster", path)

    assert report.rows_imported == 1
    assert report.counts["staff_updated"] == 1
    with db.read() as session:
        updated = session.get(Staff, person.id)
        assert updated is not None
        assert (updated.phone, updated.position) == ("13911112222", "业务骨干")
        # Empty cells change nothing.
        assert (updated.pin, updated.unit_id, updated.name) == (old_pin, old_unit, person.name)
        entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        assert [(e.action, e.entity) for e in entries[audit_before:]] == [
            ("import:create", "import_batches"),
            ("import:update", "staff"),
        ]
        update = session.scalars(
            select(OutboxMutation).where(OutboxMutation.kind == "staff.update")
        ).one()
        assert update.payload["fields"] == {"phone": "13911112222", "position": "业务骨干"}

    again = import_file(db, person.hall_id, "roster", path)
    assert (again.rows_imported, again.rows_unchanged, again.batch_id) == (0, 1, None)


def test_import_roster_moves_a_window_to_its_new_primary(
    db: Database, hall: uuid.UUID, tmp_path: Path
) -> None:
    first = workbook(
        tmp_path / "a.xlsx",
        [["01", "甲", "公安局", "C01", "", "", ""], ["02", "乙", "公安局", "", "", "", ""]],
    )
    import_file(db, hall, "roster", first)
    second = workbook(
        tmp_path / "b.xlsx",
        [
            ["02", "乙", "公安局", "C01", "", "", "", "A角"],
            ["01", "甲", "公安局", "C01", "", "", "", "B角"],
        ],
        [*HEADERS, "AB角"],
    )
    report = import_file(db, hall, "roster", second)
    assert report.counts["assignments_created"] == 2
    assert report.counts["assignments_ended"] == 1
    with db.read() as session:
        staff = {s.staff_no: s.id for s in session.scalars(select(Staff))}
        live = {
            (a.staff_id, a.role)
            for a in session.scalars(
                select(WindowAssignment).where(WindowAssignment.deleted.is_(False))
            )
        }
    # The old primary started today, so it is withdrawn rather than ended yesterday.
    assert live == {(staff["02"], AssignmentRole.PRIMARY), (staff["01"], AssignmentRole.BACKUP)}


def test_import_roster_bad_rows_refused_and_nothing_written(
    db: Database, hall: uuid.UUID, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "r.xlsx",
        [
            ["01001", "王芳", "税务局", "A01", "1001", "", ""],
            ["", "无工号", "税务局", "", "", "", ""],
            ["01002", "李强", "税务局", "A01", "", "", ""],  # A01 has its primary already
            ["01003", "张伟", "税务局", "", "1001", "", ""],  # PIN taken in the file
            ["01001", "王芳", "税务局", "A01", "1001", "", ""],  # the same row again: merged
            ["01001", "王芳芳", "税务局", "A01", "1001", "", ""],  # the same number, other values
            ["01004", "", "税务局", "", "", "", ""],  # new and nameless
        ],
    )
    before = counts(db)
    report = import_file(db, hall, "roster", path)
    assert counts(db) == before
    assert report.blocked
    assert [(e.row, e.column, e.code) for e in report.errors] == [
        (4, "工号", "empty_staff_no"),
        (5, "窗口", "duplicate_primary"),
        (6, "考勤号", "duplicate_pin"),
        (8, "工号", "duplicate_staff_no"),
        (9, "姓名", "missing_name"),
    ]
    assert report.duplicates_merged == 1

    kept = import_file(db, hall, "roster", path, keep_good_rows=True)
    assert (kept.rows_imported, kept.rows_skipped, kept.duplicates_merged) == (1, 5, 1)
    with db.read() as session:
        assert [s.staff_no for s in session.scalars(select(Staff))] == ["01001"]


def test_import_roster_needs_staff_number_and_name(
    db: Database, hall: uuid.UUID, tmp_path: Path
) -> None:
    path = workbook(tmp_path / "r.xlsx", [["税务局", "A01"]], ["单位", "窗口"])
    with pytest.raises(ImportFileError) as caught:
        import_file(db, hall, "roster", path)
    assert caught.value.params["missing"] == ["staff_no", "name"]
    assert "headers found: 单位, 窗口" in str(caught.value)


def test_import_roster_pin_taken_by_existing_staff(
    db: Database, hall: uuid.UUID, tmp_path: Path
) -> None:
    import_file(
        db, hall, "roster", workbook(tmp_path / "a.xlsx", [["01", "甲", "", "", "7", "", ""]])
    )
    report = import_file(
        db, hall, "roster", workbook(tmp_path / "b.xlsx", [["02", "乙", "", "", "7", "", ""]])
    )
    assert [(e.row, e.code, e.value) for e in report.errors] == [(3, "pin_taken", "7")]
    assert "already belongs to staff number 01" in report.errors[0].reason
