"""With the zh_CN locale, no visible text in the main window is left in English."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hallwatch.services.demo import generate_demo
from hallwatch.storage.database import Database, DataFolder
from ui.app import create_application, open_main_window
from ui.main_window import SECTIONS

# Two English words in a row: a sentence or label that missed its translation.
ENGLISH = re.compile(r"[A-Za-z]{2,}[ \-][A-Za-z]{2,}")
# Texts that stay as they are in Chinese too.
ALLOWED = {"English", "HallWatch"}
# Lists of data, not words: IANA time zone names.
DATA_LISTS = {"field_timezone"}
# File paths shown as data (the data folder) are not words to translate.
PATH = re.compile(r"/\S*")


def _texts(widget: QWidget) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    name = f"{type(widget).__name__}#{widget.objectName()}"
    if isinstance(widget, QLabel | QAbstractButton):
        found.append((name, widget.text()))
    if isinstance(widget, QAbstractButton | QLabel | QLineEdit):
        found.append((name + ".toolTip", widget.toolTip()))
    if isinstance(widget, QLineEdit):
        found.append((name + ".placeholder", widget.placeholderText()))
    if isinstance(widget, QGroupBox):
        found.append((name, widget.title()))
    if isinstance(widget, QTabWidget):
        found += [(name, widget.tabText(i)) for i in range(widget.count())]
    if isinstance(widget, QComboBox) and widget.objectName() not in DATA_LISTS:
        found += [(name, widget.itemText(i)) for i in range(widget.count())]
    if isinstance(widget, QMenu):
        found.append((name, widget.title()))
        found += [(name, action.text()) for action in widget.actions()]
    if isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
        model = widget.model()
        found += [
            (name + ".header", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
            for c in range(model.columnCount(QModelIndex()))
        ]
    if widget.isWindow():
        found.append((name + ".title", widget.windowTitle()))
    return found


def test_zh_cn_no_untranslated_text(qtbot: QtBot, folder: DataFolder) -> None:
    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    create_application()
    window = open_main_window(folder)
    assert window is not None
    qtbot.addWidget(window)
    for name, _spec in SECTIONS:
        window.show_section(name)
        qtbot.wait(50)
    window.context.wait_idle()
    qtbot.wait(100)
    leftovers = [
        (where, text)
        for widget in [window, *window.findChildren(QWidget)]
        for where, text in _texts(widget)
        if text and text not in ALLOWED and ENGLISH.search(PATH.sub("", text.replace("&", "")))
    ]
    window.close()
    window.context.wait_idle()
    window.context.close()
    assert leftovers == []
