"""The suggestions list: run the rules for a month, confirm one with a note."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hallwatch.demo.generator import generate_demo
from hallwatch.domain.enums import SuggestionStatus
from hallwatch.domain.rules import HallRules
from hallwatch.services.hall.halls import find_hall
from hallwatch.services.hall.rules import save_rules
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import Suggestion
from ui.app import create_application
from ui.base.context import AppContext
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


def test_suggestion_view_confirmed_suggestion_drafts_a_warning_letter(
    qtbot: QtBot, folder: DataFolder
) -> None:
    from hallwatch.domain.enums import LetterKind, LetterStatus
    from hallwatch.services.accountability.suggestions import decide_suggestion, refresh_suggestions
    from hallwatch.storage.models import Letter

    db = Database.open(folder)
    generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    with db.write() as session:
        hall = find_hall(session)
        save_rules(session, hall.id, HallRules(lates_for_caution=2))
        created = refresh_suggestions(session, hall.id, 2026, 3)
        assert len(created) >= 2
        confirmed, still_open = created[0], created[1]
        decide_suggestion(session, confirmed, confirm=True, note="已诫勉谈话", by="tester")
    create_application()
    context = AppContext(db, hall, now=lambda: MOMENT)
    view = SuggestionView(context)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == len(created), timeout=10_000)
    ids = [row.id for row in view.model.rows]
    assert view.draft_button.text() == "起草告诫书"
    view.table.selectRow(ids.index(still_open))
    assert not view.draft_button.isEnabled()  # an open suggestion is confirmed first
    view.table.selectRow(ids.index(confirmed))
    assert view.draft_button.isEnabled()
    with qtbot.waitSignal(view.letter_drafted, timeout=10_000) as drafted:
        view.draft_button.click()
    assert view.message.text() == "已起草效能告诫书（草稿），请到“公文”中查看、修改和签发。"
    with db.read() as session:
        letter = session.get_one(Letter, drafted.args[0])
        suggestion = session.get_one(Suggestion, confirmed)
        assert (letter.kind, letter.status) == (LetterKind.WARNING, LetterStatus.DRAFT)
        assert letter.suggestion_id == confirmed
        assert letter.recipient_staff_id == suggestion.staff_id
        assert letter.doc_no == ""  # a draft has no number

    # A second draft from the same suggestion is refused and names the first.
    view.draft_letter()
    qtbot.waitUntil(lambda: "已起草公文" in view.message.text(), timeout=10_000)
    assert view.message.text() == "这条建议已起草公文（草稿），请到“公文”中查看。"

    # Reopened meanwhile (on another device): refused, said in Chinese, nothing drafted.
    with db.write() as session:
        session.get_one(Suggestion, confirmed).status = SuggestionStatus.OPEN
    view.draft_letter()
    qtbot.waitUntil(lambda: "请先确认" in view.message.text(), timeout=10_000)
    assert view.message.text() == "只有已确认的建议才能起草公文，请先确认。"
    context.wait_idle()
    with db.read() as session:
        assert len(session.scalars(select(Letter)).all()) == 1
    view.close()
    db.close()
