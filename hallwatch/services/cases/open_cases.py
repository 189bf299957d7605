"""Open cases of a hall at a moment, with due dates, lights and overdue days.

Due dates are recomputed from the case's own limits (promised and legal working days, as
the approval export gave them or the service item had them when the case was accepted)
with the hall's calendar (its holiday table first), so a changed holiday table shows at
once, and a later change to the catalogue does not move an existing case's dates. The
stored dates are used only for a case without limits of its own. Everything is read in
one query with joins.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from hallwatch.domain.cases import LIGHT_ORDER, CaseDue, due_dates, light, overdue_days
from hallwatch.domain.enums import CaseStatus, Light
from hallwatch.domain.errors import InputError, NotFoundError
from hallwatch.domain.timeutil import hall_zone, local_day, utcnow
from hallwatch.services.hall.calendar import hall_calendar
from hallwatch.services.hall.rules import load_rules
from hallwatch.storage.models import Case, CaseEvent, Hall, ServiceItem, Staff, Unit, Window

__all__ = ["CaseLine", "open_cases", "parse_moment", "recompute_due_dates"]


@dataclass(frozen=True, slots=True)
class CaseLine:
    """One open case as `report cases` and the cases view show it."""

    case_id: uuid.UUID
    case_no: str
    ticket_no: str
    unit_name: str
    window_number: str
    staff_name: str
    item_name: str
    accepted_on: date  # hall-local
    promised_due: date
    legal_due: date
    provisional: bool
    light: Light
    overdue_days: int
    legal_overdue_days: int
    # The case's own limits (working days) the dates count from; None: stored dates only.
    promised_days: int | None = None
    legal_days: int | None = None


def parse_moment(text: str, zone_name: str, field: str = "--at") -> datetime:
    """Parse an ISO date-time given by a user; a naive one is read in the hall's zone."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            f"{field} {text!r} is not a date and time",
            "write it as YYYY-MM-DDTHH:MM, e.g. 2026-03-31T10:30",
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=hall_zone(zone_name))
    return moment.astimezone(UTC)


def open_cases(session: Session, hall_id: uuid.UUID, at: datetime) -> list[CaseLine]:
    """Return the hall's cases accepted by `at` and not finished by then, worst light first."""
    if at.tzinfo is None:
        raise ValueError("naive datetime: pass `at` as an aware moment")
    zone_name = session.scalar(select(Hall.timezone).where(Hall.id == hall_id))
    if zone_name is None:
        raise NotFoundError(f"no hall with id {hall_id}", "see 'hallwatch info' for the halls")
    zone = hall_zone(zone_name)
    at_utc = at.astimezone(UTC)
    today = local_day(at_utc, zone)
    calendar = hall_calendar(session, hall_id)
    yellow_days = load_rules(session, hall_id).yellow_days
    rows = session.execute(
        select(
            Case.id,
            Case.case_no,
            Case.ticket_no,
            Case.accepted_at,
            Case.paused_days,
            Case.extended_days,
            Case.promised_due,
            Case.legal_due,
            Case.due_provisional,
            Unit.name,
            Window.number,
            Staff.name,
            ServiceItem.name,
            Case.promised_days,
            Case.legal_days,
        )
        .outerjoin(Unit, Unit.id == Case.unit_id)
        .outerjoin(Window, Window.id == Case.window_id)
        .outerjoin(Staff, Staff.id == Case.staff_id)
        .outerjoin(ServiceItem, ServiceItem.id == Case.service_item_id)
        .where(
            Case.hall_id == hall_id,
            Case.deleted.is_(False),
            Case.accepted_at.is_not(None),
            Case.accepted_at <= at_utc,
            or_(
                Case.status.in_((CaseStatus.ACCEPTED, CaseStatus.PAUSED)),
                Case.finished_at > at_utc,
            ),
        )
    ).all()
    lines: list[CaseLine] = []
    for (
        case_id,
        case_no,
        ticket_no,
        accepted_at,
        paused,
        extended,
        stored_promised,
        stored_legal,
        stored_provisional,
        unit_name,
        window_number,
        staff_name,
        item_name,
        promised_days,
        legal_days,
    ) in rows:
        if accepted_at is None:  # excluded by the query; narrows the type
            continue
        accepted_on = local_day(accepted_at, zone)
        # The case's own limits, never the catalogue's today (issue 11, item 6).
        if promised_days is not None and legal_days is not None:
            due = due_dates(
                calendar, accepted_on, promised_days, legal_days, paused or 0, extended or 0
            )
        elif stored_promised is not None and stored_legal is not None:
            due = CaseDue(stored_promised, stored_legal, bool(stored_provisional))
        else:
            continue  # no item and no stored dates: nothing to judge
        lines.append(
            CaseLine(
                case_id=case_id,
                case_no=case_no,
                ticket_no=ticket_no,
                unit_name=unit_name or "",
                window_number=window_number or "",
                staff_name=staff_name or "",
                item_name=item_name or "",
                accepted_on=accepted_on,
                promised_due=due.promised,
                legal_due=due.legal,
                provisional=due.provisional,
                light=light(calendar, due, today, None, yellow_days),
                overdue_days=overdue_days(calendar, due.promised, today),
                legal_overdue_days=overdue_days(calendar, due.legal, today),
                promised_days=promised_days,
                legal_days=legal_days,
            )
        )
    lines.sort(key=lambda line: (LIGHT_ORDER[line.light], line.promised_due, line.case_no))
    return lines


def recompute_due_dates(
    session: Session, hall_id: uuid.UUID, days: Iterable[date], *, now: datetime | None = None
) -> int:
    """Recompute the due dates of the cases whose clock ran over any of days.

    Called when the holiday table changed on those days. A case is affected when it was
    accepted on or before the last changed day and its legal due date is on or after
    the first (finished cases too: whether they were on time may change). Dates are
    counted from the case's own limits; a case without them keeps its stored dates. Each case
    whose dates move gets a CaseEvent 'due_changed' with the old and new dates; the
    stored dates are what the cases view and the statistics read. Returns the number
    of cases changed.
    """
    changed_days = sorted(set(days))
    if not changed_days:
        return 0
    zone_name = session.scalar(select(Hall.timezone).where(Hall.id == hall_id))
    if zone_name is None:
        raise NotFoundError(f"no hall with id {hall_id}", "see 'hallwatch info' for the halls")
    zone = hall_zone(zone_name)
    calendar = hall_calendar(session, hall_id)
    first, last = changed_days[0], changed_days[-1]
    accepted_by = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone)
    cases = session.scalars(
        select(Case).where(
            Case.hall_id == hall_id,
            Case.deleted.is_(False),
            Case.accepted_at.is_not(None),
            Case.accepted_at < accepted_by.astimezone(UTC),
            Case.legal_due >= first,
            Case.promised_days.is_not(None),
            Case.legal_days.is_not(None),
        )
    ).all()
    actor = session.info.get("actor")
    at = (now or utcnow()).astimezone(UTC)
    moved = 0
    for case in cases:
        assert case.accepted_at is not None
        assert case.promised_days is not None
        assert case.legal_days is not None
        due = due_dates(
            calendar,
            local_day(case.accepted_at, zone),
            case.promised_days,
            case.legal_days,
            case.paused_days,
            case.extended_days,
        )
        if (due.promised, due.legal, due.provisional) == (
            case.promised_due,
            case.legal_due,
            case.due_provisional,
        ):
            continue
        session.add(
            CaseEvent(
                hall_id=hall_id,
                case_id=case.id,
                occurred_at=at,
                kind="due_changed",
                detail={
                    "reason": "holidays",
                    "days": [day.isoformat() for day in changed_days],
                    "promised": [_iso(case.promised_due), due.promised.isoformat()],
                    "legal": [_iso(case.legal_due), due.legal.isoformat()],
                },
                recorded_by=getattr(actor, "user", "") or "",
            )
        )
        case.promised_due, case.legal_due = due.promised, due.legal
        case.due_provisional = due.provisional
        moved += 1
    session.flush()
    return moved


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
