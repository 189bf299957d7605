"""Load and save a hall's spot-check checklist (a hall setting, key `checklist`).

Without a saved checklist a hall uses the default one of domain.checklist. A saved
one is checked against what was there before: items are taken out of use, never
removed, and a code keeps its category, so old findings keep their meaning.
"""

from __future__ import annotations

import sqlite3
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import select

from hallwatch.domain.checklist import Checklist, check_items, default_checklist, merge_defaults
from hallwatch.domain.errors import FieldError
from hallwatch.storage import direct
from hallwatch.storage.models import Setting
from hallwatch.storage.queries import hall as hall_queries

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["SETTING_KEY", "load_checklist", "save_checklist"]

SETTING_KEY = "checklist"


def load_checklist(source: Session | sqlite3.Connection, hall_id: uuid.UUID) -> Checklist:
    """Return the hall's checklist (the default one when the hall has not saved its own)."""
    value = hall_queries.setting(direct.dbapi(source), hall_id, SETTING_KEY)
    if value is None:
        return default_checklist()
    return merge_defaults(Checklist.from_json(value))


def save_checklist(session: Session, hall_id: uuid.UUID, checklist: Checklist) -> list[str]:
    """Save the hall's checklist; return the codes of the items added or changed."""
    items = check_items(checklist.items)
    before = load_checklist(session, hall_id)
    codes = {item.code for item in items}
    for old in before.items:
        if old.code not in codes:
            raise FieldError(
                "items",
                f"checklist item {old.code} ({old.label}) is missing",
                "take an item out of use instead of removing it: findings may name it",
                code="item_removed",
                params=(old.code,),
            )
    changed = []
    for item in items:
        old_item = before.item(item.code)
        if old_item is not None and old_item.category != item.category:
            raise FieldError(
                "category",
                f"checklist item {item.code} cannot move from {old_item.category} "
                f"to {item.category}",
                "add a new item for the other category",
                code="category_changed",
                params=(item.code,),
            )
        if old_item != item:
            changed.append(item.code)
    value = Checklist(items).as_json()
    row = session.scalar(
        select(Setting).where(Setting.hall_id == hall_id, Setting.key == SETTING_KEY)
    )
    if row is None:
        session.add(Setting(hall_id=hall_id, key=SETTING_KEY, value=value))
    elif row.value != value or row.deleted:
        row.value = value
        row.deleted = False
    session.flush()
    return changed
