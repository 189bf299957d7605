"""公文 view: the list and its filters, a draft's form, issuing, the steps after, preview, print."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pytest
from PIL import Image
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hallwatch.demo.generator import generate_demo
from hallwatch.domain.enums import LetterKind, LetterStatus
from hallwatch.services.checks.spot_checks import add_finding
from hallwatch.services.letters import lifecycle as L
from hallwatch.storage import direct
from hallwatch.storage.blobs import BlobStore
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import Window
from hallwatch.storage.queries import hall as hall_queries
from ui.app import create_application
from ui.base.context import AppContext
from ui.letters.letter_action_dialog import DeliveryDialog, RevokeDialog
from ui.letters.letter_print_job import PagePainter, open_document, prepare_printer
from ui.letters.letter_table_model import COLUMNS, OVERDUE_COLOR
from ui.letters.letters_view import LettersView
from ui.letters.rectify_dialog import RectifyDialog

ZONE = ZoneInfo("Asia/Shanghai")
# The app's clock: a week after the rectification notice's deadline (2026-03-18).
AT = datetime(2026, 3, 25, 2, 0, tzinfo=UTC)


def at(day: int, clock: int) -> datetime:
    return datetime(2026, 3, day, clock, 0, tzinfo=ZONE)


@dataclass
class Hall:
    folder: DataFolder
    hall_id: uuid.UUID
    warning: uuid.UUID  # a draft 效能告诫书
    notice: uuid.UUID  # an issued 整改通知书, overdue at AT


@pytest.fixture
def hall(folder: DataFolder) -> Hall:
    with Database.open(folder) as db:
        hall_id = generate_demo(db, scale="tiny", until=date(2026, 3, 31)).hall_id
        found = []
        for window, category, note in (
            ("A01", "presence.left_post", "窗口人员离岗十分钟"),
            ("A02", "appearance.no_badge", "未佩戴工作牌"),
        ):
            with db.write("finding.add") as session:
                found.append(
                    add_finding(
                        session,
                        hall_id,
                        window_no=window,
                        category=category,
                        description=note,
                        observed_at=at(10, 10),
                        now=at(10, 10),
                    ).id
                )
        with db.write("letter.draft") as session:
            warning = L.draft_from_findings(session, hall_id, [found[0]], "warning", now=at(10, 11))
            notice = L.draft_from_findings(
                session, hall_id, [found[1]], "rectification", now=at(10, 12)
            )
        with db.write("letter.issue") as session:
            L.issue_letter(session, notice, BlobStore(folder.blobs_dir), now=at(10, 15))
    return Hall(folder, hall_id, warning, notice)


@pytest.fixture
def view(qtbot: QtBot, hall: Hall) -> Iterator[LettersView]:
    create_application()
    with direct.reading(hall.folder) as conn:
        info = hall_queries.halls(conn)[0]
    context = AppContext(hall.folder, info, now=lambda: AT)
    letters = LettersView(context)
    qtbot.addWidget(letters)
    letters.resize(1400, 900)
    letters.show()
    qtbot.waitUntil(lambda: not letters.loading and len(letters.model.rows) == 2, timeout=10_000)
    yield letters
    letters.close()
    context.wait_idle()
    context.close()


def _detail(view: LettersView, letter_id: uuid.UUID) -> L.LetterDetail:
    with view.context.db.read() as session:
        return L.get_letter(session, letter_id)


def _pdf(view: LettersView, letter_id: uuid.UUID) -> bytes:
    with view.context.db.read() as session:
        return L.letter_pdf(
            session, letter_id, BlobStore(view.context.folder.blobs_dir), now=view.context.now()
        )


def _pages(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def _choose(qtbot: QtBot, view: LettersView, letter_id: uuid.UUID) -> None:
    assert view.select_letter(letter_id)
    _wait_chosen(qtbot, view, letter_id)


def _wait_chosen(qtbot: QtBot, view: LettersView, letter_id: uuid.UUID) -> None:
    panel = view.panel
    qtbot.waitUntil(
        lambda: panel.detail is not None and panel.detail.row.id == letter_id and not panel.loading,
        timeout=5000,
    )


def _accept_confirmation(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def click_accept(box: QMessageBox) -> int:
        asked.append(box.text())
        accept = next(
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
        )
        accept.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_accept)
    return asked


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(150)  # a real sheet, fast to rasterise
    return printer


def test_letters_view_lists_letters_in_chinese_and_filters(
    qtbot: QtBot, view: LettersView, hall: Hall
) -> None:
    model = view.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))] == [
        "文号",
        "类型",
        "标题/对象",
        "状态",
        "期限",
        "送达",
    ]
    # Newest first: the notice was drafted after the warning.
    notice, warning = model.rows
    assert (notice.id, warning.id) == (hall.notice, hall.warning)
    assert model.data(model.index(0, 1)) == "整改通知书"
    assert model.data(model.index(0, 3)) == "已签发"
    assert model.data(model.index(1, 3)) == "草稿"
    assert model.data(model.index(1, 0)) == "（未编号）"
    assert model.data(model.index(0, 0)) == "效改〔2026〕1号"
    # The notice waits past its deadline: red, a warning sign, its working days overdue.
    assert notice.overdue
    assert notice.overdue_days == 5
    assert model.data(model.index(0, 4)) == "2026-03-18  逾期5个工作日"
    assert model.data(model.index(0, 2), Qt.ItemDataRole.ForegroundRole).color() == QColor(
        OVERDUE_COLOR
    )
    assert model.data(model.index(0, 4), Qt.ItemDataRole.DecorationRole) is not None
    assert not warning.overdue
    assert model.data(model.index(1, 4)) == "2026-03-18"
    assert view.count_label.text() == "共 2 份，逾期 1 份"
    assert view.status.itemText(0) == "全部"
    assert view.kind.itemText(0) == "全部类型"

    view.status.setCurrentIndex(view.status.findData("draft"))
    qtbot.waitUntil(lambda: not view.loading and len(model.rows) == 1, timeout=5000)
    assert model.rows[0].id == hall.warning
    view.status.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not view.loading and len(model.rows) == 2, timeout=5000)
    view.overdue_only.setChecked(True)
    qtbot.waitUntil(lambda: not view.loading and len(model.rows) == 1, timeout=5000)
    assert model.rows[0].id == hall.notice
    view.overdue_only.setChecked(False)
    view.kind.setCurrentIndex(view.kind.findData("warning"))
    qtbot.waitUntil(lambda: not view.loading and len(model.rows) == 1, timeout=5000)
    assert model.rows[0].kind is LetterKind.WARNING
    view.kind.setCurrentIndex(0)
    view.search.setText("效改〔2026〕1号")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.loading and len(model.rows) == 1, timeout=5000)
    assert model.rows[0].id == hall.notice
    view.search.setText("没有这个人")
    qtbot.waitUntil(lambda: not view.loading and len(model.rows) == 0, timeout=5000)
    assert view.count_label.text() == "共 0 份"
    # Another screen asks for a letter: the filters clear and it is chosen.
    view.open_letter(hall.warning)
    _wait_chosen(qtbot, view, hall.warning)
    assert view.search.text() == ""
    assert len(model.rows) == 2


def test_letters_view_saves_a_drafts_fields(qtbot: QtBot, view: LettersView, hall: Hall) -> None:
    _choose(qtbot, view, hall.warning)
    panel, editor = view.panel, view.panel.editor
    assert panel.editor_area.isVisible()
    assert panel.save_button.isVisible()
    assert panel.issue_button.isVisible()
    assert not panel.deliver_button.isVisible()
    assert "起草" in panel.summary.toPlainText()
    assert editor.lines["addressee"].text().endswith("同志")
    editor.blocks["facts"].setPlainText(
        "2026年3月10日10时00分，检查组在A01号窗口发现其离岗。\n\n  当日10时20分返回窗口。  "
    )
    editor.blocks["basis"].setPlainText("依据《窗口工作人员效能管理办法》第十二条。")
    editor.deadline.setDate(editor.deadline.date().addDays(3))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.message.text() == "草稿已保存。", timeout=5000)
    stored = _detail(view, hall.warning)
    assert stored.fields["facts"] == [
        "2026年3月10日10时00分，检查组在A01号窗口发现其离岗。",
        "当日10时20分返回窗口。",
    ]
    assert stored.fields["basis"] == "依据《窗口工作人员效能管理办法》第十二条。"
    assert stored.row.deadline == date(2026, 3, 21)
    assert not editor.is_dirty()
    # The list follows (its deadline column).
    qtbot.waitUntil(lambda: view.model.data(view.model.index(1, 4)) == "2026-03-21", timeout=5000)
    # Saving again with nothing changed writes nothing.
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "没有改动。"
    # Edits left unsaved are dropped when another letter is chosen.
    editor.lines["title"].setText("效能告诫书（改）")
    _choose(qtbot, view, hall.notice)
    _choose(qtbot, view, hall.warning)
    assert editor.lines["title"].text() == "效能告诫书"
    assert not editor.is_dirty()


def test_letters_view_shows_errors_in_chinese(qtbot: QtBot, view: LettersView, hall: Hall) -> None:
    _choose(qtbot, view, hall.warning)
    panel, editor = view.panel, view.panel.editor
    editor.lines["title"].setText("   ")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    error = editor.fields.error("title")
    qtbot.waitUntil(error.isVisible, timeout=5000)
    assert error.text() == "此项必填。"
    assert panel.message.text() == "未保存：请看标出的字段。"
    assert _detail(view, hall.warning).row.title == "效能告诫书"

    # A character the letter's font lacks is refused on saving, under its field.
    editor.lines["title"].setText("效能告诫书")
    editor.blocks["facts"].setPlainText("第一段。\n窗口人员𪚥离岗。")
    qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    error = editor.fields.error("facts")
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert error.text().startswith("事实第2段：字符“𪚥”（U+2A6A5）")
    assert "不在公文字体中" in error.text()
    assert panel.preview is None
    assert "𪚥" not in "".join(_detail(view, hall.warning).fields["facts"])


def test_letters_view_issues_a_draft(
    qtbot: QtBot, view: LettersView, hall: Hall, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _accept_confirmation(monkeypatch)
    _choose(qtbot, view, hall.warning)
    panel = view.panel
    # A deadline set by hand that is past on the day of issue: refused, no number taken.
    panel.editor.deadline.setDate(QDate(2026, 3, 20))
    qtbot.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)
    error = panel.editor.fields.error("deadline")
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert error.text() == "该期限（2026-03-20）在签发日已过，请改为更晚的日期。"
    assert _detail(view, hall.warning).row.doc_no == ""
    asked.clear()
    panel.editor.deadline.setDate(QDate(2026, 4, 10))
    panel.editor.blocks["decision"].setPlainText("经研究，决定对你予以效能告诫。")
    qtbot.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert "文号" in asked[0]
    assert "冻结" in asked[0]
    assert "效告" in asked[0]
    qtbot.waitUntil(lambda: panel.message.text().startswith("已签发"), timeout=10_000)
    assert panel.message.text() == "已签发，文号：效告〔2026〕1号。"
    qtbot.waitUntil(
        lambda: view.model.rows[1].status is LetterStatus.ISSUED and not view.loading,
        timeout=5000,
    )
    assert view.model.data(view.model.index(1, 0)) == "效告〔2026〕1号"
    assert view.model.data(view.model.index(1, 3)) == "已签发"
    # The panel shows the issued letter: its number, frozen text, the next steps.
    qtbot.waitUntil(lambda: panel.detail is not None and not panel.detail.is_draft, timeout=5000)
    assert "效告〔2026〕1号" in panel.heading.text()
    assert not panel.editor_area.isVisible()
    assert panel.deliver_button.isVisible()
    assert panel.revoke_button.isVisible()
    assert not panel.issue_button.isVisible()
    assert "签发 效告〔2026〕1号" in panel.summary.toPlainText()
    stored = _detail(view, hall.warning)
    assert stored.fields["decision"] == "经研究，决定对你予以效能告诫。"
    # The number register accounts for it.
    assert view.register_button.text() == "文号登记簿(&R)…"
    register = view.show_register()
    qtbot.waitUntil(lambda: register.table.rowCount() >= 1, timeout=5000)
    rows = {
        register.table.item(r, 0).text(): [
            register.table.item(r, c).text() for c in range(register.table.columnCount())
        ]
        for r in range(register.table.rowCount())
    }
    assert rows["效告"][1:4] == ["2026", "1", "0"]
    assert rows["效告"][4].startswith("1–99999，下一号 2")
    assert rows["效告"][5] == "无断号"
    register.close()


def test_letters_view_preview_shows_letter_and_receipt(
    qtbot: QtBot, view: LettersView, hall: Hall
) -> None:
    _choose(qtbot, view, hall.notice)
    panel = view.panel
    qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.preview is not None and panel.preview.isVisible(), timeout=5000)
    preview = panel.preview
    assert preview is not None
    document = preview.document  # type: ignore[attr-defined]
    assert document.status() == QPdfDocument.Status.Ready
    assert document.pageCount() >= 2  # the letter and its receipt slip
    assert document.pageCount() == _pages(_pdf(view, hall.notice))
    assert preview.windowTitle().startswith("预览：效改〔2026〕1号 整改通知书（")
    assert preview.pages_label.text().endswith("页，A4")  # type: ignore[attr-defined]
    preview.close()


def test_letters_view_prints_a4_pages_and_saves_the_frozen_pdf(
    qtbot: QtBot,
    view: LettersView,
    hall: Hall,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QPrintDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    _choose(qtbot, view, hall.notice)
    panel = view.panel
    printed = tmp_path / "printed.pdf"
    panel.print_letter(_pdf_printer(printed))
    qtbot.waitUntil(lambda: panel.printing is None and panel.message.isVisible(), timeout=20_000)
    frozen = _pdf(view, hall.notice)
    pages = _pages(frozen)
    assert panel.message.text() == f"已打印 1 份公文（共 {pages} 页）。"
    reader = pypdf.PdfReader(printed)
    assert len(reader.pages) == pages
    for page in reader.pages:  # A4 at 100 %: the sheet is the PDF's page
        assert abs(float(page.mediabox.width) - 595.3) < 1.5
        assert abs(float(page.mediabox.height) - 841.9) < 1.5

    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(target), "PDF"))
    qtbot.mouseClick(panel.save_pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.saved_path == target, timeout=5000)
    assert target.read_bytes() == frozen
    assert panel.message.text() == f"已保存到 {target}"


def test_letters_view_batch_prints_chosen_letters_and_cancels(
    qtbot: QtBot,
    view: LettersView,
    hall: Hall,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialogs: list[str] = []

    def accept(dialog: QPrintDialog) -> int:
        dialogs.append(dialog.windowTitle())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    view.table.selectAll()
    qtbot.waitUntil(lambda: "已选 2 份公文" in view.panel.hint.text(), timeout=5000)
    assert view.print_button.isEnabled()
    printed = tmp_path / "batch.pdf"
    view.print_chosen(_pdf_printer(printed))
    qtbot.waitUntil(lambda: view.printing is None and view.message.isVisible(), timeout=30_000)
    assert dialogs == ["打印 2 份公文"]  # one printer dialog for the batch
    pages = _pages(_pdf(view, hall.notice)) + _pages(_pdf(view, hall.warning))
    assert view.message.text() == f"已打印 2 份公文（共 {pages} 页）。"
    assert len(pypdf.PdfReader(printed).pages) == pages

    # Cancel: the progress window's button stops the run.
    view.print_chosen(_pdf_printer(tmp_path / "cancelled.pdf"))
    progress = view.print_progress
    assert isinstance(progress, QProgressDialog)
    cancel = progress.findChild(QPushButton)
    assert cancel is not None
    assert cancel.text() == "取消"
    cancel.click()
    qtbot.waitUntil(lambda: view.printing is None, timeout=30_000)
    assert view.message.text().startswith("已取消打印")


def test_print_job_paints_every_page_at_full_size(qtbot: QtBot, hall: Hall, tmp_path: Path) -> None:
    create_application()
    with Database.open(hall.folder) as db, db.read() as session:
        pdf = L.letter_pdf(session, hall.notice, BlobStore(hall.folder.blobs_dir))
    printer = _pdf_printer(tmp_path / "job.pdf")
    prepare_printer(printer)
    document = open_document(pdf)
    painter = PagePainter(printer, lambda: False)
    done: list[int] = []
    assert painter.paint_document(document, done.append)
    painter.finish(aborted=False)
    assert done == list(range(1, document.pageCount() + 1))
    assert len(pypdf.PdfReader(tmp_path / "job.pdf").pages) == document.pageCount()


def test_letters_view_delivery_answer_and_revocation(
    qtbot: QtBot, view: LettersView, hall: Hall
) -> None:
    _choose(qtbot, view, hall.notice)
    panel = view.panel
    assert panel.rectify_button.isVisible()
    qtbot.mouseClick(panel.deliver_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert isinstance(dialog, DeliveryDialog)
    assert dialog.windowTitle() == "送达登记"
    assert [dialog.method.itemText(i) for i in range(dialog.method.count())] == list(
        L.DELIVERY_METHODS
    )
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    error = dialog.fields.error("delivered_to")
    qtbot.waitUntil(error.isVisible, timeout=5000)
    assert error.text() == "此项必填。"
    dialog.delivered_to.setText("王五")
    dialog.method.setCurrentIndex(1)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: view.model.rows[0].status is LetterStatus.DELIVERED and not view.loading,
        timeout=5000,
    )
    assert view.model.data(view.model.index(0, 5)) == "2026-03-25"
    qtbot.waitUntil(
        lambda: panel.detail is not None and panel.detail.row.status is LetterStatus.DELIVERED,
        timeout=5000,
    )
    assert "邮寄送达，签收人：王五" in panel.summary.toPlainText()
    assert not panel.deliver_button.isVisible()
    assert panel.acknowledge_button.isVisible()

    qtbot.mouseClick(panel.revoke_button, Qt.MouseButton.LeftButton)
    revoke = panel.dialog
    assert isinstance(revoke, RevokeDialog)
    qtbot.mouseClick(revoke.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(revoke.fields.error("reason").isVisible, timeout=5000)
    revoke.reason.setPlainText("送达对象有误")
    qtbot.mouseClick(revoke.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: view.model.rows[0].status is LetterStatus.REVOKED and not view.loading,
        timeout=5000,
    )
    assert view.model.data(view.model.index(0, 3)) == "已撤销"
    assert not view.model.rows[0].overdue
    qtbot.waitUntil(lambda: "送达对象有误" in panel.summary.toPlainText(), timeout=5000)
    assert not panel.revoke_button.isVisible()


def test_letters_view_closes_a_notice_with_reinspection_photos(
    qtbot: QtBot, view: LettersView, hall: Hall, tmp_path: Path
) -> None:
    _choose(qtbot, view, hall.notice)
    panel = view.panel
    qtbot.mouseClick(panel.rectify_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert isinstance(dialog, RectifyDialog)
    view.context.wait_idle()
    qtbot.waitUntil(lambda: "尚无" in dialog.photo_status.text(), timeout=5000)
    # No photo ticked: refused under the photos.
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.fields.error("snapshot_ids").isVisible, timeout=5000)
    # A file that is not a photo: said in Chinese.
    bad = tmp_path / "note.jpg"
    bad.write_text("not a photo")
    dialog.import_photos([str(bad)])
    qtbot.waitUntil(lambda: "JPEG" in dialog.message.text(), timeout=5000)
    photo = tmp_path / "复查.jpg"
    Image.new("RGB", (640, 360), (90, 140, 200)).save(photo, "JPEG")
    dialog.import_photos([str(photo)])
    qtbot.waitUntil(lambda: dialog.photo_list.count() == 1, timeout=10_000)
    assert dialog.chosen()
    # A photo taken now with the window's camera joins them, ticked.
    assert dialog.capture_button.text() == "拍摄复查照片(&T)"
    qtbot.mouseClick(dialog.capture_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.photo_list.count() == 2, timeout=20_000)
    assert len(dialog.chosen()) == 2
    # A window without a camera: said in Chinese, nothing added.
    with view.context.db.write() as session:
        for window in session.scalars(select(Window)):
            window.camera_source = ""
    qtbot.mouseClick(dialog.capture_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "无法拍照" in dialog.message.text(), timeout=10_000)
    assert dialog.photo_list.count() == 2
    dialog.note.setPlainText("已佩戴工作牌")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: view.model.rows[0].status is LetterStatus.RECTIFIED and not view.loading,
        timeout=5000,
    )
    assert view.model.data(view.model.index(0, 3)) == "已整改"
    stored = _detail(view, hall.notice)
    assert stored.rectification["note"] == "已佩戴工作牌"
    assert len(stored.rectification["snapshots"]) == 2


def test_letters_view_deletes_a_draft(
    qtbot: QtBot, view: LettersView, hall: Hall, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _accept_confirmation(monkeypatch)
    _choose(qtbot, view, hall.warning)
    qtbot.mouseClick(view.panel.discard_button, Qt.MouseButton.LeftButton)
    assert "草稿" in asked[0]
    qtbot.waitUntil(lambda: len(view.model.rows) == 1 and not view.loading, timeout=5000)
    assert view.model.rows[0].id == hall.notice
    assert view.panel.hint.text() == "草稿已删除。"
