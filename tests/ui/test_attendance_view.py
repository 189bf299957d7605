"""The attendance screen (考勤) over a tiny demo hall, the clock pinned to 2026-03-31 10:30."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QDateTime, QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hallwatch.demo.generator import generate_demo
from hallwatch.domain.attendance import DayFlag, StaffDay
from hallwatch.domain.enums import AttendanceKind, LeaveKind
from hallwatch.services.attendance.sheets import day_sheet
from hallwatch.services.hall.halls import HallInfo, find_hall
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import AttendanceEvent, Leave
from ui.app import create_application
from ui.attendance.attendance_view import MONTH_TAB, AttendanceView
from ui.attendance.correction_dialog import CorrectionDialog
from ui.attendance.day_sheet_table_model import ROW_ROLE, DaySheetTableModel
from ui.attendance.leave_dialog import LeaveDialog
from ui.base.context import AppContext

ZONE = ZoneInfo("Asia/Shanghai")
MOMENT = datetime(2026, 3, 31, 10, 30, tzinfo=ZONE)
DAY = MOMENT.date()


@dataclass(frozen=True)
class Fixture:
    db: Database
    hall: HallInfo
    sheet: list[StaffDay]  # the day sheet of the fixture day, as the core computes it


@pytest.fixture
def fixture(folder: DataFolder) -> Iterator[Fixture]:
    db = Database.open(folder)
    generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    with db.read() as session:
        hall = find_hall(session)
        sheet = day_sheet(session, hall.id, DAY, now=MOMENT)
    yield Fixture(db, hall, sheet)
    db.close()


@pytest.fixture
def view(qtbot: QtBot, fixture: Fixture) -> Iterator[AttendanceView]:
    create_application()  # the zh_CN translation
    context = AppContext(fixture.db, fixture.hall, now=lambda: MOMENT)
    screen = AttendanceView(context)
    qtbot.addWidget(screen)
    screen.resize(1300, 700)
    screen.show()
    # The first read of a fresh data folder on a busy CI machine can take seconds.
    qtbot.waitUntil(lambda: screen.day_model.rowCount() == len(fixture.sheet), timeout=15_000)
    qtbot.waitUntil(
        lambda: screen.unit.count() > 1 and bool(screen.staff_choices()), timeout=15_000
    )
    yield screen
    screen.close()
    context.wait_idle()
    qtbot.wait(10)


def _cell(view: AttendanceView, staff_no: str, column: str) -> str:
    """Return what the day table shows for a person in a column (by the model's name)."""
    proxy = view.day_proxy
    col = DaySheetTableModel.COLUMNS.index(column)
    for row in range(proxy.rowCount()):
        day = proxy.index(row, 0).data(ROW_ROLE)
        if day.staff_no == staff_no:
            return str(proxy.index(row, col).data() or "")
    raise AssertionError(f"{staff_no} is not in the day sheet")


def _select(view: AttendanceView, staff_no: str) -> None:
    proxy = view.day_proxy
    for row in range(proxy.rowCount()):
        if proxy.index(row, 0).data(ROW_ROLE).staff_no == staff_no:
            view.day_table.selectRow(row)
            return
    raise AssertionError(staff_no)


def test_attendance_view_day_sheet_lists_staff_with_late_minutes(
    view: AttendanceView, fixture: Fixture
) -> None:
    assert view.current_day() == DAY  # today in the hall's zone
    late = [d for d in fixture.sheet if d.late_minutes]
    assert late, "the fixture day has a late arrival"
    for day in late:
        assert _cell(view, day.staff_no, "late") == str(day.late_minutes)
        assert _cell(view, day.staff_no, "name") == day.name
    first = late[0]
    words = {DayFlag.HALF_DAY_ABSENT: "旷工半天", DayFlag.LATE: "迟到"}
    assert _cell(view, first.staff_no, "status") == words.get(first.status)
    assert _cell(view, first.staff_no, "am_in") == first.punches[0].strftime("%H:%M")
    on_leave = [d for d in fixture.sheet if d.leave_kind is LeaveKind.VACATION]
    assert on_leave
    assert _cell(view, on_leave[0].staff_no, "leave") == "休假"
    assert _cell(view, on_leave[0].staff_no, "status") == "请假"
    normal = next(d for d in fixture.sheet if d.status is None)
    assert _cell(view, normal.staff_no, "status") == "正常"
    headers = [
        view.day_proxy.headerData(c, Qt.Orientation.Horizontal)
        for c in range(view.day_proxy.columnCount(QModelIndex()))
    ]
    assert headers == [
        "工号",
        "姓名",
        "单位",
        "上午上班",
        "上午下班",
        "下午上班",
        "下午下班",
        "迟到(分)",
        "早退(分)",
        "旷工(半天)",
        "缺卡",
        "脱岗(分)",
        "请假",
        "状态",
    ]
    # Abnormal rows are tinted, normal ones not.
    col = DaySheetTableModel.COLUMNS.index("name")
    tinted = {
        view.day_proxy.index(r, 0).data(ROW_ROLE).staff_no: view.day_proxy.index(r, col).data(
            Qt.ItemDataRole.BackgroundRole
        )
        for r in range(view.day_proxy.rowCount())
    }
    assert tinted[first.staff_no] is not None
    assert tinted[normal.staff_no] is None
    assert "12" in view.day_summary.text()


def test_attendance_view_sorts_by_late_minutes(view: AttendanceView, fixture: Fixture) -> None:
    column = DaySheetTableModel.COLUMNS.index("late")
    view.day_table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    top = view.day_proxy.index(0, 0).data(ROW_ROLE)
    assert top.late_minutes == max(d.late_minutes for d in fixture.sheet)


def test_attendance_view_unit_filter_and_day_keys(
    qtbot: QtBot, view: AttendanceView, fixture: Fixture
) -> None:
    unit_id = fixture.sheet[0].unit_id
    assert view.unit.select(unit_id)
    expected = sum(1 for d in fixture.sheet if d.unit_id == unit_id)
    qtbot.waitUntil(lambda: view.day_model.rowCount() == expected, timeout=5000)
    assert {d.unit_id for d in view.day_model.rows} == {unit_id}
    view.day_table.setFocus()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.day_table, timeout=3000)
    qtbot.keyClick(view.day_table, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert view.current_day() == DAY - timedelta(days=1)
    qtbot.waitUntil(
        lambda: bool(view.day_model.rows) and view.day_model.rows[0].day == DAY - timedelta(days=1),
        timeout=5000,
    )
    qtbot.keyClick(view.day_table, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert view.current_day() == DAY


def test_attendance_view_month_sheets(qtbot: QtBot, view: AttendanceView, fixture: Fixture) -> None:
    view.tabs.setCurrentIndex(MONTH_TAB)
    qtbot.waitUntil(lambda: view.staff_month_model.rowCount() == len(fixture.sheet), timeout=5000)
    qtbot.waitUntil(lambda: view.unit_month_model.rowCount() == 4, timeout=5000)
    assert view.current_month() == (2026, 3)
    proxy = view.staff_month_proxy
    headers = [
        proxy.headerData(c, Qt.Orientation.Horizontal)
        for c in range(proxy.columnCount(QModelIndex()))
    ]
    assert headers[:4] == ["工号", "姓名", "单位", "迟到(次)"]
    months = {m.staff_no: m for m in view.staff_month_model.rows}
    assert sum(m.late_count for m in months.values()) == sum(
        u.late_count for u in view.unit_month_model.rows
    )
    assert view.unit_month_proxy.headerData(1, Qt.Orientation.Horizontal) == "人数"


def test_attendance_view_leave_dialog_refuses_end_before_start(
    qtbot: QtBot, view: AttendanceView, fixture: Fixture
) -> None:
    person = next(d for d in fixture.sheet if d.status is None)
    _select(view, person.staff_no)
    view.day_table.setFocus()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.day_table, timeout=3000)
    qtbot.keyClick(view.day_table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = view.dialog
    assert isinstance(dialog, LeaveDialog)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "请假登记"
    assert dialog.staff.staff_id() == person.staff_id  # the selected row
    dialog.kind.setCurrentIndex(dialog.kind.findText("临时外出"))
    start = QDateTime(dialog.start.dateTime())
    dialog.end.setDateTime(start.addSecs(-3600))
    dialog.reason.setText("到区政务办送材料")
    dialog.approver.setText("张主任")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors["end"].isVisible(), timeout=5000)
    assert dialog.error_text("end") == "结束时间须晚于开始时间。"
    assert not dialog.errors["start"].isVisible()
    assert dialog.isVisible()
    with fixture.db.read() as session:
        assert session.scalar(select(Leave.id).where(Leave.staff_id == person.staff_id)) is None

    # Corrected: 10:00 to 11:30, saved, and the sheet shows the leave.
    dialog.start.setDateTime(QDateTime(QDate(2026, 3, 31), start.time().addSecs(-1800)))
    dialog.end.setDateTime(QDateTime(QDate(2026, 3, 31), start.time().addSecs(3600)))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    with fixture.db.read() as session:
        leave = session.execute(
            select(
                Leave.kind, Leave.starts_at, Leave.ends_at, Leave.reason, Leave.approved_by
            ).where(Leave.staff_id == person.staff_id)
        ).one()
    assert leave.kind is LeaveKind.OUTING
    assert leave.reason == "到区政务办送材料"
    assert leave.approved_by == "张主任"
    starts_at = leave.starts_at if leave.starts_at.tzinfo else leave.starts_at.replace(tzinfo=ZONE)
    assert starts_at.astimezone(ZONE) == MOMENT - timedelta(minutes=30)
    qtbot.waitUntil(lambda: _cell(view, person.staff_no, "leave") == "临时外出", timeout=5000)


def test_attendance_view_correction_dialog(
    qtbot: QtBot, view: AttendanceView, fixture: Fixture
) -> None:
    view.day_table.setFocus()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.day_table, timeout=3000)
    qtbot.keyClick(view.day_table, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    dialog = view.dialog
    assert isinstance(dialog, CorrectionDialog)
    assert dialog.windowTitle() == "补签"
    # Nobody chosen yet: said next to the field, nothing sent.
    dialog.save_button.click()
    assert dialog.error_text("staff") == "请从列表中选择人员。"
    person = fixture.sheet[1]
    dialog.staff.select(person.staff_id)
    dialog.time.setDateTime(QDateTime(QDate(2026, 3, 31), dialog.time.time().addSecs(-7200)))
    dialog.approver.setText("张主任")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.errors["reason"].isVisible(), timeout=5000)
    assert dialog.error_text("reason") == "请填写事由。"
    assert dialog.error_text("staff") == ""
    dialog.reason.setText("指纹机故障")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    with fixture.db.read() as session:
        notes = list(
            session.scalars(
                select(AttendanceEvent.note).where(
                    AttendanceEvent.kind == AttendanceKind.CORRECTION,
                    AttendanceEvent.staff_id == person.staff_id,
                )
            )
        )
    assert notes == ["指纹机故障"]


def test_attendance_view_follows_a_language_switch(
    qtbot: QtBot, view: AttendanceView, fixture: Fixture
) -> None:
    from ui.i18n import switch_language

    def header() -> str:
        return str(view.day_proxy.headerData(0, Qt.Orientation.Horizontal))

    normal = next(d for d in fixture.sheet if d.status is None)
    try:
        switch_language("en")
        qtbot.waitUntil(lambda: view.tabs.tabText(0) == "Day sheet", timeout=3000)
        assert header() == "Staff no."
        assert _cell(view, normal.staff_no, "status") == "Normal"
        assert view.unit.itemText(0) == "All units"
    finally:
        switch_language("zh_CN")
    qtbot.waitUntil(lambda: view.tabs.tabText(0) == "日考勤", timeout=3000)
    assert header() == "工号"
    assert _cell(view, normal.staff_no, "status") == "正常"


def test_attendance_view_without_a_hall(qtbot: QtBot, db: Database) -> None:
    create_application()
    context = AppContext(db, None)
    screen = AttendanceView(context)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.day_model.rowCount() == 0
    screen.tabs.setCurrentIndex(MONTH_TAB)
    assert screen.staff_month_model.rowCount() == 0
    assert not screen.message.isVisible()
    context.wait_idle()
