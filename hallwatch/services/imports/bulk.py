"""Rows in their stored form, for inserts of a million rows at a time.

SQLAlchemy's Core executemany builds a parameter dict per row and runs every
column type's bind processor on every value in Python; at a million punches that
was two thirds of an import's time. `StoredRows` runs the same processors (so the
stored form stays the column types' business) once for the values all rows share
and once per row only for the values that vary, and hands the driver ready rows
in the order of the compiled INSERT, on the session's own connection and
transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.orm import Session

from hallwatch.domain.ids import uuid7
from hallwatch.storage import changelog
from hallwatch.storage.changelog import Actor

Processor = Callable[[Any], Any]


class StoredRows:
    """Build and insert rows of one table, given in their Python form, in their stored form."""

    def __init__(
        self,
        connection: Connection,
        table: Table,
        constants: dict[str, Any],
        varying: Sequence[str],
    ) -> None:
        self.connection = connection
        dialect = connection.dialect
        compiled = insert(table).compile(dialect=dialect)
        if compiled.positiontup is None:
            raise RuntimeError(f"{dialect.name} does not take positional parameters")
        self.sql = str(compiled)
        order = list(compiled.positiontup)
        self._processors: dict[str, Processor | None] = {
            column.key: column.type.dialect_impl(dialect).bind_processor(dialect)
            for column in table.columns
        }
        template: list[Any] = []
        for name in order:
            if name in varying:
                template.append(None)
            elif name in constants:
                template.append(self.stored(name, constants[name]))
            else:
                template.append(self.stored(name, _default(table, name)))
        self.template = template
        self.slots = {name: order.index(name) for name in varying}

    def processor(self, name: str) -> Processor:
        """Return the function giving a column's stored form (identity when there is none)."""
        found = self._processors[name]
        return found if found is not None else _same

    def stored(self, name: str, value: Any) -> Any:
        """Return one value in its stored form."""
        found = self._processors[name]
        return found(value) if found is not None and value is not None else value

    def insert(self, rows: list[tuple[Any, ...]]) -> None:
        """Insert rows built from `template` (executemany on the session's connection)."""
        if rows:
            self.connection.exec_driver_sql(self.sql, rows)


def _same(value: Any) -> Any:
    return value


def _default(table: Table, name: str) -> Any:
    column = table.columns[name]
    default: Any = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return default.arg
    if column.nullable:
        return None
    raise RuntimeError(f"no value for {table.name}.{name}: the import must be told about it")


class MonotonicIds:
    """UUIDv7 row ids for one batch: RFC 9562 §6.2 method 2 (monotonic random).

    The first id is a fresh uuid7; each next one adds one to its random part, so a
    batch's ids are unique, sort in the order they were made (the primary key index
    grows at its end) and cost a fraction of a fresh uuid7 each.
    """

    # The random part's top bit is cleared, so 2**61 ids fit before it could carry.
    _RAND_B_TOP = 1 << 61

    def __init__(self) -> None:
        value = uuid7().int
        self._next = value & ~self._RAND_B_TOP

    def next_int(self) -> int:
        value = self._next
        self._next = value + 1
        return value


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
