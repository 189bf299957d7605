"""A copy of a data folder's database, so a test can write on a demo hall made once."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from hallwatch.storage.database import DataFolder


def copy_data_folder(source: DataFolder, root: Path) -> DataFolder:
    """Copy source's database into a new data folder at root (sqlite3's online backup)."""
    copy = DataFolder(root)
    copy.root.mkdir()
    with (
        contextlib.closing(sqlite3.connect(source.db_path)) as src,
        contextlib.closing(sqlite3.connect(copy.db_path)) as dst,
    ):
        src.backup(dst)
    return copy
