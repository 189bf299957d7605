"""统计: a period's case, queue and rating figures per unit, window or person, and charts.

The table shows services.stats.metrics.case_stats (definitions in hallwatch.domain.metrics);
the charts show the daily volume, the waiting times, the open cases' lights day by
day (services.stats.charts) and a comparison of the groups. Everything is read in the read
pool; an answer to an older request is dropped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hallwatch.domain.enums import Light
from hallwatch.domain.metrics import StatsRow
from hallwatch.services.stats.charts import DayLights, DayVolume
from hallwatch.storage.queries import hall as hall_queries
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.widgets.hall_time import hall_today
from ui.widgets.style import error_label

LIGHT_COLOURS = {
    Light.GREEN: "#43a047",
    Light.YELLOW: "#f9a825",
    Light.RED: "#e53935",
    Light.SEVERE: "#8e0000",
}


@dataclass(frozen=True, slots=True)
class _Loaded:
    rows: list[StatsRow]
    total: StatsRow | None
    volume: list[DayVolume]
    waits: list[tuple[str, int]]
    lights: list[DayLights]
    # Short names of the groups where the hall has them (units' short names).
    labels: dict[Any, str]


def short_names(names: list[str], width: int = 8) -> list[str]:
    """Return names without the prefix they all share (e.g. the city), cut to width."""
    # Character by character is what is wanted here: the names are text, not paths.
    prefix = os.path.commonprefix(names) if len(names) > 1 else ""  # noqa: RUF071
    shortened = [name[len(prefix) :] or name for name in names]
    return [name if len(name) <= width else name[: width - 1] + "…" for name in shortened]


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


# (header source text, value) per table column; headers are translated in headers().
COLUMNS: tuple[tuple[str, Any], ...] = (
    ("name", lambda r: r.name),
    ("tickets", lambda r: str(r.tickets)),
    ("received", lambda r: str(r.received)),
    ("finished", lambda r: str(r.finished)),
    ("finish_rate", lambda r: _percent(r.finish_rate)),
    ("on_time_rate", lambda r: _percent(r.on_time_rate)),
    ("early_rate", lambda r: _percent(r.early_rate)),
    ("overdue", lambda r: str(r.overdue)),
    ("average_days", lambda r: _number(r.average_days)),
    ("speed_up_rate", lambda r: _percent(r.speed_up_rate)),
    ("average_wait_minutes", lambda r: _number(r.average_wait_minutes)),
    ("average_service_minutes", lambda r: _number(r.average_service_minutes)),
    ("abandon_rate", lambda r: _percent(r.abandon_rate)),
    ("pause_minutes", lambda r: _number(r.pause_minutes, 0)),
    ("participation_rate", lambda r: _percent(r.participation_rate)),
    ("satisfaction_rate", lambda r: _percent(r.satisfaction_rate)),
    ("bad_rating_rate", lambda r: _percent(r.bad_rating_rate)),
)


class StatsView(Retranslated, QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._generation = 0
        self.loaded: _Loaded | None = None
        self.loading = False
        today = hall_today(context)
        first = today.replace(day=1)
        self.start = QDateEdit(QDate(first.year, first.month, first.day), self)
        self.start.setObjectName("start")
        self.end = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.end.setObjectName("end")
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.group = QComboBox(self)
        self.group.setObjectName("group")
        for value in ("unit", "window", "staff"):
            self.group.addItem("", value)
        self.run_button = QPushButton(self)
        self.run_button.setObjectName("run")
        self.run_button.clicked.connect(lambda _c=False: self.refresh())
        self.labels = {name: QLabel(self) for name in ("period", "group")}
        self.labels["period"].setBuddy(self.start)
        self.labels["group"].setBuddy(self.group)
        bar = QHBoxLayout()
        bar.addWidget(self.labels["period"])
        bar.addWidget(self.start)
        bar.addWidget(QLabel("—", self))
        bar.addWidget(self.end)
        bar.addSpacing(12)
        bar.addWidget(self.labels["group"])
        bar.addWidget(self.group)
        bar.addWidget(self.run_button)
        bar.addStretch(1)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        bar.addWidget(self.status)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("stats_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.charts: dict[str, QChartView] = {}
        grid = QGridLayout()
        for index, name in enumerate(("volume", "waits", "lights", "compare")):
            view = QChartView(QChart(), self)
            view.setObjectName(f"chart_{name}")
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(220)
            self.charts[name] = view
            grid.addWidget(view, index // 2, index % 2)
        charts = QWidget(self)
        charts.setLayout(grid)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(charts)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.message = error_label(self)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self.group.currentIndexChanged.connect(lambda _i: self.refresh())
        context.data_changed.connect(self._on_data_changed)
        context.hall_changed.connect(lambda _hall: self.refresh())
        self.retranslate_ui()
        self.refresh()

    # --- texts ----------------------------------------------------------------------------

    def headers(self) -> dict[str, str]:
        return {
            "name": self.tr("Name"),
            "tickets": self.tr("Tickets"),
            "received": self.tr("Received"),
            "finished": self.tr("Finished"),
            "finish_rate": self.tr("Finish rate"),
            "on_time_rate": self.tr("On time"),
            "early_rate": self.tr("Early"),
            "overdue": self.tr("Overdue"),
            "average_days": self.tr("Avg. days"),
            "speed_up_rate": self.tr("Speed-up"),
            "average_wait_minutes": self.tr("Avg. wait (min)"),
            "average_service_minutes": self.tr("Avg. service (min)"),
            "abandon_rate": self.tr("Abandoned"),
            "pause_minutes": self.tr("Paused (min)"),
            "participation_rate": self.tr("Rated"),
            "satisfaction_rate": self.tr("Satisfied"),
            "bad_rating_rate": self.tr("Bad ratings"),
        }

    def retranslate_ui(self) -> None:
        self.labels["period"].setText(self.tr("&Period:"))
        self.labels["group"].setText(self.tr("&By:"))
        for index, text in enumerate((self.tr("Unit"), self.tr("Window"), self.tr("Person"))):
            self.group.setItemText(index, text)
        self.run_button.setText(self.tr("&Compute"))
        headers = self.headers()
        self.table.setHorizontalHeaderLabels([headers[name] for name, _value in COLUMNS])
        self._draw()

    # --- loading ----------------------------------------------------------------------------

    def period(self) -> tuple[date, date]:
        start, end = self.start.date(), self.end.date()
        return (
            date(start.year(), start.month(), start.day()),
            date(end.year(), end.month(), end.day()),
        )

    def refresh(self) -> None:
        hall, context = self.context.hall, self.context
        self._generation += 1
        generation = self._generation
        if hall is None:
            return
        start, end = self.period()
        group_by = str(self.group.currentData())
        now = self.context.now()
        self.loading = True
        self.status.setText(self.tr("Computing…"))

        def load() -> _Loaded:
            from hallwatch.services.stats import charts
            from hallwatch.services.stats.metrics import case_stats

            with context.db.read() as session:
                rows = case_stats(session, hall.id, start, end, group_by=group_by, now=now)  # type: ignore[arg-type]
                totals = case_stats(session, hall.id, start, end, group_by="hall", now=now)
            with context.direct() as conn:
                return _Loaded(
                    rows,
                    totals[0] if totals else None,
                    charts.daily_volume(conn, hall.id, start, end),
                    charts.wait_histogram(conn, hall.id, start, end),
                    charts.lights_by_day(conn, hall.id, start, end),
                    {
                        uid: short
                        for uid, _name, short in hall_queries.units(conn, hall.id)
                        if short
                    },
                )

        self.context.run(
            load,
            lambda loaded: self._on_loaded(generation, loaded),
            lambda message: self._on_failed(generation, message),
            owner=self,
        )

    def _on_loaded(self, generation: int, loaded: _Loaded) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.loaded = loaded
        self.message.hide()
        self._draw()

    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.status.setText("")
        self.message.setText(self.tr("Could not compute the statistics: %1").replace("%1", message))
        self.message.show()

    def _on_data_changed(self, tables: Any) -> None:
        if set(tables) & {"cases", "holidays", "rating_followups", "window_events"}:
            self.refresh()

    # --- drawing ------------------------------------------------------------------------------

    def _draw(self) -> None:
        loaded = self.loaded
        if loaded is None:
            return
        rows = list(loaded.rows) + ([loaded.total] if loaded.total is not None else [])
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            for column, (_name, value) in enumerate(COLUMNS):
                text = self.tr("Whole hall") if row is loaded.total and column == 0 else value(row)
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(index, column, item)
        self.table.resizeColumnsToContents()
        start, end = self.period()
        self.status.setText(
            self.tr("%1 to %2").replace("%1", start.isoformat()).replace("%2", end.isoformat())
        )
        self._volume_chart(loaded.volume)
        self._wait_chart(loaded.waits)
        self._lights_chart(loaded.lights)
        self._compare_chart(loaded.rows, loaded.labels)

    def _chart(self, name: str, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        old = self.charts[name].chart()
        self.charts[name].setChart(chart)
        old.deleteLater()
        return chart

    def _axes(self, chart: QChart, series: Any, categories: list[str], top: float) -> None:
        axis_x = QBarCategoryAxis()
        axis_x.append(categories)
        axis_x.setTruncateLabels(False)  # day numbers fit; Qt would cut "10" to "…"
        axis_y = QValueAxis()
        axis_y.setRange(0, max(top, 1) * 1.1)
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)

    def _volume_chart(self, volume: list[DayVolume]) -> None:
        chart = self._chart("volume", self.tr("Daily volume"))
        series = QBarSeries()
        for label, field, colour in (
            (self.tr("Tickets"), "tickets", "#90caf9"),
            (self.tr("Received"), "received", "#1e88e5"),
            (self.tr("Finished"), "finished", "#2e7d32"),
        ):
            bars = QBarSet(label)
            bars.setColor(QColor(colour))
            bars.append([float(getattr(day, field)) for day in volume])
            series.append(bars)
        chart.addSeries(series)
        top = max((max(d.tickets, d.received, d.finished) for d in volume), default=0)
        self._axes(chart, series, [f"{d.day.day}" for d in volume], top)

    def _wait_chart(self, waits: list[tuple[str, int]]) -> None:
        chart = self._chart("waits", self.tr("Waiting time (minutes)"))
        series = QBarSeries()
        bars = QBarSet(self.tr("Tickets"))
        bars.setColor(QColor("#5e35b1"))
        bars.append([float(count) for _label, count in waits])
        series.append(bars)
        chart.addSeries(series)
        chart.legend().hide()
        self._axes(
            chart,
            series,
            [label for label, _count in waits],
            max((c for _l, c in waits), default=0),
        )

    def _lights_chart(self, lights: list[DayLights]) -> None:
        chart = self._chart("lights", self.tr("Open cases by light"))
        series = QStackedBarSeries()
        words = {
            Light.GREEN: self.tr("Green"),
            Light.YELLOW: self.tr("Yellow"),
            Light.RED: self.tr("Red"),
            Light.SEVERE: self.tr("Past legal limit"),
        }
        for light, colour in LIGHT_COLOURS.items():
            bars = QBarSet(words[light])
            bars.setColor(QColor(colour))
            bars.append([float(day.counts[light]) for day in lights])
            series.append(bars)
        chart.addSeries(series)
        top = max((sum(day.counts.values()) for day in lights), default=0)
        self._axes(chart, series, [str(d.day.day) for d in lights], top)

    def _compare_chart(self, rows: list[StatsRow], labels: dict[Any, str]) -> None:
        chart = self._chart("compare", self.tr("On time and satisfied, busiest eight (%)"))
        # The eight busiest groups: more bars than that do not leave room for their names.
        shown = sorted(rows, key=lambda row: row.received, reverse=True)[:8]
        series = QHorizontalBarSeries()
        for label, rate, colour in (
            (self.tr("On time"), lambda r: r.on_time_rate, "#2e7d32"),
            (self.tr("Satisfied"), lambda r: r.satisfaction_rate, "#f9a825"),
        ):
            bars = QBarSet(label)
            bars.setColor(QColor(colour))
            bars.append([100.0 * (rate(row) or 0.0) for row in shown])
            series.append(bars)
        chart.addSeries(series)
        axis_y = QBarCategoryAxis()
        axis_y.append(short_names([labels.get(row.key, row.name) for row in shown]))
        font = axis_y.labelsFont()
        font.setPointSizeF(max(font.pointSizeF() - 1, 7))
        axis_y.setLabelsFont(font)
        axis_y.setTruncateLabels(False)
        axis_x = QValueAxis()
        axis_x.setRange(0, 100)
        axis_x.setLabelFormat("%d")
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_y)
        series.attachAxis(axis_x)


__all__ = ["StatsView"]
