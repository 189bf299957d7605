"""A full disk: every command says so in one line, changes nothing, leaves no orphan PDF.

The data folder lives on a small tmpfs mounted by the test (we run as root here
and in CI), filled up by a filler file; the commands run through the real console
script in a child process, as a user would type them. Two states of a full disk:
nobody has the database open (SQLite cannot even make its WAL index), and the
app is running (a connection holds the WAL index: reads still work, writes fail).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

PAGE = 4096
# The WAL index (-shm) that SQLite makes when the first connection opens the database.
SHM_BYTES = 32768


def _run(env: dict[str, str], data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from ui.launcher import main; main()",
            "--data-dir",
            str(data),
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def _dump(db_path: Path) -> list[str]:
    """Every row of the database as SQL: what "nothing changed" is compared on."""
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return list(conn.iterdump())


def _blob_files(data: Path) -> set[str]:
    return {p.name for p in (data / "blobs").rglob("*") if p.is_file()}


@dataclass(frozen=True)
class World:
    env: dict[str, str]
    pristine: Path  # a tiny demo hall, made off the tmpfs
    mount: Path  # the tmpfs
    draft_id: str
    doc_no: str  # the number the draft gets when issued on a disk with room
    pdf_size: int
    csv: Path
    video: Path

    @property
    def data(self) -> Path:
        return self.mount / "data"

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return _run(self.env, self.data, *args)

    def reset(self, free: int) -> None:
        """Put a fresh copy of the demo on the tmpfs and fill it up to `free` bytes left."""
        _free_space(self.mount)
        for entry in self.mount.iterdir():
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        shutil.copytree(self.pristine, self.data)
        log = self.data / "logs" / "hallwatch.log"
        # Up to a page boundary: then the next log line needs a page the disk has not got.
        with log.open("ab") as handle:
            handle.write(b" " * (-log.stat().st_size % PAGE))
        _fill(self.mount, free)


def _fill(mount: Path, free: int) -> None:
    """Fill the tmpfs to the brim with a filler file, then give back `free` bytes."""
    filler = mount / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for step in (1 << 20, 1 << 16, PAGE):
            block = b"\0" * step
            while True:
                try:
                    os.write(fd, block)
                except OSError as error:
                    if error.errno != errno.ENOSPC:
                        raise
                    break
    finally:
        os.close(fd)
    os.truncate(filler, max(0, filler.stat().st_size - free))
    assert abs(shutil.disk_usage(mount).free - free) < PAGE


def _free_space(mount: Path) -> None:
    (mount / "filler").unlink(missing_ok=True)


@contextlib.contextmanager
def _tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        reason = f"cannot mount a tmpfs for the full-disk test: {result.stderr.strip()}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        yield where
    finally:
        if subprocess.run(["umount", str(where)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(where)], check=False)


def _mjpeg(path: Path) -> Path:
    """A short MJPEG video: what `snapshot --source file:…` reads a frame from."""
    import cv2

    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 5, (640, 480))
    rng = np.random.default_rng(7)
    for _ in range(5):
        writer.write(rng.integers(0, 255, (480, 640, 3), dtype=np.uint8))
    writer.release()
    assert path.stat().st_size > 100_000
    return path


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    base = tmp_path_factory.mktemp("disk-full")
    home = base / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "share"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "HALLWATCH_USER": "tester",
        "QT_QPA_PLATFORM": "offscreen",
    }
    pristine = base / "demo"
    made = _run(env, pristine, "demo", "--scale", "tiny")
    assert made.returncode == 0, made.stderr
    listed = _run(env, pristine, "letter", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    drafts = [row for row in json.loads(listed.stdout) if row["status"] == "draft"]
    assert drafts, "the tiny demo has a draft letter"
    draft_id = drafts[0]["id"]
    # Issued on a disk with room, the draft gets this number and a PDF of this size.
    probe = base / "probe"
    shutil.copytree(pristine, probe)
    before = _blob_files(probe)
    issued = _run(env, probe, "letter", "issue", draft_id)
    assert issued.returncode == 0, issued.stderr
    (pdf,) = _blob_files(probe) - before
    pdf_size = (probe / "blobs" / pdf[:2] / pdf).stat().st_size
    csv = base / "打卡.csv"
    csv.write_text(
        "工号,打卡时间\n01001,2026-12-01 08:01:00\n01002,2026-12-01 08:02:00\n", encoding="utf-8"
    )
    video = _mjpeg(base / "camera.avi")
    demo_bytes = sum(p.stat().st_size for p in pristine.rglob("*") if p.is_file())
    # Room for the demo, its WAL index and a few letters; then it is filled up.
    mib = max(4, -(-(demo_bytes * 2) // (1 << 20)))
    with _tmpfs(base / "tmpfs", f"{mib}m") as mount:
        yield World(env, pristine, mount, draft_id, issued.stdout.strip(), pdf_size, csv, video)


def _commands(world: World) -> dict[str, tuple[str, ...]]:
    return {
        "import punches": ("import", "punches", str(world.csv)),
        "backup": ("backup",),
        "backup --out on the full disk": ("backup", "--out", str(world.mount / "hall.hwbak")),
        "letter issue": ("letter", "issue", world.draft_id),
        "snapshot": ("snapshot", "--source", f"file:{world.video}", "--window", "A01"),
        "audit verify": ("audit", "verify"),
        "info": ("info",),
    }


def _assert_refused(world: World, result: subprocess.CompletedProcess[str]) -> str:
    err = result.stderr
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in err
    assert "internal error" not in err
    assert "Logging error" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "is full: free space and try again" in lines[0]
    # It names the folder whose disk is full.
    assert f"the disk holding {world.mount}" in lines[0]
    return lines[0]


def _assert_unchanged(world: World, blobs: set[str]) -> None:
    """After freeing space: same rows, same evidence files, no stray backup, audit passes."""
    _free_space(world.mount)
    assert _dump(world.data / "hallwatch.db") == _dump(world.pristine / "hallwatch.db")
    assert _blob_files(world.data) == blobs  # no orphan (numbered) PDF, no stray photo
    leftovers = [p.name for p in world.mount.rglob("*") if p.suffix in (".hwbak", ".partial")]
    assert leftovers == []
    audit = world.run("audit", "verify")
    assert audit.returncode == 0, audit.stderr
    assert audit.stdout.startswith("audit OK")


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        "import punches",
        "backup",
        "backup --out on the full disk",
        "letter issue",
        "snapshot",
        "audit verify",
        "info",
    ],
)
def test_disk_full_command_says_so_and_changes_nothing(world: World, command: str) -> None:
    # Not a byte left, and no program has the database open.
    world.reset(free=0)
    blobs = _blob_files(world.data)
    _assert_refused(world, world.run(*_commands(world)[command]))
    _assert_unchanged(world, blobs)


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    ["import punches", "backup", "backup --out on the full disk", "letter issue", "snapshot"],
)
def test_disk_full_while_app_runs_refuses_writes(world: World, command: str) -> None:
    world.reset(free=0)
    _free_space(world.mount)
    # The app has the database open: its WAL index exists, a few KB are left.
    with contextlib.closing(sqlite3.connect(world.data / "hallwatch.db")) as app:
        app.execute("SELECT count(*) FROM halls").fetchone()
        _fill(world.mount, 2 * PAGE)
        blobs = _blob_files(world.data)
        _assert_refused(world, world.run(*_commands(world)[command]))
    _assert_unchanged(world, blobs)


@pytest.mark.slow
def test_disk_full_while_app_runs_reads_still_work(world: World, tmp_path: Path) -> None:
    world.reset(free=0)
    _free_space(world.mount)
    with contextlib.closing(sqlite3.connect(world.data / "hallwatch.db")) as app:
        app.execute("SELECT count(*) FROM halls").fetchone()
        _fill(world.mount, 2 * PAGE)
        blobs = _blob_files(world.data)
        info = world.run("info", "--json")
        assert info.returncode == 0, info.stderr
        assert json.loads(info.stdout)["counts"]["letters"] == 3
        audit = world.run("audit", "verify")
        assert audit.returncode == 0, audit.stderr
        # A backup to another disk is what the user wants before freeing space.
        elsewhere = tmp_path / "rescue.hwbak"
        saved = world.run("backup", "--out", str(elsewhere))
        assert saved.returncode == 0, saved.stderr
        assert elsewhere.stat().st_size > 100_000
    _assert_unchanged(world, blobs)


@pytest.mark.slow
def test_letter_refused_at_commit_leaves_no_numbered_pdf(world: World) -> None:
    """Room for the PDF but not for the commit: the PDF goes, the number stays free."""
    pdf_pages = -(-world.pdf_size // PAGE) * PAGE
    at_commit = 0
    for extra in (3 * PAGE, 5 * PAGE, 7 * PAGE):
        world.reset(free=SHM_BYTES + pdf_pages + extra)
        blobs = _blob_files(world.data)
        result = world.run("letter", "issue", world.draft_id)
        if result.returncode == 0:  # that much room was enough: fine, nothing to check
            continue
        line = _assert_refused(world, result)
        # The PDF was stored and the commit refused (not the PDF's own write).
        at_commit += "no number was used" not in line
        _assert_unchanged(world, blobs)
        issued = world.run("letter", "issue", world.draft_id)
        assert issued.returncode == 0, issued.stderr
        # The number the refused issue had taken is the one the letter gets now.
        assert issued.stdout.strip() == world.doc_no
        assert len(_blob_files(world.data) - blobs) == 1
    assert at_commit, "no free-space level made the commit itself fail"


def test_blob_put_again_meanwhile_is_kept_by_a_failed_save(tmp_path: Path) -> None:
    """Another save stored the same bytes after us (put touches the file): keep it."""
    from hallwatch.storage.blobs import BlobStore, discard_new_blobs, track_new_blobs

    store = BlobStore(tmp_path / "blobs")
    with track_new_blobs() as created:
        shared = store.put(b"a photo two saves took")
        alone = store.put(b"a photo only the failed save took")
    os.utime(store.path(shared), ns=(1, 1))  # as if it were written long ago …
    store.put(b"a photo two saves took")  # … and then put again by the other save
    removed = discard_new_blobs(created, lambda _sha256: False)
    assert removed == [alone]
    assert store.has(shared)
    assert not store.has(alone)


def test_disk_full_sqlite_full_and_enospc_read_as_one_message(tmp_path: Path) -> None:
    from hallwatch.storage.database import translate_db_error
    from hallwatch.storage.space import DiskFullError, disk_full_error

    path = tmp_path / "x.db"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE t (v BLOB)")
        conn.execute("PRAGMA max_page_count = 3")
        with pytest.raises(sqlite3.OperationalError) as caught:
            conn.execute("INSERT INTO t VALUES (zeroblob(100000))")
    translated = translate_db_error(caught.value, path)
    assert isinstance(translated, DiskFullError)
    assert str(translated) == (
        f"the disk holding {tmp_path} is full: free space and try again; nothing was changed"
    )
    assert translated.code == "disk_full"
    assert translated.params == (str(tmp_path),)
    enospc = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out" / "a.pdf"))
    full = disk_full_error(enospc, tmp_path)
    assert full is not None
    assert full.folder == str(tmp_path / "out")
    # Not every error is a full disk: a plain I/O error with room left stays what it is.
    assert disk_full_error(OSError(errno.EACCES, "Permission denied"), tmp_path) is None
    assert disk_full_error(sqlite3.OperationalError("disk I/O error"), tmp_path) is None


@pytest.mark.slow
def test_disk_full_restore_says_so_and_leaves_no_half_restored_folder(
    world: World, tmp_path: Path
) -> None:
    copy = tmp_path / "hall"
    shutil.copytree(world.pristine, copy)
    backup_file = tmp_path / "hall.hwbak"
    made = _run(world.env, copy, "backup", "--out", str(backup_file))
    assert made.returncode == 0, made.stderr
    # Room for the letters' PDFs, not for the database.
    world.reset(free=75 * PAGE)
    laptop = world.mount / "laptop"
    refused = _run(world.env, laptop, "restore", str(backup_file))
    _assert_refused(world, refused)
    assert not laptop.exists()
    _free_space(world.mount)
    restored = _run(world.env, laptop, "restore", str(backup_file))
    assert restored.returncode == 0, restored.stderr
    assert _dump(laptop / "hallwatch.db") == _dump(world.pristine / "hallwatch.db")
