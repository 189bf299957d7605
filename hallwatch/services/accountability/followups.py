"""The bad-rating loop (差评整改): a follow-up task per bad rating, the call, the appeal.

Every bad rating (1 非常不满意, 2 不满意) gets one task, due the hall's
`bad_rating_followup_days` working days after the rating's day. A task closes only
once the follow-up call (time, person, content) is recorded. An appeal (申诉复核)
is filed once and reviewed once, by someone other than who filed it; approval marks
the rating mistaken (`RatingFollowUp.rating_mistaken`), which the statistics leave
out, while the case keeps its rating as given. Each change goes through the write
session, so the audit chain shows who did what.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.domain.calendar import WorkCalendar
from hallwatch.domain.errors import FieldError, FollowUpRefused, NotFoundError
from hallwatch.domain.timeutil import hall_zone, local_day, utcnow
from hallwatch.services.hall.calendar import hall_calendar
from hallwatch.services.hall.rules import load_rules
from hallwatch.storage.models import (
    AppealStatus,
    Case,
    FollowUpStatus,
    Hall,
    RatingFollowUp,
    ServiceItem,
    Staff,
    Unit,
    Window,
)

__all__ = [
    "BAD_RATINGS",
    "AppealStatus",
    "FollowUpRefused",
    "FollowUpRow",
    "FollowUpStatus",
    "close_followup",
    "file_appeal",
    "followup_id_for",
    "list_followups",
    "open_followups",
    "record_call",
    "review_appeal",
]

# 差评: 1 非常不满意, 2 不满意 (DOMAIN.md "Ratings").
BAD_RATINGS = (1, 2)
RATING_WORDS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "hallwatch:rating_followups")
_NAME_LENGTH = 60


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    """One follow-up task with its case, as the list and the detail panel show it."""

    id: uuid.UUID
    case_id: uuid.UUID
    case_no: str
    ticket_no: str
    item_name: str
    unit_name: str
    window_number: str
    staff_name: str
    rating: int | None
    rating_word: str
    rating_raw: str
    rated_at: datetime | None
    opened_at: datetime
    due_on: date
    due_provisional: bool
    status: FollowUpStatus
    # Open and past its due day (hall-local today); overdue_days are working days after it.
    overdue: bool
    overdue_days: int
    # Closed on a day after the due day.
    closed_late: bool
    call_at: datetime | None
    call_by: str
    call_content: str
    closed_at: datetime | None
    closed_by: str
    appeal_status: AppealStatus
    appeal_reason: str
    appeal_by: str
    appeal_at: datetime | None
    reviewed_by: str
    reviewed_at: datetime | None
    review_note: str
    rating_mistaken: bool


def followup_id_for(case_id: uuid.UUID) -> uuid.UUID:
    """Return the id of a case's follow-up task (the same on every device)."""
    return uuid.uuid5(_NAMESPACE, str(case_id))


def _aware(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime: pass `{name}` as an aware moment")
    return moment


def _zone(session: Session, hall_id: uuid.UUID) -> ZoneInfo:
    timezone = session.scalar(select(Hall.timezone).where(Hall.id == hall_id))
    if timezone is None:
        raise NotFoundError(f"no hall with id {hall_id}", "see 'hallwatch info' for the halls")
    return hall_zone(timezone)


def _name(value: str, field: str, label: str) -> str:
    text = value.strip()
    if not text:
        raise FieldError(field, f"{field} is empty", f"give the {label}", code="required")
    if len(text) > _NAME_LENGTH:
        raise FieldError(
            field,
            f"{field} is longer than {_NAME_LENGTH} characters",
            f"shorten the {label}",
            code="too_long",
            params=(_NAME_LENGTH,),
        )
    return text


def _text(value: str, field: str, label: str) -> str:
    text = value.strip()
    if not text:
        raise FieldError(field, f"{field} is empty", f"write the {label}", code="required")
    return text


def open_followups(session: Session, hall_id: uuid.UUID, now: datetime) -> int:
    """Open a follow-up task for every bad rating of the hall that has none; return how many."""
    now = _aware(now, "now")
    zone = _zone(session, hall_id)
    rules = load_rules(session, hall_id)
    calendar = hall_calendar(session, hall_id)
    pending = session.execute(
        select(Case.id, Case.rated_at, Case.finished_at, Case.taken_at)
        .outerjoin(RatingFollowUp, RatingFollowUp.case_id == Case.id)
        .where(
            Case.hall_id == hall_id,
            Case.deleted.is_(False),
            Case.rating.in_(BAD_RATINGS),
            # Any task, even a removed one, counts: one per case, ever.
            RatingFollowUp.id.is_(None),
        )
        .order_by(Case.rated_at, Case.id)
    ).all()
    for case_id, rated_at, finished_at, taken_at in pending:
        # A rating without its own time belongs to the visit it rates.
        moment = rated_at or finished_at or taken_at or now
        due = calendar.add_working_days(local_day(moment, zone), rules.bad_rating_followup_days)
        session.add(
            RatingFollowUp(
                id=followup_id_for(case_id),
                hall_id=hall_id,
                case_id=case_id,
                opened_at=now,
                due_on=due.day,
                due_provisional=due.provisional,
                status=FollowUpStatus.OPEN,
                appeal_status=AppealStatus.NONE,
            )
        )
    session.flush()
    return len(pending)


def _rows(
    session: Session,
    hall_id: uuid.UUID,
    now: datetime,
    *,
    status: FollowUpStatus | None = None,
    overdue_only: bool = False,
    followup_id: uuid.UUID | None = None,
) -> list[FollowUpRow]:
    zone = _zone(session, hall_id)
    today = now.astimezone(zone).date()
    calendar: WorkCalendar | None = None
    query = (
        select(
            RatingFollowUp,
            Case.case_no,
            Case.ticket_no,
            Case.rating,
            Case.rating_raw,
            Case.rated_at,
            ServiceItem.name,
            Unit.name,
            Window.number,
            Staff.name,
        )
        .join(Case, Case.id == RatingFollowUp.case_id)
        .outerjoin(ServiceItem, ServiceItem.id == Case.service_item_id)
        .outerjoin(Unit, Unit.id == Case.unit_id)
        .outerjoin(Window, Window.id == Case.window_id)
        .outerjoin(Staff, Staff.id == Case.staff_id)
        .where(RatingFollowUp.hall_id == hall_id, RatingFollowUp.deleted.is_(False))
    )
    if followup_id is not None:
        query = query.where(RatingFollowUp.id == followup_id)
    if status is not None:
        query = query.where(RatingFollowUp.status == status)
    if overdue_only:
        query = query.where(
            RatingFollowUp.status == FollowUpStatus.OPEN, RatingFollowUp.due_on < today
        )
    rows: list[FollowUpRow] = []
    for f, case_no, ticket_no, rating, raw, rated_at, item, unit, window, staff in session.execute(
        query
    ):
        overdue = f.status == FollowUpStatus.OPEN and today > f.due_on
        if overdue and calendar is None:
            calendar = hall_calendar(session, hall_id)
        rows.append(
            FollowUpRow(
                id=f.id,
                case_id=f.case_id,
                case_no=case_no,
                ticket_no=ticket_no,
                item_name=item or "",
                unit_name=unit or "",
                window_number=window or "",
                staff_name=staff or "",
                rating=rating,
                rating_word=RATING_WORDS.get(rating, "") if rating is not None else "",
                rating_raw=raw,
                rated_at=rated_at,
                opened_at=f.opened_at,
                due_on=f.due_on,
                due_provisional=f.due_provisional,
                status=f.status,
                overdue=overdue,
                overdue_days=(
                    calendar.working_days_between(f.due_on, today)
                    if overdue and calendar is not None
                    else 0
                ),
                closed_late=f.closed_at is not None and local_day(f.closed_at, zone) > f.due_on,
                call_at=f.call_at,
                call_by=f.call_by,
                call_content=f.call_content,
                closed_at=f.closed_at,
                closed_by=f.closed_by,
                appeal_status=f.appeal_status,
                appeal_reason=f.appeal_reason,
                appeal_by=f.appeal_by,
                appeal_at=f.appeal_at,
                reviewed_by=f.reviewed_by,
                reviewed_at=f.reviewed_at,
                review_note=f.review_note,
                rating_mistaken=f.rating_mistaken,
            )
        )
    # Open tasks first, the most urgent on top; then the latest closed.
    rows.sort(key=lambda r: (r.case_no, r.ticket_no))
    rows.sort(key=lambda r: r.closed_at.timestamp() if r.closed_at else 0.0, reverse=True)
    rows.sort(key=lambda r: r.due_on if r.status == FollowUpStatus.OPEN else date.max)
    return rows


def list_followups(
    session: Session,
    hall_id: uuid.UUID,
    status: FollowUpStatus | None = None,
    *,
    overdue_only: bool = False,
    now: datetime | None = None,
) -> list[FollowUpRow]:
    """Return the hall's follow-up tasks (of one status, or open past due), open first."""
    moment = utcnow() if now is None else _aware(now, "now")
    return _rows(session, hall_id, moment, status=status, overdue_only=overdue_only)


def _task(session: Session, followup_id: uuid.UUID) -> RatingFollowUp:
    task = session.get(RatingFollowUp, followup_id)
    if task is None or task.deleted:
        raise NotFoundError("this follow-up task no longer exists", "refresh the list")
    return task


def _case_label(session: Session, task: RatingFollowUp) -> str:
    case = session.get(Case, task.case_id)
    if case is None:
        return str(task.case_id)
    return case.case_no or case.ticket_no or str(case.id)


def _refuse_closed(session: Session, task: RatingFollowUp, doing: str) -> None:
    if task.status == FollowUpStatus.CLOSED:
        label = _case_label(session, task)
        raise FollowUpRefused(
            f"the follow-up of case {label} was closed by {task.closed_by}: cannot {doing}",
            "closed tasks stay as they were closed",
            code="closed",
            params=(label, task.closed_by),
        )


def _row_of(session: Session, task: RatingFollowUp, now: datetime) -> FollowUpRow:
    return _rows(session, task.hall_id, now, followup_id=task.id)[0]


def record_call(
    session: Session,
    followup_id: uuid.UUID,
    at: datetime,
    by: str,
    content: str,
    *,
    now: datetime | None = None,
) -> FollowUpRow:
    """Record (or correct) the follow-up call of an open task: when, who called, what was said."""
    at = _aware(at, "at")
    moment = utcnow() if now is None else _aware(now, "now")
    task = _task(session, followup_id)
    _refuse_closed(session, task, "record a call")
    caller = _name(by, "call_by", "name of the person who called")
    said = _text(content, "call_content", "content of the call")
    if at > moment:
        raise FieldError(
            "call_at",
            f"call_at {at.isoformat()} is in the future",
            "record a call that has happened",
            code="future",
        )
    rated_at = session.scalar(select(Case.rated_at).where(Case.id == task.case_id))
    if rated_at is not None and at < rated_at:
        zone = _zone(session, task.hall_id)
        shown = rated_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        raise FieldError(
            "call_at",
            f"call_at {at.isoformat()} is before the rating ({shown})",
            "give the time of the call, which follows the rating",
            code="before_rating",
            params=(shown,),
        )
    task.call_at = at
    task.call_by = caller
    task.call_content = said
    session.flush()
    return _row_of(session, task, moment)


def close_followup(session: Session, followup_id: uuid.UUID, by: str, now: datetime) -> FollowUpRow:
    """Close an open task; refused until its follow-up call is recorded."""
    now = _aware(now, "now")
    task = _task(session, followup_id)
    _refuse_closed(session, task, "close it again")
    closer = _name(by, "closed_by", "name of who closes the task")
    if task.call_at is None or not task.call_content.strip():
        label = _case_label(session, task)
        raise FollowUpRefused(
            f"no follow-up call is recorded for case {label}",
            "record the call (time, person who called, what was said) first, then close",
            code="call_missing",
            params=(label,),
        )
    task.status = FollowUpStatus.CLOSED
    task.closed_at = now
    task.closed_by = closer
    session.flush()
    return _row_of(session, task, now)


def file_appeal(
    session: Session, followup_id: uuid.UUID, reason: str, by: str, now: datetime
) -> FollowUpRow:
    """File the appeal against a task's bad rating (once); a reviewer decides it."""
    now = _aware(now, "now")
    task = _task(session, followup_id)
    if task.appeal_status != AppealStatus.NONE:
        label = _case_label(session, task)
        raise FollowUpRefused(
            f"the rating of case {label} was already appealed by {task.appeal_by} "
            f"({task.appeal_status.value})",
            "a rating is appealed once",
            code="appeal_filed",
            params=(label, task.appeal_by),
        )
    filer = _name(by, "appeal_by", "name of who files the appeal")
    why = _text(reason, "appeal_reason", "reason of the appeal")
    task.appeal_status = AppealStatus.PENDING
    task.appeal_reason = why
    task.appeal_by = filer
    task.appeal_at = now
    session.flush()
    return _row_of(session, task, now)


def review_appeal(
    session: Session,
    followup_id: uuid.UUID,
    approve: bool,
    reviewer: str,
    note: str,
    now: datetime,
) -> FollowUpRow:
    """Approve (the rating is mistaken) or reject a pending appeal, with a note saying why."""
    now = _aware(now, "now")
    task = _task(session, followup_id)
    label = _case_label(session, task)
    if task.appeal_status == AppealStatus.NONE:
        raise FollowUpRefused(
            f"the rating of case {label} has no appeal to review",
            "file the appeal first",
            code="no_appeal",
            params=(label,),
        )
    if task.appeal_status != AppealStatus.PENDING:
        raise FollowUpRefused(
            f"the appeal of case {label} was already {task.appeal_status.value} "
            f"by {task.reviewed_by}",
            "an appeal is reviewed once",
            code="appeal_reviewed",
            params=(label, task.reviewed_by),
        )
    who = _name(reviewer, "reviewed_by", "reviewer's name")
    if who == task.appeal_by:
        raise FollowUpRefused(
            f"{who} filed the appeal of case {label} and cannot also review it",
            "another person must review it",
            code="own_appeal",
            params=(who, label),
        )
    why = _text(note, "review_note", "review note that says why")
    task.appeal_status = AppealStatus.APPROVED if approve else AppealStatus.REJECTED
    task.rating_mistaken = approve
    task.reviewed_by = who
    task.reviewed_at = now
    task.review_note = why
    session.flush()
    return _row_of(session, task, now)
