"""`hallwatch audit verify` finds an edited, a removed and a reordered entry."""

from __future__ import annotations

import io
import sqlite3

import pytest

from hallwatch.cli.main import main
from hallwatch.services.data.audit import verify_audit
from hallwatch.services.hall.halls import create_hall
from hallwatch.storage.database import Database, DataFolder


@pytest.fixture
def chained(folder: DataFolder) -> DataFolder:
    """A data folder whose audit chain has five entries."""
    with Database.open(folder) as db:
        for number in range(1, 6):
            with db.write("hall.create") as session:
                create_hall(session, code=f"H{number}", name=f"第{number}大厅")
    return folder


def _verify(folder: DataFolder, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--data-dir", str(folder.root), "audit", "verify"], out=io.StringIO())
    return code, capsys.readouterr().err


def _sql(folder: DataFolder, statement: str) -> None:
    with sqlite3.connect(folder.db_path) as conn:
        conn.execute(statement)


def test_audit_verify_intact_chain(chained: DataFolder) -> None:
    out = io.StringIO()
    assert main(["--data-dir", str(chained.root), "audit", "verify"], out=out) == 0
    assert "audit OK: 5 entries" in out.getvalue()


def test_audit_verify_detects_edited_entry(
    chained: DataFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    _sql(chained, "UPDATE audit_entries SET user = 'someone else' WHERE seq = 3")
    code, err = _verify(chained, capsys)
    assert code == 1
    assert "audit entry 3 was edited" in err


def test_audit_verify_detects_edited_entry_with_forged_hash(
    chained: DataFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    # Whoever recomputes the edited entry's own hash still breaks the next link.
    with Database.open(chained) as db, db.write() as session:
        from sqlalchemy import select

        from hallwatch.storage.changelog import entry_hash
        from hallwatch.storage.models import AuditEntry

        entry = session.scalars(select(AuditEntry).where(AuditEntry.seq == 2)).one()
        entry.user = "forger"
        entry.hash = entry_hash(entry)
    code, err = _verify(chained, capsys)
    assert code == 1
    assert "between entry 2 and entry 3" in err


def test_audit_verify_detects_deleted_entry(
    chained: DataFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    _sql(chained, "DELETE FROM audit_entries WHERE seq = 3")
    code, err = _verify(chained, capsys)
    assert code == 1
    assert "missing between entry 2 and entry 4" in err


def test_audit_verify_detects_deleted_last_entry(
    chained: DataFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    _sql(chained, "DELETE FROM audit_entries WHERE seq = 5")
    code, err = _verify(chained, capsys)
    assert code == 1
    assert "after entry 4 are missing" in err


def test_audit_verify_detects_reordered_entries(
    chained: DataFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    # Swap the places of entries 2 and 3.
    _sql(chained, "UPDATE audit_entries SET seq = -1 WHERE seq = 2")
    _sql(chained, "UPDATE audit_entries SET seq = 2 WHERE seq = 3")
    _sql(chained, "UPDATE audit_entries SET seq = 3 WHERE seq = -1")
    code, err = _verify(chained, capsys)
    assert code == 1
    assert "out of order" in err


def test_audit_verify_report_counts_entries(chained: DataFolder) -> None:
    with Database.open(chained) as db, db.read() as session:
        report = verify_audit(session)
    assert report.ok
    assert report.entries == 5
    assert report.devices == 1
