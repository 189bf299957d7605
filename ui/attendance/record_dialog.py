"""A small form that records something through a core service, off the GUI thread.

The dialog stays open while the write runs and when the core refuses the input: the
refusal is shown next to the field it names, and the inspector corrects it there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from hallwatch.domain.errors import HallWatchError
from ui.attendance.background import run_job
from ui.attendance.input_errors import Refused, explain
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.widgets.style import ERROR_STYLE


class RecordDialog(Retranslated, QDialog):
    """Base of the leave, correction and mark dialogs."""

    # The id of what was recorded, once the write committed.
    recorded = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.busy = False
        self.form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def add_field(self, name: str, widget: QWidget) -> QWidget:
        """Add a labelled field with its own error line under it."""
        label = QLabel(self)
        label.setBuddy(widget)
        widget.setObjectName(name)
        error = QLabel(self)
        error.setObjectName(f"{name}_error")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        self.form.addRow(label, widget)
        self.form.addRow("", error)
        self.labels[name] = label
        self.fields[name] = widget
        self.errors[name] = error
        return widget

    def retranslate_buttons(self) -> None:
        self.save_button.setText(self.tr("Save"))
        self.cancel_button.setText(self.tr("Cancel"))

    def retranslate_ui(self) -> None:
        self.retranslate_buttons()

    # --- errors -----------------------------------------------------------------------

    def clear_errors(self) -> None:
        for label in (*self.errors.values(), self.error):
            label.clear()
            label.hide()

    def show_error(self, field: str | None, text: str) -> None:
        """Show a message next to a field (or under the form when it names none)."""
        label = self.errors.get(field or "", self.error)
        label.setText(text)
        label.show()
        self.adjustSize()  # room for the message, however many lines it takes
        widget = self.fields.get(field or "")
        if widget is not None:
            widget.setFocus()

    def error_text(self, field: str | None = None) -> str:
        """Return the message shown next to a field (under the form for None)."""
        return self.errors.get(field or "", self.error).text()

    # --- saving -----------------------------------------------------------------------

    def write(self) -> Callable[[Any], Any] | None:
        """Return fn(session) that records the input, or None after showing what is wrong."""
        raise NotImplementedError

    def action(self) -> str:
        """Return the audit action name of the write."""
        return "attendance.edit"

    def _on_save(self) -> None:
        if self.busy:
            return
        self.clear_errors()
        job = self.write()
        if job is None:
            return
        context, name = self.context, self.action()

        def run() -> Any:
            try:
                with context.db.write(name) as session:
                    return job(session)
            except HallWatchError as error:
                # Expected refusals come back as results, so the field they name survives.
                return Refused.of(error)

        self._set_busy(True)
        # What the write changed is announced by the context, dialog or not.
        run_job(self.context, run, self._on_done, self._on_failed, write=True)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.save_button.setEnabled(not busy)

    def _on_done(self, result: Any) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        if isinstance(result, Refused):
            self.show_error(*explain(result))
            return
        self.recorded.emit(result)
        self.accept()

    def _on_failed(self, message: str) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        self.show_error(None, message)
