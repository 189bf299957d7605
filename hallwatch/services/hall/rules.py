"""Load and save a hall's rules (stored as settings rows)."""

from __future__ import annotations

import sqlite3
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.domain.rules import HallRules
from hallwatch.storage import direct
from hallwatch.storage.models import Setting
from hallwatch.storage.queries import hall as hall_queries


def load_rules(source: Session | sqlite3.Connection, hall_id: uuid.UUID) -> HallRules:
    """Return the hall's rules, defaults filling what is not set."""
    return hall_queries.rules(direct.dbapi(source), hall_id)


def save_rules(session: Session, hall_id: uuid.UUID, rules: HallRules) -> list[str]:
    """Store the rules that changed; return the names of the settings written."""
    rules.validate()
    existing = {
        row.key: row for row in session.scalars(select(Setting).where(Setting.hall_id == hall_id))
    }
    changed: list[str] = []
    for key, value in rules.as_settings().items():
        row = existing.get(key)
        if row is None:
            session.add(Setting(hall_id=hall_id, key=key, value=value))
            changed.append(key)
        elif row.value != value or row.deleted:
            row.value = value
            row.deleted = False
            changed.append(key)
    session.flush()
    return changed
