"""办件: the cases list, the bad-rating follow-ups (差评整改) and the alerts, one tab each."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTabWidget, QWidget

from ui.alerts.alerts_view import AlertsView
from ui.cases.cases_view import CasesView
from ui.context import AppContext
from ui.ratings.followup_view import FollowUpView


class CasesArea(QTabWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cases = CasesView(context, self)
        self.cases.setObjectName("cases")
        self.followups = FollowUpView(context, self)
        self.followups.setObjectName("followups")
        self.alerts = AlertsView(context, self)
        self.alerts.setObjectName("alerts")
        self.addTab(self.cases, "")
        self.addTab(self.followups, "")
        self.addTab(self.alerts, "")
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTabText(self.indexOf(self.cases), self.tr("Cases"))
        self.setTabText(self.indexOf(self.followups), self.tr("Bad-rating follow-ups"))
        self.setTabText(self.indexOf(self.alerts), self.tr("Alerts"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_alerts(self) -> None:
        self.setCurrentWidget(self.alerts)
        self.alerts.refresh()
