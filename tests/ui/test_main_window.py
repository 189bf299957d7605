"""`hallwatch` with no command opens a real main window, in Chinese."""

from __future__ import annotations

import io

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QListWidget
from pytestqt.qtbot import QtBot

from hallwatch.cli.main import main
from hallwatch.services.halls import create_hall
from hallwatch.storage.database import Database, DataFolder
from ui.app import create_application, open_main_window
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
        "告诫书",
        "投诉",
        "考评",
        "设置",
    ]
    assert window.hall_label.text() == "大厅：市民服务中心"
    # Ctrl+3 goes to cases, which says plainly that it is not there yet.
    qtbot.keyClick(window.nav, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget().objectName() == "page_cases"
    assert "尚未提供" in window.page("cases").label.text()
    window.close()
    window.context.wait_idle()
    window.db.close()


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
    window.db.close()


def test_main_window_via_command_line(qtbot: QtBot, folder: DataFolder) -> None:
    _prepare(folder)
    from ui.launcher import open_app

    seen: list[str] = []

    def close_when_shown() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(widget.windowTitle())
                widget.close()
                return
        QTimer.singleShot(50, close_when_shown)

    QTimer.singleShot(0, close_when_shown)
    code = main(["--data-dir", str(folder.root)], open_app=open_app, out=io.StringIO())
    assert code == 0
    assert seen == ["窗口效能监察客户端"]
