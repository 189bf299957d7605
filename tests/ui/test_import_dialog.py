"""The import dialog: preview, column choice, background import with progress, the report."""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hallwatch.demo.generator import generate_demo
from hallwatch.services.hall.halls import find_hall
from hallwatch.services.imports import list_mappings
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import Staff
from ui.app import create_application
from ui.base.context import AppContext
from ui.imports.import_dialog import ImportDialog

# Two English words in a row: a text that missed its translation.
ENGLISH = re.compile(r"[A-Za-z]{2,}[ \-][A-Za-z]{2,}")


@pytest.fixture
def demo_db(folder: DataFolder) -> Iterator[Database]:
    db = Database.open(folder)
    generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    yield db
    db.close()


@pytest.fixture
def context(demo_db: Database) -> Iterator[AppContext]:
    create_application()  # with the zh_CN translation, as shipped
    with demo_db.read() as session:
        hall = find_hall(session)
    context = AppContext(demo_db, hall)
    yield context
    context.wait_idle()


@pytest.fixture
def pins(demo_db: Database) -> list[str]:
    with demo_db.read() as session:
        return list(session.scalars(select(Staff.pin).order_by(Staff.staff_no)))


def open_dialog(qtbot: QtBot, context: AppContext, kind: str) -> ImportDialog:
    dialog = ImportDialog(context, kind)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def imported_punches(db: Database) -> int:
    with contextlib.closing(sqlite3.connect(db.folder.db_path)) as conn:
        return int(
            conn.execute(
                "SELECT count(*) FROM attendance_events WHERE source = 'import'"
            ).fetchone()[0]
        )


def attlog(path: Path, lines: list[str]) -> Path:
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def punch(pin: str, day: int, hh: int, mm: int) -> str:
    return f"{pin:>9}\t2026-04-{day:02d} {hh:02d}:{mm:02d}:00\t1\t0\t1\t0"


def test_import_dialog_imports_an_attlog_file(
    qtbot: QtBot, context: AppContext, pins: list[str], tmp_path: Path
) -> None:
    lines = [punch(pin, day, 8, 30 + i) for day in (1, 2, 3) for i, pin in enumerate(pins)]
    path = attlog(tmp_path / "1_attlog.dat", lines)
    dialog = open_dialog(qtbot, context, "attlog")
    changed: list[set[str]] = []
    context.data_changed.connect(changed.append)
    progress: list[int] = []

    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        dialog.set_path(path)
    assert dialog.pages.currentIndex() == ImportDialog.PAGE_MAPPING
    assert dialog.preview_table.rowCount() == 20
    assert dialog.preview_table.item(0, 0).text() == pins[0]
    assert not dialog.columns_box.isVisible()  # attlog columns are fixed
    assert dialog.import_button.isEnabled()

    dialog.relay.progressed.connect(lambda f, _t: progress.append(int(f * 100)))
    with qtbot.waitSignal(dialog.imported, timeout=20_000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert dialog.running
        assert dialog.progress is not None
    report = done.args[0]
    assert report.rows_imported == len(lines)
    assert dialog.pages.currentIndex() == ImportDialog.PAGE_REPORT
    assert dialog.progress is None
    assert str(len(lines)) in dialog.counts.text()
    assert dialog.errors_table.rowCount() == 0
    assert not dialog.keep_button.isVisible()
    assert imported_punches(context.db) == len(lines)
    assert changed == [{"attendance_events", "import_batches"}]
    assert progress  # the worker's progress reached the GUI thread


def test_import_dialog_broken_file_shows_rows_and_changes_nothing(
    qtbot: QtBot, context: AppContext, pins: list[str], tmp_path: Path
) -> None:
    lines = [
        punch(pins[0], 1, 8, 0),
        punch("99999", 1, 8, 1),
        f"{pins[1]:>9}\t2026-04-01 8点半\t1\t0\t1\t0",
        punch(pins[2], 1, 8, 2),
    ]
    path = attlog(tmp_path / "1_attlog.dat", lines)
    dialog = open_dialog(qtbot, context, "attlog")
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        dialog.set_path(path)
    assert "99999" not in dialog.problems.text()  # unknown PINs are found on import

    with qtbot.waitSignal(dialog.imported, timeout=20_000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    report = done.args[0]
    assert report.blocked
    assert imported_punches(context.db) == 0
    table = dialog.errors_table
    assert table.rowCount() == 2
    assert [table.item(r, 0).text() for r in range(2)] == ["2", "3"]
    assert table.item(0, 2).text() == "99999"
    assert "99999" in table.item(0, 3).text()
    assert dialog.keep_button.isVisible()

    with qtbot.waitSignal(dialog.imported, timeout=20_000) as done:
        qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert done.args[0].rows_imported == 2
    assert imported_punches(context.db) == 2
    assert not dialog.keep_button.isVisible()
    assert dialog.errors_table.rowCount() == 2  # the skipped rows and why


def test_import_dialog_refuses_a_binary_file(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "photo.dat"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40)
    dialog = open_dialog(qtbot, context, "attlog")
    with qtbot.waitSignal(dialog.failed, timeout=10_000):
        dialog.set_path(path)
    assert dialog.pages.currentIndex() == ImportDialog.PAGE_FILE
    assert "photo.dat" in dialog.file_status.text()
    assert not ENGLISH.search(dialog.file_status.text().replace("photo.dat", ""))
    assert imported_punches(context.db) == 0


def test_import_dialog_column_choice_saved_as_mapping(
    qtbot: QtBot, context: AppContext, pins: list[str], tmp_path: Path
) -> None:
    path = tmp_path / "门禁.csv"
    path.write_text(
        "Emp Code;Full Name;Stamp\n"
        + "".join(f"{pin};某人;2026-04-0{day} 08:1{day}:00\n" for day in (1, 2) for pin in pins),
        encoding="gb18030",
    )
    dialog = open_dialog(qtbot, context, "punches")
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        dialog.set_path(path)
    assert dialog.columns_box.isVisible()
    assert "GB18030" in dialog.file_info.text()
    pin_box = dialog.findChild(QComboBox, "field_pin")
    time_box = dialog.findChild(QComboBox, "field_datetime")
    assert pin_box is not None
    assert time_box is not None
    assert pin_box.currentData() == -1  # "Emp Code" is no known header
    assert not dialog.import_button.isEnabled()
    assert dialog.problems.isVisible()

    pin_box.setCurrentIndex(pin_box.findData(0))
    time_box.setCurrentIndex(time_box.findData(2))
    assert dialog.import_button.isEnabled()
    dialog.save_name.setText("门禁机")
    # The sample is read again with the new choice: wait for it before importing.
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        pass
    with qtbot.waitSignal(dialog.imported, timeout=20_000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert done.args[0].rows_imported == 2 * len(pins)
    assert done.args[0].mapping == "门禁机"
    with context.db.read() as session:
        assert context.hall is not None
        assert list_mappings(session, context.hall.id) == ["门禁机"]

    # The next export from the same source: the saved mapping is offered and used.
    second = open_dialog(qtbot, context, "punches")
    with qtbot.waitSignal(second.previewed, timeout=10_000):
        second.set_path(path)
    combo = second.saved_combo
    assert [combo.itemText(i) for i in range(1, combo.count())] == ["门禁机"]
    with qtbot.waitSignal(second.previewed, timeout=10_000):
        combo.setCurrentIndex(1)
        combo.activated.emit(1)
    assert second.findChild(QComboBox, "field_pin").currentData() == 0
    assert second.save_name.text() == "门禁机"


def test_import_dialog_cancel_rolls_back(
    qtbot: QtBot, context: AppContext, pins: list[str], tmp_path: Path
) -> None:
    lines = [
        punch(pin, 1 + day % 28, 7 + minute // 60 % 12, minute % 60)
        for day in range(28)
        for minute in range(0, 720, 3)
        for pin in pins
    ]
    path = attlog(tmp_path / "1_attlog.dat", lines)
    assert len(lines) > 40_000
    dialog = open_dialog(qtbot, context, "attlog")
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        dialog.set_path(path)
    with qtbot.waitSignal(dialog.failed, timeout=20_000):
        dialog.start_import()
        assert dialog.progress is not None
        cancel = dialog.progress.findChild(QPushButton)
        assert cancel is not None
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not dialog.running
    assert dialog.pages.currentIndex() == ImportDialog.PAGE_REPORT
    assert imported_punches(context.db) == 0
    assert dialog.progress is None
    assert dialog.outcome.text()
    assert not dialog.keep_button.isVisible()


def test_import_dialog_roster_in_chinese(qtbot: QtBot, context: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "花名册.csv"
    path.write_text("工号,姓名,单位,窗口,考勤号\n99001,新同事,税务局,Z01,99001\n", encoding="utf-8")
    dialog = open_dialog(qtbot, context, "roster")
    changed: list[set[str]] = []
    context.data_changed.connect(changed.append)
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        dialog.set_path(path)
    texts = texts_of(dialog)
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    # What the import wrote, as the database saw it: 税务局 was a unit already.
    assert changed == [{"staff", "windows", "window_assignments", "import_batches"}]
    texts += texts_of(dialog)
    leftovers = [(where, text) for where, text in texts if ENGLISH.search(text)]
    assert leftovers == []
    assert len(texts) > 30


def texts_of(dialog: ImportDialog) -> list[tuple[str, str]]:
    found = [("title", dialog.windowTitle())]
    for widget in dialog.findChildren(QWidget):
        where = f"{type(widget).__name__}#{widget.objectName()}"
        if isinstance(widget, QLabel | QAbstractButton):
            found.append((where, widget.text()))
        if isinstance(widget, QLineEdit):
            found.append((where, widget.placeholderText()))
        if isinstance(widget, QGroupBox):
            found.append((where, widget.title()))
        if isinstance(widget, QComboBox):
            found += [(where, widget.itemText(i)) for i in range(widget.count())]
    return found


def test_import_dialog_queue_file_refused_in_chinese_then_imported(
    qtbot: QtBot, context: AppContext, demo_db: Database, tmp_path: Path
) -> None:
    from hallwatch.storage.models import Case, Window

    with demo_db.read() as session:
        window = session.scalars(select(Window).order_by(Window.number)).first()
        assert window is not None
        before = len(session.scalars(select(Case.id)).all())
    header = "票号,窗口,取号时间,叫号时间,办结时间,状态,评价\n"
    day = "2026-03-30"
    good = f"Q901,{window.number},{day} 09:00:00,{day} 09:06:00,{day} 09:20:00,已办结,5\n"
    backwards = f"Q902,{window.number},2026-03-30 09:30:00,2026-03-30 09:10:00,,已叫号,\n"
    path = tmp_path / "叫号记录.csv"
    path.write_text(header + good + backwards, encoding="gb18030")
    dialog = open_dialog(qtbot, context, "queue")
    assert dialog.windowTitle() == "导入排队叫号记录（CSV 或 Excel）"
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        dialog.set_path(path)
    with qtbot.waitSignal(dialog.imported, timeout=20_000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert done.args[0].blocked
    table = dialog.errors_table
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == "3"
    assert table.item(0, 3).text() == "叫号早于取号"
    with demo_db.read() as session:
        assert len(session.scalars(select(Case.id)).all()) == before

    path.write_text(header + good, encoding="gb18030")
    dialog.close()
    dialog = open_dialog(qtbot, context, "queue")
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        dialog.set_path(path)
    with qtbot.waitSignal(dialog.imported, timeout=20_000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert not done.args[0].blocked
    with demo_db.read() as session:
        found = session.scalars(select(Case).where(Case.ticket_no == "Q901")).one()
        assert (found.rating, found.window_id) == (5, window.id)


def test_import_dialog_lists_the_warnings_of_a_wrapped_attlog_in_chinese(
    qtbot: QtBot, context: AppContext, pins: list[str], tmp_path: Path
) -> None:
    # A device's log that wrapped round: newer records, 300 KB of NULs, a torn line, older.
    newer = [punch(pins[0], 2, 8, 0), punch(pins[1], 2, 8, 5)]
    older = [punch(pins[2], 1, 8, 0), punch(pins[3], 1, 17, 30)]
    data = "".join(f"{line}\r\n" for line in newer).encode("ascii")
    data += b"\x00" * (300 * 1024) + b"6-04-01 07:59:12\t1\t0\t1\t0\n"
    data += "".join(f"{line}\n" for line in older).encode("ascii")
    path = tmp_path / "1_attlog.dat"
    path.write_bytes(data)
    dialog = open_dialog(qtbot, context, "attlog")
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        dialog.set_path(path)
    with qtbot.waitSignal(dialog.imported, timeout=20_000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    report = done.args[0]
    assert report.rows_imported == 4
    assert report.warning_count == 1
    torn = report.warnings[0].row
    lines = dialog.warnings.text().splitlines()
    assert lines[0] == "请核对（1 条）："
    assert lines[1] == (
        f"第 {torn} 行：考勤机日志循环覆盖时被截断的记录：已跳过；如有需要请在考勤机上核对该次打卡"
    )
    assert not ENGLISH.search(dialog.warnings.text())
    assert imported_punches(context.db) == 4
