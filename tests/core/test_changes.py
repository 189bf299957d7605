"""What a committed write changed, as the database itself saw it (storage.changes)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from sqlalchemy import insert, text, update
from sqlalchemy.orm import Session

from hallwatch.domain.ids import uuid7
from hallwatch.services.hall.halls import create_hall
from hallwatch.storage import changes
from hallwatch.storage.changes import ChangeSummary
from hallwatch.storage.database import Database
from hallwatch.storage.models import Hall, Unit


def _written(
    db: Database, work: Callable[[Session], object], action: str = "edit"
) -> ChangeSummary:
    with changes.collect() as seen, db.write(action) as session:
        work(session)
    return changes.merged(seen)


def _hall(db: Database) -> uuid.UUID:
    with db.write("hall.create") as session:
        return create_hall(session, code="H1", name="一号大厅").id


def test_changes_orm_insert_names_table_and_ids_not_bookkeeping(db: Database) -> None:
    made: list[uuid.UUID] = []
    summary = _written(db, lambda s: made.append(create_hall(s, code="H1", name="一号").id))
    assert summary.tables == {"halls"}  # not audit_entries, sync_outbox, sync_state
    assert summary.ids["halls"] == frozenset(made)


def test_changes_orm_update_and_core_update_by_id(db: Database) -> None:
    hall_id = _hall(db)

    def rename(session: Session) -> None:
        hall = session.get(Hall, hall_id)
        assert hall is not None
        hall.name = "二号"

    assert _written(db, rename).ids == {"halls": frozenset({hall_id})}
    core = _written(
        db, lambda s: s.execute(update(Hall).where(Hall.id == hall_id).values(address="x"))
    )
    assert core.ids == {"halls": frozenset({hall_id})}


def test_changes_write_that_changed_nothing_reports_nothing(db: Database) -> None:
    hall_id = _hall(db)
    nothing = _written(
        db, lambda s: s.execute(update(Hall).where(Hall.code == "none").values(name="x"))
    )
    assert not nothing
    with changes.collect() as seen, db.write() as session:
        session.get(Hall, hall_id)
    assert seen == []


def test_changes_rolled_back_write_reports_nothing(db: Database) -> None:
    def create_then_fail() -> None:
        with db.write() as session:
            create_hall(session, code="H1", name="一号")
            raise RuntimeError("boom")

    with changes.collect() as seen, pytest.raises(RuntimeError, match="boom"):
        create_then_fail()
    assert seen == []


def test_changes_raw_sql_and_core_executemany_name_their_table(db: Database) -> None:
    hall_id = _hall(db)
    raw = _written(db, lambda s: s.execute(text("UPDATE halls SET address = 'y'")))
    assert raw.tables == {"halls"}
    assert "halls" not in raw.ids  # which rows: unknown
    ids = [uuid7(), uuid7()]
    rows = [
        {"id": id_, "hall_id": hall_id, "code": f"U{n}", "name": "u"} for n, id_ in enumerate(ids)
    ]
    core = _written(db, lambda s: s.execute(insert(Unit.__table__), rows), "import")
    assert core.tables == {"units"}
    assert core.ids["units"] == frozenset(ids)


def test_changes_driver_executemany_names_its_table(db: Database) -> None:
    hall_id = _hall(db)

    def rename_all(session: Session) -> None:
        # As the importers write: driver SQL, many rows, on the session's connection.
        session.connection().exec_driver_sql(
            "UPDATE halls SET address = ? WHERE code = ?", [("a", "H1"), ("b", "none")]
        )

    summary = _written(db, rename_all)
    assert summary.tables == {"halls"}
    assert summary.ids == {}
    assert hall_id


def test_changes_summaries_merge_ids_only_while_known() -> None:
    a, b = uuid.uuid4(), uuid.uuid4()
    first = ChangeSummary(frozenset({"cases", "letters"}), {"cases": frozenset({a})})
    second = ChangeSummary(frozenset({"cases"}), {"cases": frozenset({b})})
    both = first.merge(second)
    assert both.tables == {"cases", "letters"}
    assert both.ids == {"cases": frozenset({a, b})}
    assert first.merge(ChangeSummary(frozenset({"cases"}))).ids == {}


def test_changes_recorder_names_only_the_table_past_the_id_limit() -> None:
    recorder = changes.ChangeRecorder()
    recorder.note("punches", [uuid.uuid4() for _ in range(changes.MAX_IDS_PER_TABLE)])
    assert recorder.wants_ids("punches")
    recorder.note("punches", [uuid.uuid4()])
    assert not recorder.wants_ids("punches")
    recorder.note("sync_outbox", None)
    summary = recorder.summary()
    assert summary.tables == {"punches"}
    assert summary.ids == {}
