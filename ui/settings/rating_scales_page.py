"""评价等级对照: how each queue system's rating values map to the five national levels.

A queue system often rates on its own scale (e.g. 1/3/4, or words); the queue import
reads the ratings of a source through its saved scale (services.imports.ratings).
Without one, 1–5 and the national words are read as they are.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.settings.form_page import FormPage
from ui.words import rating_word
from ui.workers import Failure, guarded


class RatingScalesPage(Retranslated, FormPage):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.source_label = QLabel(self)
        self.source = QComboBox(self)
        self.source.setObjectName("source")
        self.source.setEditable(True)
        self.source.setMinimumContentsLength(16)
        self.source_label.setBuddy(self.source)
        self.source.activated.connect(lambda _i: self.load_scale())
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("levels")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 160)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("add_row")
        self.add_button.clicked.connect(lambda _c=False: self.add_row("", 5))
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("remove_row")
        self.remove_button.clicked.connect(lambda _c=False: self.remove_selected())
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(lambda _c=False: self.save())
        self.status = QLabel(self)
        self.status.setObjectName("status")
        top = QHBoxLayout()
        top.addWidget(self.source_label)
        top.addWidget(self.source, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.status)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.retranslate_ui()

    # --- texts ----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.intro.setText(
            self.tr(
                "A queue system that rates on its own scale (e.g. 1/3/4) needs its values "
                "mapped to the five national levels. Name the source as you name it when "
                "importing (--source, or the saved column mapping)."
            )
        )
        self.source_label.setText(self.tr("&Source:"))
        self.table.setHorizontalHeaderLabels([self.tr("Value in the file"), self.tr("Level")])
        self.add_button.setText(self.tr("&Add a value"))
        self.remove_button.setText(self.tr("&Remove selected"))
        self.save_button.setText(self.tr("&Save"))

    # --- what SettingsView asks of a page --------------------------------------------------

    def new_record(self) -> None:
        self.source.setEditText("")
        self.table.setRowCount(0)
        for level in (5, 4, 3, 2, 1):
            self.add_row(str(level), level)
        self.source.setFocus()

    def cancel(self) -> None:
        self.load_scale()

    def refresh(self, *, then_load: bool = True) -> None:
        """Read the sources that have a scale, then (unless told not) the chosen one's values."""
        hall, context = self.context.hall, self.context
        self._stale = False
        if hall is None:
            return

        def load() -> list[str]:
            from hallwatch.services.imports.ratings import list_rating_scales

            with context.db.read() as session:
                return list_rating_scales(session, hall.id)

        self.context.run(
            load, lambda sources: self._on_sources(sources, then_load), self._on_failed, owner=self
        )

    def _on_sources(self, sources: list[str], then_load: bool = True) -> None:
        current = self.source.currentText()
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItems(sources)
        self.source.setEditText(current or (sources[0] if sources else ""))
        self.source.blockSignals(False)
        if not then_load:
            return
        if self.source.currentText():
            self.load_scale()
        else:
            self.new_record()

    def load_scale(self) -> None:
        hall, context, source = self.context.hall, self.context, self.source.currentText()
        if hall is None or not source.strip():
            return

        def load() -> Any:
            from hallwatch.services.imports.ratings import load_rating_scale

            with context.db.read() as session:
                return load_rating_scale(session, hall.id, source)

        self.context.run(guarded(load), self._on_scale, self._on_failed, owner=self)

    def _on_scale(self, scale: Any) -> None:
        if isinstance(scale, Failure):
            self._show_error(self.error_text.describe(scale.error))
            return
        self.message.hide()
        self.table.setRowCount(0)
        for raw, level in scale.levels.items():
            self.add_row(raw, level)
        self.status.setText("" if scale.saved else self.tr("Not saved yet: 1–5 read as they are"))

    # --- editing ---------------------------------------------------------------------------

    def add_row(self, raw: str, level: int) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(raw))
        combo = QComboBox(self.table)
        for value in (5, 4, 3, 2, 1):
            combo.addItem(f"{value} {rating_word(value)}", value)
        combo.setCurrentIndex(max(combo.findData(level), 0))
        self.table.setCellWidget(row, 1, combo)

    def remove_selected(self) -> None:
        for index in sorted(
            (i.row() for i in self.table.selectionModel().selectedRows()), reverse=True
        ):
            self.table.removeRow(index)

    def levels(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            combo = self.table.cellWidget(row, 1)
            raw = item.text().strip() if item is not None else ""
            if raw and isinstance(combo, QComboBox):
                found[raw] = int(combo.currentData())
        return found

    def save(self) -> None:
        hall, context = self.context.hall, self.context
        if hall is None or self._busy:
            return
        source, levels = self.source.currentText(), self.levels()
        self.message.hide()

        def work() -> Any:
            from hallwatch.services.imports.ratings import save_rating_scale

            with context.db.write("settings.rating_scale") as session:
                return save_rating_scale(session, hall.id, source, levels)

        self._busy = True
        self.context.run(guarded(work), self._on_saved, self._on_failed, write=True, owner=self)

    def _on_saved(self, result: Any) -> None:
        self._busy = False
        if isinstance(result, Failure):
            self._show_error(self.error_text.describe(result.error))
            return
        self.status.setText(self.tr("Saved: %1").replace("%1", result.describe()))
        self.refresh(then_load=False)  # the new source joins the list; the table stays


__all__ = ["RatingScalesPage"]
