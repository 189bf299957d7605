"""Accountability rules propose; thresholds come from the hall's rules."""

from __future__ import annotations

import uuid
from datetime import date

from hallwatch.domain.accountability import (
    ACTION_CAUTION_TALK,
    ACTION_WARNING_LETTER,
    ConfirmedCaution,
    Incident,
    StaffIncidents,
    cautions_in_year,
    lates_in_month,
)
from hallwatch.domain.rules import HallRules

ZHANG = uuid.UUID(int=1)
LI = uuid.UUID(int=2)


def _person(staff_id: uuid.UUID, name: str, days: list[int]) -> StaffIncidents:
    return StaffIncidents(
        staff_id,
        f"00{staff_id.int}",
        name,
        None,
        tuple(Incident(date(2026, 3, day), "late", 5 + day) for day in days),
    )


def test_lates_in_month_third_late_suggests_caution_with_dates() -> None:
    people = [_person(ZHANG, "张伟", [2, 9, 17]), _person(LI, "李娜", [3, 4])]
    drafts = lates_in_month(people, HallRules(), 2026, 3)
    assert len(drafts) == 1
    draft = drafts[0]
    assert draft.staff_id == ZHANG
    assert draft.action == ACTION_CAUTION_TALK
    assert draft.period == "2026-03"
    assert draft.facts["dates"] == ["2026-03-02", "2026-03-09", "2026-03-17"]
    assert "迟到早退3次" in draft.title
    assert draft.facts["details"][0] == "2026年3月2日迟到7分钟"


def test_lates_in_month_threshold_is_a_hall_setting() -> None:
    people = [_person(LI, "李娜", [3, 4])]
    assert lates_in_month(people, HallRules(lates_for_caution=2), 2026, 3)
    assert not lates_in_month(people, HallRules(lates_for_caution=3), 2026, 3)


def test_lates_in_month_ignores_other_months() -> None:
    person = StaffIncidents(
        ZHANG,
        "001",
        "张伟",
        None,
        (
            Incident(date(2026, 2, 27), "late", 3),
            Incident(date(2026, 3, 2), "early", 3),
            Incident(date(2026, 3, 3), "late", 3),
        ),
    )
    assert lates_in_month([person], HallRules(), 2026, 3) == []


def test_cautions_in_year_third_caution_suggests_warning_letter() -> None:
    cautions = [ConfirmedCaution(ZHANG, "张伟", "001", None, f"2026-0{m}") for m in (1, 4, 7)]
    cautions.append(ConfirmedCaution(LI, "李娜", "002", None, "2026-05"))
    cautions.append(ConfirmedCaution(LI, "李娜", "002", None, "2025-11"))
    drafts = cautions_in_year(cautions, HallRules(), 2026)
    assert [d.staff_id for d in drafts] == [ZHANG]
    assert drafts[0].action == ACTION_WARNING_LETTER
    assert drafts[0].facts["months"] == ["2026-01", "2026-04", "2026-07"]
