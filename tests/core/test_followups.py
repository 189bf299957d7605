"""The bad-rating loop: a task per bad rating, a call before closing, a reviewed appeal."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from hallwatch.domain.enums import CaseStatus
from hallwatch.domain.errors import FieldError, NotFoundError
from hallwatch.domain.rules import HallRules
from hallwatch.services.accountability.followups import (
    AppealStatus,
    FollowUpRefused,
    FollowUpStatus,
    close_followup,
    file_appeal,
    followup_id_for,
    list_followups,
    open_followups,
    record_call,
    review_appeal,
)
from hallwatch.services.data.audit import verify_audit
from hallwatch.services.hall.halls import create_hall
from hallwatch.services.hall.rules import save_rules
from hallwatch.storage.database import Database
from hallwatch.storage.models import (
    AuditEntry,
    Case,
    OutboxMutation,
    RatingFollowUp,
    ServiceItem,
    Staff,
    Unit,
    Window,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=SHANGHAI)


# The day after the National Day holiday (1–7 Oct 2026); 10 Oct is a make-up workday.
NOW = local(2026, 10, 9, 10, 0)


@dataclass(frozen=True)
class Fixture:
    db: Database
    hall_id: uuid.UUID
    cases: dict[str, uuid.UUID]


def _case(hall_id: uuid.UUID, number: str, rating: int | None, rated: datetime | None) -> Case:
    return Case(
        hall_id=hall_id,
        ticket_no=f"A{number[-3:]}",
        case_no=number,
        status=CaseStatus.FINISHED,
        taken_at=local(2026, 9, 30, 9, 0),
        finished_at=local(2026, 9, 30, 9, 30),
        rating=rating,
        rating_raw=str(rating or ""),
        rated_at=rated,
        source="queue",
    )


@pytest.fixture
def hall(db: Database) -> Fixture:
    with db.write("test.setup") as session:
        hall = create_hall(session, code="SZ-01", name="市民中心")
        unit = Unit(hall_id=hall.id, code="U1", name="市场监督管理局")
        session.add(unit)
        session.flush()
        window = Window(hall_id=hall.id, unit_id=unit.id, number="A12")
        staff = Staff(hall_id=hall.id, unit_id=unit.id, staff_no="0007", name="李娜")
        item = ServiceItem(
            hall_id=hall.id,
            unit_id=unit.id,
            code="SX001",
            name="个体工商户登记",
            legal_days=20,
            promised_days=5,
        )
        session.add_all([window, staff, item])
        session.flush()
        rows = {
            # Bad, rated the day before the holiday: due across National Day.
            "bad_before_holiday": _case(hall.id, "SZ2026000001", 2, local(2026, 9, 30, 9, 40)),
            "very_bad": _case(hall.id, "SZ2026000002", 1, local(2026, 10, 9, 9, 0)),
            # No rating time: the visit's finish day counts.
            "bad_no_time": _case(hall.id, "SZ2026000003", 2, None),
            "good": _case(hall.id, "SZ2026000004", 5, local(2026, 9, 30, 9, 40)),
            "neutral": _case(hall.id, "SZ2026000005", 3, local(2026, 9, 30, 9, 40)),
            "unrated": _case(hall.id, "SZ2026000006", None, None),
            "removed": _case(hall.id, "SZ2026000007", 1, local(2026, 9, 30, 9, 40)),
        }
        rows["removed"].deleted = True
        for case in rows.values():
            case.unit_id, case.window_id = unit.id, window.id
            case.staff_id, case.service_item_id = staff.id, item.id
        session.add_all(rows.values())
        session.flush()
        cases = {name: case.id for name, case in rows.items()}
    return Fixture(db, hall.id, cases)


def _open(hall: Fixture) -> int:
    with hall.db.write("followups.open") as session:
        return open_followups(session, hall.hall_id, NOW)


def test_followups_open_one_task_per_bad_rating(hall: Fixture) -> None:
    assert _open(hall) == 3
    assert _open(hall) == 0  # idempotent
    with hall.db.read() as session:
        rows = list_followups(session, hall.hall_id, now=NOW)
        stored = session.scalars(select(RatingFollowUp)).all()
    assert {r.case_id for r in rows} == {
        hall.cases["bad_before_holiday"],
        hall.cases["very_bad"],
        hall.cases["bad_no_time"],
    }
    assert all(task.id == followup_id_for(task.case_id) for task in stored)
    assert all(r.status == FollowUpStatus.OPEN for r in rows)
    assert all(r.appeal_status == AppealStatus.NONE and not r.rating_mistaken for r in rows)
    first = next(r for r in rows if r.case_id == hall.cases["bad_before_holiday"])
    assert (first.case_no, first.ticket_no) == ("SZ2026000001", "A001")
    assert (first.item_name, first.unit_name) == ("个体工商户登记", "市场监督管理局")
    assert (first.window_number, first.staff_name) == ("A12", "李娜")
    assert (first.rating, first.rating_word) == (2, "不满意")
    assert first.opened_at == NOW


def test_followups_due_in_working_days_across_national_day(hall: Fixture) -> None:
    _open(hall)
    with hall.db.read() as session:
        rows = {r.case_id: r for r in list_followups(session, hall.hall_id, now=NOW)}
    # 30 Sep + 5 working days: 8, 9, 10 (make-up Saturday), 12, 13 October.
    before_holiday = rows[hall.cases["bad_before_holiday"]]
    assert before_holiday.due_on == date(2026, 10, 13)
    assert not before_holiday.due_provisional
    assert rows[hall.cases["bad_no_time"]].due_on == date(2026, 10, 13)
    assert rows[hall.cases["very_bad"]].due_on == date(2026, 10, 15)
    # The most urgent first.
    assert [r.due_on for r in rows.values()] == sorted(r.due_on for r in rows.values())


def test_followups_due_follows_the_hall_setting(hall: Fixture) -> None:
    with hall.db.write() as session:
        save_rules(session, hall.hall_id, HallRules(bad_rating_followup_days=1))
    _open(hall)
    with hall.db.read() as session:
        task = session.get_one(RatingFollowUp, followup_id_for(hall.cases["bad_before_holiday"]))
    assert task.due_on == date(2026, 10, 8)


def test_followups_overdue_counts_working_days(hall: Fixture) -> None:
    _open(hall)
    later = local(2026, 10, 16, 9, 0)
    with hall.db.read() as session:
        rows = list_followups(session, hall.hall_id, now=later)
        overdue = list_followups(session, hall.hall_id, overdue_only=True, now=later)
        none_yet = list_followups(session, hall.hall_id, overdue_only=True, now=NOW)
    late = {r.case_id: r for r in rows if r.overdue}
    assert set(late) == {
        hall.cases["bad_before_holiday"],
        hall.cases["bad_no_time"],
        hall.cases["very_bad"],
    }
    assert late[hall.cases["bad_before_holiday"]].overdue_days == 3  # 14, 15, 16 October
    assert late[hall.cases["very_bad"]].overdue_days == 1
    assert {r.case_id for r in overdue} == set(late)
    assert none_yet == []


def test_followups_close_refused_without_a_call(hall: Fixture) -> None:
    _open(hall)
    task_id = followup_id_for(hall.cases["bad_before_holiday"])
    with (
        pytest.raises(FollowUpRefused, match="no follow-up call") as refused,
        hall.db.write("followup.close") as session,
    ):
        close_followup(session, task_id, "王督查", NOW)
    assert refused.value.code == "call_missing"
    assert "record the call" in refused.value.hint
    with hall.db.read() as session:
        assert session.get_one(RatingFollowUp, task_id).status == FollowUpStatus.OPEN


def test_followups_call_then_close(hall: Fixture) -> None:
    _open(hall)
    task_id = followup_id_for(hall.cases["bad_before_holiday"])
    called = local(2026, 10, 8, 15, 30)
    with hall.db.write("followup.call") as session:
        row = record_call(
            session, task_id, called, " 王督查 ", "已致电办事人，解释材料要求", now=NOW
        )
    assert (row.call_at, row.call_by) == (called, "王督查")
    with hall.db.write("followup.close") as session:
        closed = close_followup(session, task_id, "王督查", NOW)
    assert closed.status == FollowUpStatus.CLOSED
    assert (closed.closed_at, closed.closed_by) == (NOW, "王督查")
    assert not closed.closed_late
    with hall.db.read() as session:
        stored = session.get_one(RatingFollowUp, task_id)
        case = session.get_one(Case, hall.cases["bad_before_holiday"])
        open_rows = list_followups(session, hall.hall_id, FollowUpStatus.OPEN, now=NOW)
        closed_rows = list_followups(session, hall.hall_id, FollowUpStatus.CLOSED, now=NOW)
    assert stored.call_content == "已致电办事人，解释材料要求"
    assert stored.call_at == called.astimezone(UTC)
    assert case.rating == 2
    assert task_id not in {r.id for r in open_rows}
    assert [r.id for r in closed_rows] == [task_id]
    # A closed task stays as it was closed.
    with pytest.raises(FollowUpRefused, match="closed") as again, hall.db.write() as session:
        close_followup(session, task_id, "李", NOW)
    assert again.value.code == "closed"
    with pytest.raises(FollowUpRefused, match="closed"), hall.db.write() as session:
        record_call(session, task_id, called, "李", "改口", now=NOW)


def test_followups_call_input_checked(hall: Fixture) -> None:
    _open(hall)
    task_id = followup_id_for(hall.cases["bad_before_holiday"])
    cases = [
        (NOW, "  ", "内容", "call_by", "required"),
        (NOW, "王督查", "\n", "call_content", "required"),
        (NOW, "王" * 61, "内容", "call_by", "too_long"),
        (local(2026, 10, 9, 11, 0), "王督查", "内容", "call_at", "future"),
        (local(2026, 9, 30, 9, 0), "王督查", "内容", "call_at", "before_rating"),
    ]
    for at, by, content, field, code in cases:
        with pytest.raises(FieldError) as error, hall.db.write() as session:
            record_call(session, task_id, at, by, content, now=NOW)
        assert (error.value.field, error.value.code) == (field, code)
    with hall.db.read() as session:
        assert session.get_one(RatingFollowUp, task_id).call_at is None
    with pytest.raises(NotFoundError), hall.db.write() as session:
        record_call(session, uuid.uuid4(), NOW, "王", "内容", now=NOW)


def test_followups_appeal_approved_by_another_person(hall: Fixture) -> None:
    _open(hall)
    task_id = followup_id_for(hall.cases["very_bad"])
    with pytest.raises(FollowUpRefused) as early, hall.db.write() as session:
        review_appeal(session, task_id, True, "张审核", "属误评", NOW)
    assert early.value.code == "no_appeal"
    with pytest.raises(FieldError) as empty, hall.db.write() as session:
        file_appeal(session, task_id, "  ", "李娜", NOW)
    assert empty.value.field == "appeal_reason"
    with hall.db.write("followup.appeal") as session:
        filed = file_appeal(session, task_id, "办事人误按评价键，已书面说明", "李娜", NOW)
    assert filed.appeal_status == AppealStatus.PENDING
    assert not filed.rating_mistaken
    with pytest.raises(FollowUpRefused) as twice, hall.db.write() as session:
        file_appeal(session, task_id, "再次申诉", "李娜", NOW)
    assert twice.value.code == "appeal_filed"
    # Who filed it may not review it.
    with (
        pytest.raises(FollowUpRefused, match="cannot also review") as own,
        hall.db.write() as session,
    ):
        review_appeal(session, task_id, True, "李娜", "同意", NOW)
    assert own.value.code == "own_appeal"
    with pytest.raises(FieldError) as no_note, hall.db.write() as session:
        review_appeal(session, task_id, True, "张审核", " ", NOW)
    assert no_note.value.field == "review_note"
    with hall.db.write("followup.review") as session:
        reviewed = review_appeal(session, task_id, True, "张审核", "录像显示系误评", NOW)
    assert reviewed.appeal_status == AppealStatus.APPROVED
    assert reviewed.rating_mistaken
    assert (reviewed.reviewed_by, reviewed.reviewed_at) == ("张审核", NOW)
    # One review only.
    with (
        pytest.raises(FollowUpRefused, match="already approved") as second,
        hall.db.write() as session,
    ):
        review_appeal(session, task_id, False, "赵", "不同意", NOW)
    assert second.value.code == "appeal_reviewed"
    with hall.db.read() as session:
        case = session.get_one(Case, hall.cases["very_bad"])
        stored = session.get_one(RatingFollowUp, task_id)
    # The original rating stays; the task is still open until its call is recorded.
    assert (case.rating, case.rating_raw) == (1, "1")
    assert stored.rating_mistaken
    assert stored.status == FollowUpStatus.OPEN


def test_followups_appeal_rejected_keeps_the_rating_counted(hall: Fixture) -> None:
    _open(hall)
    task_id = followup_id_for(hall.cases["bad_no_time"])
    with hall.db.write() as session:
        file_appeal(session, task_id, "认为评价不实", "李娜", NOW)
    with hall.db.write() as session:
        rejected = review_appeal(session, task_id, False, "张审核", "办事人确有不满", NOW)
    assert rejected.appeal_status == AppealStatus.REJECTED
    assert not rejected.rating_mistaken
    with hall.db.read() as session:
        mistaken = session.scalar(
            select(func.count())
            .select_from(RatingFollowUp)
            .where(RatingFollowUp.rating_mistaken.is_(True))
        )
    assert mistaken == 0


def test_followups_every_change_audited(hall: Fixture) -> None:
    _open(hall)
    task_id = followup_id_for(hall.cases["bad_before_holiday"])
    with hall.db.write("followup.call") as session:
        record_call(session, task_id, local(2026, 10, 8, 15, 0), "王督查", "已回访", now=NOW)
    with hall.db.write("followup.close") as session:
        close_followup(session, task_id, "王督查", NOW)
    with hall.db.write("followup.appeal") as session:
        file_appeal(session, task_id, "误评", "李娜", NOW)
    with hall.db.write("followup.review") as session:
        review_appeal(session, task_id, True, "张审核", "同意", NOW)
    with hall.db.read() as session:
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "rating_followups", AuditEntry.entity_id == str(task_id))
            .order_by(AuditEntry.seq)
        ).all()
        mutations = session.scalar(
            select(func.count())
            .select_from(OutboxMutation)
            .where(OutboxMutation.kind.like("rating_followups.%"))
        )
        report = verify_audit(session)
    assert [e.action for e in entries] == [
        "followups.open:create",
        "followup.call:update",
        "followup.close:update",
        "followup.appeal:update",
        "followup.review:update",
    ]
    assert {e.user for e in entries} == {"tester"}
    assert mutations == 3 + 4
    assert report.ok


def test_followups_naive_times_refused(hall: Fixture) -> None:
    with pytest.raises(ValueError, match="naive"), hall.db.write() as session:
        open_followups(session, hall.hall_id, datetime(2026, 10, 9, 10, 0))
