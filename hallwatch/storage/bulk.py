"""One bulk writer: many new synced rows with Core executemany, recorded as the change hook would.

`bulk_insert` is how imports (and the demo) add rows by the thousand. The ORM's unit of
work and the change hook cost more than reading the file; instead:

- the rows go in with executemany on the session's own connection and transaction, in
  the order of the compiled INSERT. The column types' bind processors (so the stored
  form stays their business) run once for the values all rows share, once per distinct
  value for keys, enums, flags and dates, and once per value only where values vary;
- every chunk of at most `MUTATION_ROWS` rows gets one outbox mutation `<table>.bulk_create`
  (DESIGN §8) and stamps its rows with that mutation's hlc:

      {"table": …, "op": "bulk_create", "hall_id": …, "batch_id": …, "hlc": …,
       "common": {column: value, …}, "columns": [names …], "rows": [[value, …], …]}

  Each row is `common` plus its own columns: together every column of the model's table
  but the sync bookkeeping (`changelog.META_COLUMNS`); the row's `updated_hlc` is the
  mutation's hlc and its `updated_by` the mutation's device. Values are in the JSON form
  of the change log (`changelog.jsonable`). A demo hall gets no mutations (never synced);
- every chunk also gets one audit entry `<action>:bulk_create` on the table, named by the
  batch, whose change is `{"rows": count, "digest": SHA-256 of the rows' 16-byte ids}`.

Rows are given as dicts of Python values (as the ORM holds them), all with the same keys;
what every row shares is given once as `common`. A column in neither is its default. Rows
without an "id" get UUIDv7 ids from `MonotonicIds`.
"""

from __future__ import annotations

import hashlib
import itertools
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Enum,
    Table,
    Time,
    Uuid,
    insert,
)
from sqlalchemy.orm import Session

from hallwatch.domain.ids import uuid7
from hallwatch.storage import changelog
from hallwatch.storage.changelog import Actor
from hallwatch.storage.models import AuditEntry, Base, Hall, OutboxMutation

__all__ = ["INSERT_ROWS", "MUTATION_ROWS", "MonotonicIds", "StoredRows", "bulk_insert"]

Processor = Callable[[Any], Any]

# Rows per outbox mutation and audit entry (DESIGN §8: at most 1,000), and per executemany.
MUTATION_ROWS = 1_000
INSERT_ROWS = 10_000


class StoredRows:
    """The INSERT of one table and its columns' stored forms, on a session's connection."""

    def __init__(
        self,
        connection: Connection,
        table: Table,
        constants: Mapping[str, Any],
        varying: Sequence[str],
    ) -> None:
        self.connection = connection
        dialect = connection.dialect
        compiled = insert(table).compile(dialect=dialect)
        if compiled.positiontup is None:
            raise RuntimeError(f"{dialect.name} does not take positional parameters")
        self.sql = str(compiled)
        self.order: list[str] = list(compiled.positiontup)
        self._processors: dict[str, Processor | None] = {
            column.key: column.type.dialect_impl(dialect).bind_processor(dialect)
            for column in table.columns
        }
        template: list[Any] = []
        for name in self.order:
            if name in varying:
                template.append(None)
            elif name in constants:
                template.append(self.stored(name, constants[name]))
            else:
                template.append(self.stored(name, column_default(table.columns[name])))
        self.template = template
        self.slots = {name: self.order.index(name) for name in varying}

    def processor(self, name: str) -> Processor:
        """Return the function giving a column's stored form (identity when there is none)."""
        found = self._processors[name]
        return found if found is not None else _same

    def has_processor(self, name: str) -> bool:
        return self._processors[name] is not None

    def stored(self, name: str, value: Any) -> Any:
        """Return one value in its stored form."""
        found = self._processors[name]
        return found(value) if found is not None and value is not None else value

    def insert(self, rows: list[tuple[Any, ...]]) -> None:
        """Insert rows in the order of the compiled INSERT (executemany)."""
        if rows:
            self.connection.exec_driver_sql(self.sql, rows)


def _same(value: Any) -> Any:
    return value


def column_default(column: Column[Any]) -> Any:
    """Return the value a column takes when a bulk insert does not give one."""
    default: Any = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return default.arg
    if default is not None and getattr(default, "is_callable", False) and not column.primary_key:
        return default.arg(None)
    if column.nullable:
        return None
    raise RuntimeError(f"no value for {column.table.name}.{column.key}: the bulk insert needs one")


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

    def take(self, count: int) -> range:
        """Return the next `count` ids as 128-bit integers."""
        first = self._next
        self._next = first + count
        return range(first, first + count)


# --- a column's values in their stored and JSON forms -----------------------------

Forms = tuple[list[Any], list[Any]]


def _identity(values: list[Any]) -> Forms:
    return values, values


class _Generic:
    """Any column: its processor and changelog.jsonable, value by value."""

    def __init__(self, store: Processor) -> None:
        self.store = store

    def __call__(self, values: list[Any]) -> Forms:
        store, jsonable = self.store, changelog.jsonable
        return (
            [None if value is None else store(value) for value in values],
            [jsonable(value) for value in values],
        )


class _Cached(dict[Any, tuple[Any, Any]]):
    """A column of few distinct values (keys, enums, flags, dates): each converted once."""

    def __init__(self, store: Processor) -> None:
        super().__init__()
        self.store = store
        self[None] = (None, None)

    def __missing__(self, value: Any) -> tuple[Any, Any]:
        found = self[value] = (self.store(value), changelog.jsonable(value))
        return found

    def __call__(self, values: list[Any]) -> Forms:
        pairs = list(map(self.__getitem__, values))
        return [pair[0] for pair in pairs], [pair[1] for pair in pairs]


class _UtcTimes:
    """Aware UTC datetimes, where the stored form is their isoformat with a space, no zone."""

    def __init__(self, store: Processor) -> None:
        self.fallback = _Generic(store)

    @staticmethod
    def fits(store: Processor) -> bool:
        """Tell whether the column stores a UTC time as its isoformat() cut so (checked)."""
        for sample in (
            datetime(2024, 9, 22, 23, 48, 53, tzinfo=UTC),
            datetime(2024, 9, 22, 23, 48, 53, 120_000, tzinfo=UTC),
        ):
            text = sample.isoformat()
            if store(sample) != text[:10] + " " + text[11:-6]:
                return False
            if changelog.jsonable(sample) != text:
                return False
        return True

    def __call__(self, values: list[Any]) -> Forms:
        try:
            texts = [None if value is None or value.tzinfo is not UTC else value.isoformat()
                     for value in values]  # fmt: skip
        except AttributeError:
            return self.fallback(values)
        if None in texts and any(
            value is not None and text is None for value, text in zip(values, texts, strict=True)
        ):
            return self.fallback(values)  # a time in another zone: the processor converts it
        return [None if text is None else text[:10] + " " + text[11:-6] for text in texts], texts


def _converter(column: Column[Any], store: Processor | None) -> Callable[[list[Any]], Forms]:
    kind = column.type
    if store is None:
        try:
            python = kind.python_type
        except NotImplementedError:
            python = object
        if python in (str, int):
            return _identity
        store = _same
    if isinstance(kind, Uuid | Enum | Boolean | Date | Time) and not column.primary_key:
        return _Cached(store)
    if isinstance(getattr(kind, "impl", kind), DateTime) and _UtcTimes.fits(store):
        return _UtcTimes(store)
    return _Generic(store)


def _stores_hex(store: Processor) -> bool:
    """Tell whether a UUID column stores an id as its 32 hex digits (then ids skip UUID objects)."""
    sample = uuid7()
    return bool(store(sample) == f"{sample.int:032x}")


# --- the writer -------------------------------------------------------------------


def bulk_insert(
    session: Session,
    model: type[Base],
    rows: Iterable[Mapping[str, Any]],
    *,
    batch_id: uuid.UUID,
    outbox: bool = True,
    common: Mapping[str, Any] | None = None,
    written: Callable[[int], None] | None = None,
) -> int:
    """Insert new rows of a synced model with their outbox mutations and audit entries.

    `common` holds the values every row shares (its hall_id at least); `written` is told
    the rows written so far after each executemany (it may raise to cancel: the caller's
    transaction then rolls everything back). With outbox=False no mutation is written
    (the rows are still stamped and audited). Returns the number of rows written.
    """
    actor = session.info.get("actor")
    if not isinstance(actor, Actor):
        raise RuntimeError("changes to synced rows must be made in a Database.write() session")
    if model.__sync__ is None:
        raise ValueError(f"{model.__name__} rows are not synced: insert them as usual")
    if model is Hall:
        raise ValueError("halls are made one at a time, through the ORM")
    shared = dict(common or {})
    hall_id = shared.get("hall_id")
    if not isinstance(hall_id, uuid.UUID):
        raise ValueError("a bulk insert needs the rows' hall_id in common")
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return 0
    rows = itertools.chain((first,), rows)
    names = list(first)
    table = changelog.table_of(model)
    _check_names(table, names, shared)
    if session.new or session.dirty:
        # Pending ORM changes take their counters first, as they would in one flush.
        session.flush()
    writer = _BulkWriter(session, actor, table, names, shared, batch_id, outbox)
    count = 0
    pending: list[tuple[Any, ...]] = []
    while chunk := list(itertools.islice(rows, MUTATION_ROWS)):
        pending.extend(writer.chunk(chunk))
        count += len(chunk)
        if len(pending) >= INSERT_ROWS:
            writer.flush(pending)
            pending = []
            if written is not None:
                written(count)
    writer.flush(pending)
    writer.finish()
    if written is not None:
        written(count)
    return count


def _check_names(table: Table, names: list[str], shared: dict[str, Any]) -> None:
    known = set(table.columns.keys())
    for name in (*names, *shared):
        if name not in known:
            raise ValueError(f"{table.name} has no column {name!r}")
        if name in changelog.META_COLUMNS:
            raise ValueError(f"{table.name}.{name} is the bulk insert's to set")
    both = set(names) & set(shared)
    if both:
        raise ValueError(f"{', '.join(sorted(both))}: given both per row and in common")


class _BulkWriter:
    """One bulk insert's state: converters, counters, the mutations and entries to write."""

    def __init__(
        self,
        session: Session,
        actor: Actor,
        table: Table,
        names: list[str],
        shared: dict[str, Any],
        batch_id: uuid.UUID,
        outbox: bool,
    ) -> None:
        self.session = session
        self.actor = actor
        self.table = table
        self.batch_id = batch_id
        columns = table.columns
        self.generate_ids = "id" not in names
        varying = [name for name in names if name != "id"]
        constants = dict(shared)
        constants["updated_by"] = actor.device_id
        constants["server_seq"] = None
        for column in columns:
            key = column.key
            if key in constants or key in varying or key in ("id", "updated_hlc"):
                continue
            constants[key] = column_default(column)
        self.stored = StoredRows(session.connection(), table, constants, [*varying, "id"])
        self.common = {
            name: changelog.jsonable(value)
            for name, value in constants.items()
            if name not in changelog.META_COLUMNS
        }
        # Payload columns in the table's order: every column that is not common or meta.
        self.columns = [
            column.key
            for column in columns
            if column.key not in self.common and column.key not in changelog.META_COLUMNS
        ]
        self.getters = {name: itemgetter(name) for name in varying}
        self.converters = {
            name: _converter(columns[name], self.stored._processors[name]) for name in varying
        }
        store_id = self.stored.processor("id")
        self.hex_ids = _stores_hex(store_id)
        self.store_id = store_id
        self.ids = MonotonicIds()
        self.counters = changelog._StoredCounters(session, actor.device_id)
        self.hall_id: uuid.UUID = shared["hall_id"]
        self.outbox = outbox and not changelog.is_demo_hall(session, self.hall_id)
        self.action = changelog._action(session, "bulk_create")
        self.kind = f"{table.name}.bulk_create"
        self.mutations: list[dict[str, Any]] = []
        self.entries: list[dict[str, Any]] = []
        self.hlc_store = self.stored.processor("updated_hlc")
        # Where each INSERT position takes its values from: a constant, or a converted column.
        self.order = self.stored.order
        self.template = self.stored.template

    def _ids(self, chunk: list[Mapping[str, Any]]) -> tuple[list[Any], list[str], bytes]:
        if self.generate_ids:
            values = self.ids.take(len(chunk))
            digits = [f"{value:032x}" for value in values]
            texts = [f"{d[:8]}-{d[8:12]}-{d[12:16]}-{d[16:20]}-{d[20:]}" for d in digits]
            if self.hex_ids:
                stored: list[Any] = digits
            else:
                stored = [self.store_id(uuid.UUID(int=value)) for value in values]
            raw = b"".join(value.to_bytes(16, "big") for value in values)
            return stored, texts, raw
        given: list[uuid.UUID] = [row["id"] for row in chunk]
        return (
            [self.store_id(value) for value in given],
            [str(value) for value in given],
            b"".join(value.bytes for value in given),
        )

    def chunk(self, chunk: list[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
        """Convert one chunk (≤ MUTATION_ROWS rows), record it; return its stored rows."""
        count = len(chunk)
        width = len(self.getters) + (0 if self.generate_ids else 1)
        if set(map(len, chunk)) != {width}:
            raise ValueError(f"{self.table.name}: every bulk row must give the same columns")
        hlc = self.counters.clock.now().pack()
        stored_columns: dict[str, Any] = {}
        json_columns: dict[str, list[Any]] = {}
        stored_ids, text_ids, raw_ids = self._ids(chunk)
        stored_columns["id"], json_columns["id"] = stored_ids, text_ids
        for name, getter in self.getters.items():
            stored_columns[name], json_columns[name] = self.converters[name](
                list(map(getter, chunk))
            )
        stored_hlc = self.hlc_store(hlc)
        sources = [
            stored_columns[name]
            if name in stored_columns
            else itertools.repeat(stored_hlc if name == "updated_hlc" else constant, count)
            for name, constant in zip(self.order, self.template, strict=True)
        ]
        if self.outbox:
            payload = {
                "table": self.table.name,
                "op": "bulk_create",
                "hall_id": str(self.hall_id),
                "batch_id": str(self.batch_id),
                "hlc": hlc,
                "common": self.common,
                "columns": self.columns,
                "rows": list(map(list, zip(*(json_columns[n] for n in self.columns), strict=True))),
            }
            mutation = changelog._mutation_values(
                self.session, self.actor, self.kind, payload, self.counters
            )
            if mutation is not None:
                self.mutations.append(mutation)
        self.entries.append(
            changelog._audit_values(
                self.actor,
                self.counters,
                action=self.action,
                entity=self.table.name,
                entity_id=str(self.batch_id),
                change={"rows": count, "digest": hashlib.sha256(raw_ids).hexdigest()},
                hall_id=self.hall_id,
            )
        )
        return list(zip(*sources, strict=True))

    def flush(self, rows: list[tuple[Any, ...]]) -> None:
        """Insert the converted rows, and the mutations and audit entries recorded so far."""
        self.stored.insert(rows)
        if self.mutations:
            self.session.execute(insert(changelog.table_of(OutboxMutation)), self.mutations)
            self.mutations = []
        if self.entries:
            self.session.execute(insert(changelog.table_of(AuditEntry)), self.entries)
            self.entries = []

    def finish(self) -> None:
        self.counters.put("hlc_last", self.counters.clock.last.pack())
        self.counters.save()
