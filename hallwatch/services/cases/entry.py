"""Manual case entry and correction (办件补录、更正), checked like an import row.

A case typed in by hand, or a correction of an imported one, must hold together
as the imports demand: times in order and not in the future, a status that
matches them, a rating only on a finished case, a case number used once in the
hall. Due dates are computed with the hall calendar from the case's own limits:
those the person gives, else the service item's when the case is entered. A
correction keeps the case's limits unless it changes the service item (then the new
item's apply) or the limits themselves, so a later change to the catalogue never
moves an existing case's dates. A case entered by hand that is finished at the
window (no item, or one promised in 0 days) has its finish as its end of service.

A correction needs a reason. It changes the row (so the audit chain records who
changed it) and adds an append-only CaseEvent 'corrected' listing every field
with its old and new value, which the case's timeline shows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.domain.cases import due_dates
from hallwatch.domain.enums import CaseStatus
from hallwatch.domain.errors import FieldError, NotFoundError
from hallwatch.domain.timeutil import hall_zone, local_day, utcnow
from hallwatch.services.attendance.sheets import FUTURE_TOLERANCE
from hallwatch.services.hall.calendar import hall_calendar
from hallwatch.storage.models import (
    Case,
    CaseEvent,
    Hall,
    ServiceItem,
    Staff,
    SyncMixin,
    Window,
)

__all__ = ["CaseDraft", "case_draft", "correct_case", "create_case"]

# Statuses in which the case has been accepted (its clock started).
_ACCEPTED = frozenset({CaseStatus.ACCEPTED, CaseStatus.PAUSED, CaseStatus.FINISHED})
LIMITS = {"paused_days": 365, "extended_days": 365, "hold_minutes": 24 * 60}
# The longest limit a case may carry (as an import takes from a file).
MAX_LIMIT_DAYS = 999


@dataclass(frozen=True, slots=True)
class CaseDraft:
    """What a person enters for one case; times are aware datetimes."""

    service_item_id: uuid.UUID | None = None
    window_id: uuid.UUID | None = None
    staff_id: uuid.UUID | None = None
    ticket_no: str = ""
    case_no: str = ""
    status: CaseStatus = CaseStatus.ACCEPTED
    taken_at: datetime | None = None
    called_at: datetime | None = None
    accepted_at: datetime | None = None
    finished_at: datetime | None = None
    paused_days: int = 0
    extended_days: int = 0
    hold_minutes: int = 0
    rating: int | None = None
    # The case's own limits in working days; None: the service item's.
    promised_days: int | None = None
    legal_days: int | None = None


def _check(
    session: Session,
    hall_id: uuid.UUID,
    draft: CaseDraft,
    now: datetime,
    own_id: uuid.UUID | None = None,
) -> CaseDraft:
    draft = replace(draft, ticket_no=draft.ticket_no.strip(), case_no=draft.case_no.strip())
    if not draft.ticket_no and not draft.case_no:
        raise FieldError(
            "case_no",
            "give a case number or a ticket number",
            "a case has at least one of them",
            code="case_or_ticket",
        )
    for name, limit in (("ticket_no", 24), ("case_no", 40)):
        if len(getattr(draft, name)) > limit:
            raise FieldError(
                name, f"{name} is longer than {limit} characters", code="too_long", params=(limit,)
            )
    models: tuple[tuple[str, type[ServiceItem | Window | Staff]], ...] = (
        ("service_item_id", ServiceItem),
        ("window_id", Window),
        ("staff_id", Staff),
    )
    for name, model in models:
        row_id = getattr(draft, name)
        if row_id is None:
            continue
        row = cast("SyncMixin | None", session.get(model, row_id))
        if row is None or row.hall_id != hall_id or row.deleted:
            raise FieldError(name, f"{name} {row_id} is not in this hall", code="missing")
    order = ("taken_at", "called_at", "accepted_at", "finished_at")
    previous: tuple[str, datetime] | None = None
    for name in order:
        moment = getattr(draft, name)
        if moment is None:
            continue
        if moment.tzinfo is None:
            raise FieldError(name, f"{name} has no time zone", code="invalid")
        if moment - now > FUTURE_TOLERANCE:
            raise FieldError(
                name,
                f"{name} {moment:%Y-%m-%d %H:%M} is in the future",
                "enter what has happened",
                code="future",
            )
        if previous is not None and moment < previous[1]:
            raise FieldError(
                name,
                f"{name} is before {previous[0]}",
                "times run: ticket taken, called, accepted, finished",
                code="case_time_order",
            )
        previous = (name, moment)
    if draft.status in _ACCEPTED and draft.accepted_at is None:
        raise FieldError(
            "accepted_at", "an accepted case needs its time of acceptance", code="required"
        )
    if draft.accepted_at is not None and draft.service_item_id is None:
        raise FieldError(
            "service_item_id",
            "an accepted case needs its service item (for its time limits)",
            code="required",
        )
    if (draft.status is CaseStatus.FINISHED) != (draft.finished_at is not None):
        raise FieldError(
            "finished_at",
            "a finished case needs its finishing time, and only a finished case has one",
            code="finished_status",
        )
    if draft.status is CaseStatus.CALLED and draft.called_at is None:
        raise FieldError("called_at", "a called ticket needs its calling time", code="required")
    for name, limit in LIMITS.items():
        value = getattr(draft, name)
        if not 0 <= value <= limit:
            raise FieldError(
                name, f"{name} = {value} is out of range", code="range", params=(0, limit)
            )
    for name in ("promised_days", "legal_days"):
        value = getattr(draft, name)
        if value is not None and not 0 <= value <= MAX_LIMIT_DAYS:
            raise FieldError(
                name, f"{name} = {value} is out of range", code="range", params=(0, MAX_LIMIT_DAYS)
            )
    if (
        draft.promised_days is not None
        and draft.legal_days is not None
        and draft.promised_days > draft.legal_days
    ):
        raise FieldError(
            "promised_days",
            f"the promised limit ({draft.promised_days} working days) is longer than the legal "
            f"limit ({draft.legal_days})",
            code="limit_order",
            params=(draft.promised_days, draft.legal_days),
        )
    if draft.rating is not None:
        if not 1 <= draft.rating <= 5:
            raise FieldError("rating", f"rating {draft.rating} is not 1–5", code="invalid")
        if draft.finished_at is None:
            raise FieldError("rating", "only a finished case is rated", code="rating_unfinished")
    if draft.case_no:
        query = select(Case.id).where(
            Case.hall_id == hall_id, Case.case_no == draft.case_no, Case.deleted.is_(False)
        )
        if own_id is not None:
            query = query.where(Case.id != own_id)
        taken = session.scalar(query.limit(1))
        if taken is not None:
            raise FieldError(
                "case_no",
                f"case number {draft.case_no} is already used",
                code="case_no_taken",
                params=(draft.case_no,),
            )
    return draft


def _apply(session: Session, hall_id: uuid.UUID, case: Case, draft: CaseDraft) -> None:
    item = session.get(ServiceItem, draft.service_item_id) if draft.service_item_id else None
    window = session.get(Window, draft.window_id) if draft.window_id else None
    case.service_item_id = draft.service_item_id
    case.window_id = draft.window_id
    case.staff_id = draft.staff_id
    case.unit_id = (item.unit_id if item else None) or (window.unit_id if window else None)
    case.ticket_no, case.case_no, case.status = draft.ticket_no, draft.case_no, draft.status
    for name in ("taken_at", "called_at", "accepted_at", "finished_at"):
        moment = getattr(draft, name)
        setattr(case, name, moment.astimezone(UTC) if moment else None)
    case.paused_days, case.extended_days = draft.paused_days, draft.extended_days
    case.hold_minutes = draft.hold_minutes
    if draft.rating != case.rating:
        case.rating = draft.rating
        case.rating_raw = str(draft.rating) if draft.rating else ""
        case.rated_at = case.finished_at if draft.rating else None
    # The case's own limits: as given, else the item's now (the case keeps them).
    promised = draft.promised_days
    legal = draft.legal_days
    if item is not None:
        promised = item.promised_days if promised is None else promised
        legal = item.legal_days if legal is None else legal
    case.promised_days, case.legal_days = promised, legal
    if case.source == "manual":
        # Typed in by hand there is one finish; it ends the service at the window when the
        # case is finished there (no item, or one promised in 0 days).
        at_window = promised in (None, 0)
        case.service_finished_at = (
            case.finished_at if at_window and case.called_at is not None else None
        )
    if promised is not None and legal is not None and case.accepted_at is not None:
        zone_name = session.scalar(select(Hall.timezone).where(Hall.id == hall_id))
        due = due_dates(
            hall_calendar(session, hall_id),
            local_day(case.accepted_at, hall_zone(zone_name)),
            promised,
            legal,
            draft.paused_days,
            draft.extended_days,
        )
        case.promised_due, case.legal_due = due.promised, due.legal
        case.due_provisional = due.provisional
    else:
        case.promised_due = case.legal_due = None
        case.due_provisional = False


def create_case(
    session: Session, hall_id: uuid.UUID, draft: CaseDraft, *, now: datetime | None = None
) -> uuid.UUID:
    """Record a case entered by hand; return its id."""
    checked = _check(session, hall_id, draft, now or utcnow())
    case = Case(hall_id=hall_id, source="manual", hold_minutes=0, rating_raw="")
    _apply(session, hall_id, case, checked)
    session.add(case)
    session.flush()
    return case.id


def _live_case(session: Session, hall_id: uuid.UUID, case_id: uuid.UUID) -> Case:
    case = session.get(Case, case_id)
    if case is None or case.hall_id != hall_id or case.deleted:
        raise NotFoundError(f"no case with id {case_id}", "refresh the list: it may have changed")
    return case


def case_draft(session: Session, hall_id: uuid.UUID, case_id: uuid.UUID) -> CaseDraft:
    """Return a case as a draft, to correct it."""
    case = _live_case(session, hall_id, case_id)
    return CaseDraft(**{f.name: getattr(case, f.name) for f in fields(CaseDraft)})


def correct_case(
    session: Session,
    hall_id: uuid.UUID,
    case_id: uuid.UUID,
    draft: CaseDraft,
    reason: str,
    *,
    now: datetime | None = None,
) -> list[str]:
    """Correct a case; return the names of the fields that changed (none: nothing written)."""
    reason = reason.strip()
    if not reason:
        raise FieldError(
            "reason", "a correction needs its reason", "say why the record was wrong",
            code="required",
        )  # fmt: skip
    case = _live_case(session, hall_id, case_id)
    before = case_draft(session, hall_id, case_id)
    if draft.service_item_id == before.service_item_id:
        # Limits not given (a dialog without them): the case keeps its own.
        draft = replace(
            draft,
            promised_days=before.promised_days
            if draft.promised_days is None
            else draft.promised_days,
            legal_days=before.legal_days if draft.legal_days is None else draft.legal_days,
        )
    elif (draft.promised_days, draft.legal_days) == (before.promised_days, before.legal_days):
        # Another item, limits left as they were: the new item's limits apply.
        draft = replace(draft, promised_days=None, legal_days=None)
    checked = _check(session, hall_id, draft, now or utcnow(), own_id=case.id)
    changed = {
        f.name: [_text(getattr(before, f.name)), _text(getattr(checked, f.name))]
        for f in fields(CaseDraft)
        if getattr(before, f.name) != getattr(checked, f.name)
    }
    if not changed:
        return []
    actor = session.info.get("actor")
    _apply(session, hall_id, case, checked)
    for name in ("promised_days", "legal_days"):
        # Limits left to the item: the history shows what the case now has.
        now_value = _text(getattr(case, name))
        old_value = _text(getattr(before, name))
        changed.pop(name, None)
        if now_value != old_value:
            changed[name] = [old_value, now_value]
    session.add(
        CaseEvent(
            hall_id=hall_id,
            case_id=case.id,
            occurred_at=(now or utcnow()).astimezone(UTC),
            kind="corrected",
            detail={"reason": reason, "fields": changed},
            recorded_by=getattr(actor, "user", "") or "",
        )
    )
    session.flush()
    return list(changed)


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="seconds")
    if isinstance(value, uuid.UUID):
        return str(value)
    return str(value)
