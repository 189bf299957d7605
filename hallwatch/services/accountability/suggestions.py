"""Accountability suggestions: run the rules, list them, let a person decide."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.domain.accountability import (
    ACTION_CAUTION_TALK,
    ConfirmedCaution,
    Incident,
    StaffIncidents,
    SuggestionDraft,
    cautions_in_year,
    lates_in_month,
)
from hallwatch.domain.enums import SuggestionStatus
from hallwatch.domain.errors import ConflictError, InputError, NotFoundError
from hallwatch.domain.timeutil import utcnow
from hallwatch.services.attendance.sheets import month_sheet
from hallwatch.services.hall.rules import load_rules
from hallwatch.storage.models import Staff, Suggestion


@dataclass(frozen=True, slots=True)
class SuggestionRow:
    id: uuid.UUID
    rule: str
    action: str
    period: str
    title: str
    staff_id: uuid.UUID | None
    status: SuggestionStatus
    facts: dict[str, Any]
    note: str
    decided_by: str
    decided_at: datetime | None
    created_at: datetime


def _row(s: Suggestion) -> SuggestionRow:
    return SuggestionRow(
        s.id,
        s.rule,
        s.action,
        s.period,
        s.title,
        s.staff_id,
        s.status,
        dict(s.facts or {}),
        s.note,
        s.decided_by,
        s.decided_at,
        s.created_at,
    )


def _store(session: Session, hall_id: uuid.UUID, drafts: list[SuggestionDraft]) -> list[uuid.UUID]:
    existing = {
        (s.rule, s.subject_id, s.period): s
        for s in session.scalars(select(Suggestion).where(Suggestion.hall_id == hall_id))
    }
    created = []
    for draft in drafts:
        found = existing.get((draft.rule, draft.subject_id, draft.period))
        if found is None:
            suggestion = Suggestion(
                hall_id=hall_id,
                rule=draft.rule,
                staff_id=draft.staff_id,
                unit_id=draft.unit_id,
                subject_id=draft.subject_id,
                period=draft.period,
                action=draft.action,
                title=draft.title,
                facts=draft.facts,
            )
            session.add(suggestion)
            session.flush()
            created.append(suggestion.id)
        elif found.status == SuggestionStatus.OPEN and found.facts != draft.facts:
            # More incidents since the last run: the open proposal shows them all.
            found.facts = draft.facts
            found.title = draft.title
    session.flush()
    return created


def refresh_suggestions(
    session: Session, hall_id: uuid.UUID, year: int, month: int
) -> list[uuid.UUID]:
    """Run the rules for a month (and its year); return the ids of new suggestions."""
    rules = load_rules(session, hall_id)
    units = {
        staff_id: unit_id
        for staff_id, unit_id in session.execute(
            select(Staff.id, Staff.unit_id).where(Staff.hall_id == hall_id)
        )
    }
    people = []
    for staff in month_sheet(session, hall_id, year, month):
        incidents = []
        for day in staff.days:
            if day.late_minutes > 0:
                incidents.append(Incident(day.day, "late", day.late_minutes))
            if day.early_minutes > 0:
                incidents.append(Incident(day.day, "early", day.early_minutes))
        people.append(
            StaffIncidents(
                staff.staff_id,
                staff.staff_no,
                staff.name,
                units.get(staff.staff_id),
                tuple(incidents),
            )
        )
    created = _store(session, hall_id, lates_in_month(people, rules, year, month))
    confirmed = session.execute(
        select(Suggestion, Staff.name, Staff.staff_no)
        .join(Staff, Staff.id == Suggestion.staff_id)
        .where(
            Suggestion.hall_id == hall_id,
            Suggestion.action == ACTION_CAUTION_TALK,
            Suggestion.status == SuggestionStatus.CONFIRMED,
            Suggestion.period.like(f"{year:04d}-%"),
        )
    ).all()
    cautions = [
        ConfirmedCaution(s.staff_id, name, staff_no, s.unit_id, s.period)
        for s, name, staff_no in confirmed
        if s.staff_id is not None
    ]
    created += _store(session, hall_id, cautions_in_year(cautions, rules, year))
    return created


def list_suggestions(
    session: Session, hall_id: uuid.UUID, status: SuggestionStatus | None = None
) -> list[SuggestionRow]:
    """Return the hall's suggestions, open ones first, newest first."""
    query = select(Suggestion).where(Suggestion.hall_id == hall_id, Suggestion.deleted.is_(False))
    if status is not None:
        query = query.where(Suggestion.status == status)
    rows = [_row(s) for s in session.scalars(query)]
    # Stable sorts: open first, then the newest period, then by title.
    rows.sort(key=lambda r: r.title)
    rows.sort(key=lambda r: r.period, reverse=True)
    rows.sort(key=lambda r: r.status != SuggestionStatus.OPEN)
    return rows


def decide_suggestion(
    session: Session, suggestion_id: uuid.UUID, *, confirm: bool, note: str, by: str
) -> SuggestionRow:
    """Confirm or dismiss an open suggestion; a note saying why is required."""
    suggestion = session.get(Suggestion, suggestion_id)
    if suggestion is None or suggestion.deleted:
        raise NotFoundError("this suggestion no longer exists", "refresh the list")
    if suggestion.status != SuggestionStatus.OPEN:
        raise ConflictError(
            f"this suggestion was already {suggestion.status.value} by {suggestion.decided_by}",
            "refresh the list",
        )
    if not note.strip():
        raise InputError("the note is empty", "say why you confirm or dismiss it")
    suggestion.status = SuggestionStatus.CONFIRMED if confirm else SuggestionStatus.DISMISSED
    suggestion.note = note.strip()
    suggestion.decided_by = by
    suggestion.decided_at = utcnow()
    session.flush()
    return _row(suggestion)
