"""What a data folder holds: schema revision, halls and row counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from hallwatch import __version__
from hallwatch.domain.enums import OutboxState
from hallwatch.domain.errors import CorruptDatabaseError
from hallwatch.services.hall.halls import list_halls
from hallwatch.storage import migrate
from hallwatch.storage.database import Database, integrity_problems
from hallwatch.storage.models import Base, OutboxMutation


@dataclass(frozen=True, slots=True)
class FolderInfo:
    data_dir: str
    database: str
    version: str
    revision: str | None
    head: str
    device_id: str
    halls: list[dict[str, Any]]
    counts: dict[str, int]
    pending_mutations: int

    def as_json(self) -> dict[str, Any]:
        """Return the stable JSON form printed by `hallwatch info --json`."""
        return {
            "data_dir": self.data_dir,
            "database": self.database,
            "version": self.version,
            "schema_revision": self.revision,
            "schema_head": self.head,
            "device_id": self.device_id,
            "halls": self.halls,
            "counts": self.counts,
            "pending_mutations": self.pending_mutations,
        }


def folder_info(db: Database, check: bool = True) -> FolderInfo:
    """Collect the facts `hallwatch info` prints; with check, a damaged database is an error."""
    # SQLite's quick_check reads every page: about a second at scale S.
    problems = integrity_problems(db.folder.db_path, quick=True) if check else []
    if problems:
        raise CorruptDatabaseError(
            f"the database {db.folder.db_path} is damaged ({problems[0]})",
            "restore the latest backup with 'hallwatch restore FILE'",
        )
    with db.read() as session:
        counts = {
            name: int(session.scalar(select(func.count()).select_from(table)) or 0)
            for name, table in sorted(Base.metadata.tables.items())
        }
        halls = [
            {"code": h.code, "name": h.name, "timezone": h.timezone, "demo": h.is_demo}
            for h in list_halls(session)
        ]
        pending = session.scalar(
            select(func.count())
            .select_from(OutboxMutation)
            .where(OutboxMutation.state == OutboxState.PENDING)
        )
    return FolderInfo(
        data_dir=str(db.folder.root),
        database=str(db.folder.db_path),
        version=__version__,
        revision=db.revision(),
        head=migrate.head_revision(),
        device_id=db.device_id,
        halls=halls,
        counts=counts,
        pending_mutations=int(pending or 0),
    )
