"""What a settings section that is one form (not a table of rows) shares.

SettingsView asks every section for refresh/invalidate/is_idle/new_record/cancel; a
form page loads when first shown after a change, and shows errors in one label.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from ui.base.context import AppContext
from ui.settings.error_text import ErrorText
from ui.widgets.style import ERROR_STYLE, error_label


class FormPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.error_text = ErrorText(self)
        self.message: QLabel = error_label(self)
        self._busy = False
        self._stale = True

    def refresh(self) -> None:
        """Load what the page shows (a subclass's work; it clears the stale mark)."""
        self._stale = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def invalidate(self) -> None:
        self._stale = True

    def is_idle(self) -> bool:
        return not self._busy

    def new_record(self) -> None:
        return None

    def cancel(self) -> None:
        self.refresh()

    def _on_failed(self, message: str) -> None:
        self._busy = False
        self._show_error(self.error_text.describe(message))

    def _show_error(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
        self.message.show()
