"""文号登记簿: the number register, per series and year, with any number no letter holds."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.letters.letter_table_model import OVERDUE_COLOR


class RegisterDialog(Retranslated, QDialog):
    """Read-only: what the register handed out and which letter holds each number."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.reports: list[Any] = []
        self.setObjectName("register_dialog")
        self.resize(760, 360)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("register_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(self)
        self.close_button = buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.retranslate_ui()
        self.load()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Number register"))
        self.close_button.setText(self.tr("&Close"))
        self.intro.setText(
            self.tr(
                "Every number taken, per series code and year. A revoked letter keeps its "
                "number; a number that no letter holds is a gap and is shown in red."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Series"),
                self.tr("Year"),
                self.tr("Numbered"),
                self.tr("Revoked"),
                self.tr("Blocks"),
                self.tr("Check"),
            ]
        )
        self._fill()

    def load(self) -> None:
        hall, context = self.context.hall, self.context
        if hall is None:
            return

        def work() -> list[Any]:
            from hallwatch.services.letters.numbering import register_report

            with context.db.read() as session:
                return register_report(session, hall.id)

        self.context.run(work, self._loaded, lambda _message: None, owner=self)

    def _loaded(self, reports: list[Any]) -> None:
        self.reports = reports
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.reports))
        for row, report in enumerate(self.reports):
            blocks = "；".join(
                self.tr("%1–%2, next %3")
                .replace("%1", str(b.first))
                .replace("%2", str(b.last))
                .replace("%3", str(b.next_number))
                + (self.tr(" (leased)") if b.device_id else "")
                for b in report.blocks
            )
            check = (
                self.tr("Gap: %1").replace("%1", "、".join(str(n) for n in report.gaps))
                if report.gaps
                else self.tr("No gap")
            )
            cells = [
                report.series,
                str(report.year),
                str(report.issued),
                str(report.revoked),
                blocks,
                check,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if report.gaps and column == 5:
                    item.setForeground(OVERDUE_COLOR)
                self.table.setItem(row, column, item)


__all__ = ["RegisterDialog"]
