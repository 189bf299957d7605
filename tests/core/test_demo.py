"""The demo hall: plausible, deterministic, consistent with its own calendar, all-or-nothing."""

from __future__ import annotations

import contextlib
import hashlib
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from hallwatch.demo.generator import DEMO_SETTINGS, DemoSummary, generate_demo
from hallwatch.domain.enums import CaseStatus
from hallwatch.domain.errors import ConflictError, HallWatchError, InputError
from hallwatch.services.data.audit import verify_audit
from hallwatch.services.hall.calendar import hall_calendar
from hallwatch.storage import changelog
from hallwatch.storage.bulk import MUTATION_ROWS
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import (
    AttendanceEvent,
    AuditEntry,
    Case,
    Hall,
    Holiday,
    Leave,
    OutboxMutation,
    ServiceItem,
    Setting,
    Staff,
)

UNTIL = date(2026, 3, 16)  # a Monday, a month after the 2026 Spring Festival
ZONE = ZoneInfo("Asia/Shanghai")
# Columns that name the device that generated a row, not the demo's content.
DEVICE_COLUMNS = frozenset({"updated_by", "updated_hlc"})


def _open(root: Path) -> Database:
    return Database.open(DataFolder(root))


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    db = _open(tmp_path_factory.mktemp("tiny"))
    summary = generate_demo(db, scale="tiny", seed=1, until=UNTIL)
    yield db, summary
    db.close()


def _table_counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        names = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names
        }


def _content_digest(path: Path, tables: list[str]) -> str:
    """Digest every row of tables, in id order, leaving out the generating device."""
    digest = hashlib.sha256()
    with contextlib.closing(sqlite3.connect(path)) as conn:
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}" ORDER BY id')
            columns = [column[0] for column in cursor.description]
            keep = [i for i, name in enumerate(columns) if name not in DEVICE_COLUMNS]
            for row in cursor:
                digest.update(repr([row[i] for i in keep]).encode())
    return digest.hexdigest()


def test_generate_demo_fills_every_main_table(tiny: tuple[Database, DemoSummary]) -> None:
    db, summary = tiny
    counts = _table_counts(db.folder.db_path)
    assert summary.hall_code == "DEMO"
    assert summary.last_day == UNTIL
    assert summary.first_day == date(2026, 2, 17)
    for table, rows in summary.counts.items():
        assert counts[table] == rows, table
    assert counts["halls"] == 1
    assert counts["units"] == 4
    assert counts["windows"] == 8
    assert counts["staff"] == 12
    assert counts["window_assignments"] == 16  # a primary and an AB角 stand-in per window
    assert counts["schedules"] == 2
    assert counts["settings"] == len(DEMO_SETTINGS)
    assert counts["service_items"] >= 16
    assert counts["leaves"] >= 1
    assert counts["spot_checks"] >= 1
    assert counts["complaints"] >= 1
    # About 15 working days (the Spring Festival holiday and one closure fall in the month)
    # x 12 people x 4 punches, less leave and forgotten punches.
    assert 500 <= counts["attendance_events"] <= 800
    assert 200 <= counts["cases"] <= 800
    with db.read() as session:
        hall = session.scalars(select(Hall)).one()
        assert hall.is_demo
        assert hall.id == summary.hall_id == hall.hall_id
        assert hall.timezone == "Asia/Shanghai"
        settings = {row.key: row.value for row in session.scalars(select(Setting))}
        assert settings == DEMO_SETTINGS
        holidays = session.scalars(select(Holiday)).all()
        assert [row.national for row in holidays].count(False) == 1  # the hall closure
        assert any(row.is_workday and row.day.weekday() >= 5 for row in holidays)  # 调休上班
        assert all(row.source for row in holidays)
        staff = session.scalars(select(Staff)).all()
        assert len({row.staff_no for row in staff}) == len({row.pin for row in staff}) == 12
        assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", row.name) for row in staff)


def test_generate_demo_records_the_audit_chain_and_no_outbox(
    tiny: tuple[Database, DemoSummary],
) -> None:
    db, summary = tiny
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(OutboxMutation)) == 0
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
        assert verify_audit(session).ok
    assert {entry.entity for entry in entries} == set(summary.counts)
    # The hall as any new row, the rest in bulk (storage.bulk): each entry names the hall.
    assert [(e.entity, e.action) for e in entries if e.action != "demo:bulk_create"] == [
        ("halls", "demo:create")
    ]
    assert all(entry.entity_id == str(summary.hall_id) for entry in entries)
    # The entries for cases prove exactly which rows the demo inserted, chunk by chunk.
    with contextlib.closing(sqlite3.connect(db.folder.db_path)) as conn:
        ids = [
            bytes.fromhex(value) for (value,) in conn.execute("SELECT id FROM cases ORDER BY rowid")
        ]
    start = 0
    for entry in (entry for entry in entries if entry.entity == "cases"):
        sizes = range(1, MUTATION_ROWS + 1)
        size = next(
            n
            for n in sizes
            if entry.digest
            == changelog.digest(
                {"rows": n, "digest": hashlib.sha256(b"".join(ids[start : start + n])).hexdigest()}
            )
        )
        start += size
    assert start == len(ids) == summary.counts["cases"]


def test_generate_demo_same_seed_gives_identical_rows(tmp_path: Path) -> None:
    paths = []
    for name, seed in (("one", 7), ("two", 7), ("other", 8)):
        with _open(tmp_path / name) as db:
            generate_demo(db, scale="tiny", seed=seed, until=UNTIL)
            paths.append(db.folder.db_path)
    tables = [
        "halls", "units", "windows", "staff", "window_assignments", "schedules", "holidays",
        "settings", "service_items", "leaves", "attendance_events", "cases", "spot_checks",
        "findings", "complaints",
    ]  # fmt: skip
    first, second, other = (_content_digest(path, tables) for path in paths)
    assert first == second
    assert first != other
    # Per table too, so that a difference in one table cannot hide behind another.
    assert _content_digest(paths[0], ["cases"]) == _content_digest(paths[1], ["cases"])
    assert _content_digest(paths[0], ["staff"]) == _content_digest(paths[1], ["staff"])
    assert _content_digest(paths[0], ["cases"]) != _content_digest(paths[2], ["cases"])


def test_generate_demo_punches_fall_on_working_days_within_hours(
    tiny: tuple[Database, DemoSummary],
) -> None:
    db, summary = tiny
    slack = timedelta(minutes=45)
    with db.read() as session:
        calendar = hall_calendar(session, summary.hall_id)
        pins = {row.id: row.pin for row in session.scalars(select(Staff))}
        events = session.scalars(select(AttendanceEvent)).all()
    late = 0
    for event in events:
        assert event.occurred_at.tzinfo is not None
        assert event.occurred_at.utcoffset() == timedelta(0)
        local = event.occurred_at.astimezone(ZONE)
        assert summary.first_day <= local.date() <= summary.last_day
        assert calendar.is_workday(local.date()), local
        # Winter hours (the whole month is in the winter season): 9:00–12:00, 13:00–17:00.
        opening = datetime.combine(local.date(), datetime.min.time(), ZONE) + timedelta(hours=9)
        closing = opening + timedelta(hours=8)
        assert opening - slack <= local <= closing + slack, local
        late += local.hour == 9 and local.minute >= 1
        assert event.raw == f"  {pins[event.staff_id]}\t{local:%Y-%m-%d %H:%M:%S}\t1\t0\t1\t0"
    assert late >= 1  # some people are late


def test_generate_demo_no_punches_during_approved_leave(
    tiny: tuple[Database, DemoSummary],
) -> None:
    db, _ = tiny
    with db.read() as session:
        leaves = session.scalars(select(Leave)).all()
        events = session.scalars(select(AttendanceEvent)).all()
    assert leaves
    punches: dict[object, list[datetime]] = {}
    for event in events:
        punches.setdefault(event.staff_id, []).append(event.occurred_at)
    for leave in leaves:
        taken = punches.get(leave.staff_id, [])
        assert not [at for at in taken if leave.starts_at <= at <= leave.ends_at], leave.kind
        if leave.ends_at - leave.starts_at >= timedelta(hours=7):
            # A whole day or more: not a single punch on any of its days.
            days = {leave.starts_at.astimezone(ZONE).date(), leave.ends_at.astimezone(ZONE).date()}
            assert not [at for at in taken if at.astimezone(ZONE).date() in days]


def test_generate_demo_due_dates_follow_the_hall_calendar(
    tiny: tuple[Database, DemoSummary],
) -> None:
    db, summary = tiny
    paused = 0
    with db.read() as session:
        calendar = hall_calendar(session, summary.hall_id)
        items = {row.id: row for row in session.scalars(select(ServiceItem))}
        cases = session.scalars(select(Case).where(Case.accepted_at.is_not(None))).all()
    assert cases
    for case in cases:
        assert case.accepted_at is not None
        assert case.service_item_id is not None
        item = items[case.service_item_id]
        accepted = case.accepted_at.astimezone(ZONE).date()
        # A stopped clock (补正) pushes both dates; an extension the legal one (DOMAIN).
        pause = case.paused_days
        promised = calendar.add_working_days(accepted, item.promised_days + pause)
        legal = calendar.add_working_days(accepted, item.legal_days + pause + case.extended_days)
        assert case.promised_due == promised.day
        assert case.legal_due == legal.day
        assert case.due_provisional == (promised.provisional or legal.provisional)
        paused += bool(pause)
    assert paused  # the demo has cases whose clock stood still


def test_generate_demo_cases_carry_own_limits_and_service_end(
    tiny: tuple[Database, DemoSummary],
) -> None:
    db, _summary = tiny
    with db.read() as session:
        items = {row.id: row for row in session.scalars(select(ServiceItem))}
        cases = session.scalars(select(Case)).all()
    served = promised_item = 0
    for case in cases:
        if case.service_item_id is None:
            # A ticket that never became a case: no limits, and no service unless served.
            assert (case.promised_days, case.legal_days) == (None, None)
        else:
            item = items[case.service_item_id]
            # The item's limits when the case came in (issue 11, item 6).
            assert (case.promised_days, case.legal_days) == (item.promised_days, item.legal_days)
        if case.service_finished_at is not None:
            # The end of service at the window: after the call, the same day, and for a case
            # with a limit long before the case's own finish.
            assert case.called_at is not None
            assert case.called_at < case.service_finished_at
            assert case.service_finished_at - case.called_at < timedelta(hours=4)
            served += 1
            if case.promised_days:
                promised_item += 1
                if case.finished_at is not None:
                    assert case.finished_at > case.service_finished_at + timedelta(hours=12)
        elif case.accepted_at is not None:
            raise AssertionError(f"accepted case {case.case_no} has no end of service")
        if case.service_finished_at is None:
            assert case.status in (CaseStatus.ABANDONED, CaseStatus.TRANSFERRED)
    assert served
    assert promised_item  # service minutes now cover cases with a promised limit


def test_generate_demo_cases_look_like_a_queue_log(tiny: tuple[Database, DemoSummary]) -> None:
    db, summary = tiny
    with db.read() as session:
        cases = session.scalars(select(Case)).all()
    statuses = {case.status for case in cases}
    assert {CaseStatus.FINISHED, CaseStatus.ABANDONED} <= statuses
    assert CaseStatus.WAITING not in statuses  # every ticket of a past day was called or lost
    end = datetime.combine(summary.last_day + timedelta(days=1), datetime.min.time(), ZONE)
    for case in cases:
        assert re.fullmatch(r"[A-F]\d{3}", case.ticket_no)
        assert case.taken_at is not None
        if case.called_at is not None:
            assert case.called_at >= case.taken_at
        if case.accepted_at is not None:
            assert case.called_at is not None
            assert case.accepted_at > case.called_at
            assert case.case_no
        if case.finished_at is not None:
            assert case.accepted_at is not None
            assert case.finished_at > case.accepted_at
            assert case.finished_at < end
        if case.rating is not None:
            assert 1 <= case.rating <= 5
            assert case.rated_at is not None
            assert case.finished_at is not None
            assert case.finished_at <= case.rated_at < end
    finished = [case for case in cases if case.status is CaseStatus.FINISHED]
    rated = [case for case in finished if case.rating is not None]
    assert 0.5 <= len(rated) / len(finished) <= 0.9


def test_generate_demo_open_cases_show_every_light(tiny: tuple[Database, DemoSummary]) -> None:
    db, summary = tiny
    with db.read() as session:
        open_cases = session.scalars(
            select(Case).where(Case.status.in_([CaseStatus.ACCEPTED, CaseStatus.PAUSED]))
        ).all()
    last = summary.last_day
    dues: list[tuple[date, date]] = []
    accepted_days: list[date] = []
    for case in open_cases:
        assert case.promised_due is not None
        assert case.legal_due is not None
        assert case.accepted_at is not None
        dues.append((case.promised_due, case.legal_due))
        accepted_days.append(case.accepted_at.astimezone(ZONE).date())
    assert any(promised >= last for promised, _ in dues)  # green or yellow
    assert any(promised < last <= legal for promised, legal in dues)  # red
    assert any(legal < last for _, legal in dues)  # 严重超期
    # Some were carried over from before the month (结转件).
    assert min(accepted_days) < summary.first_day


def test_generate_demo_second_demo_is_refused_and_changes_nothing(
    tiny: tuple[Database, DemoSummary],
) -> None:
    db, _ = tiny
    before = _table_counts(db.folder.db_path)
    with pytest.raises(ConflictError, match="already has a hall") as raised:
        generate_demo(db, scale="tiny", seed=2, until=UNTIL)
    assert raised.value.hint
    assert _table_counts(db.folder.db_path) == before


def test_generate_demo_unknown_scale_is_refused(tmp_path: Path) -> None:
    with _open(tmp_path) as db:
        before = _table_counts(db.folder.db_path)
        with pytest.raises(InputError, match="unknown demo scale 'XL'"):
            generate_demo(db, scale="XL")
        assert _table_counts(db.folder.db_path) == before


def test_generate_demo_cancelled_leaves_no_rows(tmp_path: Path) -> None:
    asked = 0

    def cancel_on_fifth_question() -> bool:
        nonlocal asked
        asked += 1
        return asked >= 5

    with _open(tmp_path) as db:
        before = _table_counts(db.folder.db_path)
        with pytest.raises(HallWatchError, match="cancelled"):
            generate_demo(db, until=UNTIL, cancelled=cancel_on_fifth_question)
        assert asked == 5
        assert _table_counts(db.folder.db_path) == before
        # The transaction was rolled back, not left open: the folder takes a demo afterwards.
        assert generate_demo(db, until=UNTIL).counts["halls"] == 1


def test_generate_demo_reports_progress_up_to_one(tmp_path: Path) -> None:
    seen: list[float] = []
    with _open(tmp_path) as db:
        generate_demo(db, until=UNTIL, progress=lambda fraction, _text: seen.append(fraction))
    assert seen[-1] == 1.0
    assert seen == sorted(seen)
    assert all(0.0 <= fraction <= 1.0 for fraction in seen)


def test_generate_demo_until_in_an_unknown_year_marks_due_dates_provisional(
    tmp_path: Path,
) -> None:
    until = date(2027, 3, 15)  # chinesecalendar 1.11 knows up to 2026
    with _open(tmp_path) as db:
        summary = generate_demo(db, until=until)
        with db.read() as session:
            calendar = hall_calendar(session, summary.hall_id)
            holidays = session.scalars(select(Holiday)).all()
            cases = session.scalars(select(Case).where(Case.accepted_at.is_not(None))).all()
            events = session.scalars(select(AttendanceEvent)).all()
    assert not calendar.knows_year(2027)
    assert not [row for row in holidays if row.day.year == 2027 and row.national]
    assert summary.first_day == date(2027, 2, 16)
    # Without holiday data the year is guessed Monday to Friday.
    assert all(event.occurred_at.astimezone(ZONE).weekday() < 5 for event in events)
    # Every case counts at least one working day of 2027 towards its legal limit.
    assert cases
    assert all(case.due_provisional for case in cases)


def test_generate_demo_default_until_is_today_in_the_hall(tmp_path: Path) -> None:
    with _open(tmp_path) as db:
        before = datetime.now(UTC).astimezone(ZONE).date()
        summary = generate_demo(db)
        after = datetime.now(UTC).astimezone(ZONE).date()
    assert summary.last_day in (before, after)
