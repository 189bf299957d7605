"""The suggestions list: run the rules for a month, confirm one with a note."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from hallwatch.domain.enums import SuggestionStatus
from hallwatch.domain.rules import HallRules
from hallwatch.services.demo import generate_demo
from hallwatch.services.halls import find_hall
from hallwatch.services.rules import save_rules
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import Suggestion
from ui.app import create_application
from ui.context import AppContext
from ui.suggestions.suggestion_view import SuggestionView

MOMENT = datetime(2026, 3, 31, 16, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_suggestion_view_run_and_confirm(qtbot: QtBot, folder: DataFolder) -> None:
    db = Database.open(folder)
    generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    with db.write() as session:
        hall = find_hall(session)
        save_rules(session, hall.id, HallRules(lates_for_caution=2))
    create_application()
    context = AppContext(db, hall, now=lambda: MOMENT)
    view = SuggestionView(context)
    qtbot.addWidget(view)
    view.month.setDate(QDate(2026, 3, 1))
    view.run_button.click()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)
    assert "新增建议" in view.message.text()
    first = view.model.rows[0]
    assert first.status == SuggestionStatus.OPEN
    assert view.model.data(view.model.index(0, 0)) == "待处理"
    view.table.selectRow(0)
    assert view.confirm_button.isEnabled()
    view.decide(first, True, "已安排诫勉谈话")
    qtbot.waitUntil(
        lambda: any(r.status == SuggestionStatus.CONFIRMED for r in view.model.rows),
        timeout=10_000,
    )
    context.wait_idle()
    with db.read() as session:
        stored = session.get_one(Suggestion, first.id)
        assert stored.status == SuggestionStatus.CONFIRMED
        assert stored.note == "已安排诫勉谈话"
        assert stored.decided_by == "tester"
    view.close()
    db.close()
