"""The spot-check checklist: defaults per DOMAIN, per-hall edits, codes that keep their meaning."""

from __future__ import annotations

import io
import json
import uuid
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from hallwatch.cli.main import main
from hallwatch.demo.generator import generate_demo
from hallwatch.demo.names import FINDING_CATEGORIES
from hallwatch.domain.checklist import (
    CATEGORIES,
    Checklist,
    ChecklistItem,
    default_checklist,
)
from hallwatch.domain.errors import FieldError
from hallwatch.services.checks.checklist import SETTING_KEY, load_checklist, save_checklist
from hallwatch.services.hall.rules import load_rules
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import AuditEntry, Setting


def test_checklist_default_covers_every_category_with_stable_codes() -> None:
    checklist = default_checklist()
    assert [category for category, _items in checklist.by_category()] == list(CATEGORIES)
    empty = checklist.item("presence.empty")
    assert empty is not None
    assert empty.label == "空岗（无人顶岗、无暂停服务标识）"
    assert empty.severity == 2
    assert empty.rectify
    for item in checklist.items:
        assert item.code.startswith(item.category + ".")
        assert 1 <= item.severity <= 3
    # The demo's findings use codes of the default checklist.
    for code, _severity, _text in FINDING_CATEGORIES:
        assert checklist.item(code) is not None, code


def test_checklist_json_round_trip() -> None:
    checklist = default_checklist().add("service", "未主动引导群众", severity=2, rectify=True)
    assert Checklist.from_json(json.loads(json.dumps(checklist.as_json()))) == checklist


def test_checklist_add_makes_up_a_new_code_and_refuses_a_taken_one() -> None:
    checklist = default_checklist().add("order", "绿植枯萎")
    checklist = checklist.add("order", "垃圾桶未清理")
    assert [i.code for i in checklist.items[-2:]] == ["order.item_1", "order.item_2"]
    with pytest.raises(FieldError) as caught:
        checklist.add("order", "别的意思", code="order.item_1")
    assert caught.value.field == "code"
    assert caught.value.code == "code_taken"


@pytest.mark.parametrize(
    ("item", "field"),
    [
        (ChecklistItem("presence.x", "presence", "", 1), "label"),
        (ChecklistItem("presence.x", "presence", "x", 4), "severity"),
        (ChecklistItem("presence.x", "presence", "x", 0), "severity"),
        (ChecklistItem("Presence X", "presence", "x", 1), "code"),
        (ChecklistItem("order.x", "presence", "x", 1), "code"),
        (ChecklistItem("misc.x", "misc", "x", 1), "category"),
        (ChecklistItem("presence.empty", "presence", "again", 1), "code"),
    ],
)
def test_checklist_bad_item_names_its_field(item: ChecklistItem, field: str) -> None:
    with pytest.raises(FieldError) as caught:
        Checklist.from_json({"items": [*default_checklist().as_json()["items"], item.as_json()]})
    assert caught.value.field == field


def test_checklist_needs_one_active_item() -> None:
    checklist = Checklist((ChecklistItem("order.only", "order", "唯一", 1),))
    with pytest.raises(FieldError) as caught:
        checklist.deactivate("order.only")
    assert caught.value.field == "items"


@pytest.fixture
def hall(db: Database) -> uuid.UUID:
    return generate_demo(db, scale="tiny", until=date(2026, 3, 31)).hall_id


def test_checklist_edit_round_trip_per_hall(db: Database, hall: uuid.UUID) -> None:
    with db.read() as session:
        before = load_checklist(session, hall)
    assert before == default_checklist()
    edited = (
        before.add("service", "未主动引导群众", severity=2, rectify=True)
        .edit("appearance.no_badge", label="未佩戴工作牌或胸卡")
        .deactivate("appearance.chewing_gum")
    )
    with db.write("checklist.save") as session:
        changed = save_checklist(session, hall, edited)
    assert sorted(changed) == [
        "appearance.chewing_gum",
        "appearance.no_badge",
        "service.item_1",
    ]
    with db.read() as session:
        after = load_checklist(session, hall)
        stored = session.scalars(select(Setting).where(Setting.key == SETTING_KEY)).one()
        audited = session.scalars(
            select(AuditEntry).where(AuditEntry.action.startswith("checklist.save"))
        ).all()
        # The hall's rules still load: the checklist is one more setting among them.
        assert load_rules(session, hall).rectify_days == 5
    assert after == edited
    assert stored.hall_id == hall
    assert audited
    assert after.label("appearance.no_badge") == "未佩戴工作牌或胸卡"
    gum = after.item("appearance.chewing_gum")
    assert gum is not None
    assert not gum.active
    assert gum not in after.active_items()
    # Saving the same again changes nothing.
    with db.write() as session:
        assert save_checklist(session, hall, after) == []


def test_checklist_save_refuses_removing_or_moving_an_item(db: Database, hall: uuid.UUID) -> None:
    with db.read() as session:
        checklist = load_checklist(session, hall)
    removed = Checklist(tuple(i for i in checklist.items if i.code != "behaviour.phone"))
    moved = Checklist(
        tuple(
            replace(i, code="order.phone", category="order") if i.code == "behaviour.phone" else i
            for i in checklist.items
        )
    )
    for bad, field in ((removed, "items"), (moved, "items")):
        with db.write() as session, pytest.raises(FieldError) as caught:
            save_checklist(session, hall, bad)
        assert caught.value.field == field
    with db.read() as session:
        assert session.scalar(select(Setting).where(Setting.key == SETTING_KEY)) is None


def test_checklist_cli_prints_the_hall_checklist(folder: DataFolder, hall: uuid.UUID) -> None:
    out = io.StringIO()
    assert main(["--data-dir", str(folder.root), "checklist", "--json"], out=out) == 0
    rows = json.loads(out.getvalue())
    assert rows[0]["code"] == "presence.empty"
    assert rows[0]["category_label"] == "在岗情况"
    assert {"code", "category", "label", "severity", "rectify", "active"} <= set(rows[0])
    out = io.StringIO()
    assert main(["--data-dir", str(folder.root), "checklist"], out=out) == 0
    text = out.getvalue()
    assert "空岗（无人顶岗、无暂停服务标识）" in text
    assert "服务规范 (service)" in text
