"""The steps after issuing: 送达登记, 签收回复, 撤销. Each asks its facts and saves itself.

Times are hall wall-clock times. The core checks the form in the write pool; a
FieldError shows under its field and nothing is saved until it is accepted.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hallwatch.domain.errors import FieldError, HallWatchError
from hallwatch.services.letters.lifecycle import DELIVERY_METHODS, LetterDetail
from hallwatch.storage.session import Session
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.letters.letter_error_text import LetterErrorText
from ui.widgets.form_fields import FormFields
from ui.widgets.hall_time import from_wall, hall_now, to_wall, wall_clock_edit, zone_of
from ui.widgets.style import error_label
from ui.words import letter_kind_word
from ui.workers import Failure, guarded


class LetterActionDialog(Retranslated, QDialog):
    """A small form about one letter that runs one core function when accepted."""

    action = "save"  # for LetterErrorText
    audit_action = "letter.edit"

    def __init__(
        self, context: AppContext, detail: LetterDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.detail = detail
        self.letter_id: uuid.UUID = detail.row.id
        self.zone = zone_of(context)
        self.error_text = LetterErrorText(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.form = QFormLayout()
        self.fields = FormFields(self.form, lambda: None)
        self.message = error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(self)
        self.ok_button.setObjectName("ok")
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancel")
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.build()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate_ui()

    def build(self) -> None:
        """Add the form's fields."""

    def letter_name(self) -> str:
        row = self.detail.row
        who = row.addressee or row.recipient
        return f"{row.doc_no}{letter_kind_word(row.kind)}" + (f"（{who}）" if who else "")

    def text_edit(self, lines: int) -> QPlainTextEdit:
        """Return a paragraph input that shows `lines` lines and does not grow."""
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        # Fixed, so that the extra room of a resized dialog goes to the inputs that use it.
        edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return edit

    def retranslate_ui(self) -> None:
        self.ok_button.setText(self.tr("&Save"))
        self.cancel_button.setText(self.tr("Cancel"))

    def time_edit(self) -> QDateTimeEdit:
        edit = wall_clock_edit(QDateTimeEdit(self))
        edit.setDateTime(to_wall(hall_now(self.context), self.zone))
        return edit

    def moment(self, edit: QDateTimeEdit) -> datetime:
        return from_wall(edit.dateTime(), self.zone)

    def work(self) -> Callable[[Session], Any]:
        """Return what to run in the write transaction (values read now, on the GUI thread)."""
        raise NotImplementedError

    def save(self) -> None:
        self.fields.clear_errors()
        self.message.hide()
        run, context, name = self.work(), self.context, self.audit_action

        def write() -> Any:
            with context.db.write(name) as session:
                return run(session)

        self.ok_button.setEnabled(False)
        self.context.run(guarded(write), self._on_saved, self._on_failed, write=True, owner=self)

    def _on_saved(self, result: object) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(result, Failure):
            self.show_error(result.error)
            return
        self.accept()

    def _on_failed(self, message: str) -> None:
        self.ok_button.setEnabled(True)
        self.message.setText(self.error_text.describe(message))
        self.message.show()

    def show_error(self, error: HallWatchError) -> None:
        text = self.error_text.describe(error, self.action)
        if isinstance(error, FieldError) and error.field in self.fields:
            self.fields.show_error(error.field, text)
            return
        self.message.setText(text)
        self.message.show()


class DeliveryDialog(LetterActionDialog):
    """送达登记: how, to whom and when the letter was handed over."""

    action = "deliver"
    audit_action = "letter.deliver"

    def build(self) -> None:
        self.method = QComboBox(self)
        self.method.addItems(DELIVERY_METHODS)
        self.delivered_to = QLineEdit(self)
        self.delivered_to.setMaxLength(60)
        self.delivered_at = self.time_edit()
        self.fields.add("method", self.method)
        self.fields.add("delivered_to", self.delivered_to)
        self.fields.add("delivered_at", self.delivered_at)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(self.tr("Record delivery"))
        self.summary.setText(
            self.tr("Record how %1 was delivered.").replace("%1", self.letter_name())
        )
        self.fields.label("method").setText(self.tr("Delivered by:"))
        self.fields.label("delivered_to").setText(self.tr("Received by:"))
        self.fields.label("delivered_at").setText(self.tr("Delivered at:"))
        self.delivered_to.setPlaceholderText(self.tr("The person who signed the receipt"))

    def work(self) -> Callable[[Session], Any]:
        from hallwatch.services.letters.lifecycle import record_delivery

        letter_id, method = self.letter_id, self.method.currentText()
        person, at = self.delivered_to.text(), self.moment(self.delivered_at)
        return lambda session: record_delivery(
            session, letter_id, method=method, delivered_to=person, at=at
        )


class AcknowledgeDialog(LetterActionDialog):
    """签收回复: the recipient's signed receipt or written answer came back."""

    action = "acknowledge"
    audit_action = "letter.acknowledge"

    def build(self) -> None:
        self.note = self.text_edit(3)
        self.acknowledged_at = self.time_edit()
        self.fields.add("note", self.note)
        self.fields.add("acknowledged_at", self.acknowledged_at)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(self.tr("Record the answer"))
        self.summary.setText(
            self.tr("Record the signed receipt or written answer to %1.").replace(
                "%1", self.letter_name()
            )
        )
        self.fields.label("note").setText(self.tr("Answer (optional):"))
        self.fields.label("acknowledged_at").setText(self.tr("Received at:"))
        self.note.setPlaceholderText(self.tr("e.g. a written explanation was handed in"))

    def work(self) -> Callable[[Session], Any]:
        from hallwatch.services.letters.lifecycle import record_acknowledged

        letter_id, note = self.letter_id, self.note.toPlainText()
        at = self.moment(self.acknowledged_at)
        return lambda session: record_acknowledged(session, letter_id, note=note, at=at)


class RevokeDialog(LetterActionDialog):
    """撤销: the letter is void; its number stays taken, the reason is kept."""

    action = "revoke"
    audit_action = "letter.revoke"

    def build(self) -> None:
        self.reason = self.text_edit(4)
        self.fields.add("reason", self.reason)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(self.tr("Revoke a letter"))
        self.summary.setText(
            self.tr(
                "Revoke %1? It becomes void; its number stays taken and is never used again. "
                "This cannot be undone."
            ).replace("%1", self.letter_name())
        )
        self.fields.label("reason").setText(self.tr("Reason (required):"))
        self.ok_button.setText(self.tr("&Revoke"))

    def work(self) -> Callable[[Session], Any]:
        from hallwatch.services.letters.lifecycle import revoke_letter

        letter_id, reason, at = self.letter_id, self.reason.toPlainText(), self.context.now()
        return lambda session: revoke_letter(session, letter_id, reason, at=at)


__all__ = ["AcknowledgeDialog", "DeliveryDialog", "LetterActionDialog", "RevokeDialog"]
