"""A draft letter's every field, as a form: the core checks it on 保存 (update_draft).

The form remembers what it was filled with, so only the fields a person changed are
sent (a deadline sent unchanged would also clear its "provisional" mark). A
FieldError shows under the input it names; items[2] shows under the items table.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hallwatch.domain.enums import LetterKind
from hallwatch.services.letters.lifecycle import LetterDetail
from ui.base.translated import Retranslated
from ui.widgets.form_fields import FormFields
from ui.widgets.hall_time import from_qdate, to_qdate

# One-line fields, in the order they show (after the body).
LINE_FIELDS = ("copied_to", "issuing_body", "signer_body", "code", "printed_by")
# Paragraph fields and the lines each shows without scrolling.
BLOCK_FIELDS = {
    "intro": 3,
    "facts": 6,
    "basis": 3,
    "decision": 2,
    "requirements": 4,
    "consequences": 4,
}
LIMITS = {"title": 40, "addressee": 120, "copied_to": 300, "code": 16}


class LetterEditor(Retranslated, QWidget):
    """The form of one draft; fill() it, read changes(), show_error() what the core refused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letter_editor")
        self.kind: LetterKind | None = None
        self._initial: dict[str, Any] = {}
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.fields = FormFields(self.form, lambda: None)
        self.lines: dict[str, QLineEdit] = {}
        self.blocks: dict[str, QPlainTextEdit] = {}

        self.lines["title"] = QLineEdit(self)
        self.lines["addressee"] = QLineEdit(self)
        self.fields.add("title", self.lines["title"])
        self.fields.add("addressee", self.lines["addressee"])
        for name in ("intro", "facts", "basis", "decision"):
            self._add_block(name)
        self.evidence = QListWidget(self)
        self.evidence.setMaximumHeight(96)
        self.evidence.setWordWrap(True)
        self.fields.add("evidence", self.evidence)
        self.appendix = QCheckBox(self)
        self.fields.add("appendix", self.appendix)

        self.items_box = QWidget(self)
        self.items = QTableWidget(0, 2, self.items_box)
        self.items.setObjectName("items_table")
        self.items.setMaximumHeight(130)
        self.items.verticalHeader().setVisible(False)
        self.items.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.items.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.items.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.add_item_button = QPushButton(self.items_box)
        self.add_item_button.setObjectName("add_item")
        self.add_item_button.clicked.connect(lambda _c=False: self.add_item())
        self.remove_item_button = QPushButton(self.items_box)
        self.remove_item_button.setObjectName("remove_item")
        self.remove_item_button.clicked.connect(lambda _c=False: self._remove_item())
        item_buttons = QHBoxLayout()
        item_buttons.setContentsMargins(0, 0, 0, 0)
        item_buttons.addWidget(self.add_item_button)
        item_buttons.addWidget(self.remove_item_button)
        item_buttons.addStretch(1)
        column = QVBoxLayout(self.items_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.items)
        column.addLayout(item_buttons)
        self.fields.add("items", self.items_box, focus=self.items)

        for name in ("requirements", "consequences"):
            self._add_block(name)
        self.deadline = QDateEdit(self)
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.fields.add("deadline", self.deadline)
        for name in LINE_FIELDS:
            self.lines[name] = QLineEdit(self)
            self.fields.add(name, self.lines[name])
        for name, edit in self.lines.items():
            if name in LIMITS:
                edit.setMaxLength(LIMITS[name])
        self.retranslate_ui()

    def _add_block(self, name: str) -> None:
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        lines = BLOCK_FIELDS[name]
        height = edit.fontMetrics().lineSpacing() * lines + 14
        edit.setMinimumHeight(height)
        edit.setMaximumHeight(height if lines < 6 else height * 3)
        self.blocks[name] = edit
        self.fields.add(name, edit)

    def retranslate_ui(self) -> None:
        for name, text in (
            ("title", self.tr("Title:")),
            ("addressee", self.tr("Addressed to:")),
            ("intro", self.tr("Opening:")),
            ("facts", self.tr("Facts:")),
            ("evidence", self.tr("Evidence photos:")),
            ("appendix", self.tr("Appendix:")),
            ("basis", self.tr("Basis:")),
            ("decision", self.tr("Decision:")),
            ("items", self.tr("Items to rectify:")),
            ("requirements", self.tr("Requirements:")),
            ("consequences", self.tr("Notice of rights:")),
            ("deadline", self.tr("Deadline:")),
            ("copied_to", self.tr("Copied to:")),
            ("issuing_body", self.tr("Issuing office:")),
            ("signer_body", self.tr("Signed by:")),
            ("code", self.tr("Series code:")),
            ("printed_by", self.tr("Printed by:")),
        ):
            self.fields.label(name).setText(text)
        self.blocks["facts"].setPlaceholderText(self.tr("One paragraph per line"))
        self.blocks["facts"].setToolTip(
            self.tr("One paragraph per line; several paragraphs are numbered 1. 2. …")
        )
        self.evidence.setToolTip(self.tr("Untick a photo to leave it out of the letter"))
        self.appendix.setText(self.tr("Attach the photos to the letter"))
        self.items.setHorizontalHeaderLabels(
            [self.tr("Problem to rectify"), self.tr("Deadline (YYYY-MM-DD)")]
        )
        self.add_item_button.setText(self.tr("Add item"))
        self.remove_item_button.setText(self.tr("Remove item"))
        self.lines["code"].setToolTip(
            self.tr("The series of the number, e.g. 效告 in 效告〔2026〕3号")
        )

    # --- filling and reading ----------------------------------------------------------------

    def fill(self, detail: LetterDetail, today: date) -> None:
        """Show a draft's fields; what is shown now counts as unchanged."""
        f = detail.fields
        self.kind = detail.row.kind
        self.fields.clear_errors()
        self.lines["title"].setText(detail.row.title)
        for name, edit in self.lines.items():
            if name != "title":
                edit.setText(str(f.get(name, "")))
        for name, block in self.blocks.items():
            value = f.get(name, "")
            block.setPlainText("\n".join(value) if isinstance(value, list) else str(value))
        self.deadline.setDate(to_qdate(detail.row.deadline or today))
        self.appendix.setChecked(bool(f.get("appendix")))
        self.evidence.clear()
        for line in detail.evidence:
            item = QListWidgetItem(line.words, self.evidence)
            item.setData(Qt.ItemDataRole.UserRole, line.snapshot_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.items.setRowCount(0)
        for entry in f.get("items", []):
            self.add_item(str(entry.get("problem", "")), str(entry.get("deadline", "")))
        has_evidence = bool(detail.evidence)
        self.form.setRowVisible(self.fields.label("evidence"), has_evidence)
        self.form.setRowVisible(self.fields.label("appendix"), has_evidence)
        self.form.setRowVisible(
            self.fields.label("items"), detail.row.kind is LetterKind.RECTIFICATION
        )
        self._initial = self.values()

    def add_item(self, problem: str = "", deadline: str = "") -> None:
        row = self.items.rowCount()
        self.items.insertRow(row)
        first = QTableWidgetItem(problem)
        self.items.setItem(row, 0, first)
        self.items.setItem(row, 1, QTableWidgetItem(deadline))
        if not problem:
            self.items.setCurrentCell(row, 0)
            self.items.editItem(first)

    def _remove_item(self) -> None:
        rows = sorted({index.row() for index in self.items.selectedIndexes()}, reverse=True)
        for row in rows or ([self.items.currentRow()] if self.items.currentRow() >= 0 else []):
            self.items.removeRow(row)

    def values(self) -> dict[str, Any]:
        """Return every field as update_draft takes it."""
        values: dict[str, Any] = {name: edit.text().strip() for name, edit in self.lines.items()}
        for name, block in self.blocks.items():
            text = block.toPlainText()
            if name == "facts":
                values[name] = [line.strip() for line in text.splitlines() if line.strip()]
            else:
                values[name] = text.strip()
        values["deadline"] = from_qdate(self.deadline.date())
        values["appendix"] = self.appendix.isChecked()
        values["evidence"] = [
            str(self.evidence.item(k).data(Qt.ItemDataRole.UserRole))
            for k in range(self.evidence.count())
            if self.evidence.item(k).checkState() == Qt.CheckState.Checked
        ]
        values["items"] = [
            {"problem": self._cell(row, 0), "deadline": self._cell(row, 1)}
            for row in range(self.items.rowCount())
            if self._cell(row, 0) or self._cell(row, 1)
        ]
        return values

    def _cell(self, row: int, column: int) -> str:
        item = self.items.item(row, column)
        return item.text().strip() if item is not None else ""

    def changes(self) -> dict[str, Any]:
        """Return the fields changed since fill()."""
        return {k: v for k, v in self.values().items() if v != self._initial.get(k)}

    def is_dirty(self) -> bool:
        return bool(self._initial) and bool(self.changes())

    def reset(self) -> None:
        """Drop what the form was filled with (another letter comes next)."""
        self._initial = {}

    def forget(self) -> None:
        """Treat what is shown as saved (after update_draft succeeded)."""
        self._initial = self.values()

    def show_error(self, field: str, text: str) -> bool:
        """Show a message under the named field; return False when no input has that name."""
        name = field.partition("[")[0]  # items[2], facts[3]: the list's one input
        if name not in self.fields:
            return False
        self.fields.show_error(name, text)
        return True

    def clear_errors(self) -> None:
        self.fields.clear_errors()
