"""Halls: create one, find the one a command works on."""

from __future__ import annotations

import sqlite3

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.domain.errors import ConflictError, InputError, NotFoundError
from hallwatch.domain.halls import HallInfo
from hallwatch.domain.ids import uuid7
from hallwatch.domain.timeutil import DEFAULT_ZONE, hall_zone
from hallwatch.storage import direct
from hallwatch.storage.models import Hall
from hallwatch.storage.queries import hall as hall_queries


def _info(hall: Hall) -> HallInfo:
    return HallInfo(hall.id, hall.code, hall.name, hall.timezone, hall.is_demo)


def create_hall(
    session: Session, *, code: str, name: str, timezone: str = DEFAULT_ZONE, address: str = ""
) -> HallInfo:
    """Create a hall; its code must be new."""
    code, name = code.strip(), name.strip()
    if not code:
        raise InputError("the hall code is empty", "give a short code such as SZ-01")
    if not name:
        raise InputError("the hall name is empty", "give the hall's name")
    hall_zone(timezone)  # raises a clear error for an unknown zone
    if session.scalar(select(Hall.id).where(Hall.code == code)) is not None:
        raise ConflictError(f"a hall with code {code} already exists", "choose another code")
    hall_id = uuid7()
    hall = Hall(id=hall_id, hall_id=hall_id, code=code, name=name, timezone=timezone)
    hall.address = address
    session.add(hall)
    session.flush()
    return _info(hall)


def list_halls(source: Session | sqlite3.Connection) -> list[HallInfo]:
    """Return every hall on this device, by code."""
    return hall_queries.halls(direct.dbapi(source))


def find_hall(session: Session, code: str | None = None) -> HallInfo:
    """Return the hall with this code, or the only hall when no code is given."""
    halls = list_halls(session)
    if code:
        for hall in halls:
            if hall.code == code:
                return hall
        raise NotFoundError(f"no hall with code {code}", "see 'hallwatch info' for the halls")
    if not halls:
        raise NotFoundError("this data folder has no hall yet", "run 'hallwatch init --hall NAME'")
    if len(halls) > 1:
        codes = ", ".join(hall.code for hall in halls)
        raise InputError(f"this data folder has several halls ({codes})", "name one with --hall")
    return halls[0]
