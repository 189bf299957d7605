"""storage.bulk.bulk_insert: rows, outbox mutations and audit entries in one transaction."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from hallwatch.domain.enums import AttendanceKind, AttendanceSource, CaseStatus
from hallwatch.domain.ids import uuid7
from hallwatch.services.data.audit import verify_audit
from hallwatch.services.hall.halls import create_hall
from hallwatch.storage import changelog
from hallwatch.storage.bulk import MUTATION_ROWS, bulk_insert
from hallwatch.storage.database import Database
from hallwatch.storage.models import (
    AttendanceEvent,
    AuditEntry,
    Case,
    Hall,
    ImportBatch,
    OutboxMutation,
    Staff,
    SyncState,
    Unit,
    Window,
)

START = datetime(2026, 4, 1, 0, 30, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Place:
    db: Database
    hall_id: uuid.UUID
    unit_id: uuid.UUID
    window_id: uuid.UUID
    staff_ids: list[uuid.UUID]


@pytest.fixture
def place(db: Database) -> Place:
    """A hall that syncs (not a demo) with a unit, a window and two people."""
    with db.write("test") as session:
        hall = create_hall(session, code="YZ", name="云州市政务服务中心")
        unit = Unit(id=uuid7(), hall_id=hall.id, code="RSJ", name="人社局", short_name="人社局")
        session.add(unit)
        session.flush()
        window = Window(id=uuid7(), hall_id=hall.id, number="C01", unit_id=unit.id)
        people = [
            Staff(id=uuid7(), hall_id=hall.id, staff_no=f"0{n}", name=f"员工{n}", unit_id=unit.id)
            for n in (1, 2)
        ]
        session.add_all([window, *people])
    return Place(db, hall.id, unit.id, window.id, [person.id for person in people])


def case_rows(place: Place, count: int) -> list[dict[str, Any]]:
    """Cases with every kind of value: keys, enums, times (some empty), dates, flags, text."""
    rows = []
    for n in range(count):
        taken = START + timedelta(seconds=37 * n)
        finished = n % 3 == 0
        rows.append(
            {
                "id": uuid7(),
                "unit_id": place.unit_id,
                "window_id": place.window_id if n % 2 else None,
                "staff_id": place.staff_ids[n % 2],
                "service_item_id": None,
                "ticket_no": f"A{n:04d}",
                "case_no": "" if n % 5 else f"YZ{n}",
                "status": CaseStatus.FINISHED if finished else CaseStatus.ACCEPTED,
                "taken_at": taken,
                "called_at": taken + timedelta(minutes=3, microseconds=250_000 * (n % 4)),
                "accepted_at": taken + timedelta(minutes=4),
                "finished_at": taken + timedelta(minutes=9) if finished else None,
                "service_finished_at": None,
                "hold_minutes": n % 7,
                "paused_days": 0,
                "extended_days": n % 2,
                "promised_days": 5,
                "legal_days": None if n % 4 else 20,
                "promised_due": date(2026, 4, 8) + timedelta(days=n % 3),
                "legal_due": date(2026, 4, 29),
                "due_provisional": n % 2 == 1,
                "rating": 5 if finished else None,
                "rating_raw": "非常满意" if finished else "",
                "rated_at": taken + timedelta(minutes=10) if finished else None,
            }
        )
    return rows


def new_mutations(session: Any, after: int) -> list[OutboxMutation]:
    return list(
        session.scalars(
            select(OutboxMutation).where(OutboxMutation.seq > after).order_by(OutboxMutation.seq)
        )
    )


def outbox_seq(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.max(OutboxMutation.seq))) or 0


def audit_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def stored_fields(row: Any) -> dict[str, Any]:
    """A row read back through the ORM, in the change log's JSON form (meta columns aside)."""
    return {
        column.key: changelog.jsonable(getattr(row, column.key))
        for column in type(row).__table__.columns
        if column.key not in changelog.META_COLUMNS
    }


def test_bulk_mutation_round_trips_to_exactly_the_stored_rows(place: Place) -> None:
    before = outbox_seq(place.db)
    batch_id = uuid7()
    rows = case_rows(place, 2_345)
    with place.db.write("import") as session:
        written = bulk_insert(
            session,
            Case,
            rows,
            batch_id=batch_id,
            common={"hall_id": place.hall_id, "created_at": START, "source": "queue"},
        )
    assert written == 2_345
    with place.db.read() as session:
        mutations = new_mutations(session, before)
        assert [m.kind for m in mutations] == ["cases.bulk_create"] * 3
        assert [len(m.payload["rows"]) for m in mutations] == [1000, 1000, 345]
        assert len({m.hlc for m in mutations}) == 3
        stored = {str(case.id): case for case in session.scalars(select(Case))}
        assert len(stored) == 2_345
        columns = [c.key for c in Case.__table__.columns if c.key not in changelog.META_COLUMNS]
        for mutation in mutations:
            payload = mutation.payload
            assert (payload["table"], payload["op"]) == ("cases", "bulk_create")
            assert payload["hall_id"] == str(place.hall_id)
            assert payload["batch_id"] == str(batch_id)
            assert payload["hlc"] == mutation.hlc
            # Every column of the model is either common or a row's own, never both.
            assert sorted([*payload["common"], *payload["columns"]]) == sorted(columns)
            for values in payload["rows"]:
                row = {**payload["common"], **dict(zip(payload["columns"], values, strict=True))}
                case = stored.pop(row["id"])
                assert row == stored_fields(case)
                assert (case.updated_hlc, case.updated_by) == (mutation.hlc, place.db.device_id)
                assert case.server_seq is None
        assert stored == {}
        # The given values come back as they were given.
        first = session.get_one(Case, rows[1]["id"])
        assert {name: getattr(first, name) for name in rows[1]} == rows[1]
        assert first.source == "queue"
        hlc_last = session.scalar(select(SyncState.value).where(SyncState.key == "hlc_last"))
        assert hlc_last == mutations[-1].hlc


def test_bulk_insert_audits_each_chunk_with_its_count_and_ids(place: Place) -> None:
    audited = audit_count(place.db)
    batch_id = uuid7()
    with place.db.write("import") as session:
        session.add(
            ImportBatch(
                id=batch_id,
                hall_id=place.hall_id,
                kind="attlog",
                file_name="1_attlog.dat",
                file_sha256="0" * 64,
                imported_at=START,
                imported_by="tester",
            )
        )
        session.flush()
        bulk_insert(
            session,
            AttendanceEvent,
            (
                {
                    "staff_id": place.staff_ids[n % 2],
                    "occurred_at": START + timedelta(seconds=n),
                    "raw": f"line {n}",
                }
                for n in range(MUTATION_ROWS * 2 + 1)
            ),
            batch_id=batch_id,
            common={
                "hall_id": place.hall_id,
                "kind": AttendanceKind.PUNCH,
                "source": AttendanceSource.IMPORT,
                "batch_id": batch_id,
            },
        )
    with place.db.read() as session:
        entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))[audited:]
        # The batch (through the change hook), then one entry per chunk of rows.
        assert [(e.action, e.entity) for e in entries] == [("import:create", "import_batches")] + [
            ("import:bulk_create", "attendance_events")
        ] * 3
        events = list(
            session.scalars(
                select(AttendanceEvent)
                .where(AttendanceEvent.batch_id == batch_id)
                .order_by(AttendanceEvent.occurred_at)
            )
        )
        assert len(events) == 2_001
        # Generated ids follow the rows' order.
        assert [e.id for e in events] == sorted(e.id for e in events)
        chunks = [events[:1000], events[1000:2000], events[2000:]]
        for entry, chunk in zip(entries[1:], chunks, strict=True):
            assert (entry.entity_id, entry.hall_id) == (str(batch_id), place.hall_id)
            ids = hashlib.sha256(b"".join(e.id.bytes for e in chunk)).hexdigest()
            assert entry.digest == changelog.digest({"rows": len(chunk), "digest": ids})
        assert verify_audit(session).ok
        assert [m.kind for m in session.scalars(select(OutboxMutation))][-4:] == [
            "import_batches.create"
        ] + ["attendance_events.bulk_create"] * 3
        # Defaults fill what neither the rows nor common give.
        assert (events[0].note, events[0].device_sn, events[0].clock_suspect) == ("", "", False)


def test_bulk_insert_without_outbox_writes_no_mutation(place: Place) -> None:
    before, audited = outbox_seq(place.db), audit_count(place.db)
    with place.db.write("import") as session:
        bulk_insert(
            session,
            Case,
            case_rows(place, 10),
            batch_id=uuid7(),
            outbox=False,
            common={"hall_id": place.hall_id},
        )
    assert outbox_seq(place.db) == before
    assert audit_count(place.db) == audited + 1
    with place.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 10
        assert verify_audit(session).ok


def test_bulk_insert_into_a_demo_hall_queues_nothing(place: Place) -> None:
    with place.db.write() as session:
        session.get_one(Hall, place.hall_id).is_demo = True
    before = outbox_seq(place.db)
    with place.db.write("import") as session:
        bulk_insert(session, Case, case_rows(place, 1_500), batch_id=uuid7(),
                    common={"hall_id": place.hall_id})  # fmt: skip
    assert outbox_seq(place.db) == before
    with place.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 1_500
        assert verify_audit(session).ok


def test_bulk_insert_refuses_what_it_sets_itself(place: Place) -> None:
    with place.db.write("import") as session, pytest.raises(ValueError, match="updated_hlc"):
        bulk_insert(
            session,
            Case,
            [{"status": CaseStatus.WAITING, "updated_hlc": "x"}],
            batch_id=uuid7(),
            common={"hall_id": place.hall_id},
        )
    with place.db.write("import") as session, pytest.raises(ValueError, match="same columns"):
        bulk_insert(
            session,
            Case,
            [{"status": CaseStatus.WAITING}, {"status": CaseStatus.WAITING, "rating": 3}],
            batch_id=uuid7(),
            common={"hall_id": place.hall_id},
        )
    with place.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0


def test_bulk_insert_tells_its_progress(place: Place) -> None:
    seen: list[int] = []
    rows = case_rows(place, 10)
    many = [{**rows[n % 10], "id": uuid7()} for n in range(25_000)]
    with place.db.write("import") as session:
        bulk_insert(session, Case, many, batch_id=uuid7(), common={"hall_id": place.hall_id},
                    written=seen.append)  # fmt: skip
    assert seen == [10_000, 20_000, 25_000]
