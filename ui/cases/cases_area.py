"""办件: the cases list, the bad-rating follow-ups (差评整改) and the alerts, one tab each."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.alerts.alerts_view import AlertsView
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.cases.cases_view import CasesView
from ui.ratings.followup_view import FollowUpView


class CasesArea(Retranslated, QTabWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.cases = CasesView(context, self)
        self.cases.setObjectName("cases")
        self.followups = FollowUpView(context, self)
        self.followups.setObjectName("followups")
        self.alerts = AlertsView(context, self)
        self.alerts.setObjectName("alerts")
        self.addTab(self.cases, "")
        self.addTab(self.followups, "")
        self.addTab(self.alerts, "")
        # The statistics load their charts when first shown (QtCharts and the figures).
        self.stats: QWidget | None = None
        self.stats_holder = QWidget(self)
        QVBoxLayout(self.stats_holder).setContentsMargins(0, 0, 0, 0)
        self.addTab(self.stats_holder, "")
        self.currentChanged.connect(self._on_tab)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTabText(self.indexOf(self.cases), self.tr("Cases"))
        self.setTabText(self.indexOf(self.followups), self.tr("Bad-rating follow-ups"))
        self.setTabText(self.indexOf(self.alerts), self.tr("Alerts"))
        self.setTabText(self.indexOf(self.stats_holder), self.tr("Statistics"))

    def _on_tab(self, _index: int) -> None:
        if self.currentWidget() is self.stats_holder:
            self.show_stats()

    def show_stats(self) -> QWidget:
        """Go to the statistics tab, creating it on first use."""
        if self.stats is None:
            from ui.stats.stats_view import StatsView

            self.stats = StatsView(self.context, self.stats_holder)
            self.stats.setObjectName("stats")
            layout = self.stats_holder.layout()
            assert layout is not None
            layout.addWidget(self.stats)
        self.setCurrentWidget(self.stats_holder)
        return self.stats

    def show_alerts(self) -> None:
        self.setCurrentWidget(self.alerts)
        self.alerts.refresh()
