"""Form rows with their own error line: a message shows up under the input it is about."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.style import ERROR_STYLE


class FormFields:
    """Builds labelled inputs in a QFormLayout, each with a red error label under it.

    Inputs are named `field_<name>`, their labels `label_<name>` and error lines
    `error_<name>`, so tests and the service's FieldError.field find the same input.
    """

    def __init__(self, layout: QFormLayout, on_edited: Callable[[], None]) -> None:
        self.layout = layout
        self._on_edited = on_edited
        self._labels: dict[str, QLabel] = {}
        self._inputs: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}

    def add(self, name: str, widget: QWidget, focus: QWidget | None = None) -> None:
        """Add a row; `focus` is the input inside a compound widget that gets the focus."""
        parent = self.layout.parentWidget()
        label = QLabel(parent)
        label.setObjectName(f"label_{name}")
        box = QWidget(parent)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        widget.setParent(box)
        widget.setObjectName(f"field_{name}")
        column.addWidget(widget)
        error = QLabel(box)
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        label.setBuddy(focus or widget)
        self.layout.addRow(label, box)
        self._labels[name], self._inputs[name], self._errors[name] = label, focus or widget, error
        self._watch(widget)

    def _watch(self, widget: QWidget) -> None:
        edited = self._on_edited
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _text: edited())
        elif isinstance(widget, QComboBox):
            widget.activated.connect(lambda _index: edited())
            line = widget.lineEdit() if widget.isEditable() else None
            if line is not None:
                line.textEdited.connect(lambda _text: edited())
        elif isinstance(widget, QCheckBox):
            widget.clicked.connect(lambda _checked: edited())
        elif isinstance(widget, QAbstractSpinBox):
            widget.editingFinished.connect(edited)
        elif type(widget) is QWidget:
            # A plain container (a check box beside a date …): watch what it holds.
            for child in widget.findChildren(QWidget):
                if child.parentWidget() is widget:
                    self._watch(child)

    def names(self) -> list[str]:
        return list(self._inputs)

    def __contains__(self, name: object) -> bool:
        return name in self._inputs

    def label(self, name: str) -> QLabel:
        return self._labels[name]

    def input(self, name: str) -> QWidget:
        return self._inputs[name]

    def error(self, name: str) -> QLabel:
        return self._errors[name]

    def show_error(self, name: str, text: str) -> None:
        error = self._errors[name]
        error.setText(text)
        error.show()
        self._inputs[name].setFocus()

    def clear_errors(self) -> None:
        for error in self._errors.values():
            error.clear()
            error.hide()
