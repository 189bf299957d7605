"""Content-addressed blob store: photos and letter PDFs kept by their SHA-256."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
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

    def put(self, data: bytes) -> str:
        """Store bytes durably and return their SHA-256; storing twice is harmless."""
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.path(sha256)
        if target.is_file():
            return sha256
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{sha256}.{os.getpid()}.partial")
        try:
            with partial.open("wb") as handle:
                handle.write(data)
                handle.flush()
                # The row that names this blob commits after put() returns:
                # the bytes must be on disk first.
                os.fsync(handle.fileno())
            os.replace(partial, target)
            _sync_folder(target.parent)  # the new name, too, must survive a power cut
        finally:
            partial.unlink(missing_ok=True)
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
