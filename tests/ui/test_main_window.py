"""`hallwatch` with no command opens a real main window, in Chinese."""

from __future__ import annotations

import io

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QListWidget
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
    qtbot.waitExposed(window)
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
    title = window.findChild(QLabel, "boardTitle")
    qtbot.waitUntil(lambda: title.text() == "市民服务中心", timeout=5000)
    # Ctrl+2 goes to attendance, which says plainly that it is not there yet.
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget().objectName() == "page_attendance"
    assert "尚未提供" in window.pages.currentWidget().findChild(QLabel).text()
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
