"""The import dialog names a 签到/签退 sheet's sign-out column (issue 11 item 2)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QComboBox, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hallwatch.demo.generator import generate_demo
from hallwatch.services.hall.halls import find_hall
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import Staff
from ui.app import create_application
from ui.base.context import AppContext
from ui.imports.import_dialog import ImportDialog

HEADERS = [
    "考勤号码",
    "姓名",
    "日期",
    "对应时段",
    "签到时间",
    "签退时间",
    "迟到时间",
    "早退时间",
    "是否旷工",
]


@pytest.fixture
def context(folder: DataFolder) -> Iterator[AppContext]:
    db = Database.open(folder)
    generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    create_application()  # with the zh_CN translation, as shipped
    with db.read() as session:
        hall = find_hall(session)
    context = AppContext(db, hall)
    yield context
    context.wait_idle()
    db.close()


def test_import_dialog_sign_out_column_labelled_in_chinese(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    with context.db.read() as session:
        staff = session.execute(select(Staff.pin, Staff.name).order_by(Staff.staff_no)).first()
    assert staff is not None
    book = Workbook()
    sheet = book.active
    for row in (
        ["考勤记录表"],
        HEADERS,
        [staff.pin, staff.name, "2026/4/1", "上午", "8:52", "12:01", "", "", ""],
        ["Page &P of &N"],
    ):
        sheet.append(row)
    path = tmp_path / "签到签退.xlsx"
    book.save(path)

    dialog = ImportDialog(context, "punches")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        dialog.set_path(path)

    box = dialog.findChild(QComboBox, "field_time_out")
    assert box is not None
    assert box.currentData() == 5  # the 签退时间 column, found on its own
    labels = [label for label in dialog.findChildren(QLabel) if label.buddy() is box]
    assert [label.text() for label in labels] == ["签退时间："]


def test_import_fields_every_one_has_a_chinese_label(context: AppContext) -> None:
    import re

    from hallwatch.services.imports.mapping import (
        CASE_FIELDS,
        PUNCH_FIELDS,
        QUEUE_FIELDS,
        ROSTER_FIELDS,
    )
    from ui.settings.error_text import ErrorText

    text = ErrorText()
    names = {
        spec.name
        for specs in (PUNCH_FIELDS, ROSTER_FIELDS, QUEUE_FIELDS, CASE_FIELDS)
        for spec in specs
    }
    labels = {name: text.field_name(name) for name in sorted(names)}
    # A field without a label would show its internal name (time_out) in the dialog.
    assert [name for name, label in labels.items() if label == name] == []
    assert [label for label in labels.values() if re.search(r"[A-Za-z]{3,}", label)] == []
