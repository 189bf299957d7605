"""The database handle: pragmas, sessions, and changes recorded where they are made."""

from __future__ import annotations

import gc
import json
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from hallwatch.domain.enums import AttendanceKind, AttendanceSource
from hallwatch.domain.hlc import Hlc
from hallwatch.services.hall.halls import create_hall
from hallwatch.storage.changelog import Actor
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import (
    AttendanceEvent,
    AuditEntry,
    Hall,
    OutboxMutation,
    Staff,
    SyncState,
    Unit,
)


def _counts(db: Database) -> tuple[int, int]:
    with db.read() as session:
        audit = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
        outbox = session.scalar(select(func.count()).select_from(OutboxMutation)) or 0
    return audit, outbox


def test_database_connection_pragmas(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_database_foreign_keys_enforced(db: Database) -> None:
    with pytest.raises(Exception, match="FOREIGN KEY"), db.write() as session:
        session.add(Unit(hall_id=uuid.uuid4(), code="U", name="x"))


def test_database_device_id_is_stable(folder: DataFolder) -> None:
    first = Database.open(folder)
    device = first.device_id
    first.close()
    with Database.open(folder) as second:
        assert second.device_id == device
        assert len(device) == 36


def test_change_writes_row_audit_and_outbox_together(db: Database) -> None:
    with db.write("hall.create") as session:
        hall = create_hall(session, code="H1", name="一号大厅")
    with db.read() as session:
        mutation = session.scalars(select(OutboxMutation)).one()
        entry = session.scalars(select(AuditEntry)).one()
    assert mutation.seq == 1
    assert mutation.kind == "halls.create"
    assert mutation.payload["id"] == str(hall.id)
    assert mutation.payload["fields"]["name"] == "一号大厅"
    assert mutation.payload["fields"]["deleted"] is False
    assert mutation.schema_version == db.revision()
    assert Hlc.unpack(mutation.hlc).node == db.device_id
    assert entry.entity == "halls"
    assert entry.entity_id == str(hall.id)
    assert entry.user == "tester"
    assert entry.action == "hall.create:create"


def test_change_rolled_back_leaves_no_trace(db: Database) -> None:
    def create_then_fail() -> None:
        with db.write() as session:
            create_hall(session, code="H1", name="一号大厅")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        create_then_fail()
    assert _counts(db) == (0, 0)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Hall)) == 0


def test_change_update_records_only_changed_fields_and_base_version(db: Database) -> None:
    with db.write() as session:
        hall = create_hall(session, code="H1", name="一号大厅")
    with db.write("hall.rename") as session:
        row = session.get_one(Hall, hall.id)
        before = row.updated_hlc
        row.name = "市民中心"
    with db.read() as session:
        mutation = session.scalars(
            select(OutboxMutation).order_by(OutboxMutation.seq.desc())
        ).first()
    assert mutation is not None
    assert mutation.seq == 2
    assert mutation.payload["op"] == "update"
    assert mutation.payload["fields"] == {"name": "市民中心"}
    assert mutation.payload["base_hlc"] == before
    assert mutation.hlc > before


def test_change_hard_delete_refused(db: Database) -> None:
    with db.write() as session:
        hall = create_hall(session, code="H1", name="一号大厅")
    with pytest.raises(RuntimeError, match="never deleted"), db.write() as session:
        session.delete(session.get_one(Hall, hall.id))
    with db.read() as session:
        assert session.get(Hall, hall.id) is not None


def test_change_tombstone_is_a_delete_mutation(db: Database) -> None:
    with db.write() as session:
        hall = create_hall(session, code="H1", name="一号大厅")
    with db.write() as session:
        session.get_one(Hall, hall.id).deleted = True
    with db.read() as session:
        kinds = session.scalars(select(OutboxMutation.kind).order_by(OutboxMutation.seq)).all()
    assert kinds == ["halls.create", "halls.delete"]


def test_change_outside_write_session_refused(db: Database) -> None:
    with db.read() as session:
        session.add(Hall(code="X", name="x", hall_id=uuid.uuid4()))
        with pytest.raises(RuntimeError, match=r"Database.write\(\)"):
            session.flush()


def test_change_append_only_rows_cannot_be_edited(db: Database) -> None:
    with db.write() as session:
        hall = create_hall(session, code="H1", name="一号大厅")
        staff = Staff(hall_id=hall.id, staff_no="001", name="张三")
        session.add(staff)
        session.flush()
        event = AttendanceEvent(
            hall_id=hall.id,
            staff_id=staff.id,
            kind=AttendanceKind.PUNCH,
            occurred_at=datetime(2026, 3, 9, 1, 0, tzinfo=UTC),
            source=AttendanceSource.DEVICE,
        )
        session.add(event)
    with pytest.raises(RuntimeError, match="append-only"), db.write() as session:
        session.get_one(AttendanceEvent, event.id).note = "changed"


def test_change_clock_never_goes_backwards(folder: DataFolder) -> None:
    with Database.open(folder) as db:
        with db.write() as session:
            create_hall(session, code="H1", name="一号大厅")
        # Pretend an earlier run saw a clock far in the future (a wrong clock since fixed).
        future = Hlc(99_999_999_999_999, 7, db.device_id).pack()
        with db.write() as session:
            session.get_one(SyncState, "hlc_last").value = future
    with Database.open(folder) as db:
        with db.write() as session:
            create_hall(session, code="H2", name="二号大厅")
        with db.read() as session:
            latest = session.scalars(
                select(OutboxMutation.hlc).order_by(OutboxMutation.seq.desc())
            ).first()
    assert latest is not None
    assert latest > future


def test_change_actor_is_recorded(db: Database) -> None:
    with db.write(actor=Actor(user="王督查", device_id=db.device_id)) as session:
        create_hall(session, code="H1", name="一号大厅")
    with db.read() as session:
        assert session.scalars(select(AuditEntry.user)).one() == "王督查"


def test_outbox_payload_is_plain_json(db: Database) -> None:
    with db.write() as session:
        create_hall(session, code="H1", name="一号大厅")
    raw = sqlite3.connect(db.folder.db_path).execute("SELECT payload FROM sync_outbox").fetchone()
    payload = json.loads(raw[0])
    assert payload["table"] == "halls"
    assert payload["fields"]["code"] == "H1"
    assert payload["fields"]["timezone"] == "Asia/Shanghai"


def test_change_recording_holds_for_every_database_opened(tmp_path: Path) -> None:
    # Regression: a new session factory could reuse the id() of a collected one,
    # and the change hook was then skipped (about 1 open in 12).
    for number in range(30):
        db = Database.open(DataFolder(tmp_path / f"data{number % 2}"))
        with db.read() as session:
            session.add(Hall(code=f"X{number}", name="x", hall_id=uuid.uuid4()))
            with pytest.raises(RuntimeError, match="write"):
                session.flush()
            session.rollback()
        db.close()
        del db
        gc.collect()


def test_change_in_demo_hall_is_audited_but_never_queued(db: Database) -> None:
    with db.write() as session:
        demo = Hall(code="DEMO", name="演示大厅", is_demo=True, hall_id=uuid.uuid4())
        demo.hall_id = demo.id = uuid.uuid4()
        session.add(demo)
        session.flush()
        session.add(Unit(hall_id=demo.id, code="U1", name="市场监管局"))
    with db.write() as session:
        real = create_hall(session, code="H1", name="一号大厅")
        session.add(Unit(hall_id=real.id, code="U1", name="市场监管局"))
    with db.read() as session:
        queued = session.scalars(select(OutboxMutation.payload)).all()
        audited = session.scalars(select(AuditEntry.entity_id)).all()
    assert {p["hall_id"] for p in queued} == {str(real.id)}
    assert len(queued) == 2
    assert len(audited) == 4


def test_database_locked_by_another_process_says_so(
    folder: DataFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hallwatch.domain.errors import DatabaseBusyError
    from hallwatch.storage import database

    Database.open(folder).close()
    # SQLite retries for the busy timeout before giving up; keep the test short.
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
    other = sqlite3.connect(folder.db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        with Database.open(folder) as db:
            with (
                pytest.raises(DatabaseBusyError, match="another HallWatch is writing"),
                db.write() as session,
            ):
                create_hall(session, code="H1", name="一号大厅")
            other.execute("ROLLBACK")
            # Once the other program is done, the same change goes through.
            with db.write() as session:
                create_hall(session, code="H1", name="一号大厅")
    finally:
        other.close()
