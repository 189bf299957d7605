"""Shared looks: one colour for errors, one way to make the label that shows them."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

ERROR_COLOR = "#c0392b"
ERROR_STYLE = f"color: {ERROR_COLOR}"


def error_label(parent: QWidget, name: str = "message") -> QLabel:
    """Return a hidden, word-wrapping red label for a screen's or a field's error."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label
