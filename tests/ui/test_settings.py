"""设置 on the tiny demo hall: errors next to their fields, nothing saved until valid."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
    QTableWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from hallwatch.demo.generator import generate_demo
from hallwatch.services.hall.halls import find_hall
from hallwatch.services.hall.rules import load_rules
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import AuditEntry, Holiday, OutboxMutation, Staff, Unit, Window
from ui.app import create_application
from ui.base.context import AppContext
from ui.settings import SettingsView
from ui.settings.record_page import RecordPage
from ui.settings.rules_page import RulesPage

# Monday 16 March 2026, 10:00 in the hall (Asia/Shanghai).
NOW = datetime(2026, 3, 16, 2, 0, tzinfo=UTC)
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def demo_db(folder: DataFolder) -> Iterator[Database]:
    db = Database.open(folder)
    generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    yield db
    db.close()


@pytest.fixture
def view(qtbot: QtBot, demo_db: Database) -> Iterator[SettingsView]:
    create_application()  # with the zh_CN translation, as shipped
    with demo_db.read() as session:
        hall = find_hall(session)
    context = AppContext(demo_db, hall, now=lambda: NOW)
    widget = SettingsView(context)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    yield widget
    context.wait_idle()


def _open(qtbot: QtBot, view: SettingsView, name: str) -> RecordPage:
    view.show_section(name)
    page = view.page(name)
    assert isinstance(page, RecordPage)
    qtbot.waitUntil(lambda: page.is_idle() and page.model.rowCount() > 0)
    return page


def _count(db: Database, model: type, *where: object) -> int:
    with db.read() as session:
        query = select(func.count()).select_from(model)
        for condition in where:
            query = query.where(condition)  # type: ignore[arg-type]
        return session.scalar(query) or 0


def _input(page: QWidget, name: str) -> QWidget:
    found = page.findChild(QWidget, f"field_{name}")
    assert found is not None, name
    return found


def _error(page: QWidget, name: str) -> QLabel:
    found = page.findChild(QLabel, f"error_{name}")
    assert found is not None, name
    return found


def _type(qtbot: QtBot, page: QWidget, name: str, text: str) -> None:
    edit = _input(page, name)
    assert isinstance(edit, QLineEdit)
    edit.clear()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        # QTest types ASCII only; Chinese arrives as an input method would leave it.
        edit.setText(text)
        edit.textEdited.emit(text)


def _choose(page: QWidget, name: str, text: str) -> None:
    combo = _input(page, name)
    assert isinstance(combo, QComboBox)
    index = next(i for i in range(combo.count()) if text in combo.itemText(i))
    combo.setCurrentIndex(index)


def _select(page: RecordPage, column: int, text: str) -> None:
    model = page.model
    row = next(r for r in range(model.rowCount()) if model.index(r, column).data() == text)
    page.table.setFocus()
    page.table.selectRow(row)


def test_settings_sections_in_chinese(view: SettingsView) -> None:
    items = [view.sections.item(i).text() for i in range(view.sections.count())]
    assert items == [
        "大厅信息",
        "进驻单位",
        "窗口",
        "工作人员",
        "窗口安排",
        "作息时间",
        "节假日",
        "规则",
        "检查清单",
        "评价等级对照",
        "公文模板",
    ]


def test_settings_window_bad_number_shown_at_field_then_saved(
    qtbot: QtBot, view: SettingsView, demo_db: Database
) -> None:
    page = _open(qtbot, view, "windows")
    windows_before = _count(demo_db, Window)
    outbox_before = _count(demo_db, OutboxMutation)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL)
    assert page.editing_id is None
    assert page.form_title.text() == "新建窗口"
    _type(qtbot, page, "number", "A-1")
    _choose(page, "unit_id", "税务局")
    _type(qtbot, page, "zone", "F区")
    qtbot.keyClick(_input(page, "zone"), Qt.Key.Key_S, CTRL)
    error = _error(page, "number")
    qtbot.waitUntil(lambda: error.isVisible())
    assert "窗口号为至多两个大写字母" in error.text()
    assert not _error(page, "zone").isVisible()
    # Nothing was saved: no row, nothing queued for the server.
    assert _count(demo_db, Window) == windows_before
    assert _count(demo_db, OutboxMutation) == outbox_before

    _type(qtbot, page, "number", "f09")
    qtbot.keyClick(_input(page, "number"), Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: page.is_idle() and page.status.text() == "已保存。")
    qtbot.waitUntil(lambda: page.model.find(page.editing_id) >= 0)
    assert not error.isVisible()
    row = page.model.row_at(page.model.find(page.editing_id))
    assert (row.number, row.zone) == ("F09", "F区")
    assert "国家税务总局" in row.unit_name
    assert page.table.selectionModel().selectedRows()[0].row() == page.model.find(row.id)
    assert _count(demo_db, Window) == windows_before + 1
    with demo_db.read() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        queued = session.scalars(select(OutboxMutation.kind)).all()
    assert last is not None
    assert (last.entity, last.entity_id) == ("windows", str(row.id))
    # The demo hall stays on this device: nothing is queued for sync.
    assert queued == []


def test_settings_staff_duplicate_number_refused(
    qtbot: QtBot, view: SettingsView, demo_db: Database
) -> None:
    page = _open(qtbot, view, "staff")
    first = page.model.row_at(0)
    staff_before = _count(demo_db, Staff)
    page.new_record()
    _type(qtbot, page, "staff_no", first.staff_no)
    _type(qtbot, page, "name", "测试员")
    _type(qtbot, page, "phone", "138-0013-8000")
    page.save_button.click()
    error = _error(page, "staff_no")
    qtbot.waitUntil(lambda: error.isVisible())
    assert error.text() == f"工号 {first.staff_no} 已被 {first.name} 使用。"
    assert _count(demo_db, Staff) == staff_before
    # The form keeps what was typed, to be corrected.
    field = _input(page, "name")
    assert isinstance(field, QLineEdit)
    assert field.text() == "测试员"


def test_settings_staff_list_masks_phone(qtbot: QtBot, view: SettingsView) -> None:
    page = _open(qtbot, view, "staff")
    phone_column = 5
    shown = page.model.index(0, phone_column).data()
    assert re.fullmatch(r"1\d\d\*{4}\d{4}", shown)


def test_settings_escape_drops_edits(qtbot: QtBot, view: SettingsView) -> None:
    page = _open(qtbot, view, "units")
    _select(page, 0, "SCJG")
    name = _input(page, "name")
    assert isinstance(name, QLineEdit)
    original = name.text()
    _type(qtbot, page, "name", "改过的名字")
    qtbot.keyClick(name, Qt.Key.Key_Escape)
    assert name.text() == original


def test_settings_unit_in_use_not_removed(
    qtbot: QtBot, view: SettingsView, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(RecordPage, "confirm", lambda self, text: asked.append(text) or True)
    page = _open(qtbot, view, "units")
    _select(page, 0, "SCJG")
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert asked
    assert asked[0].startswith("删除")
    qtbot.waitUntil(lambda: page.form_error.isVisible())
    assert "A01" in page.form_error.text()
    assert "请先调整到其他单位或停用" in page.form_error.text()
    assert _count(demo_db, Unit, Unit.deleted.is_(True)) == 0


def test_settings_staff_deactivation_refused_while_assigned(
    qtbot: QtBot, view: SettingsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(RecordPage, "confirm", lambda self, text: True)
    page = _open(qtbot, view, "staff")
    row = page.model.row_at(1)  # a front-desk person, primary at a window
    _select(page, 0, row.staff_no)
    page.remove_button.click()
    qtbot.waitUntil(lambda: page.form_error.isVisible())
    assert page.form_error.text().startswith(f"{row.name} 仍安排在窗口")


def test_settings_assignment_overlap_shown_at_start(qtbot: QtBot, view: SettingsView) -> None:
    page = _open(qtbot, view, "assignments")
    page.new_record()
    _choose(page, "window_id", "A01")
    _choose(page, "staff_id", "04002")
    page.save()
    error = _error(page, "starts_on")
    qtbot.waitUntil(lambda: error.isVisible())
    assert error.text().startswith("窗口 A01 在")
    assert "主岗" in error.text()


def test_settings_schedule_gap_warned(
    qtbot: QtBot, view: SettingsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(RecordPage, "confirm", lambda self, text: True)
    page = _open(qtbot, view, "schedules")
    warning = page.findChild(QLabel, "coverage_warning")
    assert warning is not None
    assert not warning.isVisible()  # summer and winter cover the year
    _select(page, 0, "夏季作息")
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.is_idle() and page.model.rowCount() == 1)
    qtbot.waitUntil(lambda: warning.isVisible())
    assert "05-01 至 09-30" in warning.text()
    # A bad season is refused at its field.
    page.new_record()
    _type(qtbot, page, "name", "夏季")
    _type(qtbot, page, "season_start", "13-01")
    _type(qtbot, page, "season_end", "09-30")
    page.save()
    error = _error(page, "season_start")
    qtbot.waitUntil(lambda: error.isVisible())
    assert "05-01" in error.text()


def test_settings_rules_edited_and_stored(
    qtbot: QtBot, view: SettingsView, demo_db: Database
) -> None:
    view.show_section("rules")
    page = view.page("rules")
    assert isinstance(page, RulesPage)
    qtbot.waitUntil(lambda: page.is_idle() and page.rules is not None)
    half_day = _input(page, "half_day_minutes")
    assert isinstance(half_day, QSpinBox)
    assert half_day.suffix() == " 分钟"
    assert (half_day.minimum(), half_day.maximum()) == (1, 240)
    half_day.setValue(15)
    # Two rows for one device: refused next to the table, nothing stored.
    page.offsets.setFocus()
    qtbot.keyClick(page.offsets, Qt.Key.Key_N, CTRL)
    page.offsets.setItem(0, 0, QTableWidgetItem("ZK01"))
    page.add_offset_row("ZK01", 5)
    qtbot.keyClick(half_day, Qt.Key.Key_S, CTRL)
    error = _error(page, "device_offsets")
    qtbot.waitUntil(lambda: error.isVisible())
    assert error.text() == "设备 ZK01 重复列出。"
    with demo_db.read() as session:
        assert load_rules(session, view.context.hall.id).half_day_minutes == 30  # type: ignore[union-attr]

    page.offsets.selectRow(1)
    qtbot.keyClick(page.offsets, Qt.Key.Key_Delete)
    assert page.offset_rows() == [("ZK01", 0)]
    spin = page.offsets.cellWidget(0, 1)
    assert isinstance(spin, QSpinBox)
    spin.setValue(-120)
    page.save_button.click()
    qtbot.waitUntil(lambda: page.is_idle() and page.status.text().startswith("已保存"))
    # The demo stored only some rules: the others are written now too.
    assert re.fullmatch(r"已保存：修改了 \d+ 项规则。", page.status.text())
    with demo_db.read() as session:
        rules = load_rules(session, view.context.hall.id)  # type: ignore[union-attr]
    assert (rules.half_day_minutes, rules.device_offsets) == (15, {"ZK01": -120})


def test_settings_holidays_import_2026(
    qtbot: QtBot, view: SettingsView, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(RecordPage, "confirm", lambda self, text: True)
    page = _open(qtbot, view, "holidays")
    year = page.findChild(QSpinBox, "year")
    assert year is not None
    assert year.value() == 2026
    coverage = page.findChild(QLabel, "calendar_coverage")
    assert coverage is not None
    assert coverage.text() == "已安装的国家节假日日历覆盖 2004–2026 年。"
    # Remove National Day, then bring it back from the national calendar.
    _select(page, 0, "2026-10-01")
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.is_idle() and page.model.find(page.editing_id) < 0)
    qtbot.waitUntil(lambda: "2026-10-01" not in _days(page))
    button = page.findChild(QAbstractButton, "import_button")
    assert button is not None
    assert button.text() == "导入国家法定节假日"
    button.click()
    qtbot.waitUntil(lambda: page.status.text().startswith("2026 年"))
    assert page.status.text().startswith("2026 年：新增 0 天，更正 1 天")
    # The hall's own closure in March stays as it was.
    assert "本大厅自行设定" not in page.status.text()
    qtbot.waitUntil(lambda: "2026-10-01" in _days(page))
    assert _count(demo_db, Holiday, Holiday.day == date(2026, 10, 1), Holiday.deleted.is_(False))

    # A year the package does not know: said so next to the year, nothing written.
    year.setValue(2027)
    qtbot.waitUntil(page.is_idle)
    button.click()
    error = _error(page, "year")
    qtbot.waitUntil(lambda: error.isVisible())
    assert "不含 2027 年" in error.text()
    assert _count(demo_db, Holiday, Holiday.day >= date(2027, 1, 1)) == 0


def _days(page: RecordPage) -> list[str]:
    return [page.model.index(r, 0).data() for r in range(page.model.rowCount())]


def test_settings_hall_rename_updates_context(qtbot: QtBot, view: SettingsView) -> None:
    page = _open(qtbot, view, "hall")
    assert page.editing_id == view.context.hall.id  # type: ignore[union-attr]
    code = _input(page, "code")
    assert isinstance(code, QLineEdit)
    assert code.isReadOnly()
    with qtbot.waitSignal(view.context.hall_changed) as changed:
        _type(qtbot, page, "name", "云州市民中心")
        page.save()
    assert changed.args[0].name == "云州市民中心"
    assert view.context.hall.name == "云州市民中心"  # type: ignore[union-attr]
    qtbot.waitUntil(page.is_idle)
    zone = _input(page, "timezone")
    assert isinstance(zone, QComboBox)
    zone.setCurrentText("Mars/Base")
    page.save()
    error = _error(page, "timezone")
    qtbot.waitUntil(lambda: error.isVisible())
    assert "Mars/Base" in error.text()


# Two English words in a row: a text that missed its translation.
ENGLISH = re.compile(r"[A-Za-z]{2,}[ \-][A-Za-z]{2,}")


def test_settings_every_text_translated(qtbot: QtBot, view: SettingsView) -> None:
    for name in ("hall", "units", "windows", "staff", "assignments", "schedules", "holidays"):
        _open(qtbot, view, name)
    view.show_section("rules")
    qtbot.waitUntil(view.is_idle)
    texts: list[tuple[str, str]] = []
    for widget in view.findChildren(QWidget):
        where = f"{type(widget).__name__}#{widget.objectName()}"
        if isinstance(widget, QLabel | QAbstractButton):
            texts += [(where, widget.text()), (where, widget.toolTip())]
        if isinstance(widget, QLineEdit):
            texts += [(where, widget.placeholderText()), (where, widget.toolTip())]
        if isinstance(widget, QComboBox) and widget.objectName() != "field_timezone":
            texts += [(where, widget.itemText(i)) for i in range(widget.count())]
        if isinstance(widget, QSpinBox):
            texts.append((where, widget.suffix()))
        if isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            texts += [
                (where, str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                for c in range(model.columnCount())
            ]
    leftovers = [(where, text) for where, text in texts if ENGLISH.search(text)]
    assert leftovers == []
    assert len(texts) > 100


def test_settings_rating_scale_of_a_queue_system(
    qtbot: QtBot, view: SettingsView, demo_db: Database
) -> None:
    from hallwatch.services.imports.ratings import load_rating_scale
    from ui.settings.rating_scales_page import RatingScalesPage

    view.show_section("ratings")
    page = view.page("ratings")
    assert isinstance(page, RatingScalesPage)
    qtbot.waitUntil(lambda: page.table.rowCount() == 5, timeout=5000)
    # A vendor that rates 1 (bad), 3 (fair), 4 (good).
    page.source.setEditText("叫号机A")
    page.table.setRowCount(0)
    for raw, level in (("1", 1), ("3", 3), ("4", 5)):
        page.add_row(raw, level)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.status.text().startswith("已保存") or page.message.isVisible(), timeout=5000
    )
    assert not page.message.isVisible(), page.message.text()
    with demo_db.read() as session:
        hall_id = find_hall(session).id
        scale = load_rating_scale(session, hall_id, "叫号机A")
    assert scale.saved
    assert (scale.level("1"), scale.level("3"), scale.level("4")) == (1, 3, 5)
    with pytest.raises(ValueError, match="outside the rating scale"):
        scale.level("2")


def test_settings_checklist_item_reworded_added_and_taken_out_of_use(
    qtbot: QtBot, view: SettingsView, demo_db: Database
) -> None:
    from hallwatch.services.checks.checklist import load_checklist
    from ui.settings.checklist_page import ChecklistPage

    view.show_section("checklist")
    page = view.page("checklist")
    assert isinstance(page, ChecklistPage)
    qtbot.waitUntil(lambda: page.table.rowCount() >= 20, timeout=5000)
    first = page.table.item(0, 0).text()
    assert first.startswith("presence.")
    page.table.item(0, 2).setText("空岗（本厅口径）")
    page._check(1, 5).setChecked(False)  # the second item out of use
    second = page.table.item(1, 0).text()
    row = page.add_row("窗口未摆放服务评价器")
    assert page.table.item(row, 1).text() == "在岗情况"
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status.text().startswith("已保存"), timeout=5000)
    with demo_db.read() as session:
        checklist = load_checklist(session, find_hall(session).id)
    assert checklist.label(first) == "空岗（本厅口径）"
    item = checklist.item(second)
    assert item is not None
    assert not item.active
    assert any(
        i.label == "窗口未摆放服务评价器" and i.code.startswith("presence.")
        for i in checklist.items
    )


def test_settings_window_camera_addresses_masked_and_kept(
    qtbot: QtBot, view: SettingsView, demo_db: Database
) -> None:
    page = _open(qtbot, view, "windows")
    stream = "rtsp://admin:p@ss:1@10.0.0.64:554/Streaming/Channels/101"
    picture = "http://10.0.0.64/cgi-bin/snapshot.cgi?channel=1&loginuse=admin&loginpas=Dh@9"
    _select(page, 0, "A01")
    qtbot.waitUntil(lambda: page.editing_id is not None)
    window_id = page.editing_id
    # A snapshot address that is not http:// is refused at its field, without echoing it.
    _type(qtbot, page, "camera_snapshot_url", "ftp://admin:Dh@9@10.0.0.64/x.jpg")
    qtbot.keyClick(_input(page, "number"), Qt.Key.Key_S, CTRL)
    error = _error(page, "camera_snapshot_url")
    qtbot.waitUntil(lambda: error.isVisible())
    assert "Dh@9" not in error.text()
    _type(qtbot, page, "camera_source", stream)
    _type(qtbot, page, "camera_snapshot_url", picture)
    qtbot.keyClick(_input(page, "number"), Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: page.is_idle() and page.status.text() == "已保存。")
    with demo_db.read() as session:
        window = session.get(Window, window_id)
        assert window is not None
        assert (window.camera_source, window.camera_snapshot_url) == (stream, picture)
    # On screen, in the list and in the form, the passwords are masked whole.
    row = page.model.find(window_id)
    shown = [page.model.index(row, column).data() for column in range(page.model.columnCount())]
    assert "rtsp://admin:***@10.0.0.64:554/Streaming/Channels/101" in shown
    assert "http://10.0.0.64/cgi-bin/snapshot.cgi?channel=1&loginuse=admin&loginpas=***" in shown
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(shown))]
    assert "抓图地址" in headers
    qtbot.waitUntil(lambda: page.camera.text().startswith("rtsp://admin:***@"))
    assert page.snapshot_url.text().endswith("loginpas=***")
    for text in (*shown, page.camera.text(), page.snapshot_url.text()):
        assert "ss:1" not in str(text)
        assert "Dh@9" not in str(text)
    # Saved again with the masked texts untouched: the stored addresses stay as they were.
    _type(qtbot, page, "zone", "B区")
    qtbot.keyClick(_input(page, "zone"), Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: page.is_idle() and page.status.text() == "已保存。")
    with demo_db.read() as session:
        window = session.get(Window, window_id)
        assert window is not None
        assert (window.zone, window.camera_source, window.camera_snapshot_url) == (
            "B区",
            stream,
            picture,
        )
