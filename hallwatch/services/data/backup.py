"""Backup and restore of a whole data folder: the database and the blob store.

A backup is a zip file: `manifest.json` (what it is, which schema, hashes),
`hallwatch.db` (an online SQLite backup, consistent while the app runs) and
`blobs/ab/<sha256>`. It is written to a `.partial` file and renamed at the
end, so a killed backup never leaves a file that looks complete.

Restore checks the database before it touches the data folder, keeps a copy
of the current database, and swaps the database file in one rename. A damaged
member (a flipped byte: a bad CRC, a corrupt deflate stream) is refused by name,
and whatever the refused restore had added is taken back.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hallwatch import __version__
from hallwatch.domain.errors import (
    BackupDamagedError,
    InputError,
    NewerSchemaError,
)
from hallwatch.domain.timeutil import utcnow
from hallwatch.storage import direct, migrate
from hallwatch.storage.blobs import BlobStore, discard_new_blobs, track_new_blobs
from hallwatch.storage.database import (
    Database,
    DataFolder,
    copy_database,
    integrity_problems,
    translate_db_error,
)
from hallwatch.storage.space import disk_full_error

FORMAT = "hallwatch-backup"
FORMAT_VERSION = 1
SUFFIX = ".hwbak"

Progress = Callable[[float, str], None]


def _no_progress(_fraction: float, _text: str) -> None:
    pass


@dataclass(frozen=True, slots=True)
class BackupSummary:
    path: Path
    revision: str | None
    blobs: int
    size: int


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def default_backup_path(folder: DataFolder) -> Path:
    """Return backups/hallwatch-YYYYmmddTHHMMSSZ.hwbak in the data folder."""
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    return folder.backups_dir / f"hallwatch-{stamp}{SUFFIX}"


def backup(
    db: Database, out: Path | None = None, progress: Progress = _no_progress
) -> BackupSummary:
    """Write a backup of the database and blobs to out (default: the backups folder)."""
    target = (out or default_backup_path(db.folder)).absolute()
    if target.is_dir():
        raise InputError(f"{target} is a folder", "give a file name, e.g. hall.hwbak")
    store = BlobStore(db.folder.blobs_dir)
    blobs = list(store)
    partial = target.with_name(target.name + ".partial")
    scratch_root = Path(tempfile.gettempdir())
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # The system's temp folder: a killed backup leaves nothing in the data folder.
        with tempfile.TemporaryDirectory(prefix="hallwatch-backup-") as scratch:
            copy = Path(scratch) / "hallwatch.db"
            progress(0.05, "copying the database")
            try:
                copy_database(db.folder.db_path, copy)
            except sqlite3.Error as error:
                full = disk_full_error(
                    error, scratch_root, db.folder.root, detail="no backup was written"
                )
                raise full or translate_db_error(error, db.folder.db_path) from None
            revision = direct.file_revision(copy)
            manifest: dict[str, Any] = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "app_version": __version__,
                "schema_revision": revision,
                "created_at": utcnow().isoformat(),
                "device_id": db.device_id,
                "db_sha256": _file_sha256(copy),
                "blobs": len(blobs),
            }
            try:
                with zipfile.ZipFile(partial, "w", allowZip64=True) as archive:
                    archive.writestr(
                        "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2)
                    )
                    archive.write(copy, "hallwatch.db", compress_type=zipfile.ZIP_DEFLATED)
                    for index, sha256 in enumerate(blobs):
                        # Photos and PDFs are compressed already.
                        archive.write(store.path(sha256), f"blobs/{sha256[:2]}/{sha256}")
                        if index % 50 == 0:
                            progress(
                                0.5 + 0.45 * index / max(len(blobs), 1), "copying evidence files"
                            )
                with partial.open("rb") as handle:
                    os.fsync(handle.fileno())
                os.replace(partial, target)
            finally:
                partial.unlink(missing_ok=True)
    except OSError as error:
        # The backup's own folder first: that is where most of the bytes go.
        full = disk_full_error(
            error, target.parent, scratch_root, db.folder.root, detail="no backup was written"
        )
        if full is None:
            raise
        raise full from None
    progress(1.0, "backup written")
    return BackupSummary(target, revision, len(blobs), target.stat().st_size)


def read_manifest(path: Path) -> dict[str, Any]:
    """Return a backup's manifest, refusing anything that is not a HallWatch backup."""
    not_ours = InputError(
        f"{path} is not a HallWatch backup", "choose a .hwbak file written by 'hallwatch backup'"
    )
    if not path.is_file():
        raise InputError(f"{path} does not exist", "check the file name")
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            names = set(archive.namelist())
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise not_ours from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise not_ours
    if "hallwatch.db" not in names:
        raise InputError(f"{path} is incomplete: it has no database", "use another backup")
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise NewerSchemaError(
            f"{path} was written by a newer HallWatch (backup format "
            f"{manifest.get('format_version')})",
            "install the newer HallWatch to restore it",
        )
    return manifest


@dataclass(frozen=True, slots=True)
class RestoreSummary:
    source: Path
    revision: str | None
    blobs_added: int
    previous_copy: Path | None


# What a damaged member raises while it is read: a bad CRC (BadZipFile), a corrupt
# deflate stream (zlib.error), a stream cut short (EOFError).
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError)


def restore(folder: DataFolder, source: Path, progress: Progress = _no_progress) -> RestoreSummary:
    """Replace the folder's database by a backup's, keeping a copy of the current one.

    A damaged backup is refused before the database is touched; the evidence
    files it had already added are taken back, and a folder made for it removed.
    """
    source = source.absolute()
    manifest = read_manifest(source)
    revision = manifest.get("schema_revision")
    if revision is not None and revision not in migrate.known_revisions():
        raise NewerSchemaError(
            f"{source} holds a database from a newer HallWatch (schema {revision})",
            "install the newer HallWatch to restore it",
        )
    existed = folder.root.exists()
    entries = set(os.listdir(folder.root)) if folder.root.is_dir() else set()
    folder.ensure_writable()
    try:
        with track_new_blobs() as added:
            try:
                blobs_added, previous = _swap_in(folder, source, manifest, progress)
            except BaseException:
                # The old database is in place: the files this restore created are
                # named by nothing (removed only while unchanged since).
                discard_new_blobs(added, lambda _sha256: False)
                raise
    except BaseException:
        _remove_new_folders(folder, existed, entries)
        raise
    # Opening upgrades an older schema in place (after its own backup copy).
    Database.open(folder, create=False).close()
    progress(1.0, "restored")
    return RestoreSummary(source, revision, blobs_added, previous)


def _swap_in(
    folder: DataFolder, source: Path, manifest: dict[str, Any], progress: Progress
) -> tuple[int, Path | None]:
    """Check the backup, add its evidence files, swap its database in; return (added, copy)."""
    try:
        with tempfile.TemporaryDirectory(dir=folder.root, prefix=".restore-") as scratch:
            incoming = Path(scratch) / "hallwatch.db"
            progress(0.1, "checking the backup")
            with zipfile.ZipFile(source) as archive:
                _extract(archive, source, "hallwatch.db", incoming)
                if manifest.get("db_sha256") and _file_sha256(incoming) != manifest["db_sha256"]:
                    raise BackupDamagedError(
                        source, "hallwatch.db", "it does not match its recorded hash"
                    )
                problems = integrity_problems(incoming)
                if problems:
                    raise BackupDamagedError(
                        source, "hallwatch.db", f"SQLite's integrity check: {problems[0]}"
                    )
                progress(0.4, "restoring evidence files")
                blobs_added = _restore_blobs(archive, source, BlobStore(folder.blobs_dir))

            previous: Path | None = None
            if folder.db_path.exists():
                stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
                previous = folder.backups_dir / f"before-restore-{stamp}.db"
                copy_database(folder.db_path, previous)
                direct.checkpoint(folder.db_path)
            progress(0.8, "replacing the database")
            # A stale -wal beside the new file would be replayed into it: drop it first
            # (its content is in the checkpointed database and in the copy above).
            for suffix in ("-wal", "-shm"):
                Path(str(folder.db_path) + suffix).unlink(missing_ok=True)
            os.replace(incoming, folder.db_path)
    except (OSError, sqlite3.Error) as error:
        full = disk_full_error(error, folder.root, detail="nothing was restored")
        if full is None:
            raise
        raise full from None
    return blobs_added, previous


def _extract(archive: zipfile.ZipFile, source: Path, member: str, target: Path) -> None:
    """Copy one member to a file; a member that does not read back whole is damage."""
    with target.open("wb") as dst:
        try:
            with archive.open(member) as src:
                while True:
                    try:
                        chunk = src.read(1 << 20)
                    except _DAMAGE as error:
                        raise BackupDamagedError(source, member, _damage_words(error)) from None
                    if not chunk:
                        break
                    dst.write(chunk)
        except zipfile.BadZipFile as error:  # a damaged local header: open() fails
            raise BackupDamagedError(source, member, _damage_words(error)) from None


def _damage_words(error: BaseException) -> str:
    if isinstance(error, zlib.error):
        return "its compressed data cannot be read"
    if isinstance(error, EOFError):
        return "it is cut short"
    if "CRC" in str(error):
        return "its checksum does not match"
    return str(error)


def _restore_blobs(archive: zipfile.ZipFile, source: Path, store: BlobStore) -> int:
    added = 0
    for name in archive.namelist():
        if not name.startswith("blobs/"):
            continue
        sha256 = name.rsplit("/", 1)[-1]
        if store.has(sha256):
            continue
        try:
            data = archive.read(name)
        except _DAMAGE as error:
            raise BackupDamagedError(source, name, _damage_words(error)) from None
        if hashlib.sha256(data).hexdigest() != sha256:
            # A damaged photo must not enter the store under a wrong name.
            raise BackupDamagedError(source, name, "it does not match its SHA-256")
        store.put(data)
        added += 1
    return added


def _remove_new_folders(folder: DataFolder, existed: bool, entries: set[str]) -> None:
    """Remove the folders a failed restore made, when no file is left in them."""
    if not folder.root.is_dir():
        return
    if not existed:
        candidates = [folder.root]
    else:
        candidates = [folder.root / name for name in os.listdir(folder.root) if name not in entries]
    for path in candidates:
        if path.is_dir() and not any(p.is_file() for p in path.rglob("*")):
            shutil.rmtree(path, ignore_errors=True)
