"""`hallwatch` with no command opens a real main window, in Chinese."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QListWidget, QMessageBox
from pytestqt.qtbot import QtBot

from hallwatch.cli.main import main
from hallwatch.demo.generator import generate_demo
from hallwatch.services.hall.halls import create_hall
from hallwatch.storage import database
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.migrate import head_revision
from ui.app import create_application, open_main_window
from ui.letters.letters_view import LettersView
from ui.main_window import MainWindow


def _prepare(folder: DataFolder) -> None:
    with Database.open(folder) as db, db.write() as session:
        create_hall(session, code="H1", name="市民服务中心")


def test_main_window_opens_in_chinese(qtbot: QtBot, folder: DataFolder) -> None:
    _prepare(folder)
    create_application()
    window = open_main_window(folder)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    assert window.windowTitle() == "窗口效能监察客户端"
    nav = window.findChild(QListWidget, "navigation")
    assert [nav.item(i).text() for i in range(nav.count())] == [
        "看板",
        "考勤",
        "办件",
        "检查",
        "公文",
        "投诉",
        "考评",
        "设置",
    ]
    assert window.hall_label.text() == "大厅：市民服务中心"
    # Ctrl+3 goes to cases; Ctrl+5 to the letters (公文), their list and filters in Chinese.
    qtbot.keyClick(window.nav, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget().objectName() == "page_cases"
    qtbot.keyClick(window.nav, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget().objectName() == "page_letters"
    letters = window.page("letters")
    assert isinstance(letters, LettersView)
    assert letters.model.headerData(0, Qt.Orientation.Horizontal) == "文号"
    assert letters.status.itemText(1) == "草稿"
    qtbot.waitUntil(lambda: not letters.loading, timeout=10_000)
    assert letters.count_label.text() == "共 0 份"
    window.close()
    window.context.wait_idle()
    window.context.close()


def test_main_window_switches_language(qtbot: QtBot, folder: DataFolder) -> None:
    _prepare(folder)
    create_application()
    window = open_main_window(folder)
    assert window is not None
    qtbot.addWidget(window)
    window.language_actions["en"].trigger()
    try:
        qtbot.waitUntil(lambda: window.nav.item(0).text() == "Board", timeout=3000)
        assert window.windowTitle() == "HallWatch — Window Efficiency Supervision"
    finally:
        window.language_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "看板", timeout=3000)
    window.close()
    window.context.close()


def test_main_window_via_command_line(qtbot: QtBot, folder: DataFolder) -> None:
    _prepare(folder)
    from ui.launcher import open_app

    seen: list[MainWindow] = []

    def close_when_shown() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(widget)
                widget.close()
                return
        QTimer.singleShot(50, close_when_shown)

    QTimer.singleShot(0, close_when_shown)
    code = main(["--data-dir", str(folder.root)], open_app=open_app, out=io.StringIO())
    assert code == 0
    assert [window.windowTitle() for window in seen] == ["窗口效能监察客户端"]
    # The window closed before its first alert scan (due 3 s after it showed): that scan
    # would start in the write pool during a later test. Deleting the window cancels it.
    shiboken6.delete(seen[0])


def _demo(folder: DataFolder) -> None:
    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=date(2026, 3, 31))


def test_start_draws_the_board_before_loading_the_orm(folder: DataFolder) -> None:
    # In a fresh process (this one has SQLAlchemy loaded): the start path of `hallwatch`
    # shows the window with its cards from direct reads, then opens the ORM behind it.
    _demo(folder)
    script = textwrap.dedent(
        """
        import sys
        import ui.launcher, ui.app
        from PySide6.QtCore import QTimer
        from hallwatch.storage.folder import DataFolder

        app = ui.app.create_application()
        window = ui.app.open_main_window(DataFolder.resolve(sys.argv[1]))
        board = window.page("board")
        print(len(board.cards()), "sqlalchemy" in sys.modules)

        def done():
            if window.context.database_ready():
                print(window.context.db.revision(), "sqlalchemy" in sys.modules)
                window.close()
            else:
                QTimer.singleShot(20, done)

        QTimer.singleShot(0, done)
        app.exec()
        window.context.close()
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(folder.root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines[0] == "8 False"  # eight cards, and no SQLAlchemy yet
    assert lines[1] == f"{head_revision()} True"


def test_database_that_fails_to_open_behind_the_board_is_reported(
    qtbot: QtBot, folder: DataFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    _demo(folder)
    # Opening must register this device (a write) while another program holds the
    # write lock: the open fails as busy; the board drawn before stays.
    with sqlite3.connect(folder.db_path) as conn:
        conn.execute("DELETE FROM sync_state WHERE key = 'device_id'")
    conn.close()
    blocker = sqlite3.connect(folder.db_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    try:
        create_application()
        window = open_main_window(folder)
        assert window is not None
        qtbot.addWidget(window)
        assert len(window.page("board").cards()) == 8
        window.context.open_database()
        qtbot.waitUntil(
            lambda: (
                (box := window.findChild(QMessageBox, "database_failed")) is not None
                and box.isVisible()
            ),
            timeout=10_000,
        )
        box = window.findChild(QMessageBox, "database_failed")
        assert "busy" in box.text()
        assert box.windowTitle() == "HallWatch 无法打开数据"
        assert "无法打开数据库" in window.statusBar().currentMessage()
        box.close()
    finally:
        blocker.rollback()
        blocker.close()
    window.close()
    window.context.close()


def test_alerts_notify_once_show_on_the_board_and_are_acknowledged(
    qtbot: QtBot, folder: DataFolder
) -> None:
    from datetime import UTC, datetime

    _demo(folder)
    moment = datetime(2026, 3, 25, 2, 0, tzinfo=UTC)  # 10:00 in the hall
    create_application()
    window = open_main_window(folder, now=lambda: moment)
    assert window is not None
    qtbot.addWidget(window)
    board = window.page("board")
    assert not board.alerts_bar.isVisible()
    window.scanner.scan_now()
    qtbot.waitUntil(lambda: len(window.notifications) == 1, timeout=10_000)
    title, body = window.notifications[0]
    assert title.startswith("HallWatch：")
    assert title.endswith("条新预警")
    assert body.splitlines()[0].startswith(("黄灯：", "红灯：", "严重超期："))
    qtbot.waitUntil(board.alerts_bar.isVisible, timeout=5000)
    assert "条预警待确认" in board.alerts_text.text()
    # The same facts again: nothing new, no second notification.
    window.scanner.scan_now()
    window.context.wait_idle()
    qtbot.wait(50)
    assert len(window.notifications) == 1

    qtbot.mouseClick(board.alerts_button, Qt.MouseButton.LeftButton)
    area = window.page("cases")
    assert area.currentWidget() is area.alerts
    alerts = area.alerts
    qtbot.waitUntil(lambda: alerts.table.rowCount() > 0, timeout=5000)
    assert alerts.table.horizontalHeaderItem(2).text() == "预警"
    qtbot.mouseClick(alerts.ack_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: alerts.table.rowCount() == 0, timeout=5000)
    qtbot.waitUntil(lambda: board.alerts[0] == 0, timeout=5000)
    assert alerts.summary.text() == "0 条预警待确认"
    alerts.show_all.setChecked(True)
    qtbot.waitUntil(lambda: alerts.table.rowCount() > 0, timeout=5000)
    assert alerts.table.item(0, 3).text().endswith("tester")
    window.close()
    window.context.wait_idle()
    window.context.close()


def test_drafting_a_letter_elsewhere_leads_to_the_draft(qtbot: QtBot, folder: DataFolder) -> None:
    from sqlalchemy import select

    from hallwatch.services.letters.lifecycle import draft_from_findings
    from hallwatch.storage.models import Finding

    with Database.open(folder) as db:
        hall_id = generate_demo(db, scale="tiny", until=date(2026, 3, 31)).hall_id
        with db.write() as session:
            finding = session.scalars(select(Finding).where(Finding.staff_id.is_not(None))).first()
            assert finding is not None
            letter_id = draft_from_findings(session, hall_id, [finding.id])
    create_application()
    window = open_main_window(folder)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    # The check view and the suggestions (under 考勤) say when they drafted a letter.
    window.show_section("attendance")
    suggestions = window.page("attendance").suggestions  # type: ignore[attr-defined]
    suggestions.letter_drafted.emit(letter_id)
    assert window.pages.currentWidget().objectName() == "page_letters"
    letters = window.page("letters")
    assert isinstance(letters, LettersView)
    qtbot.waitUntil(lambda: letters.panel.detail is not None, timeout=10_000)
    assert letters.panel.detail.row.id == letter_id
    window.close()
    window.context.wait_idle()
    window.context.close()
