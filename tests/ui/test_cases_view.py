"""办件 view: filter, search and scroll over 100k+ cases, a case's timeline, export."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hallwatch.services.demo import generate_demo
from hallwatch.storage import direct
from hallwatch.storage.database import Database, DataFolder
from ui.app import create_application
from ui.cases.cases_view import CasesView
from ui.context import AppContext

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
        hall = direct.halls(conn)[0]
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
    assert {view.model.row_at(i).case_no for i in range(copies)} == {target.case_no}  # type: ignore[union-attr]


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
