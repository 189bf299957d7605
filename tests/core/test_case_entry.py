"""Manual case entry and correction: checked like an import row, audited, in the timeline."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from hallwatch.demo.generator import generate_demo
from hallwatch.domain.enums import CaseStatus
from hallwatch.domain.errors import FieldError
from hallwatch.services.cases.entry import CaseDraft, case_draft, correct_case, create_case
from hallwatch.services.cases.view import case_detail, view_context
from hallwatch.services.hall.halls import list_halls
from hallwatch.storage import direct
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import AuditEntry, Case, CaseEvent, ServiceItem, Window

ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 9, 30, 17, 0, tzinfo=ZONE)


def at(day: str, clock: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=ZONE)


@pytest.fixture
def demo_db(folder: DataFolder) -> Database:
    db = Database.open(folder)
    generate_demo(db, scale="tiny", until=date(2026, 9, 30))
    return db


def _draft(db: Database) -> tuple[object, CaseDraft, ServiceItem]:
    with db.read() as session:
        hall = list_halls(session)[0]
        item = session.scalars(select(ServiceItem).where(ServiceItem.promised_days == 5)).first()
        assert item is not None
        window = session.scalars(select(Window).where(Window.unit_id == item.unit_id)).first()
    draft = CaseDraft(
        service_item_id=item.id,
        window_id=window.id if window else None,
        ticket_no="M001",
        case_no="MANUAL-0001",
        status=CaseStatus.ACCEPTED,
        taken_at=at("2026-09-30", "09:00"),
        called_at=at("2026-09-30", "09:12"),
        accepted_at=at("2026-09-30", "09:20"),
    )
    return hall, draft, item


def test_a_case_entered_by_hand_gets_due_dates_after_national_day(demo_db: Database) -> None:
    hall, draft, item = _draft(demo_db)
    with demo_db.write("case.create") as session:
        case_id = create_case(session, hall.id, draft, now=NOW)  # type: ignore[attr-defined]
    with demo_db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        assert case.source == "manual"
        assert case.unit_id == item.unit_id
        # 5 working days from 30 September 2026: 国庆节 1–7 October, then 8, 9, the
        # make-up Saturday 10, 12 and 13.
        assert case.promised_due == date(2026, 10, 13)
        audited = session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.entity_id == str(case_id))
        )
        assert audited == 1
    demo_db.close()


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"called_at": at("2026-09-30", "08:50")}, "called_at", "case_time_order"),
        ({"accepted_at": NOW + timedelta(hours=1)}, "accepted_at", "future"),
        ({"finished_at": at("2026-09-30", "10:00")}, "finished_at", "finished_status"),
        ({"status": CaseStatus.FINISHED}, "finished_at", "finished_status"),
        ({"rating": 2}, "rating", "rating_unfinished"),
        ({"service_item_id": None}, "service_item_id", "required"),
        ({"case_no": "", "ticket_no": " "}, "case_no", "case_or_ticket"),
        ({"paused_days": -1}, "paused_days", "range"),
        ({"promised_days": 6, "legal_days": 5}, "promised_days", "limit_order"),
        ({"legal_days": 1000}, "legal_days", "range"),
    ],
)
def test_bad_entries_name_their_field_and_change_nothing(
    demo_db: Database, change: dict[str, object], field: str, code: str
) -> None:
    hall, draft, _item = _draft(demo_db)
    with demo_db.read() as session:
        before = session.scalar(select(func.count()).select_from(Case))
    with pytest.raises(FieldError) as raised, demo_db.write("case.create") as session:
        create_case(session, hall.id, replace(draft, **change), now=NOW)  # type: ignore[attr-defined, arg-type]
    assert (raised.value.field, raised.value.code) == (field, code)
    with demo_db.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == before
    demo_db.close()


def test_a_correction_needs_a_reason_and_shows_in_the_timeline(demo_db: Database) -> None:
    hall, draft, _item = _draft(demo_db)
    with demo_db.write("case.create") as session:
        case_id = create_case(session, hall.id, draft, now=NOW)  # type: ignore[attr-defined]
        create_case(session, hall.id, replace(draft, case_no="MANUAL-0002"), now=NOW)  # type: ignore[attr-defined]
    with demo_db.read() as session:
        current = case_draft(session, hall.id, case_id)  # type: ignore[attr-defined]
    finished = replace(
        current,
        status=CaseStatus.FINISHED,
        finished_at=at("2026-09-30", "16:00"),
        rating=2,
    )
    with pytest.raises(FieldError) as raised, demo_db.write("case.correct") as session:
        correct_case(session, hall.id, case_id, finished, "  ", now=NOW)  # type: ignore[attr-defined]
    assert raised.value.field == "reason"
    with pytest.raises(FieldError) as raised, demo_db.write("case.correct") as session:
        correct_case(
            session, hall.id, case_id, replace(finished, case_no="MANUAL-0002"), "x", now=NOW
        )  # type: ignore[attr-defined]
    assert raised.value.code == "case_no_taken"
    with demo_db.write("case.correct") as session:
        changed = correct_case(session, hall.id, case_id, finished, "窗口漏录办结", now=NOW)  # type: ignore[attr-defined]
        assert sorted(changed) == ["finished_at", "rating", "status"]
        # The same again changes nothing and writes nothing.
        assert correct_case(session, hall.id, case_id, finished, "再次", now=NOW) == []  # type: ignore[attr-defined]
    with demo_db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        assert (case.status, case.rating, case.rating_raw) == (CaseStatus.FINISHED, 2, "2")
        assert case.rated_at == at("2026-09-30", "16:00").astimezone(UTC)
        events = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)).all()
        assert [e.kind for e in events] == ["corrected"]
        assert events[0].detail["fields"]["status"] == ["accepted", "finished"]
        assert events[0].recorded_by == "tester"
    with direct.reading(demo_db.folder) as conn:
        view = view_context(conn, hall.id, NOW)  # type: ignore[attr-defined]
        steps = [step.what for step in case_detail(conn, view, case_id).timeline]
    assert "更正（窗口漏录办结）：状态、办结时间、评价" in steps
    demo_db.close()


def test_a_case_keeps_its_limits_until_its_item_changes(demo_db: Database) -> None:
    hall, draft, item = _draft(demo_db)
    with demo_db.write("case.create") as session:
        case_id = create_case(session, hall.id, draft, now=NOW)  # type: ignore[attr-defined]
        other = session.scalars(
            select(ServiceItem).where(
                ServiceItem.unit_id == item.unit_id,
                ServiceItem.promised_days != item.promised_days,
                ServiceItem.promised_days > 0,
            )
        ).first()
        assert other is not None
        # The catalogue changes after the case came in.
        session.get(ServiceItem, item.id).promised_days = 1  # type: ignore[union-attr]
    with demo_db.write("case.correct") as session:
        # As the case dialog sends it: the limits are not part of the form.
        changed = replace(
            case_draft(session, hall.id, case_id),  # type: ignore[attr-defined]
            hold_minutes=3,
            promised_days=None,
            legal_days=None,
        )
        correct_case(session, hall.id, case_id, changed, "漏记挂起", now=NOW)  # type: ignore[attr-defined]
        case = session.get(Case, case_id)
        assert case is not None
        assert (case.promised_days, case.promised_due) == (5, date(2026, 10, 13))
        # Another item: its limits, and the history says so.
        moved = replace(case_draft(session, hall.id, case_id), service_item_id=other.id)  # type: ignore[attr-defined]
        fields = correct_case(session, hall.id, case_id, moved, "事项选错", now=NOW)  # type: ignore[attr-defined]
        assert "service_item_id" in fields
        assert (case.promised_days, case.legal_days) == (other.promised_days, other.legal_days)
        [event] = session.scalars(
            select(CaseEvent).where(
                CaseEvent.case_id == case_id, CaseEvent.detail["reason"].as_string() == "事项选错"
            )
        )
        assert event.detail["fields"]["promised_days"] == ["5", str(other.promised_days)]
    demo_db.close()
