"""Statistics of a period: every metric of a hand-built hall computed by hand, and the CLI.

The fixture hall (Asia/Shanghai, the real 2026 calendar) is read for the week Mon
2026-03-09 .. Fri 03-13, judged from 03-20 (after the week). Opening hours 09:00–12:00
and 13:30–17:30. Items: I1 (unit A) promised 3, legal 5; I0 (unit B) promised 0, legal
1 (即办件); I2 (unit B) promised 2, legal 10. Times are hall-local.

Unit A (item I1)
  a1 accepted Wed 02-25 10:00, 1 paused day, finished Tue 03-10 11:00, rated 1.
     Promised 3+1: Thu 26, Fri 27, Sat 28 (make-up workday), Mon 03-02 → due 03-02;
     legal 5+1: 03-03, 03-04 → 03-04. Carried over; finished late and past legal.
     Working days (02-25, 03-10]: 26, 27, 28, 2, 3, 4, 5, 6, 9, 10 = 10;
     提速 1 − (10 − 1)/5 = −0.8.
  a2 taken Mon 03-09 09:00, called 09:10, accepted 09:20, finished Wed 03-11 15:00,
     rated 5. Due Thu 03-12: early. Days 2; 提速 1 − 2/5 = 0.6. Wait 10.
  a3 taken Tue 03-10 09:00, called 09:30, accepted 09:40, finished Fri 03-13 16:00 (the
     due day: on time, not early), rated 4. Days 3; 提速 0.4. Wait 30.
  a4 taken Mon 03-09 10:00, called 10:20, accepted 10:30, open. Due 03-12, legal 03-16:
     open past due on 03-13, not past legal. Wait 20.
  a5 taken Wed 03-11 09:00, called 09:05, accepted 09:15, paused (2 days). Due 3+2 after
     03-11: 12, 13, 16, 17, 18 → 03-18: not overdue. Wait 5.
  a6 taken Thu 03-12 14:00, called 14:30, abandoned (过号). Wait 30.
  a7 taken Fri 03-13 16:50, abandoned before any call (no window, no staff).
  a8 accepted Thu 02-12 10:00 (no ticket), open. Promised 3: Fri 13, Sat 14 (make-up),
     Spring Festival 15–23, Tue 24 → 02-24; legal 5: 25, 26 → 02-26. Carried over; open
     past due and past legal.
  a9 taken and accepted Tue 03-03, finished Fri 03-06, rated 5: before the week, nowhere.
  a10 taken Thu 03-12 10:40, called 10:50, accepted 11:00, finished Tue 03-17 (after the
     week): open at the end; due 13, 16, 17 → 03-17, not overdue. Wait 10.
  Tickets 7 (a2 a3 a4 a5 a6 a7 a10), abandoned 2 → 2/7. Received 5 (a2 a3 a4 a5 a10),
  carried over 2 (a1 a8), finished 3 (a1 a2 a3) → 办结率 3/7. Open at the end 4.
  On time 2 (a2 a3) → 2/3, early 1 (a2) → 1/3, finished late 1, open past due 2 (a4 a8)
  → 超期件 3; past legal 2 (a1 a8). Rated 3 (1, 5, 4): satisfied 2, bad 1 → 参评率 1,
  满意率 2/3, 差评率 1/3. Days (10+2+3)/3 = 5; 提速 (−0.8+0.6+0.4)/3 = 0.2/3.
  Wait (10+30+20+5+30+10)/6 = 17.5. Service: none (no end of service at the window is
  recorded for unit A) → None.
Unit B
  b1 I0: taken Mon 03-09 09:00, called 09:12, accepted 09:15, finished 09:30, hold 5,
     rated 2. Due the acceptance day: on time, not early. Days 0; 提速 1 − 0/1 = 1.
     Wait 12, service 18 − 5 = 13.
  b2 I2: taken Tue 03-10 10:00, called 10:06, accepted 10:10, finished Fri 03-13 11:00,
     not rated. Due 11, 12 → 03-12: late; legal 03-24. Days 3; 提速 1 − 3/10 = 0.7. Wait 6.
  b3 taken Wed 03-11 11:00, called 11:05, transferred: a ticket, not a case. Wait 5.
  b4 no item, stored due 03-12 / legal 03-13: taken Thu 03-12 09:00, called 09:20,
     accepted 09:30, finished Fri 03-13 10:00: late by the stored date, not past legal.
     Days 1; no 提速 (no limits of its own). Wait 20; no service time (no end of service).
  b5 plain queue ticket (no item, no due, no acceptance): taken Fri 03-13 10:00, called
     10:10, finished 10:25, rated 3. Received and finished, not judged. Days 0. Wait 10,
     service 15.
  Tickets 5, abandoned 0 → 0. Received 4, carried 0, finished 4 → 1. With a due date 3
  (b1 b2 b4): on time 1 → 1/3, early 0 → 0; late 2 → 超期件 2; past legal 0.
  Rated 2 (2, 3) → 参评率 2/4, 满意率 0/2, 差评率 1/2. Days (0+3+1+0)/4 = 1;
  提速 (1+0.7)/2 = 0.85. Wait 53/5 = 10.6. Service (13+15)/2 = 14.
Unit C: nothing → every rate None. No unit: x1, taken Tue 03-10 08:40, abandoned → 1/1.
A deleted copy of a2 (x2) counts nowhere.
Pauses: A01 paused Fri 03-06 17:00 → Mon 03-09 09:15 (15 in the week) and Tue 10:00 →
10:30 (30): 45. A02 paused Fri 03-13 17:00, never resumed: 30 (to 17:30). B01 paused Wed
11:50 → 13:40: 10 + 10 = 20. C01: 0. Unit A 75, B 20, C 0; hall 95.
Hall: tickets 13, abandoned 3; received 9, carried 2, finished 7 → 7/11; open 4; with a
due date 6, on time 3, early 1; late 3 + open past due 2 = 5; past legal 2; rated 5,
satisfied 2, bad 2; days 19/7; 提速 (−0.8+0.6+0.4+1+0.7)/5 = 0.38; wait 158/11;
service 14.
"""

from __future__ import annotations

import io
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.cli.main import main
from hallwatch.cli.reports import _width
from hallwatch.demo.generator import generate_demo
from hallwatch.domain.calendar import WorkCalendar
from hallwatch.domain.cases import CaseDue, due_dates
from hallwatch.domain.enums import CaseStatus, Light, WindowEventKind
from hallwatch.domain.errors import InputError
from hallwatch.domain.metrics import StatsRow, offset_changes, ratio
from hallwatch.services.cases.open_cases import open_cases
from hallwatch.services.hall.calendar import hall_calendar
from hallwatch.services.hall.halls import create_hall
from hallwatch.services.stats.metrics import case_stats
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import (
    AppealStatus,
    Case,
    RatingFollowUp,
    Schedule,
    ServiceItem,
    Staff,
    Unit,
    Window,
    WindowEvent,
)

ZONE = ZoneInfo("Asia/Shanghai")
START, END = date(2026, 3, 9), date(2026, 3, 13)
NOW = datetime(2026, 3, 20, 12, 0, tzinfo=ZONE)


def at(day: str, clock: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), tzinfo=ZONE)


@dataclass
class Fixture:
    id: uuid.UUID
    units: dict[str, uuid.UUID] = field(default_factory=dict)
    windows: dict[str, uuid.UUID] = field(default_factory=dict)
    staff: dict[str, uuid.UUID] = field(default_factory=dict)
    items: dict[str, uuid.UUID] = field(default_factory=dict)


def local(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(f"2026-{text}").replace(tzinfo=ZONE)


F, A, P = CaseStatus.FINISHED, CaseStatus.ACCEPTED, CaseStatus.PAUSED
GONE, MOVED = CaseStatus.ABANDONED, CaseStatus.TRANSFERRED
ITEMS = {"I1": ("A", 3, 5), "I0": ("B", 0, 1), "I2": ("B", 2, 10)}  # unit, promised, legal
# The rows of the module docstring: unit, window, staff, item, status, other columns, then
# taken, called, accepted, finished ("MM-DD HH:MM" in 2026, hall-local; None: not set).
CASES: dict[str, tuple[Any, ...]] = {
    "a1": ("A", "A01", "S1", "I1", F, {"paused_days": 1, "rating": 1},
           None, None, "02-25 10:00", "03-10 11:00"),
    "a2": ("A", "A01", "S1", "I1", F, {"rating": 5},
           "03-09 09:00", "03-09 09:10", "03-09 09:20", "03-11 15:00"),
    "a3": ("A", "A02", "S2", "I1", F, {"rating": 4},
           "03-10 09:00", "03-10 09:30", "03-10 09:40", "03-13 16:00"),
    "a4": ("A", "A01", "S1", "I1", A, {},
           "03-09 10:00", "03-09 10:20", "03-09 10:30", None),
    "a5": ("A", "A02", "S2", "I1", P, {"paused_days": 2},
           "03-11 09:00", "03-11 09:05", "03-11 09:15", None),
    "a6": ("A", "A02", "S2", None, GONE, {}, "03-12 14:00", "03-12 14:30", None, None),
    "a7": ("A", None, None, None, GONE, {}, "03-13 16:50", None, None, None),
    "a8": ("A", "A01", "S1", "I1", A, {}, None, None, "02-12 10:00", None),
    "a9": ("A", "A01", "S1", "I1", F, {"rating": 5},
           "03-03 09:00", "03-03 09:05", "03-03 09:10", "03-06 10:00"),
    "a10": ("A", "A02", "S2", "I1", F, {},
            "03-12 10:40", "03-12 10:50", "03-12 11:00", "03-17 10:00"),
    "b1": ("B", "B01", "S3", "I0", F,
           {"hold_minutes": 5, "rating": 2, "service_finished_at": local("03-09 09:30")},
           "03-09 09:00", "03-09 09:12", "03-09 09:15", "03-09 09:30"),
    "b2": ("B", "B01", "S3", "I2", F, {},
           "03-10 10:00", "03-10 10:06", "03-10 10:10", "03-13 11:00"),
    "b3": ("B", "B01", "S3", None, MOVED, {}, "03-11 11:00", "03-11 11:05", None, None),
    "b4": ("B", "B01", "S3", None, F,
           {"promised_due": date(2026, 3, 12), "legal_due": date(2026, 3, 13)},
           "03-12 09:00", "03-12 09:20", "03-12 09:30", "03-13 10:00"),
    "b5": ("B", "B01", "S3", None, F, {"rating": 3, "service_finished_at": local("03-13 10:25")},
           "03-13 10:00", "03-13 10:10", None, "03-13 10:25"),
    "x1": (None, None, None, None, GONE, {}, "03-10 08:40", None, None, None),
    # A deleted copy of a2 with another rating: it must count nowhere.
    "x2": ("A", "A01", "S1", "I1", F, {"rating": 1, "deleted": True},
           "03-09 09:00", "03-09 09:10", "03-09 09:20", "03-11 15:00"),
}  # fmt: skip


def _add_case(session: Session, hall: Fixture, name: str) -> None:
    unit, window, staff, item, status, other, *times = CASES[name]
    taken, called, accepted, finished = (local(text) for text in times)
    values = dict(other)
    if item is not None:
        # The case's own limits, as an import writes them: the item's when it came in.
        _unit, promised, legal = ITEMS[item]
        values.update(promised_days=promised, legal_days=legal)
    if item is not None and accepted is not None:
        # The stored due dates, as an import writes them (the service recomputes them).
        day = accepted.date()
        due = due_dates(WorkCalendar(), day, promised, legal, values.get("paused_days", 0))
        values.update(promised_due=due.promised, legal_due=due.legal)
    session.add(
        Case(
            hall_id=hall.id,
            unit_id=hall.units[unit] if unit else None,
            window_id=hall.windows[window] if window else None,
            staff_id=hall.staff[staff] if staff else None,
            service_item_id=hall.items[item] if item else None,
            ticket_no=name,
            status=status,
            taken_at=taken,
            called_at=called,
            accepted_at=accepted,
            finished_at=finished,
            **values,
        )
    )


def build_hall(db: Database) -> Fixture:
    with db.write("fixture") as session:
        info = create_hall(session, code="T1", name="测试政务服务中心")
        hall = Fixture(info.id)
        for code, name in (("A", "甲局"), ("B", "乙局"), ("C", "丙局")):
            unit = Unit(hall_id=hall.id, code=code, name=name)
            session.add(unit)
            session.flush()
            hall.units[code] = unit.id
        for number in ("A01", "A02", "B01", "C01"):
            window = Window(hall_id=hall.id, unit_id=hall.units[number[0]], number=number)
            session.add(window)
            session.flush()
            hall.windows[number] = window.id
        for number, unit_code in (("S1", "A"), ("S2", "A"), ("S3", "B")):
            person = Staff(
                hall_id=hall.id, unit_id=hall.units[unit_code], staff_no=number, name=number
            )
            session.add(person)
            session.flush()
            hall.staff[number] = person.id
        for code, (unit_code, promised, legal) in ITEMS.items():
            item = ServiceItem(
                hall_id=hall.id,
                unit_id=hall.units[unit_code],
                code=code,
                name=code,
                legal_days=legal,
                promised_days=promised,
            )
            session.add(item)
            session.flush()
            hall.items[code] = item.id
        session.add(
            Schedule(
                hall_id=hall.id,
                name="全年",
                am_start=time(9),
                am_end=time(12),
                pm_start=time(13, 30),
                pm_end=time(17, 30),
            )
        )
        for name in CASES:
            _add_case(session, hall, name)
        for number, kind, moment in (
            ("A01", WindowEventKind.PAUSED, at("2026-03-06", "17:00")),
            ("A01", WindowEventKind.RESUMED, at("2026-03-09", "09:15")),
            ("A01", WindowEventKind.PAUSED, at("2026-03-10", "10:00")),
            ("A01", WindowEventKind.RESUMED, at("2026-03-10", "10:30")),
            ("A02", WindowEventKind.PAUSED, at("2026-03-13", "17:00")),
            ("B01", WindowEventKind.PAUSED, at("2026-03-11", "11:50")),
            ("B01", WindowEventKind.RESUMED, at("2026-03-11", "13:40")),
        ):
            session.add(
                WindowEvent(
                    hall_id=hall.id, window_id=hall.windows[number], kind=kind, occurred_at=moment
                )
            )
    return hall


@pytest.fixture
def hall(db: Database) -> Fixture:
    return build_hall(db)


def _stats(db: Database, hall: Fixture, **options: Any) -> list[StatsRow]:
    with db.read() as session:
        return case_stats(session, hall.id, START, END, now=NOW, **options)


def _by_code(rows: list[StatsRow]) -> dict[str, StatsRow]:
    return {row.code if row.key is not None else "": row for row in rows}


# What each group must show: counts, then exact rates and averages.
UNIT_A = {
    "tickets": 7, "abandoned": 2, "received": 5, "carried_over": 2, "finished": 3,
    "open_at_end": 4, "finished_with_due": 3, "on_time": 2, "early": 1, "open_overdue": 2,
    "severe_overdue": 2, "rated": 3, "satisfied": 2, "bad": 1,
    "finished_late": 1, "overdue": 3,
    "finish_rate": 3 / 7, "on_time_rate": 2 / 3, "early_rate": 1 / 3, "abandon_rate": 2 / 7,
    "participation_rate": 1.0, "satisfaction_rate": 2 / 3, "bad_rating_rate": 1 / 3,
    "average_days": 5.0, "speed_up_rate": 0.2 / 3, "average_wait_minutes": 17.5,
    "average_service_minutes": None, "pause_minutes": 75.0,
}  # fmt: skip
UNIT_B = {
    "tickets": 5, "abandoned": 0, "received": 4, "carried_over": 0, "finished": 4,
    "open_at_end": 0, "finished_with_due": 3, "on_time": 1, "early": 0, "open_overdue": 0,
    "severe_overdue": 0, "rated": 2, "satisfied": 0, "bad": 1,
    "finished_late": 2, "overdue": 2,
    "finish_rate": 1.0, "on_time_rate": 1 / 3, "early_rate": 0.0, "abandon_rate": 0.0,
    "participation_rate": 0.5, "satisfaction_rate": 0.0, "bad_rating_rate": 0.5,
    "average_days": 1.0, "speed_up_rate": 0.85, "average_wait_minutes": 10.6,
    "average_service_minutes": 14.0, "pause_minutes": 20.0,
}  # fmt: skip
NOTHING = {
    "tickets": 0, "abandoned": 0, "received": 0, "carried_over": 0, "finished": 0,
    "open_at_end": 0, "finished_with_due": 0, "on_time": 0, "early": 0, "open_overdue": 0,
    "severe_overdue": 0, "rated": 0, "satisfied": 0, "bad": 0, "finished_late": 0,
    "overdue": 0, "finish_rate": None, "on_time_rate": None, "early_rate": None,
    "abandon_rate": None, "participation_rate": None, "satisfaction_rate": None,
    "bad_rating_rate": None, "average_days": None, "speed_up_rate": None,
    "average_wait_minutes": None, "average_service_minutes": None,
}  # fmt: skip
UNIT_C = {**NOTHING, "pause_minutes": 0.0}
NO_UNIT = {**NOTHING, "tickets": 1, "abandoned": 1, "abandon_rate": 1.0, "pause_minutes": None}
HALL = {
    "tickets": 13, "abandoned": 3, "received": 9, "carried_over": 2, "finished": 7,
    "open_at_end": 4, "finished_with_due": 6, "on_time": 3, "early": 1, "open_overdue": 2,
    "severe_overdue": 2, "rated": 5, "satisfied": 2, "bad": 2,
    "finished_late": 3, "overdue": 5,
    "finish_rate": 7 / 11, "on_time_rate": 0.5, "early_rate": 1 / 6, "abandon_rate": 3 / 13,
    "participation_rate": 5 / 7, "satisfaction_rate": 0.4, "bad_rating_rate": 0.4,
    "average_days": 19 / 7, "speed_up_rate": 0.38, "average_wait_minutes": 158 / 11,
    "average_service_minutes": 14.0, "pause_minutes": 95.0,
}  # fmt: skip


def _check(row: StatsRow, expected: dict[str, Any]) -> None:
    for name, value in expected.items():
        got = getattr(row, name)
        if isinstance(value, float):
            assert got == pytest.approx(value, abs=1e-9), name
        else:
            assert got == value, name


def test_case_stats_by_unit_match_hand_computation(db: Database, hall: Fixture) -> None:
    rows = _stats(db, hall)
    # Units by code, then the activity with no unit.
    assert [(row.code, row.name) for row in rows] == [
        ("A", "甲局"),
        ("B", "乙局"),
        ("C", "丙局"),
        ("", ""),
    ]
    assert [row.key for row in rows] == [*(hall.units[code] for code in "ABC"), None]
    by_code = _by_code(rows)
    _check(by_code["A"], UNIT_A)
    _check(by_code["B"], UNIT_B)
    _check(by_code["C"], UNIT_C)
    _check(by_code[""], NO_UNIT)


def test_case_stats_for_the_hall_match_hand_computation(db: Database, hall: Fixture) -> None:
    (row,) = _stats(db, hall, group_by="hall")
    assert (row.key, row.code, row.name) == (hall.id, "T1", "测试政务服务中心")
    _check(row, HALL)


def test_case_stats_by_window_and_staff(db: Database, hall: Fixture) -> None:
    windows = _by_code(_stats(db, hall, group_by="window"))
    assert list(windows) == ["A01", "A02", "B01", "C01", ""]
    # A01: a1 a2 a4 a8 (a9 outside). Tickets a2 a4; received a2 a4; carried a1 a8;
    # finished a1 a2; open a4 a8, both past due; a1 and a8 past legal.
    _check(
        windows["A01"],
        {
            "tickets": 2, "received": 2, "carried_over": 2, "finished": 2, "open_at_end": 2,
            "on_time": 1, "early": 1, "finished_late": 1, "open_overdue": 2, "overdue": 3,
            "severe_overdue": 2, "finish_rate": 0.5, "average_days": 6.0,
            "speed_up_rate": (-0.8 + 0.6) / 2, "average_wait_minutes": 15.0,
            "pause_minutes": 45.0,
        },
    )  # fmt: skip
    # A02: a3 a5 a6 a10. Tickets 4, abandoned 1 (a6); received a3 a5 a10; finished a3.
    _check(
        windows["A02"],
        {
            "tickets": 4, "abandoned": 1, "abandon_rate": 0.25, "received": 3,
            "finished": 1, "open_at_end": 2, "on_time_rate": 1.0, "early_rate": 0.0,
            "average_wait_minutes": (30 + 5 + 30 + 10) / 4, "pause_minutes": 30.0,
        },
    )  # fmt: skip
    _check(windows["C01"], UNIT_C)
    # a7 and x1 were abandoned before any window called them.
    _check(windows[""], {**NOTHING, "tickets": 2, "abandoned": 2, "abandon_rate": 1.0})
    staff = _by_code(_stats(db, hall, group_by="staff"))
    assert list(staff) == ["S1", "S2", "S3", ""]
    # Pauses belong to windows, not to people.
    assert all(row.pause_minutes is None for row in staff.values())
    _check(staff["S3"], {**UNIT_B, "tickets": 5, "pause_minutes": None})


def test_case_stats_for_one_unit(db: Database, hall: Fixture) -> None:
    (row,) = _stats(db, hall, unit_id=hall.units["B"])
    _check(row, UNIT_B)
    windows = _stats(db, hall, group_by="window", unit_id=hall.units["A"])
    assert [row.code for row in windows] == ["A01", "A02", ""]
    (whole,) = _stats(db, hall, group_by="hall", unit_id=hall.units["A"])
    _check(whole, UNIT_A)


def test_case_stats_period_ends_now_when_now_is_within_it(db: Database, hall: Fixture) -> None:
    noon = at("2026-03-12", "12:00")
    with db.read() as session:
        (row,) = case_stats(session, hall.id, START, END, now=noon, group_by="hall")
    # Tickets taken by then: a2 a3 a4 a5 a10 (a6 at 14:00 and a7 come later), b1–b4, x1.
    assert row.tickets == 10
    # Finished by then: a1 a2 b1.
    assert row.finished == 3
    # Open then: a3 a4 a5 a8 a10 (unit A), b2 b4 (unit B).
    assert row.open_at_end == 7
    assert row.received + row.carried_over == row.finished + row.open_at_end
    # Judged on 03-12: only a8 is past its promised date (a4 and b4 are due that day).
    assert row.open_overdue == 1
    assert row.severe_overdue == 2  # a1 finished past legal; a8 open past it
    # A02's pause starts on Friday: A01 45 + B01 20.
    assert row.pause_minutes == pytest.approx(65.0)


def test_case_stats_agree_with_report_cases(db: Database, hall: Fixture) -> None:
    end_of_week = datetime.combine(END, time(23, 59, 59), tzinfo=ZONE)
    with db.read() as session:
        lines = open_cases(session, hall.id, end_of_week)
    (row,) = _stats(db, hall, group_by="hall")
    late = [line for line in lines if line.light in (Light.RED, Light.SEVERE)]
    # open_cases skips a case that has no accepted time; every open case here has one.
    assert len(lines) == row.open_at_end
    assert len(late) == row.open_overdue
    assert sum(line.light is Light.SEVERE for line in lines) == 1  # a8; a1 is finished


def test_case_stats_reach_back_for_a_case_accepted_long_before(db: Database, hall: Fixture) -> None:
    # Accepted two years before the week: older than the working-day table at first.
    accepted = at("2024-03-01", "10:00")
    with db.write("old") as session:
        session.add(
            Case(
                hall_id=hall.id,
                unit_id=hall.units["C"],
                service_item_id=hall.items["I1"],
                promised_days=3,
                legal_days=5,
                status=CaseStatus.FINISHED,
                accepted_at=accepted,
                finished_at=at("2026-03-11", "10:00"),
            )
        )
    with db.read() as session:
        calendar = hall_calendar(session, hall.id)
    row = _by_code(_stats(db, hall))["C"]
    days = calendar.working_days_between(date(2024, 3, 1), date(2026, 3, 11))
    assert days > 480
    assert (row.finished, row.carried_over, row.finished_late, row.severe_overdue) == (1, 1, 1, 1)
    assert row.average_days == days
    assert row.speed_up_rate == pytest.approx(1 - days / 5)


def test_case_stats_same_with_a_second_hall(db: Database, hall: Fixture) -> None:
    before = _stats(db, hall, group_by="hall")
    with db.write("other") as session:
        other = create_hall(session, code="T2", name="另一个中心")
        session.add(
            Case(
                hall_id=other.id,
                status=CaseStatus.FINISHED,
                taken_at=at("2026-03-10", "09:00"),
                finished_at=at("2026-03-10", "09:10"),
            )
        )
    # With two halls the query goes through the hall index instead of the whole table.
    assert _stats(db, hall, group_by="hall") == before


def test_case_stats_leave_out_bad_ratings_found_mistaken(db: Database, hall: Fixture) -> None:
    with db.write("appeals") as session:
        cases = {case.ticket_no: case.id for case in session.scalars(select(Case))}
        # b1's 2 was appealed and the appeal approved; a1's 1 is still under review.
        for name, status, mistaken in (
            ("b1", AppealStatus.APPROVED, True),
            ("a1", AppealStatus.PENDING, False),
        ):
            session.add(
                RatingFollowUp(
                    hall_id=hall.id,
                    case_id=cases[name],
                    opened_at=at("2026-03-13", "09:00"),
                    due_on=date(2026, 3, 20),
                    appeal_status=status,
                    rating_mistaken=mistaken,
                )
            )
    by_code = _by_code(_stats(db, hall))
    _check(by_code["A"], UNIT_A)
    # Unit B: only b5's 3 is left → 参评率 1/4, 满意率 0/1, 差评率 0/1.
    _check(
        by_code["B"],
        {
            **UNIT_B, "rated": 1, "satisfied": 0, "bad": 0, "participation_rate": 0.25,
            "satisfaction_rate": 0.0, "bad_rating_rate": 0.0,
        },
    )  # fmt: skip


def test_case_stats_without_schedule_has_no_pause_minutes(db: Database, hall: Fixture) -> None:
    with db.write("no schedule") as session:
        for schedule in session.scalars(select(Schedule)):
            schedule.deleted = True
    assert all(row.pause_minutes is None for row in _stats(db, hall))


def test_case_stats_refuses_bad_input(db: Database, hall: Fixture) -> None:
    with db.read() as session, pytest.raises(InputError, match="FROM 2026-03-13 is after TO"):
        case_stats(session, hall.id, END, START)
    with db.read() as session, pytest.raises(InputError, match="cannot group by 'desk'"):
        case_stats(session, hall.id, START, END, group_by="desk")  # type: ignore[arg-type]
    with db.read() as session, pytest.raises(ValueError, match="naive"):
        case_stats(session, hall.id, START, END, now=datetime(2026, 3, 20))


def test_ratio_zero_denominator_is_none() -> None:
    assert ratio(0, 0) is None
    assert ratio(3, 0) is None
    assert ratio(0, 4) == 0.0
    assert StatsRow(None, "", "").finish_rate is None


def test_offset_changes_finds_daylight_saving_to_the_second() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    first = datetime(2026, 3, 1, tzinfo=UTC)
    last = datetime(2026, 11, 1, tzinfo=UTC)
    assert offset_changes(berlin, first, last) == [
        (first, 60),
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), 120),
        (datetime(2026, 10, 25, 1, 0, tzinfo=UTC), 60),
    ]
    assert offset_changes(ZONE, first, last) == [(first, 480)]


def test_case_stats_local_days_in_a_zone_with_daylight_saving(db: Database) -> None:
    # Berlin moves to summer time on Sun 2026-03-29 at 01:00 UTC. A ticket taken Mon 03-30
    # at 00:30 local (22:30 UTC on Sunday) belongs to Monday in summer time, and one taken
    # Sat 03-28 at 23:30 local (22:30 UTC, winter time) to Saturday.
    berlin = ZoneInfo("Europe/Berlin")
    with db.write("berlin") as session:
        info = create_hall(session, code="BER", name="Berlin", timezone="Europe/Berlin")
        for moment in (datetime(2026, 3, 30, 0, 30), datetime(2026, 3, 28, 23, 30)):
            session.add(
                Case(
                    hall_id=info.id,
                    status=CaseStatus.FINISHED,
                    taken_at=moment.replace(tzinfo=berlin),
                    finished_at=(moment + timedelta(minutes=20)).replace(tzinfo=berlin),
                )
            )
    now = datetime(2026, 4, 10, tzinfo=UTC)
    with db.read() as session:
        monday = case_stats(session, info.id, date(2026, 3, 30), date(2026, 3, 30), now=now)
        weekend = case_stats(session, info.id, date(2026, 3, 28), date(2026, 3, 29), now=now)
    # Taken and finished on the same local day: 0 working days. With the winter offset
    # Monday's ticket would fall on Sunday and count Monday as a working day.
    assert [(row.tickets, row.finished, row.average_days) for row in monday] == [(1, 1, 0)]
    assert [(row.tickets, row.finished, row.average_days) for row in weekend] == [(1, 1, 0)]


# --- the tiny demo against a row-by-row computation in Python -----------------------------


def _open_at(case: Case, moment: datetime) -> bool:
    """Tell whether a case was received before moment and not finished by then."""
    received_at = case.accepted_at or case.taken_at
    return (
        case.status in (CaseStatus.ACCEPTED, CaseStatus.PAUSED, CaseStatus.FINISHED)
        and received_at is not None
        and received_at < moment
        and (
            case.status is not CaseStatus.FINISHED
            or (case.finished_at is not None and case.finished_at >= moment)
        )
    )


def _by_hand(session: Session, hall_id: uuid.UUID, start: date, end: date) -> dict[Any, dict]:
    """Every count and average per unit, case by case with domain.cases (no SQL tricks)."""
    calendar = hall_calendar(session, hall_id)
    begin = datetime.combine(start, time(0), tzinfo=ZONE)
    stop = datetime.combine(end + timedelta(days=1), time(0), tzinfo=ZONE)
    sums: dict[Any, dict[str, Any]] = defaultdict(lambda: defaultdict(list))
    for case in session.scalars(select(Case).where(Case.deleted.is_(False))):
        group = sums[case.unit_id]
        is_case = case.status in (CaseStatus.ACCEPTED, CaseStatus.PAUSED, CaseStatus.FINISHED)
        received_at = case.accepted_at or case.taken_at
        finished = (
            case.status is CaseStatus.FINISHED
            and case.finished_at is not None
            and begin <= case.finished_at < stop
        )
        ticket = case.taken_at is not None and begin <= case.taken_at < stop
        group["tickets"].append(ticket)
        group["abandoned"].append(ticket and case.status is CaseStatus.ABANDONED)
        group["received"].append(
            is_case and received_at is not None and begin <= received_at < stop
        )
        carried = _open_at(case, begin) and received_at is not None and received_at < begin
        group["carried_over"].append(carried)
        group["finished"].append(finished)
        open_end = _open_at(case, stop)
        group["open_at_end"].append(open_end)
        # The case's own limits (never the catalogue's today), else its stored dates.
        limits = (
            (case.promised_days, case.legal_days)
            if case.promised_days is not None and case.legal_days is not None
            else None
        )
        due: CaseDue | None = None
        if received_at is not None and limits is not None:
            due = due_dates(
                calendar,
                received_at.astimezone(ZONE).date(),
                limits[0],
                limits[1],
                case.paused_days,
                case.extended_days,
            )
        elif case.promised_due is not None and case.legal_due is not None:
            due = CaseDue(case.promised_due, case.legal_due, False)
        if finished and case.finished_at is not None and received_at is not None:
            finish_day = case.finished_at.astimezone(ZONE).date()
            accept_day = received_at.astimezone(ZONE).date()
            days = calendar.working_days_between(accept_day, finish_day)
            group["days"].append(days)
            if limits is not None and limits[1] > 0:
                group["speed"].append(1 - max(days - case.paused_days, 0) / limits[1])
            if due is not None:
                group["finished_with_due"].append(True)
                group["on_time"].append(finish_day <= due.promised)
                group["early"].append(finish_day < due.promised)
                group["severe_overdue"].append(finish_day > due.legal)
            if case.rating is not None:
                group["rated"].append(True)
                group["satisfied"].append(case.rating >= 4)
                group["bad"].append(case.rating <= 2)
        if open_end and due is not None:
            group["open_overdue"].append(end > due.promised)
            group["severe_overdue"].append(end > due.legal)
        if ticket and case.called_at is not None and case.taken_at is not None:
            group["wait"].append((case.called_at - case.taken_at).total_seconds() / 60)
            if case.service_finished_at is not None:
                service = (case.service_finished_at - case.called_at).total_seconds() / 60
                group["service"].append(service - case.hold_minutes)
    return sums


def test_case_stats_match_row_by_row_computation_on_tiny_demo(db: Database) -> None:
    summary = generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    start, end = date(2026, 3, 1), date(2026, 3, 31)
    with db.read() as session:
        rows = case_stats(
            session, summary.hall_id, start, end, now=datetime(2026, 4, 5, tzinfo=UTC)
        )
        expected = _by_hand(session, summary.hall_id, start, end)
    assert {row.key for row in rows} >= set(expected)
    counts = ("tickets", "abandoned", "received", "carried_over", "finished", "open_at_end")
    judged = ("finished_with_due", "on_time", "early", "open_overdue", "severe_overdue")
    rated = ("rated", "satisfied", "bad")
    averages = {
        "days": "average_days",
        "speed": "speed_up_rate",
        "wait": "average_wait_minutes",
        "service": "average_service_minutes",
    }
    seen = defaultdict(int)
    for row in rows:
        group = expected.get(row.key, {})
        for name in (*counts, *judged, *rated):
            assert getattr(row, name) == sum(group.get(name, [])), (row.code, name)
            seen[name] += getattr(row, name)
        for name, field_name in averages.items():
            values = group.get(name, [])
            mean = sum(values) / len(values) if values else None
            assert getattr(row, field_name) == pytest.approx(mean), (row.code, field_name)
    # The demo exercises every count (and a month holds a real spread of them).
    assert all(seen[name] > 0 for name in (*counts, *judged, *rated)), dict(seen)


# --- the command line -----------------------------------------------------------------------


def _run(folder: DataFolder, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--data-dir", str(folder.root), "report", "stats", *args], out=out)
    return code, out.getvalue()


def test_report_stats_text(folder: DataFolder, db: Database, hall: Fixture) -> None:
    db.close()
    code, text = _run(folder, "2026-03-09", "2026-03-13")
    assert code == 0
    lines = text.splitlines()
    assert lines[0] == "测试政务服务中心 办件统计 2026-03-09 至 2026-03-13（按单位）"
    assert lines[1].split() == [
        *("单位", "名称", "取号", "弃号率", "受理", "结转", "办结", "办结率", "按时办结率"),
        *("提前办结率", "超期件", "平均办结天数", "提速率", "平均等候(分)", "平均办理(分)"),
        *("暂停(分)", "评价", "参评率", "满意率", "差评率"),
    ]
    # Unit A: 3/7 = 42.9 %, 2/3 = 66.7 %, 1/3 = 33.3 %, 0.2/3 = 6.7 %.
    assert lines[2].split() == [
        *("A", "甲局", "7", "28.6%", "5", "2", "3", "42.9%", "66.7%", "33.3%", "3", "5.00"),
        *("6.7%", "17.5", "—", "75", "3", "100.0%", "66.7%", "33.3%"),
    ]
    assert lines[3].split() == [
        *("B", "乙局", "5", "0.0%", "4", "0", "4", "100.0%", "33.3%", "0.0%", "2", "1.00"),
        *("85.0%", "10.6", "14.0", "20", "2", "50.0%", "0.0%", "50.0%"),
    ]
    # No activity: every rate and average is "—", never a division error.
    assert lines[4].split() == [
        *("C", "丙局", "0", "—", "0", "0", "0", "—", "—", "—", "0", "—", "—", "—", "—"),
        *("0", "0", "—", "—", "—"),
    ]
    assert lines[5].split()[:4] == ["—", "（未分配）", "1", "100.0%"]
    assert lines[6] == "共 4 行：取号 13，受理 9，办结 7，超期件 5"
    # Columns line up: CJK characters take two columns, so every line is as wide.
    assert len({_width(line) for line in lines[1:6]}) == 1


def test_report_stats_json(folder: DataFolder, db: Database, hall: Fixture) -> None:
    db.close()
    code, text = _run(folder, "2026-03-09", "2026-03-13", "--by", "hall", "--json")
    assert code == 0
    (row,) = json.loads(text)
    assert row == {
        "group": "hall", "id": str(hall.id), "code": "T1", "name": "测试政务服务中心",
        "tickets": 13, "abandoned": 3, "received": 9, "carried_over": 2, "finished": 7,
        "open_at_end": 4, "finished_with_due": 6, "on_time": 3, "early": 1,
        "finished_late": 3, "open_overdue": 2, "overdue": 5, "severe_overdue": 2,
        "rated": 5, "satisfied": 2, "bad": 2,
        "finish_rate": round(7 / 11, 6), "on_time_rate": 0.5, "early_rate": round(1 / 6, 6),
        "abandon_rate": round(3 / 13, 6), "participation_rate": round(5 / 7, 6),
        "satisfaction_rate": 0.4, "bad_rating_rate": 0.4, "average_days": round(19 / 7, 6),
        "speed_up_rate": 0.38, "average_wait_minutes": round(158 / 11, 6),
        "average_service_minutes": 14.0, "pause_minutes": 95.0,
    }  # fmt: skip
    code, text = _run(folder, "2026-03-09", "2026-03-13", "--unit", "C", "--json")
    assert code == 0
    (row,) = json.loads(text)
    assert (row["group"], row["code"], row["finish_rate"], row["average_days"]) == (
        "unit",
        "C",
        None,
        None,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("2026-03-13", "2026-03-09"),
            "FROM 2026-03-13 is after TO 2026-03-09; give the first day of the period first",
        ),
        (("2026-03-09", "2026-03-13", "--unit", "Z"), "no unit with code Z in hall T1; choose"),
        (("2026-3-9x", "2026-03-13"), "FROM '2026-3-9x' is not a date; write it as YYYY-MM-DD"),
    ],
)
def test_report_stats_bad_input_one_line(
    folder: DataFolder,
    db: Database,
    hall: Fixture,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    db.close()
    code, text = _run(folder, *args)
    assert code != 0
    assert text == ""
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert message in err
