"""One letter beside the list: where it stands, its fields, and what can be done next.

A draft shows its form (LetterEditor) with 保存, 签发 and 删除草稿; an issued letter
shows its frozen text and the steps that follow (送达登记, 签收回复, 复查销号 for a
rectification notice, 撤销). Every letter can be previewed, printed and saved as
PDF; a draft with unsaved edits is saved first, so what prints is what is shown.

Reads run in the read pool, writes in the write pool; a finished write announces
{"letters"} and the list (and this panel) refresh from it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hallwatch.domain.enums import LetterKind, LetterStatus
from hallwatch.domain.errors import FieldError, HallWatchError
from hallwatch.services.letters.lifecycle import LetterDetail, LetterRow
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.letters.letter_editor import LetterEditor
from ui.letters.letter_error_text import LetterErrorText
from ui.widgets.hall_time import hall_today, zone_of
from ui.widgets.style import ERROR_STYLE
from ui.words import letter_kind_word, letter_status_word
from ui.workers import Failure, guarded

OK_STYLE = "color: #2e7d32"
# Open letters: still waiting for delivery, an answer or a re-inspection.
OPEN = (LetterStatus.ISSUED, LetterStatus.DELIVERED, LetterStatus.ACKNOWLEDGED)
SOURCE_KEYS = ("findings", "suggestion", "complaint")


def confirm(parent: QWidget, title: str, text: str, accept: str, cancel: str) -> bool:
    """Ask before an irreversible step; return whether the person accepted."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton)
    box.setParent(parent, box.windowFlags())
    box.setObjectName("confirm")
    yes = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    chosen = box.clickedButton() is yes
    box.deleteLater()
    return chosen


def file_name(row: LetterRow, draft_word: str) -> str:
    """Return a PDF file name for a letter: its number (or 草稿), kind and recipient."""
    parts = [row.doc_no or draft_word, row.kind_word, row.recipient or row.addressee]
    name = "-".join(p for p in parts if p)
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name) + ".pdf"


class LetterPanel(Retranslated, QWidget):
    """The chosen letter: its state, history, form or text, and its actions."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.letter_id: uuid.UUID | None = None
        self.detail: LetterDetail | None = None
        self.loading = False
        self._generation = 0
        self.error_text = LetterErrorText(self)
        self.preview: QDialog | None = None
        self.dialog: QDialog | None = None
        self.printing: Any = None  # the LetterPrintJob under way
        self.issued_number = ""
        self._keep_hint = False
        self.saved_path: Path | None = None

        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #757575")
        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QTextBrowser(self)
        self.summary.setObjectName("summary")
        self.summary.setFrameShape(QFrame.Shape.NoFrame)
        self.summary.setOpenLinks(False)
        self.editor = LetterEditor(self)
        self.editor_area = QScrollArea(self)
        self.editor_area.setObjectName("editor_scroll")
        self.editor_area.setWidgetResizable(True)
        self.editor_area.setFrameShape(QFrame.Shape.NoFrame)
        self.editor_area.setWidget(self.editor)
        self.message = QLabel(self)
        self.message.setObjectName("letter_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        def button(name: str, slot: Callable[[], object]) -> QPushButton:
            widget = QPushButton(self)
            widget.setObjectName(name)
            widget.clicked.connect(lambda _checked=False: slot())
            return widget

        self.preview_button = button("preview", self.show_preview)
        self.print_button = button("print", self.print_letter)
        self.save_pdf_button = button("save_pdf", self.ask_save_pdf)
        self.save_button = button("save", self.save)
        self.issue_button = button("issue", self.ask_issue)
        self.discard_button = button("discard", self.ask_discard)
        self.deliver_button = button("deliver", self.open_delivery)
        self.acknowledge_button = button("acknowledge", self.open_acknowledge)
        self.rectify_button = button("rectify", self.open_rectify)
        self.revoke_button = button("revoke", self.open_revoke)
        self.issue_button.setStyleSheet("QPushButton#issue { font-weight: bold; }")
        self.save_button.setDefault(True)
        self.draft_buttons = (self.save_button, self.issue_button, self.discard_button)
        self.step_buttons = (
            self.deliver_button,
            self.acknowledge_button,
            self.rectify_button,
            self.revoke_button,
        )
        output = QHBoxLayout()
        for widget in (self.preview_button, self.print_button, self.save_pdf_button):
            output.addWidget(widget)
        output.addStretch(1)
        steps = QHBoxLayout()
        for widget in (*self.draft_buttons, *self.step_buttons):
            steps.addWidget(widget)
        steps.addStretch(1)

        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.heading)
        body.addWidget(self.summary, 1)
        body.addWidget(self.editor_area, 3)
        body.addWidget(self.message)
        body.addLayout(steps)
        body.addLayout(output)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.hint, 1)
        layout.addWidget(self.body, 1)
        self.body.hide()
        self.retranslate_ui()

    # --- texts ------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.hint.setText(self.tr("Choose a letter to see where it stands."))
        self.preview_button.setText(self.tr("Pre&view"))
        self.preview_button.setToolTip(self.tr("Show the letter's PDF as it prints"))
        self.print_button.setText(self.tr("Pri&nt…"))
        self.save_pdf_button.setText(self.tr("Save as PD&F…"))
        self.save_button.setText(self.tr("&Save"))
        self.issue_button.setText(self.tr("&Issue…"))
        self.issue_button.setToolTip(
            self.tr("Take the next number and freeze the letter; it cannot change afterwards")
        )
        self.discard_button.setText(self.tr("De&lete draft…"))
        self.deliver_button.setText(self.tr("Record &delivery…"))
        self.acknowledge_button.setText(self.tr("Record &answer…"))
        self.acknowledge_button.setToolTip(
            self.tr("The signed receipt or a written answer came back")
        )
        self.rectify_button.setText(self.tr("Re-inspect and &close…"))
        self.rectify_button.setToolTip(
            self.tr("Close the notice with photos of the rectified problems")
        )
        self.revoke_button.setText(self.tr("&Revoke…"))
        self.editor.retranslate_ui()
        if self.detail is not None:
            self._show(self.detail)

    # --- showing a letter ---------------------------------------------------------------------

    def show_letter(self, letter_id: uuid.UUID | None) -> None:
        """Load and show a letter (None: none); unsaved edits of the same draft are kept."""
        self._generation += 1
        generation = self._generation
        if letter_id is None:
            self.letter_id = self.detail = None
            self.body.hide()
            if not self._keep_hint:
                self.hint.setText(self.tr("Choose a letter to see where it stands."))
            self.hint.show()
            return
        self._keep_hint = False
        if letter_id != self.letter_id:
            # Another letter: the form's edits of the previous draft are dropped.
            self.message.hide()
            self.editor.reset()
        elif self.editor.is_dirty():
            return
        self.letter_id = letter_id
        self.loading = True
        context, today = self.context, hall_today(self.context)

        def load() -> Any:
            from hallwatch.services.letters.lifecycle import get_letter

            with context.db.read() as session:
                return get_letter(session, letter_id, today=today)

        self.context.run(
            guarded(load),
            lambda found: self._on_loaded(generation, found),
            lambda message: self._on_load_failed(generation, message),
            owner=self,
        )

    def show_several(self, count: int) -> None:
        """Several letters are chosen: say what can be done with them."""
        self._keep_hint = False
        self.show_letter(None)
        self.hint.setText(
            self.tr("%1 letters chosen: print them together with “Print chosen…”.").replace(
                "%1", str(count)
            )
        )

    def _on_loaded(self, generation: int, found: object) -> None:
        if generation != self._generation:
            return
        self.loading = False
        if isinstance(found, Failure):
            self.detail = None
            self.body.hide()
            self.hint.setText(self.error_text.describe(found.error, "load"))
            self.hint.show()
            return
        assert isinstance(found, LetterDetail)
        self._show(found)

    def _on_load_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.loading = False
            self.detail = None
            self.body.hide()
            self.hint.setText(self.error_text.describe(message))
            self.hint.show()

    def _show(self, detail: LetterDetail) -> None:
        self.detail = detail
        row = detail.row
        draft = detail.is_draft
        number = row.doc_no or self.tr("Draft, not numbered yet")
        who = row.recipient or row.addressee
        self.heading.setText(
            f"<span style='font-size:17px;font-weight:bold'>{escape(number)}</span>"
            f"&nbsp;&nbsp;<span style='font-size:15px'>{escape(letter_kind_word(row.kind))}</span>"
            + (f"<br><span style='color:#616161'>{escape(who)}</span>" if who else "")
        )
        self.summary.setHtml(self.summary_html(detail))
        if draft and not self.editor.is_dirty():
            self.editor.fill(detail, hall_today(self.context))
        self.editor_area.setVisible(draft)
        # A draft's summary is short (its text is in the form): as high as its lines.
        # An issued letter's is all of it, and takes the room the form would.
        if draft:
            document = self.summary.document()
            document.setTextWidth(max(self.summary.viewport().width(), 320))
            self.summary.setMaximumHeight(min(int(document.size().height()) + 8, 220))
        else:
            self.summary.setMaximumHeight(16_777_215)
        for widget in self.draft_buttons:
            widget.setVisible(draft)
        status = row.status
        self.deliver_button.setVisible(status is LetterStatus.ISSUED)
        self.acknowledge_button.setVisible(status in (LetterStatus.ISSUED, LetterStatus.DELIVERED))
        self.rectify_button.setVisible(row.kind is LetterKind.RECTIFICATION and status in OPEN)
        self.revoke_button.setVisible(status not in (LetterStatus.DRAFT, LetterStatus.REVOKED))
        self.hint.hide()
        self.body.show()

    def summary_html(self, detail: LetterDetail) -> str:
        row, zone, f = detail.row, zone_of(self.context), detail.fields

        def when(moment: datetime | None) -> str:
            return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M") if moment else ""

        status = escape(letter_status_word(row.status))
        if row.overdue:
            overdue = self.tr("%1 working days overdue").replace("%1", str(row.overdue_days))
            status += f" <b style='color:#c62828'>⚠ {escape(overdue)}</b>"
        deadline = row.deadline.isoformat() if row.deadline else ""
        if deadline and f.get("deadline_provisional") and detail.is_draft:
            deadline += " " + self.tr("(provisional: no holiday data for the year)")
        sources = {
            "findings": self.tr("Spot-check findings"),
            "suggestion": self.tr("Accountability suggestion"),
            "complaint": self.tr("Complaint"),
        }
        facts: list[tuple[str, str]] = [
            (self.tr("Status"), status),
            (self.tr("Addressed to"), escape(row.addressee)),
            (self.tr("Deadline"), escape(deadline)),
            (self.tr("Window"), escape(row.window_no)),
            (self.tr("Made from"), escape(sources.get(detail.source, detail.source))),
        ]
        if row.issued_at:
            by = f"（{detail.issued_by}）" if detail.issued_by else ""
            facts.append((self.tr("Issued"), escape(when(row.issued_at) + by)))
        if row.delivered_at:
            facts.append(
                (
                    self.tr("Delivered"),
                    escape(
                        f"{when(row.delivered_at)} {detail.delivery_method}，"
                        + self.tr("received by %1").replace("%1", detail.delivered_to)
                    ),
                )
            )
        if detail.acknowledged_at:
            answer = detail.acknowledgement
            text = when(detail.acknowledged_at) + (f" {answer}" if answer else "")
            facts.append((self.tr("Answered"), escape(text)))
        if detail.rectified_at:
            done = detail.rectification
            shots = len(done.get("snapshots", []))
            text = (
                when(detail.rectified_at)
                + " "
                + self.tr("%1 photos").replace("%1", str(shots))
                + (f" {done.get('note')}" if done.get("note") else "")
            )
            facts.append((self.tr("Re-inspected"), escape(text)))
        if detail.revoked_at:
            by = f"（{detail.revoked_by}）" if detail.revoked_by else ""
            facts.append(
                (
                    self.tr("Revoked"),
                    f"<span style='color:#c62828'>{escape(when(detail.revoked_at) + by)}："
                    f"{escape(detail.revoked_reason)}</span>",
                )
            )
        if detail.pdf_sha256:
            facts.append((self.tr("PDF SHA-256"), f"<tt>{escape(detail.pdf_sha256[:32])}…</tt>"))
        table = "".join(
            f"<tr><td style='color:#616161;padding-right:10px;white-space:nowrap'>"
            f"{escape(k)}</td><td>{v}</td></tr>"
            for k, v in facts
            if v
        )
        steps = "".join(
            f"<tr><td style='color:#616161;padding-right:10px;white-space:nowrap'>"
            f"{escape(when(at))}</td><td>{escape(what)}</td></tr>"
            for at, what in detail.history
        )
        html = (
            f"<table>{table}</table>"
            f"<p style='margin-top:8px'><b>{escape(self.tr('History'))}</b></p>"
            f"<table>{steps}</table>"
        )
        if not detail.is_draft:
            html += self._text_html(detail)
        return html

    def _text_html(self, detail: LetterDetail) -> str:
        """The letter's words as issued (frozen at issue: read only)."""
        frozen = detail.fields.get("issued")
        if not isinstance(frozen, dict):
            return ""
        parts = [f"<p><b>{escape(str(frozen.get('title', '')))}</b></p>"]
        if frozen.get("addressee"):
            parts.append(f"<p>{escape(str(frozen['addressee']).rstrip('：:'))}：</p>")
        for level, text in frozen.get("paragraphs", []):
            style = "font-weight:bold" if level == 1 else "text-indent:28px"
            parts.append(f"<p style='{style}'>{escape(str(text))}</p>")
        if frozen.get("copied_to"):
            copied = self.tr("Copied to: %1").replace("%1", str(frozen["copied_to"]))
            parts.append(f"<p style='color:#616161'>{escape(copied)}</p>")
        return f"<hr><p><b>{escape(self.tr('Text of the letter'))}</b></p>" + "".join(parts)

    # --- messages ---------------------------------------------------------------------------

    def say(self, text: str, ok: bool = True) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)
        self.message.show()

    def show_error(self, error: HallWatchError | str, action: str) -> None:
        """Show an error under the field it names (a draft's form), else under the form."""
        if isinstance(error, str):
            self.say(self.error_text.describe(error), ok=False)
            return
        text = self.error_text.describe(error, action)
        if (
            isinstance(error, FieldError)
            and self.detail is not None
            and self.detail.is_draft
            and self.editor.show_error(error.field, text)
        ):
            name = error.field.partition("[")[0]
            self.editor_area.ensureWidgetVisible(self.editor.fields.input(name))
            self.say(self.tr("Not saved: see the marked field."), ok=False)
            return
        self.say(text, ok=False)

    # --- a draft: save, issue, discard -------------------------------------------------------

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Send the form's changes to update_draft; `then` runs after a successful save."""
        detail = self.detail
        if detail is None or not detail.is_draft:
            return
        self.editor.clear_errors()
        changes = self.editor.changes()
        if not changes:
            if then is not None:
                then()
            else:
                self.say(self.tr("Nothing changed."))
            return
        context, letter_id = self.context, detail.row.id

        def work() -> None:
            from hallwatch.services.letters.lifecycle import update_draft

            with context.db.write("letter.edit") as session:
                update_draft(session, letter_id, changes)

        def done(result: object) -> None:
            self.save_button.setEnabled(True)
            if isinstance(result, Failure):
                self.show_error(result.error, "save")
                return
            self.editor.forget()
            self.say(self.tr("Draft saved."))
            if then is not None:
                then()

        self.save_button.setEnabled(False)
        self.context.run(
            guarded(work),
            done,
            lambda m: self._write_failed(m, self.save_button),
            write=True,
            owner=self,
        )

    def _write_failed(self, message: str, button: QPushButton) -> None:
        button.setEnabled(True)
        self.show_error(message, "save")

    def ask_issue(self) -> None:
        detail = self.detail
        if detail is None or not detail.is_draft:
            return
        code = self.editor.lines["code"].text().strip()
        text = self.tr(
            "Issue this %1? It takes the next number of %2 from the register and the letter "
            "is frozen: it cannot be changed afterwards, only revoked."
        )
        if not confirm(
            self,
            self.tr("Issue the letter"),
            text.replace("%1", letter_kind_word(detail.row.kind)).replace("%2", code),
            self.tr("Issue"),
            self.tr("Cancel"),
        ):
            return
        self.issue()

    def issue(self) -> None:
        """Save the form's changes and issue the draft, in one write transaction."""
        detail = self.detail
        if detail is None or not detail.is_draft:
            return
        self.editor.clear_errors()
        changes = self.editor.changes()
        context, letter_id, now = self.context, detail.row.id, self.context.now()

        def work() -> LetterRow:
            from hallwatch.services.letters.lifecycle import issue_letter, update_draft
            from hallwatch.storage.blobs import BlobStore

            blobs = BlobStore(context.folder.blobs_dir)
            with context.db.write("letter.issue") as session:
                if changes:
                    update_draft(session, letter_id, changes)
                return issue_letter(session, letter_id, blobs, now=now)

        def done(result: object) -> None:
            self.issue_button.setEnabled(True)
            if isinstance(result, Failure):
                self.show_error(result.error, "issue")
                return
            assert isinstance(result, LetterRow)
            self.editor.forget()
            self.issued_number = result.doc_no
            self.say(self.tr("Issued as %1.").replace("%1", result.doc_no))

        self.issue_button.setEnabled(False)
        self.context.run(
            guarded(work),
            done,
            lambda m: self._write_failed(m, self.issue_button),
            write=True,
            owner=self,
        )

    def ask_discard(self) -> None:
        detail = self.detail
        if detail is None or not detail.is_draft:
            return
        if not confirm(
            self,
            self.tr("Delete the draft"),
            self.tr("Delete this draft? It has no number yet; it cannot be brought back."),
            self.tr("Delete"),
            self.tr("Cancel"),
        ):
            return
        context, letter_id = self.context, detail.row.id

        def work() -> None:
            from hallwatch.services.letters.lifecycle import discard_draft

            with context.db.write("letter.discard") as session:
                discard_draft(session, letter_id)

        def done(result: object) -> None:
            if isinstance(result, Failure):
                self.show_error(result.error, "discard")
                return
            self.editor.forget()
            self.show_letter(None)
            self.hint.setText(self.tr("Draft deleted."))
            self._keep_hint = True  # until another letter is chosen

        self.context.run(
            guarded(work), done, lambda m: self.show_error(m, "discard"), write=True, owner=self
        )

    # --- the steps after issuing ---------------------------------------------------------------

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_delivery(self) -> QDialog | None:
        from ui.letters.letter_action_dialog import DeliveryDialog

        return self._open(DeliveryDialog(self.context, self.detail, self)) if self.detail else None

    def open_acknowledge(self) -> QDialog | None:
        from ui.letters.letter_action_dialog import AcknowledgeDialog

        return (
            self._open(AcknowledgeDialog(self.context, self.detail, self)) if self.detail else None
        )

    def open_revoke(self) -> QDialog | None:
        from ui.letters.letter_action_dialog import RevokeDialog

        return self._open(RevokeDialog(self.context, self.detail, self)) if self.detail else None

    def open_rectify(self) -> QDialog | None:
        from ui.letters.rectify_dialog import RectifyDialog

        return self._open(RectifyDialog(self.context, self.detail, self)) if self.detail else None

    # --- preview, print, save as PDF ------------------------------------------------------------

    def letter_label(self) -> str:
        detail = self.detail
        if detail is None:
            return ""
        row = detail.row
        who = row.addressee or row.recipient
        number = row.doc_no or self.tr("draft")
        return f"{number} {letter_kind_word(row.kind)}" + (f"（{who}）" if who else "")

    def _with_pdf(
        self, use: Callable[[bytes], Any], then: Callable[[Any], None] | None = None
    ) -> None:
        """Save a draft's edits first, then read the PDF and `use` it in the read pool.

        `then` gets what `use` returned, on the GUI thread; without it, `use` runs on
        the GUI thread instead (it makes widgets).
        """
        detail = self.detail
        if detail is None:
            return
        context, letter_id, now = self.context, detail.row.id, self.context.now()

        def read() -> Any:
            from hallwatch.services.letters.lifecycle import letter_pdf
            from hallwatch.storage.blobs import BlobStore

            with context.db.read() as session:
                pdf = letter_pdf(session, letter_id, BlobStore(context.folder.blobs_dir), now=now)
            return use(pdf) if then is not None else pdf

        def done(result: object) -> None:
            if isinstance(result, Failure):
                self.show_error(result.error, "pdf")
            elif then is not None:
                then(result)
            else:
                use(result)  # type: ignore[arg-type]

        def fetch() -> None:
            self.context.run(guarded(read), done, lambda m: self.show_error(m, "pdf"), owner=self)

        if detail.is_draft and self.editor.is_dirty():
            self.save(then=fetch)
        else:
            fetch()

    def show_preview(self) -> None:
        """Open the letter's PDF in a preview window."""

        def show(pdf: bytes) -> None:
            from ui.letters.letter_preview_dialog import LetterPreviewDialog

            if self.preview is not None and shiboken6.isValid(self.preview):
                self.preview.close()
            dialog = LetterPreviewDialog(pdf, self.letter_label(), self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.print_button.clicked.connect(lambda _c=False: self.print_letter())
            dialog.save_button.clicked.connect(lambda _c=False: self.ask_save_pdf())
            self.preview = dialog
            dialog.open()

        self._with_pdf(show)

    def print_letter(self, printer: QPrinter | None = None) -> None:
        """Print the letter: the printer dialog, then its pages at 100 %."""
        from ui.letters.letter_print_job import ask_printer, start_printing

        detail = self.detail
        if detail is None:
            return
        label = self.letter_label()

        def go() -> None:
            chosen = ask_printer(self, self.tr("Print %1").replace("%1", label), printer)
            if chosen is None:
                return
            self.print_button.setEnabled(False)
            self.printing, _progress = start_printing(
                self,
                self.context,
                [(detail.row.id, label)],
                chosen,
                {"title": self.tr("Printing…"), "cancel": self.tr("Cancel")},
                self._on_printed,
                self._on_print_failed,
            )

        if detail.is_draft and self.editor.is_dirty():
            self.save(then=go)
        else:
            go()

    def _on_printed(self, _result: object, text: str) -> None:
        self.print_button.setEnabled(True)
        self.printing = None
        self.say(text)

    def _on_print_failed(self, message: str) -> None:
        self.print_button.setEnabled(True)
        self.printing = None
        self.show_error(message, "pdf")

    def ask_save_pdf(self) -> None:
        detail = self.detail
        if detail is None:
            return
        default = str(Path.home() / file_name(detail.row, self.tr("draft")))
        path, _chosen = QFileDialog.getSaveFileName(
            self, self.tr("Save the letter as PDF"), default, self.tr("PDF documents (*.pdf)")
        )
        if path:
            self.save_pdf_to(path)

    def save_pdf_to(self, path: str) -> None:
        """Write the letter's PDF bytes to a file (an issued letter: the frozen bytes)."""
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        target = Path(path)

        def write(pdf: bytes) -> str:
            partial = target.with_name(f".{target.name}.partial")
            try:
                partial.write_bytes(pdf)
                partial.replace(target)
            except OSError as error:
                partial.unlink(missing_ok=True)
                return error.strerror or str(error)
            return ""

        def done(problem: str) -> None:
            if problem:
                text = self.tr("Could not write %1: %2").replace("%1", str(target))
                self.say(text.replace("%2", problem), ok=False)
                return
            self.saved_path = target
            self.say(self.tr("Saved to %1").replace("%1", str(target)))

        self._with_pdf(write, done)


__all__ = ["LetterPanel", "confirm", "file_name"]
