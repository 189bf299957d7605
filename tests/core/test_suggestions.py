"""Suggestions: the rules propose from real attendance, only a person decides."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import func, select

from hallwatch.demo.generator import generate_demo
from hallwatch.domain.enums import SuggestionStatus
from hallwatch.domain.errors import ConflictError, InputError
from hallwatch.domain.rules import HallRules
from hallwatch.services.accountability.suggestions import (
    decide_suggestion,
    list_suggestions,
    refresh_suggestions,
)
from hallwatch.services.attendance.sheets import month_sheet
from hallwatch.services.hall.rules import save_rules
from hallwatch.storage.database import Database
from hallwatch.storage.models import Letter, Suggestion


@pytest.fixture
def demo(db: Database) -> tuple[Database, uuid.UUID]:
    return db, generate_demo(db, scale="tiny", until=date(2026, 3, 31)).hall_id


def _expected(db: Database, hall_id: uuid.UUID, threshold: int) -> dict[str, list[str]]:
    with db.read() as session:
        months = month_sheet(session, hall_id, 2026, 3)
    expected = {}
    for staff in months:
        dates = sorted(
            [d.day.isoformat() for d in staff.days if d.late_minutes > 0]
            + [d.day.isoformat() for d in staff.days if d.early_minutes > 0]
        )
        if len(dates) >= threshold:
            expected[str(staff.staff_id)] = dates
    return expected


def test_suggestions_follow_monthly_lates(demo: tuple[Database, uuid.UUID]) -> None:
    hall_db, hall_id = demo
    with hall_db.write() as session:
        save_rules(session, hall_id, HallRules(lates_for_caution=2))
    expected = _expected(hall_db, hall_id, 2)
    assert expected, "the demo month should have someone late twice"
    with hall_db.write("suggestions.refresh") as session:
        created = refresh_suggestions(session, hall_id, 2026, 3)
    with hall_db.read() as session:
        rows = list_suggestions(session, hall_id)
    assert len(created) == len(expected) == len(rows)
    for row in rows:
        assert row.status == SuggestionStatus.OPEN
        assert row.facts["dates"] == expected[str(row.staff_id)]
        assert "建议诫勉谈话" in row.title
    # Running the rules again proposes nothing twice.
    with hall_db.write() as session:
        assert refresh_suggestions(session, hall_id, 2026, 3) == []


def test_suggestions_decided_by_a_person_with_a_note(demo: tuple[Database, uuid.UUID]) -> None:
    hall_db, hall_id = demo
    with hall_db.write() as session:
        save_rules(session, hall_id, HallRules(lates_for_caution=1, cautions_for_warning=1))
        refresh_suggestions(session, hall_id, 2026, 3)
    with hall_db.read() as session:
        first = list_suggestions(session, hall_id)[0]
    with pytest.raises(InputError, match="note"), hall_db.write() as session:
        decide_suggestion(session, first.id, confirm=True, note="  ", by="王督查")
    with hall_db.write() as session:
        decided = decide_suggestion(session, first.id, confirm=True, note="已约谈", by="王督查")
    assert decided.status == SuggestionStatus.CONFIRMED
    assert decided.decided_by == "王督查"
    with pytest.raises(ConflictError, match="already confirmed"), hall_db.write() as session:
        decide_suggestion(session, first.id, confirm=False, note="改主意", by="李")
    # One confirmed caution (threshold 1) now proposes a warning letter, and issues none.
    with hall_db.write() as session:
        refresh_suggestions(session, hall_id, 2026, 3)
    with hall_db.read() as session:
        rows = list_suggestions(session, hall_id, SuggestionStatus.OPEN)
        letters = session.scalar(select(func.count()).select_from(Letter))
        total = session.scalar(select(func.count()).select_from(Suggestion))
    warnings = [r for r in rows if r.action == "warning_letter"]
    assert [w.staff_id for w in warnings] == [first.staff_id]
    assert warnings[0].period == "2026"
    assert letters == 0
    assert (total or 0) > len(warnings)
