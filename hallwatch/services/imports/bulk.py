"""What the importers' write stages still share besides storage.bulk (going: issue 12 item 2)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from hallwatch.domain.ids import uuid7
from hallwatch.storage import changelog
from hallwatch.storage.bulk import MonotonicIds, StoredRows
from hallwatch.storage.changelog import Actor

__all__ = [
    "MonotonicIds",
    "StoredRows",
    "append_bulk_mutation",
    "hex_uuid_text",
    "stores_hex",
    "stores_iso_seconds",
    "uuid_text",
]

Processor = Callable[[Any], Any]


def stores_hex(store: Processor) -> bool:
    """Return True when a UUID column stores an id as its 32 hex digits (as on SQLite).

    Checked on an id, so a bulk path may then write f"{value:032x}" without making a
    UUID object per row, and stays right on a database that stores ids otherwise.
    """
    sample = uuid7()
    return bool(store(sample) == sample.hex)


def hex_uuid_text(digits: str) -> str:
    """Return the canonical text form (8-4-4-4-12) of a UUID given as 32 hex digits."""
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def stores_iso_seconds(store: Processor) -> bool:
    """Return True when a time column stores a UTC second as `YYYY-MM-DD HH:MM:SS`.

    Checked on a time, so a bulk path may cut the stored form from the time's
    isoformat() (which it makes anyway) instead of running the processor per row.
    """
    sample = datetime(2024, 9, 22, 23, 48, 53, tzinfo=UTC)
    text = sample.isoformat()
    return bool(store(sample) == text[:10] + " " + text[11:19])


def uuid_text(value: int) -> str:
    """Return the canonical text form (8-4-4-4-12) of a 128-bit UUID value."""
    return str(uuid.UUID(int=value))


def append_bulk_mutation(
    session: Session,
    actor: Actor,
    counters: Any,
    *,
    table: str,
    hall_id: uuid.UUID,
    batch_id: uuid.UUID,
    hlc: str,
    common: dict[str, Any],
    columns: Sequence[str],
    rows: list[list[Any]],
) -> None:
    """Record one outbox mutation `<table>.bulk_create` for a slice of an import's new rows.

    A demo hall gets none (it is never synced). The mutation is written now and let
    go: a million rows' payloads would otherwise stay in the session until the commit.
    """
    payload = {
        "table": table,
        "op": "bulk_create",
        "hall_id": str(hall_id),
        "batch_id": str(batch_id),
        "hlc": hlc,
        "common": common,
        "columns": list(columns),
        "rows": rows,
    }
    mutation = changelog.append_mutation(session, actor, f"{table}.bulk_create", payload, counters)
    if mutation is None:
        return
    session.flush()
    session.expunge(mutation)
