"""A process killed in the middle of demo or backup leaves a sound database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from hallwatch.services.data.audit import verify_audit
from hallwatch.services.hall.halls import create_hall
from hallwatch.storage.blobs import BlobStore
from hallwatch.storage.database import Database, DataFolder, integrity_problems
from hallwatch.storage.models import Case, Hall

# The child kills itself with SIGKILL (no cleanup, no atexit) once work is under way.
KILL_DURING = """
import os, signal, sys
from pathlib import Path
from hallwatch.storage.database import DataFolder, Database

def die_at(threshold):
    def progress(fraction, _text):
        if fraction >= threshold:
            os.kill(os.getpid(), signal.SIGKILL)
    return progress

folder = DataFolder(Path(sys.argv[1]))
db = Database.open(folder)
if sys.argv[2] == "demo":
    from hallwatch.demo.generator import generate_demo
    generate_demo(db, scale="tiny", progress=die_at(0.5))
else:
    from hallwatch.services.data.backup import backup
    backup(db, Path(sys.argv[3]), progress=die_at(0.5))
print("not killed")
"""


def _run_and_kill(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", KILL_DURING, *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_kill_during_demo_leaves_database_as_it_was(folder: DataFolder) -> None:
    result = _run_and_kill(str(folder.root), "demo")
    assert result.returncode == -9, result.stderr
    assert integrity_problems(folder.db_path) == []
    with Database.open(folder, create=False) as db, db.read() as session:
        assert session.scalar(select(func.count()).select_from(Hall)) == 0
        assert session.scalar(select(func.count()).select_from(Case)) == 0
        assert verify_audit(session).ok


def test_kill_during_backup_leaves_database_and_no_backup(
    folder: DataFolder, tmp_path: Path
) -> None:
    with Database.open(folder) as db:
        with db.write() as session:
            create_hall(session, code="H1", name="市民中心")
        store = BlobStore(folder.blobs_dir)
        for number in range(200):
            store.put(f"photo {number}".encode() * 5000)
    target = tmp_path / "out.hwbak"
    result = _run_and_kill(str(folder.root), "backup", str(target))
    assert result.returncode == -9, result.stderr
    assert not target.exists()
    assert integrity_problems(folder.db_path) == []
    with Database.open(folder, create=False) as db, db.read() as session:
        assert session.scalar(select(Hall.code)) == "H1"
