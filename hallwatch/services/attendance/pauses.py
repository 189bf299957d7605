"""Pause and resume a window (暂停服务): the events the board reads for PAUSED."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.domain.enums import WindowEventKind
from hallwatch.domain.errors import ConflictError, InputError, NotFoundError
from hallwatch.domain.ids import uuid7
from hallwatch.domain.timeutil import utcnow
from hallwatch.services.attendance.sheets import FUTURE_TOLERANCE
from hallwatch.storage.models import Window, WindowEvent

__all__ = ["pause_window", "resume_window"]


def _window_event(
    session: Session,
    hall_id: uuid.UUID,
    window_id: uuid.UUID,
    at: datetime,
    note: str,
    kind: WindowEventKind,
    now: datetime | None,
) -> uuid.UUID:
    if at.tzinfo is None or at.utcoffset() is None:
        raise InputError(
            f"time {at.isoformat(sep=' ')} has no time zone",
            "give the hall's local time with its zone (or UTC)",
        )
    if at - (now or utcnow()) > FUTURE_TOLERANCE:
        raise InputError(
            f"time {at.isoformat(sep=' ', timespec='minutes')} is in the future",
            "record what has happened, at the time it happened",
        )
    window = session.get(Window, window_id)
    if window is None or window.hall_id != hall_id or window.deleted:
        raise NotFoundError(f"no window with id {window_id} in this hall")
    last = session.execute(
        select(WindowEvent.kind, WindowEvent.occurred_at)
        .where(
            WindowEvent.window_id == window_id,
            WindowEvent.occurred_at <= at,
            WindowEvent.deleted.is_(False),
        )
        .order_by(WindowEvent.occurred_at.desc(), WindowEvent.id.desc())
        .limit(1)
    ).first()
    paused = last is not None and last[0] is WindowEventKind.PAUSED
    if kind is WindowEventKind.PAUSED and paused:
        assert last is not None
        raise ConflictError(
            f"window {window.number} is already paused (since {last[1]:%Y-%m-%d %H:%M} UTC)",
            "resume it first",
        )
    if kind is WindowEventKind.RESUMED and not paused:
        raise ConflictError(f"window {window.number} is not paused", "nothing to resume")
    actor = session.info.get("actor")
    event = WindowEvent(
        id=uuid7(),
        hall_id=hall_id,
        window_id=window_id,
        kind=kind,
        occurred_at=at.astimezone(UTC),
        note=note.strip(),
        recorded_by=getattr(actor, "user", "") or "",
    )
    session.add(event)
    session.flush()
    return event.id


def pause_window(
    session: Session,
    hall_id: uuid.UUID,
    window_id: uuid.UUID,
    at: datetime,
    note: str = "",
    *,
    now: datetime | None = None,
) -> uuid.UUID:
    """Record that a window stopped serving (暂停服务); return the event's id."""
    return _window_event(session, hall_id, window_id, at, note, WindowEventKind.PAUSED, now)


def resume_window(
    session: Session,
    hall_id: uuid.UUID,
    window_id: uuid.UUID,
    at: datetime,
    note: str = "",
    *,
    now: datetime | None = None,
) -> uuid.UUID:
    """Record that a paused window serves again; return the event's id."""
    return _window_event(session, hall_id, window_id, at, note, WindowEventKind.RESUMED, now)
