"""Alerts: once per transition — a case's light, a window where nobody calls."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from hallwatch.demo.generator import generate_demo
from hallwatch.domain.enums import CaseStatus, Light
from hallwatch.services.accountability.alerts import (
    AlertKind,
    acknowledge_alerts,
    list_alerts,
    scan_alerts,
)
from hallwatch.services.cases.entry import CaseDraft, create_case
from hallwatch.services.cases.view import CaseFilter, count_cases, view_context
from hallwatch.services.hall.halls import list_halls
from hallwatch.services.setup.entities import UnitDraft, WindowDraft, create_unit, create_window
from hallwatch.storage import direct
from hallwatch.storage.database import Database, DataFolder

ZONE = ZoneInfo("Asia/Shanghai")


def at(clock: str, day: str = "2026-03-25") -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=ZONE)


@pytest.fixture
def demo(folder: DataFolder) -> Database:
    db = Database.open(folder)
    generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    return db


def test_case_lights_raise_one_alert_each_and_are_acknowledged(demo: Database) -> None:
    moment = at("10:00")
    with demo.write("alerts.scan") as session:
        hall_id = list_halls(session)[0].id
        raised = scan_alerts(session, hall_id, moment)
    with direct.reading(demo.folder) as conn:
        view = view_context(conn, hall_id, moment)
        expected = {
            kind: count_cases(conn, view, CaseFilter(light=light))
            for light, kind in (
                (Light.YELLOW, AlertKind.CASE_YELLOW),
                (Light.RED, AlertKind.CASE_RED),
                (Light.SEVERE, AlertKind.CASE_SEVERE),
            )
        }
    case_alerts = Counter(row.kind for row in raised if row.kind is not AlertKind.WINDOW_IDLE)
    assert sum(case_alerts.values()) > 5
    assert case_alerts == Counter({k: n for k, n in expected.items() if n})
    red = next(row for row in raised if row.kind is AlertKind.CASE_RED)
    assert red.title.startswith("红灯：")
    assert "承诺期限" in red.detail

    with demo.write("alerts.scan") as session:
        assert scan_alerts(session, hall_id, at("10:05")) == []  # nothing new
        ids = [row.id for row in raised[:3]]
        assert acknowledge_alerts(session, hall_id, ids, "张检查", now=moment) == 3
        assert acknowledge_alerts(session, hall_id, ids, "张检查", now=moment) == 0
    with demo.read() as session:
        still_open = list_alerts(session, hall_id)
        everything = list_alerts(session, hall_id, include_acknowledged=True)
    assert len(still_open) == len(raised) - 3
    assert len(everything) == len(raised)
    seen = [row for row in everything if row.id in ids]
    assert {row.acknowledged_by for row in seen} == {"张检查"}
    demo.close()


def test_a_window_where_nobody_calls_raises_once_per_episode(demo: Database) -> None:
    with demo.write("setup") as session:
        hall_id = list_halls(session)[0].id
        unit = create_unit(session, hall_id, UnitDraft("QT", "测试局"))
        window = create_window(session, hall_id, WindowDraft("Q01", unit.id))

    def ticket(number: str, taken: str, called: str | None = None) -> None:
        draft = CaseDraft(
            window_id=window.id,
            ticket_no=number,
            status=CaseStatus.CALLED if called else CaseStatus.WAITING,
            taken_at=at(taken),
            called_at=at(called) if called else None,
        )
        with demo.write("case.create") as session:
            create_case(session, hall_id, draft, now=at("11:59"))

    def idle(moment: str) -> list[str]:
        with demo.write("alerts.scan") as session:
            rows = scan_alerts(session, hall_id, at(moment))
        return [row.title for row in rows if row.kind is AlertKind.WINDOW_IDLE]

    ticket("Q001", "10:00")
    assert idle("10:14") == []  # within the off-post limit (15 minutes)
    assert idle("10:20") == ["窗口 Q01 有 1 人等候，20 分钟无人叫号"]
    assert idle("10:25") == []  # the same episode
    # The window calls another ticket at 10:26 (Q001 still waits); then nobody calls.
    ticket("Q002", "10:05", called="10:26")
    assert idle("10:40") == []  # 13 minutes since the last call
    assert idle("10:50") == ["窗口 Q01 有 1 人等候，24 分钟无人叫号"]
    # Lunch: the hall is closed, no alert however long they wait.
    assert idle("12:40") == []
    demo.close()
