"""办件 view: filter, search and scroll over 100k+ cases, a case's timeline, export."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from hallwatch.demo.generator import generate_demo
from hallwatch.storage import direct
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.queries import hall as hall_queries
from ui.app import create_application
from ui.base.context import AppContext
from ui.cases.cases_view import CasesView

AT = datetime(2026, 3, 25, 2, 0, tzinfo=UTC)
COPIES = 8  # the tiny demo's ~460 cases, doubled 8 times: ~118k


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> DataFolder:
    folder = DataFolder(tmp_path_factory.mktemp("cases-view") / "data")
    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    # Many more cases, fast: copies of the demo's with new ids, tickets up to a year back.
    with sqlite3.connect(folder.db_path) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(cases)")]
        chosen = ", ".join(
            "lower(hex(randomblob(16)))"
            if name == "id"
            else "strftime('%Y-%m-%d %H:%M:%S', taken_at, '-' || (abs(random()) % 360) || ' days')"
            if name == "taken_at"
            else name
            for name in columns
        )
        for _ in range(COPIES):
            conn.execute(f"INSERT INTO cases ({', '.join(columns)}) SELECT {chosen} FROM cases")
    conn.close()
    return folder


@pytest.fixture
def view(qtbot: QtBot, big: DataFolder) -> Iterator[CasesView]:
    create_application()
    with direct.reading(big) as conn:
        hall = hall_queries.halls(conn)[0]
    context = AppContext(big, hall, now=lambda: AT)
    cases = CasesView(context)
    qtbot.addWidget(cases)
    cases.resize(1400, 900)
    cases.show()
    qtbot.waitUntil(lambda: not cases.loading and cases.model.count > 0, timeout=10_000)
    yield cases
    cases.close()
    context.wait_idle()
    context.close()


def _count(folder: DataFolder, where: str = "1", *params: object) -> int:
    with direct.reading(folder) as conn:
        sql = f"SELECT count(*) FROM cases WHERE deleted = 0 AND {where}"
        return int(conn.execute(sql, params).fetchone()[0])


def test_cases_view_filters_scrolls_and_opens_a_timeline(
    qtbot: QtBot, view: CasesView, big: DataFolder
) -> None:
    total = _count(big)
    assert total > 100_000
    assert view.model.count == total
    assert view.count_label.text() == f"共 {total:,} 件"
    assert view.model.headerData(1, Qt.Orientation.Horizontal) == "办件编号"

    # A unit: the count is the unit's.
    qtbot.waitUntil(lambda: view.unit.count() == 5, timeout=5000)
    view.unit.setCurrentIndex(2)
    unit_id = view.unit.chosen()
    assert unit_id is not None
    in_unit = _count(big, "unit_id = ?", unit_id.hex)
    qtbot.waitUntil(lambda: view.model.count == in_unit and not view.loading, timeout=5000)
    assert 0 < in_unit < total

    # To the last row: its page is read when it comes into view.
    last = view.model.count - 1
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.row_at(last) is not None, timeout=5000)
    assert view.model.data(view.model.index(last, 1)) != "…"
    shown = view.model.row_at(last)
    assert shown is not None
    assert shown.unit_name == view.unit.currentText()

    # Its timeline, beside the table.
    view.table.selectRow(last)
    qtbot.waitUntil(lambda: "取号" in view.detail.toPlainText(), timeout=5000)
    text = view.detail.toPlainText()
    assert "办理过程" in text
    assert shown.unit_name in text

    # Back to every unit, then a search by case number.
    view.unit.setCurrentIndex(0)
    qtbot.waitUntil(lambda: view.model.count == total and not view.loading, timeout=5000)
    target = next(r for r in (view.model.row_at(i) for i in range(50)) if r and r.case_no)
    view.search.setText(target.case_no)
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    copies = _count(big, "case_no = ?", target.case_no)
    qtbot.waitUntil(lambda: view.model.count == copies and not view.loading, timeout=5000)
    # The first page is read with the count; further ones only as they scroll into view.
    shown = [view.model.row_at(i) for i in range(min(copies, 200))]
    assert {row.case_no for row in shown if row is not None} == {target.case_no}
    assert all(row is not None for row in shown)


def test_cases_view_light_and_status_filters_and_export(
    qtbot: QtBot, view: CasesView, big: DataFolder, tmp_path: Path
) -> None:
    view.light.setCurrentIndex(view.light.findData("red"))
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)
    assert view.model.count > 0
    rows = [view.model.row_at(i) for i in range(min(view.model.count, 50))]
    assert {row.light for row in rows if row} == {"red"}
    assert view.model.data(view.model.index(0, 9)) == "红灯"

    view.light.setCurrentIndex(0)
    view.status.setCurrentIndex(view.status.findData("abandoned"))
    abandoned = _count(big, "status = 'abandoned'")
    qtbot.waitUntil(lambda: view.model.count == abandoned and not view.loading, timeout=5000)

    target = tmp_path / "过号.xlsx"
    view.export_to(str(target))
    qtbot.waitUntil(lambda: view.export_button.isEnabled() and target.exists(), timeout=30_000)
    assert "已导出" in view.message.text()
    sheet = load_workbook(target, read_only=True).active
    assert sheet is not None
    assert sum(1 for _ in sheet.iter_rows()) == abandoned + 1


def test_enter_a_case_by_hand_then_correct_it(qtbot: QtBot, folder: DataFolder) -> None:
    from PySide6.QtCore import QDateTime

    from ui.cases.case_dialog import CaseDialog

    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    create_application()
    with direct.reading(folder) as conn:
        hall = hall_queries.halls(conn)[0]
    context = AppContext(folder, hall, now=lambda: AT)
    view = CasesView(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.loading and view.item.count() > 1, timeout=10_000)
    before = view.model.count

    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, CaseDialog)
    assert dialog.windowTitle() == "新建办件"
    dialog.item.setCurrentIndex(1)
    dialog.ticket_no.setText("M001")
    dialog.case_no.setText("SG-2026-0001")
    dialog.status.setCurrentIndex(dialog.status.findData("accepted"))
    taken, accepted = dialog.times["taken_at"], dialog.times["accepted_at"]
    taken.check.setChecked(True)
    taken.edit.setDateTime(QDateTime.fromString("2026-03-25 09:30", "yyyy-MM-dd HH:mm"))
    accepted.check.setChecked(True)
    # Accepted before the ticket was taken: refused, under the field, nothing saved.
    accepted.edit.setDateTime(QDateTime.fromString("2026-03-25 09:10", "yyyy-MM-dd HH:mm"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.fields.error("accepted_at")
    qtbot.waitUntil(error.isVisible, timeout=5000)
    assert error.text() == "时间须依次为：取号、叫号、受理、办结。"
    assert _count(folder, "case_no = 'SG-2026-0001'") == 0

    accepted.edit.setDateTime(QDateTime.fromString("2026-03-25 09:40", "yyyy-MM-dd HH:mm"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: view.model.count == before + 1 and not view.loading, timeout=5000)
    assert _count(folder, "case_no = 'SG-2026-0001' AND source = 'manual'") == 1

    # Find it, correct it: it was finished at 09:55, rated 不满意.
    view.search.setText("SG-2026-0001")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.model.count == 1 and not view.loading, timeout=5000)
    view.table.selectRow(0)
    qtbot.waitUntil(view.correct_button.isEnabled, timeout=5000)
    qtbot.mouseClick(view.correct_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: isinstance(view.dialog, CaseDialog) and view.dialog.case_id is not None,
        timeout=5000,
    )
    correction = view.dialog
    assert isinstance(correction, CaseDialog)
    assert correction.windowTitle() == "更正办件"
    assert correction.case_no.text() == "SG-2026-0001"
    correction.status.setCurrentIndex(correction.status.findData("finished"))
    finished = correction.times["finished_at"]
    finished.check.setChecked(True)
    finished.edit.setDateTime(QDateTime.fromString("2026-03-25 09:55", "yyyy-MM-dd HH:mm"))
    correction.rating.setCurrentIndex(correction.rating.findData(2))
    qtbot.mouseClick(correction.save_button, Qt.MouseButton.LeftButton)
    reason_error = correction.fields.error("reason")
    qtbot.waitUntil(reason_error.isVisible, timeout=5000)  # a correction needs its reason
    correction.reason.setText("窗口漏录办结")
    qtbot.mouseClick(correction.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not correction.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: view.model.count == 1 and not view.loading, timeout=5000)
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: "更正（窗口漏录办结）" in view.detail.toPlainText(), timeout=5000)
    assert _count(folder, "case_no = 'SG-2026-0001' AND status = 'finished' AND rating = 2") == 1
    view.close()
    context.wait_idle()
    context.close()


def test_cases_view_keeps_selection_scroll_and_timeline_on_a_change(
    qtbot: QtBot, view: CasesView, big: DataFolder
) -> None:
    # Somewhere down the list: page 25 of the newest-first order.
    view.table.scrollTo(view.model.index(5000, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    qtbot.waitUntil(lambda: view.model.row_at(5003) is not None, timeout=5000)
    bar = view.table.verticalScrollBar()
    scroll = bar.value()
    assert scroll > 0
    view.table.selectRow(5003)
    chosen = view.model.row_at(5003)
    assert chosen is not None
    qtbot.waitUntil(lambda: "办理过程" in view.detail.toPlainText(), timeout=5000)
    shown: list[str] = []
    view.detail.textChanged.connect(lambda: shown.append(view.detail.toPlainText()))

    # Another screen (an import, a correction) adds the newest ticket of all and says so.
    total = _count(big)
    with sqlite3.connect(big.db_path) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(cases)")]
        chosen_columns = ", ".join(
            "lower(hex(randomblob(16)))"
            if name == "id"
            else "'2026-03-25 01:59:00'"
            if name == "taken_at"
            else name
            for name in columns
        )
        conn.execute(
            f"INSERT INTO cases ({', '.join(columns)}) SELECT {chosen_columns} FROM cases"
            " WHERE id = ?",
            (chosen.case_id.hex,),
        )
    conn.close()
    view.context.notify_changed({"cases"})
    qtbot.waitUntil(lambda: not view.loading and view.model.count == total + 1, timeout=10_000)
    view.context.wait_idle()
    qtbot.wait(50)

    # The same case stays chosen (one row further down), the list does not jump, and its
    # timeline stays open: it was never replaced by the "choose a case" hint.
    selected = view.selected_row()
    assert selected is not None
    assert selected.case_id == chosen.case_id
    assert view.table.selectionModel().selectedRows()[0].row() == 5004
    assert bar.value() == scroll
    assert "办理过程" in view.detail.toPlainText()
    assert not any("选择一件" in text or not text.strip() for text in shown)

    # A new filter is a new list: then the selection goes.
    view.status.setCurrentIndex(view.status.findData("abandoned"))
    qtbot.waitUntil(lambda: not view.loading and view.selected_row() is None, timeout=10_000)


def test_cases_view_export_shows_progress_and_cancels_without_a_file(
    qtbot: QtBot, view: CasesView, tmp_path: Path
) -> None:
    assert view.model.count > 100_000
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "全部办件.xlsx"
    view.export_to(str(target))
    progress = view.export_progress
    assert progress is not None
    assert progress.isVisible()
    assert progress.labelText() == "正在把办件写入 Excel…"
    qtbot.waitUntil(lambda: progress.value() > 0, timeout=20_000)
    assert progress.value() < 1000
    cancel = progress.findChild(QPushButton)
    assert cancel is not None
    assert cancel.text() == "取消"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.exporting, timeout=20_000)

    # Said plainly, not as an error, and nothing left behind (no .partial either).
    assert view.message.text() == "已取消导出，未写入任何文件。"
    assert view.message.styleSheet() == ""
    assert view.export_progress is None
    assert list((tmp_path / "out").iterdir()) == []
    assert view.export_button.isEnabled()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]


def test_cases_view_timeline_of_a_case_removed_meanwhile_says_so(
    qtbot: QtBot, view: CasesView, big: DataFolder
) -> None:
    view.table.selectRow(3)
    chosen = view.model.row_at(3)
    assert chosen is not None
    qtbot.waitUntil(lambda: "办理过程" in view.detail.toPlainText(), timeout=5000)
    with sqlite3.connect(big.db_path) as conn:
        conn.execute("DELETE FROM case_events WHERE case_id = ?", (chosen.case_id.hex,))
        conn.execute("DELETE FROM cases WHERE id = ?", (chosen.case_id.hex,))
    conn.close()
    # The list still holds the row; its timeline is read again (as after a change).
    view._on_selection(QItemSelection(), QItemSelection())
    qtbot.waitUntil(
        lambda: view.detail.toPlainText() == "该记录已不存在（可能已在其他设备上删除）。",
        timeout=10_000,
    )
    view.context.wait_idle()
