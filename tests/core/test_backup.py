"""Backup and restore: everything comes back, bad files are refused untouched."""

from __future__ import annotations

import io
import json
import sqlite3
import struct
import zipfile
from pathlib import Path

import pytest

from hallwatch.cli.main import main
from hallwatch.domain.errors import CorruptDatabaseError, InputError, NewerSchemaError
from hallwatch.services.data.backup import backup, read_manifest, restore
from hallwatch.services.hall.halls import create_hall, list_halls
from hallwatch.storage.blobs import BlobStore
from hallwatch.storage.database import Database, DataFolder

PHOTO = b"\xff\xd8\xff\xe0 pretend this is a JPEG of window A03 \xff\xd9"


def _halls(folder: DataFolder) -> list[str]:
    with Database.open(folder, create=False) as db, db.read() as session:
        return [hall.code for hall in list_halls(session)]


@pytest.fixture
def filled(folder: DataFolder) -> DataFolder:
    with Database.open(folder) as db:
        with db.write() as session:
            create_hall(session, code="H1", name="市民中心")
        BlobStore(folder.blobs_dir).put(PHOTO)
    return folder


def test_backup_then_restore_brings_everything_back(filled: DataFolder, tmp_path: Path) -> None:
    target = tmp_path / "out" / "hall.hwbak"
    with Database.open(filled) as db:
        summary = backup(db, target)
    assert summary.path == target
    assert summary.blobs == 1
    assert read_manifest(target)["schema_revision"] == summary.revision

    # Later: a second hall is added and the photo is lost.
    with Database.open(filled) as db, db.write() as session:
        create_hall(session, code="H2", name="分中心")
    sha = next(iter(BlobStore(filled.blobs_dir)))
    BlobStore(filled.blobs_dir).path(sha).unlink()

    result = restore(filled, target)
    assert _halls(filled) == ["H1"]
    assert BlobStore(filled.blobs_dir).read(sha) == PHOTO
    assert result.blobs_added == 1
    # What was there before the restore is kept, not lost.
    assert result.previous_copy is not None
    with sqlite3.connect(result.previous_copy) as conn:
        assert sorted(r[0] for r in conn.execute("SELECT code FROM halls")) == ["H1", "H2"]


def test_backup_restore_into_empty_folder(filled: DataFolder, tmp_path: Path) -> None:
    target = tmp_path / "hall.hwbak"
    with Database.open(filled) as db:
        backup(db, target)
    fresh = DataFolder(tmp_path / "new-laptop")
    result = restore(fresh, target)
    assert result.previous_copy is None
    assert _halls(fresh) == ["H1"]
    out = io.StringIO()
    assert main(["--data-dir", str(fresh.root), "audit", "verify"], out=out) == 0


def test_backup_default_location_via_cli(filled: DataFolder) -> None:
    out = io.StringIO()
    assert main(["--data-dir", str(filled.root), "backup"], out=out) == 0
    files = list(filled.backups_dir.glob("hallwatch-*.hwbak"))
    assert len(files) == 1
    assert str(files[0]) in out.getvalue()
    assert not list(filled.backups_dir.glob("*.partial"))


def _dump(folder: DataFolder) -> list[str]:
    conn = sqlite3.connect(folder.db_path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.parametrize(
    "content",
    [b"just some text", b"PK\x03\x04 broken zip", None],
    ids=["text", "broken-zip", "foreign-zip"],
)
def test_restore_refuses_non_backup(
    filled: DataFolder, tmp_path: Path, content: bytes | None
) -> None:
    bogus = tmp_path / "bogus.hwbak"
    if content is None:
        with zipfile.ZipFile(bogus, "w") as archive:
            archive.writestr("report.txt", "monthly report")
    else:
        bogus.write_bytes(content)
    before = _dump(filled)
    with pytest.raises(InputError, match="is not a HallWatch backup"):
        restore(filled, bogus)
    assert _dump(filled) == before


def _rewrite(source: Path, target: Path, manifest_changes: dict[str, object]) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            if name == "manifest.json":
                manifest = json.loads(data)
                manifest.update(manifest_changes)
                data = json.dumps(manifest).encode()
            new.writestr(name, data)


def test_restore_refuses_newer_schema(filled: DataFolder, tmp_path: Path) -> None:
    good = tmp_path / "good.hwbak"
    with Database.open(filled) as db:
        backup(db, good)
    newer = tmp_path / "newer.hwbak"
    _rewrite(good, newer, {"schema_revision": "f00dfeed"})
    before = _dump(filled)
    with pytest.raises(NewerSchemaError, match="newer HallWatch"):
        restore(filled, newer)
    assert _dump(filled) == before


def test_restore_refuses_damaged_database(filled: DataFolder, tmp_path: Path) -> None:
    good = tmp_path / "good.hwbak"
    with Database.open(filled) as db:
        backup(db, good)
    damaged = tmp_path / "damaged.hwbak"
    _rewrite(good, damaged, {"db_sha256": "0" * 64})
    before = _dump(filled)
    with pytest.raises(CorruptDatabaseError, match="does not match its recorded hash"):
        restore(filled, damaged)
    assert _dump(filled) == before


def test_restore_cli_refusal_is_one_line(
    filled: DataFolder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello")
    assert main(["--data-dir", str(filled.root), "restore", str(bogus)], out=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert "is not a HallWatch backup" in err
    assert len(err.strip().splitlines()) == 1


# --- damaged backups (issue 11 item 27): a flipped byte inside a member -------------------


@pytest.fixture(scope="module")
def demo_backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real backup of a tiny demo hall with a camera photo, made by `hallwatch backup`."""
    root = tmp_path_factory.mktemp("demo-backup")
    data = str(root / "data")
    assert main(["--data-dir", data, "demo", "--scale", "tiny"], out=io.StringIO()) == 0
    shot = ["snapshot", "--source", "synthetic:A01", "--window", "A01"]
    assert main(["--data-dir", data, *shot], out=io.StringIO()) == 0
    target = root / "demo.hwbak"
    assert main(["--data-dir", data, "backup", "--out", str(target)], out=io.StringIO()) == 0
    return target


def _photo_member(backup_file: Path) -> str:
    with zipfile.ZipFile(backup_file) as archive:
        sizes = {i.filename: i.file_size for i in archive.infolist() if i.filename.startswith("b")}
    # The demo's letter PDFs are blobs too; the camera's JPEG pair are the largest.
    return max(sizes, key=lambda name: sizes[name])


def _flip(source: Path, target: Path, member: str, at: float = 0.5) -> None:
    """Copy a backup with one byte flipped in a member's compressed data (at: 0.5 = middle)."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(member)
    offset = info.header_offset
    name_length, extra_length = struct.unpack("<HH", data[offset + 26 : offset + 30])
    start = offset + 30 + name_length + extra_length
    data[start + int(info.compress_size * at)] ^= 0x5A
    target.write_bytes(bytes(data))


def _restore_cli(
    folder: Path, backup_file: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(folder), "restore", str(backup_file)], out=io.StringIO())
    return code, capsys.readouterr().err


def _assert_damaged(code: int, err: str, backup_file: Path, member: str) -> None:
    assert code != 0
    assert "Traceback" not in err
    assert "internal error" not in err
    (line,) = err.strip().splitlines()
    assert line.startswith(f"hallwatch: the backup {backup_file} is damaged ({member}")
    assert line.endswith("): use another backup")


@pytest.mark.parametrize("member", ["hallwatch.db", "photo"])
@pytest.mark.parametrize("into", ["new folder", "empty folder"])
def test_restore_refuses_damaged_member_and_leaves_no_half_restored_folder(
    demo_backup: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    member: str,
    into: str,
) -> None:
    name = _photo_member(demo_backup) if member == "photo" else member
    damaged = tmp_path / "damaged.hwbak"
    _flip(demo_backup, damaged, name)
    target = tmp_path / "laptop"
    if into == "empty folder":
        target.mkdir()
    code, err = _restore_cli(target, damaged, capsys)
    _assert_damaged(code, err, damaged, name)
    # Nothing half-restored: no database, no evidence file, no scratch folder.
    if into == "new folder":
        assert not target.exists()
    else:
        # (the command line's own log says what was refused)
        left = [p.relative_to(target) for p in target.rglob("*") if p.is_file()]
        assert left == [Path("logs/hallwatch.log")]
        assert {p.name for p in target.iterdir()} == {"logs"}


def test_restore_damaged_photo_leaves_existing_data_untouched(
    demo_backup: Path, filled: DataFolder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = _photo_member(demo_backup)
    damaged = tmp_path / "damaged.hwbak"
    _flip(demo_backup, damaged, name)
    before = _dump(filled)
    blobs = set(BlobStore(filled.blobs_dir))
    code, err = _restore_cli(filled.root, damaged, capsys)
    _assert_damaged(code, err, damaged, name)
    assert _dump(filled) == before
    # The letters' PDFs it had already added before the photo are taken back.
    assert set(BlobStore(filled.blobs_dir)) == blobs
    assert not list(filled.backups_dir.glob("before-restore-*"))


def test_restore_damaged_database_is_a_typed_error(demo_backup: Path, tmp_path: Path) -> None:
    from hallwatch.services.data.backup import BackupDamagedError

    damaged = tmp_path / "damaged.hwbak"
    _flip(demo_backup, damaged, "hallwatch.db")
    with pytest.raises(BackupDamagedError) as caught:
        restore(DataFolder(tmp_path / "laptop"), damaged)
    assert caught.value.code == "backup_damaged"
    assert caught.value.params == (str(damaged), "hallwatch.db")
    # The undamaged backup restores into the same place afterwards.
    result = restore(DataFolder(tmp_path / "laptop"), demo_backup)
    assert result.blobs_added >= 3
    out = io.StringIO()
    assert main(["--data-dir", str(tmp_path / "laptop"), "audit", "verify"], out=out) == 0


@pytest.mark.parametrize(
    ("at", "why"),
    [
        (0.0, "its compressed data cannot be read"),  # the deflate stream breaks: zlib.error
        (0.5, "its checksum does not match"),  # it inflates, to the wrong bytes
    ],
)
def test_restore_names_what_is_wrong_with_the_database_member(
    demo_backup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], at: float, why: str
) -> None:
    damaged = tmp_path / "damaged.hwbak"
    _flip(demo_backup, damaged, "hallwatch.db", at=at)
    code, err = _restore_cli(tmp_path / "laptop", damaged, capsys)
    _assert_damaged(code, err, damaged, "hallwatch.db")
    assert f"(hallwatch.db: {why})" in err
    assert not (tmp_path / "laptop").exists()
