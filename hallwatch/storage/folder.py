"""The data folder and the database file in it, without the ORM.

What the app needs before SQLAlchemy is loaded (about 0.25 s of imports) lives
here: where the files are, whether the file is a SQLite database at all, who
the user is, and a read-only connection for the first screen (see
`hallwatch.storage.direct`).
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from hallwatch.domain.errors import CorruptDatabaseError, DataFolderError

DB_NAME = "hallwatch.db"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


@dataclass(frozen=True, slots=True)
class DataFolder:
    """Where one installation keeps its database, blobs, backups and logs."""

    root: Path

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    @property
    def blobs_dir(self) -> Path:
        return self.root / "blobs"

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def settings_path(self) -> Path:
        return self.root / "settings.json"

    @classmethod
    def resolve(cls, explicit: str | os.PathLike[str] | None = None) -> DataFolder:
        """Return --data-dir, else $HALLWATCH_DATA_DIR, else the platform's data folder."""
        chosen = explicit or os.environ.get("HALLWATCH_DATA_DIR")
        if chosen:
            return cls(Path(chosen).expanduser().absolute())
        return cls(Path(platformdirs.user_data_dir("HallWatch", appauthor=False)))

    def ensure_writable(self) -> None:
        """Create the folder if needed and prove that files can be written in it."""
        import tempfile  # not on the app's start path

        try:
            self.root.mkdir(parents=True, exist_ok=True)
            # os.access lies under some ACLs and read-only mounts; a real file does not.
            with tempfile.NamedTemporaryFile(dir=self.root, prefix=".probe-"):
                pass
        except OSError as error:
            raise DataFolderError(
                f"data folder {self.root} is not writable ({error.strerror or error})",
                "choose another folder with --data-dir or fix its permissions",
            ) from None


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not a SQLite database, before SQLite touches it."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise DataFolderError(f"cannot read {path}: {error.strerror or error}") from None
    if header and header != SQLITE_MAGIC:
        raise CorruptDatabaseError(
            f"{path} is not a HallWatch database (not a SQLite file)",
            "restore a backup with 'hallwatch restore FILE' or choose another --data-dir",
        )


def current_user() -> str:
    """Return who is working: $HALLWATCH_USER, else the account's login name."""
    user = os.environ.get("HALLWATCH_USER")
    if user:
        return user
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "inspector"
