"""Widgets whose texts are set in retranslate_ui(), again when the language changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    _Base = QWidget
else:
    _Base = object


class Retranslated(_Base):
    """Mixin, listed before the Qt class: calls retranslate_ui() on a LanguageChange.

    `class LettersView(Retranslated, QWidget)`: the widget sets every text it shows in
    retranslate_ui(), from its __init__ and whenever the user switches language.
    """

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
