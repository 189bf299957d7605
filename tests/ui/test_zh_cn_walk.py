"""With the zh_CN locale, no visible text in the main window is left in English."""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QTableWidget,
    QTabWidget,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hallwatch.demo.generator import generate_demo
from hallwatch.domain.enums import LetterKind
from hallwatch.storage.database import Database, DataFolder
from ui.app import create_application, open_main_window
from ui.checks.check_view import CheckView
from ui.imports.import_dialog import ImportDialog
from ui.letters.letters_view import LettersView
from ui.main_window import SECTIONS
from ui.settings.checklist_page import ChecklistPage

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


# --- the error paths ---------------------------------------------------------------------

# Rich text: the markup is not words.
TAGS = re.compile(r"<[^>]*>|&\w+;")


def _leftovers(widgets: list[QWidget]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for top in widgets:
        for widget in [top, *top.findChildren(QWidget)]:
            if not widget.isVisibleTo(top) and widget is not top:
                continue
            texts = _texts(widget)
            if isinstance(widget, QTableWidget) and widget.objectName() == "errors_table":
                # The reason column; the value column is the file's own data.
                texts += [
                    ("errors_table.reason", widget.item(r, 3).text())
                    for r in range(widget.rowCount())
                    if widget.item(r, 3) is not None
                ]
            found += [
                (where, text)
                for where, text in texts
                if text
                and text not in ALLOWED
                and ENGLISH.search(PATH.sub("", TAGS.sub(" ", text).replace("&", "")))
            ]
    return found


def _import(qtbot: QtBot, window: Any, kind: str, path: Path, *, run: bool) -> ImportDialog:
    dialog = window.open_import(kind)
    assert isinstance(dialog, ImportDialog)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(dialog)
    dialog.set_path(path)
    qtbot.waitUntil(
        lambda: (
            dialog.current is not None
            or "“" in dialog.file_status.text()
            or path.name in dialog.file_status.text()
        ),
        timeout=10_000,
    )
    if run and dialog.current is not None:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: not dialog.running and dialog.pages.currentIndex() == dialog.PAGE_REPORT,
            timeout=20_000,
        )
    return dialog


def test_zh_cn_error_paths_show_no_english(
    qtbot: QtBot, folder: DataFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hallwatch.services.checks.spot_checks import add_finding, start_spot_check
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.services.letters import lifecycle as L
    from hallwatch.storage.models import Staff

    moment = datetime(2026, 3, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=date(2026, 3, 31))
        with db.write() as session:
            hall_id = find_hall(session).id
            staff_id = session.scalars(select(Staff.id).where(Staff.staff_no == "01001")).one()
            check_id = start_spot_check(
                session, hall_id, "open", team="效能办", inspector="tester", now=moment
            )
            cited, _other = (
                add_finding(
                    session,
                    hall_id,
                    category="presence.left_post",
                    window_no=number,
                    description=note,
                    staff_id=who,
                    observed_at=moment.replace(minute=minute),
                    spot_check_id=check_id,
                    now=moment.replace(minute=minute),
                ).id
                for minute, number, note, who in (
                    (1, "A01", "离岗", staff_id),
                    (2, "A02", "空岗", None),
                )
            )
        with db.write("letter.draft") as session:
            letter_id = L.draft_from_findings(session, hall_id, [cited], "warning", now=moment)
    create_application()
    window = open_main_window(folder)
    assert window is not None
    qtbot.addWidget(window)
    window.context.now = lambda: moment.replace(minute=30)
    walked: dict[str, list[tuple[str, str]]] = {}

    # 导入: files that cannot be imported, or whose rows cannot.
    binary = tmp_path / "照片.dat"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40)
    columns = tmp_path / "考勤.csv"
    columns.write_text("foo,bar\n1,2\n", encoding="utf-8")
    quote = tmp_path / "办件.csv"
    quote.write_text(
        '办件编号,事项,受理时间,办结时间\nSG-1,"营业执照,2026-03-02 09:00,\nSG-2,x,y,z\n',
        encoding="utf-8",
    )
    queue = tmp_path / "叫号.csv"
    queue.write_text(
        "票号,窗口,取号时间,叫号时间,办结时间,状态,评价\n"
        "Q1,A01,2026-03-30 09:00:00,2026-03-30 09:06:00,2026-03-30 09:20:00,已办结,5\n"
        "Q2,A01,2026-03-30 09:30:00,2026-03-30 09:10:00,,已叫号,\n"
        "Q3,Z99,2026-03-30 九点,,,神游,9\n",
        encoding="gb18030",
    )
    for kind, path, run, expected in (
        ("attlog", binary, False, "照片.dat 不是"),
        ("punches", columns, False, "请选择以下信息所在的列"),
        ("cases", quote, True, "引号"),
        ("queue", queue, True, "有 2 行存在错误"),
    ):
        dialog = _import(qtbot, window, kind, path, run=run)
        said = dialog.outcome.text() + dialog.file_status.text() + dialog.problems.text()
        assert expected in said, (kind, said)
        walked[f"import {kind}"] = _leftovers([dialog])
        if kind == "queue":
            assert dialog.errors_table.rowCount() == 2
            # Offscreen, grab() is the screenshot (HALLWATCH_SHOTS keeps it to look at).
            shot = Path(os.environ.get("HALLWATCH_SHOTS", tmp_path)) / "zh_cn_import_error.png"
            assert dialog.grab().save(str(shot))
            assert shot.stat().st_size > 10_000
        dialog.close()

    # 检查: a finding that a letter cites cannot be removed; a warning letter needs a person.
    window.show_section("checks")
    checks = window.page("checks")
    assert isinstance(checks, CheckView)
    qtbot.waitUntil(lambda: checks.findings.rowCount() == 2, timeout=10_000)
    monkeypatch.setattr(CheckView, "confirm", lambda _self, _question: True)
    ids = [finding.id for finding in checks.state.findings]  # type: ignore[union-attr]
    checks.findings.selectRow(ids.index(cited))
    checks.remove_selected_finding()
    qtbot.waitUntil(lambda: "公文" in checks.message.text(), timeout=5000)
    assert checks.message.text() == "该检查发现已被 1 份公文引用：请先撤销或修改相应公文。"
    walked["check remove"] = _leftovers([checks])
    # Two people in one warning letter (one of whose findings has a letter already).
    before = checks.message.text()
    checks.findings.selectAll()
    assert len(checks.selected_findings()) == 2
    checks.draft_letter(LetterKind.WARNING)
    qtbot.waitUntil(lambda: checks.message.text() != before, timeout=10_000)
    assert "公文" in checks.message.text()
    walked["check draft"] = _leftovers([checks])

    # 公文: a required field left empty; a character the letter's font lacks.
    window.show_section("letters")
    letters = window.page("letters")
    assert isinstance(letters, LettersView)
    qtbot.waitUntil(lambda: not letters.loading and bool(letters.model.rows), timeout=10_000)
    assert letters.select_letter(letter_id)
    panel = letters.panel
    qtbot.waitUntil(lambda: panel.detail is not None and not panel.loading, timeout=10_000)
    panel.editor.lines["title"].setText("   ")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.editor.fields.error("title").isVisible, timeout=5000)
    walked["letter required"] = _leftovers([letters])
    panel.editor.lines["title"].setText("效能告诫书")
    panel.editor.blocks["facts"].setPlainText("窗口人员𪚥离岗。")
    qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.editor.fields.error("facts").isVisible, timeout=10_000)
    walked["letter font"] = _leftovers([letters])

    # 设置: a checklist with nothing in use.
    window.show_section("settings")
    settings = window.page("settings")
    settings.show_section("checklist")  # type: ignore[attr-defined]
    page = settings.page("checklist")  # type: ignore[attr-defined]
    assert isinstance(page, ChecklistPage)
    qtbot.waitUntil(lambda: page.table.rowCount() >= 20, timeout=5000)
    for row in range(page.table.rowCount()):
        page._check(row, 5).setChecked(False)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "检查清单" in page.message.text(), timeout=5000)
    assert page.message.text() == "检查清单中没有在用的项目：请至少保留一项启用。"
    walked["settings checklist"] = _leftovers([page])

    # 设置 › 节假日: a pasted notice whose weekday contradicts its year.
    settings.show_section("holidays")  # type: ignore[attr-defined]
    holidays = settings.page("holidays")  # type: ignore[attr-defined]
    qtbot.waitUntil(holidays.is_idle, timeout=10_000)
    holidays.paste_notice()
    notice = holidays.notice_dialog
    assert notice is not None  # it deletes itself once closed
    notice.text.setPlainText(
        "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周一）放假，与周末连休。"
    )
    notice.read()
    qtbot.waitUntil(lambda: bool(notice.error.text()), timeout=10_000)
    assert notice.error.text() == (
        "“1月1日（周一）放假，与周末连休”：2027-01-01 是周五，通知写的是周一。"
        "请检查年份：通知适用于其标题所写的年份。"
    )
    walked["settings notice"] = _leftovers([notice])
    notice.close()

    # 办件: a period that ends before it starts.
    window.show_section("cases")
    cases = window.page("cases").cases  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not cases.loading, timeout=10_000)
    cases.by_date.setChecked(True)
    cases.start.setDate(QDate(2026, 3, 20))
    cases.end.setDate(QDate(2026, 3, 10))
    qtbot.waitUntil(lambda: cases.message.text() == "结束日期早于开始日期。", timeout=5000)
    walked["cases period"] = _leftovers([cases])

    window.close()
    window.context.wait_idle()
    window.context.close()
    assert {path: found for path, found in walked.items() if found} == {}
