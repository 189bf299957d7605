"""Content-addressed blob store: photos and letter PDFs kept by their SHA-256.

A blob is written before the row that names it commits (DESIGN §8). When that
commit fails (a full disk, a refused letter), the file would stay behind: an
orphan, and for a letter a PDF bearing a number that the register then gives to
the next letter. `track_new_blobs` records the files that `put` creates inside
it, so the caller can take them back (`discard_new_blobs`) once it knows that no
committed row names them.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path


def _sync_folder(folder: Path) -> None:
    """fsync a folder's entry list where the platform allows it (not on Windows)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True, slots=True)
class NewBlob:
    """A file that `put` created (it was not there before)."""

    path: Path
    sha256: str
    mtime_ns: int


# The lists of the `track_new_blobs` blocks open in this context, innermost last. A
# worker thread sees them only when run in a copy of the caller's context.
_tracking: ContextVar[tuple[list[NewBlob], ...]] = ContextVar("hallwatch_new_blobs", default=())


@contextlib.contextmanager
def track_new_blobs() -> Iterator[list[NewBlob]]:
    """Yield the list of blobs that `put` creates inside the block (nested blocks see them too)."""
    created: list[NewBlob] = []
    token = _tracking.set((*_tracking.get(), created))
    try:
        yield created
    finally:
        _tracking.reset(token)


def discard_new_blobs(created: Iterable[NewBlob], referenced: Callable[[str], bool]) -> list[str]:
    """Delete created blobs that no committed row names; return the hashes deleted.

    Content-addressed: another save may have stored the same bytes meanwhile. A
    file whose modification time moved was put again by someone else (put touches
    it), and a hash that a committed row names is kept.
    """
    removed = []
    for blob in created:
        try:
            if blob.path.stat().st_mtime_ns != blob.mtime_ns or referenced(blob.sha256):
                continue
            blob.path.unlink()
        except OSError:
            continue  # kept: an orphan is harmless, remove_orphan_blobs collects it later
        removed.append(blob.sha256)
    return removed


class BlobStore:
    """Files under root/ab/abcdef…, written once, never changed in place."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        """Return where the blob with this hash lives."""
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        """Return whether the blob's file is present (not whether it is intact)."""
        return self.path(sha256).is_file()

    def put(self, data: bytes, sha256: str | None = None) -> str:
        """Store bytes durably and return their SHA-256; storing twice is harmless.

        sha256: the bytes' hash when the caller has just taken it (saves taking it again).
        """
        sha256 = sha256 or hashlib.sha256(data).hexdigest()
        target = self.path(sha256)
        if target.is_file():
            # Someone else's save needs it now: tell a failing first writer to keep it.
            with contextlib.suppress(OSError):
                os.utime(target)
            if target.is_file():
                return sha256
        partial = target.with_name(f".{sha256}.{os.getpid()}.partial")
        # Plain os calls, as few as will do: a snapshot writes its two files on two
        # threads, and each call's return waits for the interpreter lock (issue 11).
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        new_folder = False
        try:
            fd = os.open(partial, flags, 0o666)
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
            new_folder = True
            fd = os.open(partial, flags, 0o666)
        try:
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                # The row that names this blob commits after put() returns:
                # the bytes must be on disk first.
                os.fsync(fd)
                mtime_ns = os.fstat(fd).st_mtime_ns
            finally:
                os.close(fd)
            os.replace(partial, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(partial)
            raise
        created = NewBlob(target, sha256, mtime_ns)
        for tracked in _tracking.get():
            tracked.append(created)
        # The new name, too, must survive a power cut (and a new folder's own name).
        _sync_folder(target.parent)
        if new_folder:
            _sync_folder(self.root)
        return sha256

    def read(self, sha256: str) -> bytes:
        """Return a blob's bytes."""
        return self.path(sha256).read_bytes()

    def hash_of(self, sha256: str) -> str:
        """Re-hash a stored blob (to check it was not altered)."""
        digest = hashlib.sha256()
        with self.path(sha256).open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()

    def __iter__(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir() and len(folder.name) == 2:
                for item in sorted(folder.iterdir()):
                    if len(item.name) == 64 and item.is_file():
                        yield item.name
