"""insert_synced: a row inserted with Core is recorded exactly as an ORM add is."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from hallwatch.services.data.audit import verify_audit
from hallwatch.services.hall.halls import create_hall
from hallwatch.storage.changelog import insert_synced
from hallwatch.storage.database import Database
from hallwatch.storage.models import AuditEntry, OutboxMutation, Snapshot, SyncState, Window

TAKEN = datetime(2026, 3, 9, 1, 30, tzinfo=UTC)


def _values(hall_id: uuid.UUID, window_id: uuid.UUID, row_id: uuid.UUID) -> dict[str, Any]:
    return {
        "id": row_id,
        "hall_id": hall_id,
        "window_id": window_id,
        "taken_at": TAKEN,
        "taken_by": "王芳",
        "source_kind": "synthetic",
        "original_sha256": "a" * 64,
        "original_size": 1000,
        "captioned_sha256": "b" * 64,
        "captioned_size": 1100,
        "width": 320,
        "height": 240,
    }


def _without_clock(payload: dict[str, Any]) -> dict[str, Any]:
    fields = {k: v for k, v in payload["fields"].items() if k not in ("id", "created_at")}
    return {**payload, "id": None, "hlc": None, "fields": fields}


def test_core_insert_records_the_same_mutation_and_audit_entry_as_an_orm_add(
    db: Database,
) -> None:
    with db.write("test.setup") as session:
        hall_id = create_hall(session, code="YZ", name="云州市政务服务中心").id
        window = Window(hall_id=hall_id, number="A01")
        session.add(window)
        session.flush()
        window_id = window.id
    by_orm, by_core = uuid.uuid4(), uuid.uuid4()
    with db.write("snapshot.capture") as session:
        session.add(Snapshot(**_values(hall_id, window_id, by_orm)))
    with db.write("snapshot.capture") as session:
        stored = insert_synced(session, Snapshot, _values(hall_id, window_id, by_core))
    assert stored["deleted"] is False
    assert stored["capture_path"] == ""

    with db.read() as session:
        mutations = session.scalars(
            select(OutboxMutation).order_by(OutboxMutation.seq.desc()).limit(2)
        ).all()
        core, orm = mutations
        assert (orm.payload["id"], core.payload["id"]) == (str(by_orm), str(by_core))
        assert _without_clock(core.payload) == _without_clock(orm.payload)
        assert core.seq == orm.seq + 1
        assert core.kind == orm.kind == "snapshots.create"
        assert core.hlc > orm.hlc
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(2))
        core_entry, orm_entry = entries.all()
        assert core_entry.action == orm_entry.action == "snapshot.capture:create"
        assert core_entry.entity_id == str(by_core)
        assert core_entry.prev_hash == orm_entry.hash
        row = session.get(Snapshot, by_core)
        assert row is not None
        assert row.updated_hlc == core.hlc
        assert row.updated_by == db.device_id
        head = session.get(SyncState, "audit_head")
        assert head is not None
        assert head.value == core_entry.hash
        # The chain holds (the photos' files are not written here: no evidence check).
        assert verify_audit(session).chain_problems == []

    # An ORM change after a Core one in the same transaction continues the counters.
    with db.write("test.edit") as session:
        insert_synced(session, Snapshot, _values(hall_id, window_id, uuid.uuid4()))
        session.add(Window(hall_id=hall_id, number="A02"))
    with db.read() as session:
        assert verify_audit(session).chain_problems == []
        seqs = session.scalars(select(OutboxMutation.seq).order_by(OutboxMutation.seq)).all()
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))


def test_core_insert_needs_a_write_session(db: Database) -> None:
    with db.read() as session, pytest.raises(RuntimeError, match=r"Database.write\(\)"):
        insert_synced(session, Snapshot, {})
