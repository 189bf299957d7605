"""Settings › 节假日: paste the State Council's notice, check its days, save them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from hallwatch.demo.generator import generate_demo
from hallwatch.services.hall.halls import find_hall
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import Case, Holiday, Setting
from ui.app import create_application
from ui.base.context import AppContext
from ui.settings import SettingsView
from ui.settings.holiday_notice_dialog import HolidayNoticeDialog
from ui.settings.holidays_page import HolidaysPage

DATA = Path(__file__).resolve().parents[1] / "core" / "data"
NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


@pytest.fixture
def demo_db(folder: DataFolder) -> Iterator[Database]:
    db = Database.open(folder)
    generate_demo(db, scale="tiny", until=date(2026, 12, 6))
    yield db
    db.close()


@pytest.fixture
def page(qtbot: QtBot, demo_db: Database) -> Iterator[HolidaysPage]:
    create_application()  # with the zh_CN translation, as shipped
    with demo_db.read() as session:
        hall = find_hall(session)
    context = AppContext(demo_db, hall, now=lambda: NOW)
    view = SettingsView(context)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    view.show_section("holidays")
    found = view.page("holidays")
    assert isinstance(found, HolidaysPage)
    qtbot.waitUntil(lambda: found.is_idle() and found.model.rowCount() > 0)
    yield found
    context.wait_idle()


def _count(db: Database, model: type, *where: object) -> int:
    with db.read() as session:
        query = select(func.count()).select_from(model)
        for condition in where:
            query = query.where(condition)  # type: ignore[arg-type]
        return session.scalar(query) or 0


def _open_dialog(qtbot: QtBot, page: HolidaysPage) -> HolidayNoticeDialog:
    button = page.findChild(QAbstractButton, "notice_button")
    assert button is not None
    assert button.text() == "粘贴国务院节假日通知…"
    button.click()
    dialog = page.notice_dialog
    assert isinstance(dialog, HolidayNoticeDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _child(dialog: HolidayNoticeDialog, kind: type, name: str) -> object:
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def test_paste_read_check_and_save_a_notice(
    qtbot: QtBot, page: HolidaysPage, demo_db: Database
) -> None:
    provisional = _count(demo_db, Case, Case.due_provisional.is_(True))
    assert provisional  # December cases due in 2027 are guessed Monday to Friday
    dialog = _open_dialog(qtbot, page)
    assert dialog.windowTitle() == "国务院节假日安排通知"
    text = _child(dialog, QPlainTextEdit, "notice_text")
    read = _child(dialog, QAbstractButton, "read_button")
    save = _child(dialog, QAbstractButton, "save_button")
    assert isinstance(text, QPlainTextEdit)
    assert isinstance(read, QAbstractButton)
    assert isinstance(save, QAbstractButton)
    assert not read.isEnabled()
    assert not save.isEnabled()

    # The 2026 notice pasted while the year box says 2027: refused, nothing to save.
    year = _child(dialog, QSpinBox, "notice_year")
    assert isinstance(year, QSpinBox)
    assert year.text() == "按通知标题"
    year.setValue(2027)
    text.setPlainText((DATA / "holiday_notice_2026.txt").read_text(encoding="utf-8"))
    read.click()
    error = _child(dialog, QLabel, "error")
    assert isinstance(error, QLabel)
    qtbot.waitUntil(error.isVisible)
    assert "2026" in error.text()
    assert "2027" in error.text()
    assert not save.isEnabled()

    # A sample notice for 2027 (not published: the official wording for a year the
    # installed chinesecalendar does not know), the year taken from its title.
    year.setValue(year.minimum())
    text.setPlainText((DATA / "holiday_notice_2027_sample.txt").read_text(encoding="utf-8"))
    read.click()
    qtbot.waitUntil(save.isEnabled)
    assert not error.isVisible()
    table = _child(dialog, QTableWidget, "preview")
    assert isinstance(table, QTableWidget)
    assert table.rowCount() == 32
    cells = [[(table.item(r, c) or QTableWidgetItem()).text() for c in range(5)] for r in range(32)]
    rows = {row[0]: row for row in cells}
    assert rows["2027-02-05"] == ["2027-02-05", "五", "放假", "春节", "新增"]
    assert rows["2027-10-09"] == ["2027-10-09", "六", "调休上班", "国庆节调休上班", "新增"]
    summary = _child(dialog, QLabel, "summary")
    assert isinstance(summary, QLabel)
    assert (
        summary.text() == "国务院办公厅关于2027年部分节假日安排的通知：放假 28 天，调休上班 4 天。"
    )
    assert _count(demo_db, Holiday, Holiday.day >= date(2027, 1, 1)) == 0  # only read

    # An edit after reading asks for another read before anything is saved.
    text.appendPlainText("八、")
    assert not save.isEnabled()
    assert summary.text() == "通知文本已修改，请重新识别后再保存。"
    read.click()
    qtbot.waitUntil(save.isEnabled)

    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        save.click()
    qtbot.waitUntil(lambda: page.status.text().startswith("2027 年"))
    assert page.status.text().startswith("2027 年：新增 32 天，更正 0 天，0 天已存在；已重新计算 ")
    assert (
        _count(demo_db, Holiday, Holiday.day >= date(2027, 1, 1), Holiday.national.is_(True)) == 32
    )
    assert _count(demo_db, Setting, Setting.key == "holiday_notice:2027") == 1
    assert _count(demo_db, Case, Case.due_provisional.is_(True)) == 0
    # The page shows the year just saved.
    year_box = page.findChild(QSpinBox, "year")
    assert year_box is not None
    assert year_box.value() == 2027
    qtbot.waitUntil(lambda: page.model.rowCount() == 32)
