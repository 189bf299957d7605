"""A full disk, recognised wherever it shows up: OSError, SQLite, the log file.

A full disk reaches HallWatch in several disguises: `OSError` ENOSPC/EDQUOT from a
plain file write, SQLite's "database or disk is full" (SQLITE_FULL), and, when the
WAL index (-shm) cannot be grown, SQLite's bare "disk I/O error"
(SQLITE_IOERR_SHMSIZE), which says nothing about space. All of them become one
`DiskFullError` naming the folder, so the user reads one line that says what to do.
Kept free of SQLAlchemy: the command line's last-resort handler imports it.
"""

from __future__ import annotations

import errno
import shutil
from collections.abc import Iterable
from pathlib import Path

from hallwatch.domain.errors import DiskFullError

# Below this, an I/O error from SQLite is taken to be the disk running out: the WAL
# index alone needs 32 KB, and a real media fault with a megabyte free stays an I/O error.
NEARLY_FULL_BYTES = 1 << 20

_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


def free_bytes(path: Path) -> int | None:
    """Return the space left on the disk holding path (its nearest existing parent)."""
    for candidate in (path, *path.parents):
        try:
            return shutil.disk_usage(candidate).free
        except OSError:
            continue
    return None


def nearly_full(path: Path) -> bool:
    """Return whether the disk holding path has (almost) no space left."""
    free = free_bytes(path)
    return free is not None and free < NEARLY_FULL_BYTES


def _sqlite_parts(error: BaseException) -> tuple[str, str]:
    """Return (SQLite error name, message) of a sqlite3 or SQLAlchemy error, else ("", "")."""
    inner = getattr(error, "orig", None) or error
    name = str(getattr(inner, "sqlite_errorname", "") or "")
    module = type(inner).__module__
    if not name and not module.startswith("sqlite3"):
        return "", ""
    return name, str(inner)


def _full_folder(folders: Iterable[Path]) -> Path | None:
    for folder in folders:
        if nearly_full(folder):
            return folder
    return None


def disk_full_error(error: BaseException, *folders: Path, detail: str = "") -> DiskFullError | None:
    """Return a DiskFullError when error means a full disk, else None.

    folders are where the failing operation wrote, most likely first: the message
    names the one whose disk is (nearly) full, else the first.
    """
    if isinstance(error, DiskFullError):
        return error
    candidates = [Path(f) for f in folders]
    if isinstance(error, OSError):
        if error.errno not in _FULL_ERRNOS:
            return None
        if error.filename:
            candidates.insert(0, Path(str(error.filename)).parent)
        chosen = _full_folder(candidates) or (candidates[0] if candidates else None)
        return DiskFullError(chosen or "the data folder", detail)
    name, text = _sqlite_parts(error)
    if name == "SQLITE_FULL" or "database or disk is full" in text:
        chosen = _full_folder(candidates) or (candidates[0] if candidates else None)
        return DiskFullError(chosen or "the data folder", detail)
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        # Says nothing about space: only a disk that really is full makes it one.
        full = _full_folder(candidates)
        return DiskFullError(full, detail) if full is not None else None
    return None
