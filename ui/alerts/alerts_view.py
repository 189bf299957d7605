"""预警: the alerts raised on this workstation, acknowledged by whoever sits at it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hallwatch.services.accountability.alerts import (
    AlertKind,
    AlertRow,
    acknowledge_alerts,
    list_alerts,
)
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.widgets.hall_time import zone_of
from ui.widgets.style import error_label


class AlertsView(Retranslated, QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.rows: list[AlertRow] = []
        self._generation = 0
        self.show_all = QCheckBox(self)
        self.show_all.setObjectName("show_all")
        self.show_all.toggled.connect(lambda _on: self.refresh())
        self.ack_button = QPushButton(self)
        self.ack_button.setObjectName("acknowledge")
        self.ack_button.clicked.connect(lambda _c=False: self.acknowledge_selected())
        self.ack_all_button = QPushButton(self)
        self.ack_all_button.setObjectName("acknowledge_all")
        self.ack_all_button.clicked.connect(lambda _c=False: self.acknowledge_all())
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("alerts_table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((130, 90, 420)):
            self.table.setColumnWidth(column, width)
        self.message = error_label(self)
        bar = QHBoxLayout()
        bar.addWidget(self.summary)
        bar.addStretch(1)
        bar.addWidget(self.show_all)
        bar.addWidget(self.ack_button)
        bar.addWidget(self.ack_all_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        context.data_changed.connect(self._on_data_changed)
        context.hall_changed.connect(lambda _hall: self.refresh())
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.show_all.setText(self.tr("Show acknowledged"))
        self.ack_button.setText(self.tr("&Acknowledge selected"))
        self.ack_all_button.setText(self.tr("Acknowledge &all"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Raised"), self.tr("Kind"), self.tr("Alert"), self.tr("Acknowledged")]
        )
        self._fill()

    def kind_words(self) -> dict[AlertKind, str]:
        return {
            AlertKind.CASE_YELLOW: self.tr("Yellow light"),
            AlertKind.CASE_RED: self.tr("Red light"),
            AlertKind.CASE_SEVERE: self.tr("Past legal limit"),
            AlertKind.WINDOW_IDLE: self.tr("Nobody calling"),
        }

    # --- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        hall, context = self.context.hall, self.context
        self._generation += 1
        generation = self._generation
        if hall is None:
            self._on_loaded(generation, [])
            return
        everything = self.show_all.isChecked()

        def load() -> list[AlertRow]:
            with context.db.read() as session:
                return list_alerts(session, hall.id, include_acknowledged=everything)

        self.context.run(
            load, lambda rows: self._on_loaded(generation, rows), self._on_failed, owner=self
        )

    def _on_loaded(self, generation: int, rows: list[AlertRow]) -> None:
        if generation != self._generation:
            return
        self.rows = rows
        self.message.hide()
        self._fill()

    def _on_failed(self, message: str) -> None:
        self.message.setText(self.tr("Could not read the alerts: %1").replace("%1", message))
        self.message.show()

    def _on_data_changed(self, tables: Any) -> None:
        if "alerts" in set(tables):
            self.refresh()

    def _fill(self) -> None:
        zone = zone_of(self.context)
        words = self.kind_words()
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            seen = ""
            if row.acknowledged_at is not None:
                seen = f"{row.acknowledged_at.astimezone(zone):%m-%d %H:%M} {row.acknowledged_by}"
            texts = (
                f"{row.raised_at.astimezone(zone):%Y-%m-%d %H:%M}",
                words[row.kind],
                f"{row.title}（{row.detail}）" if row.detail else row.title,
                seen,
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                self.table.setItem(index, column, item)
        open_count = sum(1 for row in self.rows if row.acknowledged_at is None)
        self.summary.setText(self.tr("%1 alerts to acknowledge").replace("%1", str(open_count)))
        self.ack_all_button.setEnabled(open_count > 0)

    # --- acknowledging -----------------------------------------------------------------------

    def acknowledge_selected(self) -> None:
        chosen = {index.row() for index in self.table.selectionModel().selectedRows()}
        self._acknowledge([self.rows[i].id for i in sorted(chosen) if i < len(self.rows)])

    def acknowledge_all(self) -> None:
        self._acknowledge([row.id for row in self.rows if row.acknowledged_at is None])

    def _acknowledge(self, ids: list[int]) -> None:
        hall, context = self.context.hall, self.context
        if hall is None or not ids:
            return
        now = self.context.now()

        def work() -> int:
            with context.db.write("alerts.acknowledge") as session:
                return acknowledge_alerts(session, hall.id, ids, context.user, now=now)

        self.context.run(work, lambda _count: None, self._on_failed, write=True, owner=self)
