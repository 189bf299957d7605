"""Hall rules: defaults, stored per hall, validated field by field."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hallwatch.domain.errors import InputError
from hallwatch.domain.rules import HallRules
from hallwatch.services.hall.halls import create_hall
from hallwatch.services.hall.rules import load_rules, save_rules
from hallwatch.storage.database import Database
from hallwatch.storage.models import OutboxMutation


def test_rules_defaults_follow_design() -> None:
    rules = HallRules()
    assert (rules.late_grace_minutes, rules.half_day_minutes, rules.off_post_minutes) == (0, 30, 15)


def test_rules_saved_and_loaded_per_hall(db: Database) -> None:
    with db.write() as session:
        one = create_hall(session, code="H1", name="一号")
        two = create_hall(session, code="H2", name="二号")
        save_rules(session, one.id, HallRules(half_day_minutes=15, device_offsets={"ZK01": -120}))
    with db.read() as session:
        assert load_rules(session, one.id).half_day_minutes == 15
        assert load_rules(session, one.id).device_offsets == {"ZK01": -120}
        assert load_rules(session, two.id) == HallRules()
        # Each stored rule travels to the server like any change.
        kinds = session.scalars(select(OutboxMutation.kind)).all()
    assert kinds.count("settings.create") == len(HallRules().as_settings())


def test_rules_resave_writes_only_changes(db: Database) -> None:
    with db.write() as session:
        hall = create_hall(session, code="H1", name="一号")
        save_rules(session, hall.id, HallRules())
    with db.write() as session:
        changed = save_rules(session, hall.id, HallRules(off_post_minutes=20))
    assert changed == ["off_post_minutes"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"half_day_minutes": 0}, "half_day_minutes"),
        ({"late_grace_minutes": -5}, "late_grace_minutes"),
        ({"yellow_days": "1"}, "yellow_days"),
        ({"device_offsets": {"ZK01": 10**6}}, "ZK01"),
    ],
)
def test_rules_out_of_range_named(change: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        HallRules.from_settings(change)
