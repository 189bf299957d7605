"""Accountability (效能问责): rules that turn facts into suggested actions.

A suggestion is only a proposal: a person confirms or dismisses it, and
nothing is ever issued from here. Thresholds come from the hall's rules.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hallwatch.domain.rules import HallRules
from hallwatch.domain.timeutil import format_cn_date

RULE_LATES_IN_MONTH = "attendance.lates_in_month"
RULE_CAUTIONS_IN_YEAR = "attendance.cautions_in_year"
ACTION_CAUTION_TALK = "caution_talk"  # 诫勉谈话
ACTION_WARNING_LETTER = "warning_letter"  # 效能告诫


@dataclass(frozen=True, slots=True)
class Incident:
    """One late arrival or early leave of a person."""

    day: date
    kind: str  # "late" or "early"
    minutes: int


@dataclass(frozen=True, slots=True)
class StaffIncidents:
    staff_id: uuid.UUID
    staff_no: str
    name: str
    unit_id: uuid.UUID | None
    incidents: tuple[Incident, ...]


@dataclass(frozen=True, slots=True)
class SuggestionDraft:
    rule: str
    subject_id: str
    staff_id: uuid.UUID | None
    unit_id: uuid.UUID | None
    period: str
    action: str
    title: str
    facts: dict[str, Any] = field(default_factory=dict)


def month_period(year: int, month: int) -> str:
    """Return the period key of a month, e.g. '2026-03'."""
    return f"{year:04d}-{month:02d}"


def _words(incident: Incident) -> str:
    what = "迟到" if incident.kind == "late" else "早退"
    return f"{format_cn_date(incident.day)}{what}{incident.minutes}分钟"


def lates_in_month(
    people: Iterable[StaffIncidents], rules: HallRules, year: int, month: int
) -> list[SuggestionDraft]:
    """Suggest a caution talk for everyone late or early often enough in the month."""
    period = month_period(year, month)
    drafts = []
    for person in people:
        incidents = sorted(
            (i for i in person.incidents if (i.day.year, i.day.month) == (year, month)),
            key=lambda i: (i.day, i.kind),
        )
        if len(incidents) < rules.lates_for_caution:
            continue
        drafts.append(
            SuggestionDraft(
                rule=RULE_LATES_IN_MONTH,
                subject_id=str(person.staff_id),
                staff_id=person.staff_id,
                unit_id=person.unit_id,
                period=period,
                action=ACTION_CAUTION_TALK,
                title=(
                    f"{person.name}（{person.staff_no}）{year}年{month}月迟到早退"
                    f"{len(incidents)}次，建议诫勉谈话"
                ),
                facts={
                    "count": len(incidents),
                    "threshold": rules.lates_for_caution,
                    "dates": [i.day.isoformat() for i in incidents],
                    "details": [_words(i) for i in incidents],
                },
            )
        )
    return drafts


@dataclass(frozen=True, slots=True)
class ConfirmedCaution:
    staff_id: uuid.UUID
    name: str
    staff_no: str
    unit_id: uuid.UUID | None
    period: str  # the month the caution was about


def cautions_in_year(
    cautions: Iterable[ConfirmedCaution], rules: HallRules, year: int
) -> list[SuggestionDraft]:
    """Suggest a formal warning letter for enough confirmed caution talks in a year."""
    by_staff: dict[uuid.UUID, list[ConfirmedCaution]] = {}
    for caution in cautions:
        if caution.period.startswith(f"{year:04d}-"):
            by_staff.setdefault(caution.staff_id, []).append(caution)
    drafts = []
    for staff_id, items in by_staff.items():
        if len(items) < rules.cautions_for_warning:
            continue
        first = items[0]
        months = sorted(item.period for item in items)
        drafts.append(
            SuggestionDraft(
                rule=RULE_CAUTIONS_IN_YEAR,
                subject_id=str(staff_id),
                staff_id=staff_id,
                unit_id=first.unit_id,
                period=f"{year:04d}",
                action=ACTION_WARNING_LETTER,
                title=(
                    f"{first.name}（{first.staff_no}）{year}年已诫勉谈话{len(items)}次，"
                    "建议发出效能告诫书"
                ),
                facts={
                    "count": len(items),
                    "threshold": rules.cautions_for_warning,
                    "months": months,
                },
            )
        )
    return drafts
