"""Alerts (预警): raised once per transition, listed until someone acknowledges them.

Two kinds of fact raise an alert (issue 4, item 6):

- a case turning yellow, red or severe (its light today, on its stored due dates):
  one alert per case and light, ever;
- a window with people waiting and nobody calling during opening hours for longer
  than the hall's off-post limit (rules.off_post_minutes): one alert per episode,
  an episode beginning at the window's last call (or when the first person still
  waiting took a ticket, or when the half-day opened, whichever is latest).

`scan_alerts` finds the facts at a moment and stores the new ones (a unique key
per transition makes a second scan raise nothing); the app runs it on a timer
and shows what it returns as desktop notifications. Alerts are kept on this
device only: each workstation notifies, and acknowledges for, whoever sits at it.
Waiting is judged as of the moment: a ticket taken by then and not yet called
(abandoned tickets are not waiting), so a past moment reads the same as it did.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.domain.attendance import pick_season
from hallwatch.domain.cases import LIGHT_WORDS
from hallwatch.domain.enums import Light
from hallwatch.domain.timeutil import utcnow
from hallwatch.services.cases.view import CaseFilter, case_page, view_context
from hallwatch.storage import direct
from hallwatch.storage.convert import key, utc_text
from hallwatch.storage.models import Alert
from hallwatch.storage.queries import alerts as queries
from hallwatch.storage.queries import hall as hall_queries

__all__ = ["AlertKind", "AlertRow", "acknowledge_alerts", "list_alerts", "scan_alerts"]


class AlertKind(StrEnum):
    CASE_YELLOW = "case_yellow"
    CASE_RED = "case_red"
    CASE_SEVERE = "case_severe"
    WINDOW_IDLE = "window_idle"


CASE_KINDS = {
    Light.YELLOW: AlertKind.CASE_YELLOW,
    Light.RED: AlertKind.CASE_RED,
    Light.SEVERE: AlertKind.CASE_SEVERE,
}


@dataclass(frozen=True, slots=True)
class AlertRow:
    id: int
    kind: AlertKind
    subject_id: str
    title: str
    detail: str
    raised_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str


def _row(alert: Alert) -> AlertRow:
    return AlertRow(
        id=alert.id,
        kind=AlertKind(alert.kind),
        subject_id=alert.subject_id,
        title=alert.title,
        detail=alert.detail,
        raised_at=alert.raised_at,
        acknowledged_at=alert.acknowledged_at,
        acknowledged_by=alert.acknowledged_by,
    )


@dataclass(frozen=True, slots=True)
class _Fact:
    kind: AlertKind
    subject_id: str
    since: str
    title: str
    detail: str


def scan_alerts(session: Session, hall_id: uuid.UUID, at: datetime) -> list[AlertRow]:
    """Store the alerts that hold at `at` and were not raised before; return them."""
    conn = direct.dbapi(session)
    facts = _case_facts(conn, hall_id, at) + _idle_facts(conn, hall_id, at)
    if not facts:
        return []
    known = {
        (kind, subject, since)
        for kind, subject, since in session.execute(
            select(Alert.kind, Alert.subject_id, Alert.since).where(Alert.hall_id == hall_id)
        )
    }
    raised: list[Alert] = []
    for fact in facts:
        if (fact.kind.value, fact.subject_id, fact.since) in known:
            continue
        alert = Alert(
            hall_id=hall_id,
            kind=fact.kind.value,
            subject_id=fact.subject_id,
            since=fact.since,
            title=fact.title,
            detail=fact.detail,
            raised_at=at.astimezone(UTC),
            acknowledged_by="",
        )
        session.add(alert)
        raised.append(alert)
    session.flush()
    return [_row(alert) for alert in raised]


def _case_facts(conn: sqlite3.Connection, hall_id: uuid.UUID, at: datetime) -> list[_Fact]:
    view = view_context(conn, hall_id, at)
    facts: list[_Fact] = []
    for light, kind in CASE_KINDS.items():
        for row in case_page(conn, view, CaseFilter(light=light), 0, 1_000_000):
            number = row.case_no or row.ticket_no
            due = row.legal_due if light is Light.SEVERE else row.promised_due
            word = "法定" if light is Light.SEVERE else "承诺"
            facts.append(
                _Fact(
                    kind,
                    key(row.case_id),
                    "",
                    f"{LIGHT_WORDS[light]}：{number} {row.item_name}".strip(),
                    f"{row.unit_name} {row.window_number} {row.staff_name}，"
                    f"{word}期限 {due.isoformat() if due else '—'}",
                )
            )
    return facts


def _idle_facts(conn: sqlite3.Connection, hall_id: uuid.UUID, at: datetime) -> list[_Fact]:
    zone = hall_queries.zone(conn, hall_id)
    local = at.astimezone(zone)
    day = local.date()
    schedule = pick_season(hall_queries.seasons(conn, hall_id), day)
    if schedule is None or not hall_queries.calendar(conn, hall_id).is_workday(day):
        return []
    clock = local.time()
    if schedule.am_start <= clock < schedule.am_end:
        opened = schedule.am_start
    elif schedule.pm_start <= clock < schedule.pm_end:
        opened = schedule.pm_start
    else:
        return []
    half_start = datetime.combine(day, opened, tzinfo=zone)
    day_start = datetime.combine(day, time(0), tzinfo=zone)
    limit = timedelta(minutes=hall_queries.rules(conn, hall_id).off_post_minutes)
    waiting = queries.waiting_by_window(conn, hall_id, day_start, at)
    if not waiting:
        return []
    last_calls = queries.last_calls(conn, hall_id, day_start, at)
    facts: list[_Fact] = []
    for window_id, number, count, oldest in waiting:
        starts = [half_start, oldest]
        if window_id in last_calls:
            starts.append(last_calls[window_id])
        since = max(moment.astimezone(UTC) for moment in starts)
        idle = at.astimezone(UTC) - since
        if idle <= limit:
            continue
        minutes = int(idle.total_seconds() // 60)
        facts.append(
            _Fact(
                AlertKind.WINDOW_IDLE,
                key(window_id),
                utc_text(since),
                f"窗口 {number} 有 {count} 人等候，{minutes} 分钟无人叫号",
                f"自 {since.astimezone(zone):%H:%M} 起无叫号",
            )
        )
    return facts


def list_alerts(
    session: Session, hall_id: uuid.UUID, *, include_acknowledged: bool = False
) -> list[AlertRow]:
    """Return the hall's alerts, newest first (unacknowledged only, unless asked)."""
    query = select(Alert).where(Alert.hall_id == hall_id)
    if not include_acknowledged:
        query = query.where(Alert.acknowledged_at.is_(None))
    alerts = session.scalars(query.order_by(Alert.raised_at.desc(), Alert.id.desc()))
    return [_row(alert) for alert in alerts]


def acknowledge_alerts(
    session: Session,
    hall_id: uuid.UUID,
    alert_ids: list[int],
    by: str,
    *,
    now: datetime | None = None,
) -> int:
    """Mark alerts as seen by a person; return how many were still open."""
    at = (now or utcnow()).astimezone(UTC)
    done = 0
    for alert in session.scalars(
        select(Alert).where(Alert.hall_id == hall_id, Alert.id.in_(alert_ids))
    ):
        if alert.acknowledged_at is None:
            alert.acknowledged_at, alert.acknowledged_by = at, by
            done += 1
    session.flush()
    return done
