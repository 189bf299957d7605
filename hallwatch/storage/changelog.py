"""Every change is recorded where it is made: audit chain and sync outbox.

A `before_flush` hook sees each new, changed or tombstoned synced row and, in
the same transaction, stamps it with a hybrid logical clock, appends an outbox
mutation (DESIGN §8) and appends a link to this device's audit hash chain.
A change cannot skip this: the hook is on every session the Database hands
out, and a session with no actor (a read session) may not change synced rows.

The chain: each entry's hash covers its content and the previous entry's
hash; the newest hash is also kept in `sync_state`, so removing the last
entries is noticed too. `verify_chain` walks it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Insert, Select, Table, event, insert, inspect, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import get_history

from hallwatch.domain.hlc import Hlc, HlcClock
from hallwatch.domain.timeutil import utcnow
from hallwatch.storage.models import AuditEntry, Base, Hall, OutboxMutation, SyncState

GENESIS = "0" * 64
# Columns that describe the sync bookkeeping, not the data itself.
META_COLUMNS = frozenset({"updated_hlc", "updated_by", "server_seq"})


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a change: the user and this device."""

    user: str
    device_id: str


def schema_version() -> str:
    """Return the schema version sent with every mutation (the Alembic head)."""
    from hallwatch.storage import migrate  # late: migrate imports Alembic, heavy at start-up

    return migrate.head_revision()


def jsonable(value: Any) -> Any:
    """Return a JSON-ready form of a column value (stable across devices)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot record a value of type {type(value).__name__}")


def canonical(data: Any) -> str:
    """Return the canonical JSON text that digests and hashes are taken of."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest(data: Any) -> str:
    """Return the SHA-256 of data's canonical JSON."""
    return hashlib.sha256(canonical(data).encode()).hexdigest()


def entry_hash(entry: AuditEntry) -> str:
    """Return the hash an audit entry must carry, given its content and predecessor."""
    # seq is left out on purpose: an entry's place is fixed by prev_hash, so a
    # renumbered (reordered) entry still proves its own content and is named as moved.
    body = [
        entry.device_id,
        entry.at.astimezone(UTC).isoformat(),
        str(entry.hall_id or ""),
        entry.user,
        entry.action,
        entry.entity,
        entry.entity_id,
        entry.digest,
        entry.prev_hash,
    ]
    return hashlib.sha256(canonical(body).encode()).hexdigest()


class Counters:
    """The device's counters, read and written inside the current transaction."""

    KEYS = ("audit_seq", "audit_head", "outbox_seq", "hlc_last")

    def __init__(self, session: Session, device_id: str) -> None:
        self.session = session
        rows = session.scalars(select(SyncState).where(SyncState.key.in_(self.KEYS))).all()
        self.rows = {row.key: row for row in rows}
        last = self.get("hlc_last")
        self.clock = HlcClock(device_id, Hlc.unpack(last) if last else None)

    def get(self, key: str) -> str:
        row = self.rows.get(key)
        return row.value if row else ""

    def put(self, key: str, value: str) -> None:
        row = self.rows.get(key)
        if row is None:
            row = self.rows[key] = SyncState(key=key, value=value)
            self.session.add(row)
        else:
            row.value = value

    def next_int(self, key: str) -> int:
        value = int(self.get(key) or 0) + 1
        self.put(key, str(value))
        return value


def counters(session: Session, actor: Actor) -> Counters:
    """Return this device's counters for appending audit entries and mutations by hand."""
    return Counters(session, actor.device_id)


def append_audit(
    session: Session,
    actor: Actor,
    *,
    action: str,
    entity: str,
    entity_id: str,
    change: Any,
    hall_id: uuid.UUID | None = None,
    counters: Counters | None = None,
) -> AuditEntry:
    """Append one link to this device's audit chain (in the session's transaction)."""
    counters = counters or Counters(session, actor.device_id)
    entry = AuditEntry(
        **_audit_values(
            actor,
            counters,
            action=action,
            entity=entity,
            entity_id=entity_id,
            change=change,
            hall_id=hall_id,
        )
    )
    session.add(entry)
    return entry


def _audit_values(
    actor: Actor,
    counters: Counters,
    *,
    action: str,
    entity: str,
    entity_id: str,
    change: Any,
    hall_id: uuid.UUID | None,
) -> dict[str, Any]:
    """Return the next audit entry's columns, its hash included, and move the head to it."""
    values: dict[str, Any] = {
        "device_id": actor.device_id,
        "seq": counters.next_int("audit_seq"),
        "at": utcnow(),
        "hall_id": hall_id,
        "user": actor.user,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "digest": digest(change),
        "prev_hash": counters.get("audit_head") or GENESIS,
    }
    values["hash"] = entry_hash(AuditEntry(**values))
    counters.put("audit_head", values["hash"])
    return values


def append_mutation(
    session: Session, actor: Actor, kind: str, payload: dict[str, Any], counters: Counters
) -> OutboxMutation | None:
    """Append one mutation to the outbox (in the session's transaction).

    Nothing is queued for a demo hall: it stays on this device (its changes are
    still in the audit chain).
    """
    values = _mutation_values(session, actor, kind, payload, counters)
    if values is None:
        return None
    mutation = OutboxMutation(**values)
    session.add(mutation)
    return mutation


def _mutation_values(
    session: Session, actor: Actor, kind: str, payload: dict[str, Any], counters: Counters
) -> dict[str, Any] | None:
    if is_demo_hall(session, payload.get("hall_id")):
        return None
    return {
        "device_id": actor.device_id,
        "seq": counters.next_int("outbox_seq"),
        "kind": kind,
        "payload": payload,
        "hlc": payload.get("hlc") or counters.clock.now().pack(),
        "schema_version": schema_version(),
        "created_at": utcnow(),
    }


def _fill_defaults(obj: Base) -> None:
    # Column defaults normally apply during the flush; the change record needs
    # them now, so that the outbox carries the row exactly as it is stored.
    for column in inspect(obj).mapper.columns:
        key = column.key
        if key is None or getattr(obj, key) is not None or column.default is None:
            continue
        default: Any = column.default
        if default.is_callable:
            setattr(obj, key, default.arg(None))
        elif default.is_scalar:
            setattr(obj, key, default.arg)


def _row_fields(obj: Base) -> dict[str, Any]:
    return {
        column.key: jsonable(getattr(obj, column.key))
        for column in inspect(obj).mapper.columns
        if column.key is not None and column.key not in META_COLUMNS
    }


def _changed_fields(obj: Base) -> dict[str, Any]:
    changed: dict[str, Any] = {}
    for column in inspect(obj).mapper.columns:
        key = column.key
        if key is None or key in META_COLUMNS:
            continue
        history = get_history(obj, key)
        if history.has_changes():
            changed[key] = jsonable(getattr(obj, key))
    return changed


def _record(
    session: Session, actor: Actor, counters: Counters, obj: Base, op: str, fields: dict[str, Any]
) -> None:
    table = obj.__table__.name  # type: ignore[attr-defined]
    row_id = str(getattr(obj, "id"))  # noqa: B009 - every synced model has an id
    base_hlc = getattr(obj, "updated_hlc", "") or None
    hlc = counters.clock.now().pack()
    obj.updated_hlc = hlc  # type: ignore[attr-defined]
    obj.updated_by = actor.device_id  # type: ignore[attr-defined]
    hall_id = getattr(obj, "hall_id", None)
    payload = _payload(table, op, row_id, hall_id, fields, base_hlc, hlc)
    if isinstance(obj, Hall):
        _demo_halls(session)[obj.id] = bool(obj.is_demo)
    append_mutation(session, actor, f"{table}.{op}", payload, counters)
    append_audit(
        session,
        actor,
        action=_action(session, op),
        entity=table,
        entity_id=row_id,
        change=payload,
        hall_id=hall_id,
        counters=counters,
    )


def _payload(
    table: str,
    op: str,
    row_id: str,
    hall_id: uuid.UUID | None,
    fields: dict[str, Any],
    base_hlc: str | None,
    hlc: str,
) -> dict[str, Any]:
    return {
        "table": table,
        "op": op,
        "id": row_id,
        "hall_id": str(hall_id) if hall_id else None,
        "fields": fields,
        # The version this change was based on: lets the server merge per field.
        "base_hlc": None if op == "create" else base_hlc,
        "hlc": hlc,
    }


def _action(session: Session, op: str) -> str:
    action = session.info.get("action") or "edit"
    return f"{action}:{op}" if action != op else op


def table_of(model: type[Base]) -> Table:
    """Return a model's table (for Core statements that skip the ORM)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


# The Core statements, built once: building one costs as much as running it.
@functools.cache
def _insert_into(table: Table) -> Insert:
    return insert(table)


@functools.cache
def _counters_select() -> Select[Any]:
    table = table_of(SyncState)
    return select(table.c.key, table.c.value).where(table.c.key.in_(Counters.KEYS))


@functools.cache
def _counters_upsert() -> Insert:
    upsert = sqlite_insert(table_of(SyncState))
    return upsert.on_conflict_do_update(
        index_elements=["key"], set_={"value": upsert.excluded.value}
    )


def note_demo_hall(session: Session, hall_id: uuid.UUID, is_demo: bool) -> None:
    """Tell the change record whether a hall is a demo hall (read already: saves a query)."""
    _demo_halls(session)[hall_id] = is_demo


class _StoredCounters(Counters):
    """Counters read and written with Core statements: no ORM objects for the flush."""

    def __init__(self, session: Session, device_id: str) -> None:
        self.session = session
        found = session.execute(_counters_select()).all()
        self.values: dict[str, str] = {key: value for key, value in found}
        self.changed: set[str] = set()
        last = self.get("hlc_last")
        self.clock = HlcClock(device_id, Hlc.unpack(last) if last else None)

    def get(self, key: str) -> str:
        return self.values.get(key, "")

    def put(self, key: str, value: str) -> None:
        self.values[key] = value
        self.changed.add(key)

    def save(self) -> None:
        """Write the changed counters, and make ORM objects of them re-read theirs."""
        if not self.changed:
            return
        self.session.execute(
            _counters_upsert(),
            [{"key": key, "value": self.values[key]} for key in sorted(self.changed)],
        )
        for obj in list(self.session.identity_map.values()):
            if isinstance(obj, SyncState) and obj.key in self.changed:
                self.session.expire(obj)
        self.changed.clear()


def insert_synced(session: Session, model: type[Base], values: dict[str, Any]) -> dict[str, Any]:
    """Insert one new synced row with Core statements, recorded as the flush hook records it.

    For a save repeated all day (a snapshot): the ORM's unit of work for the row,
    its outbox mutation, its audit entry and the counters cost as much as encoding
    the photo. The row's stored values, the mutation's payload and the audit entry
    are the same as for `session.add(model(**values))`. Returns the row's values as
    stored (defaults filled in, stamped with this change's clock).
    """
    actor = session.info.get("actor")
    if not isinstance(actor, Actor):
        raise RuntimeError("changes to synced rows must be made in a Database.write() session")
    if model.__sync__ is None:
        raise ValueError(f"{model.__name__} rows are not synced: insert them as usual")
    if session.new or session.dirty:
        # Pending ORM changes take their counters first, as they would in one flush.
        session.flush()
    columns = inspect(model).columns
    row = dict(values)
    for column in columns:
        key = column.key
        if key is None or row.get(key) is not None or column.default is None:
            continue
        default: Any = column.default
        if default.is_callable:
            row[key] = default.arg(None)
        elif default.is_scalar:
            row[key] = default.arg
    fields = {
        column.key: jsonable(row.get(column.key))
        for column in columns
        if column.key is not None and column.key not in META_COLUMNS
    }
    table = table_of(model)
    counters = _StoredCounters(session, actor.device_id)
    hlc = counters.clock.now().pack()
    row["updated_hlc"] = hlc
    row["updated_by"] = actor.device_id
    row_id = str(row["id"])
    hall_id = row.get("hall_id")
    payload = _payload(table.name, "create", row_id, hall_id, fields, None, hlc)
    if model is Hall:
        _demo_halls(session)[row["id"]] = bool(row.get("is_demo"))
    session.execute(_insert_into(table), row)
    mutation = _mutation_values(session, actor, f"{table.name}.create", payload, counters)
    if mutation is not None:
        session.execute(_insert_into(table_of(OutboxMutation)), mutation)
    audit = _audit_values(
        actor,
        counters,
        action=_action(session, "create"),
        entity=table.name,
        entity_id=row_id,
        change=payload,
        hall_id=hall_id,
    )
    session.execute(_insert_into(table_of(AuditEntry)), audit)
    counters.put("hlc_last", counters.clock.last.pack())
    counters.save()
    return row


def _demo_halls(session: Session) -> dict[uuid.UUID, bool]:
    known: dict[uuid.UUID, bool] = session.info.setdefault("demo_halls", {})
    return known


def is_demo_hall(session: Session, hall_id: uuid.UUID | str | None) -> bool:
    """Tell whether a hall is a demo hall (whose changes are never synced)."""
    if hall_id is None:
        return False
    key = hall_id if isinstance(hall_id, uuid.UUID) else uuid.UUID(str(hall_id))
    known = _demo_halls(session)
    if key not in known:
        with session.no_autoflush:
            known[key] = bool(session.scalar(select(Hall.is_demo).where(Hall.id == key)))
    return known[key]


def _synced(objects: Iterable[object]) -> list[Base]:
    return [obj for obj in objects if isinstance(obj, Base) and obj.__sync__ is not None]


def _before_flush(session: Session, _context: object, _instances: object) -> None:
    new = _synced(session.new)
    dirty = [obj for obj in _synced(session.dirty) if session.is_modified(obj)]
    deleted = _synced(session.deleted)
    if deleted:
        names = ", ".join(sorted({obj.__table__.name for obj in deleted}))  # type: ignore[attr-defined]
        raise RuntimeError(f"rows of {names} are never deleted: set deleted=True instead")
    if not new and not dirty:
        return
    actor = session.info.get("actor")
    if not isinstance(actor, Actor):
        raise RuntimeError("changes to synced rows must be made in a Database.write() session")
    counters = Counters(session, actor.device_id)
    for obj in new:
        _fill_defaults(obj)
        _record(session, actor, counters, obj, "create", _row_fields(obj))
    for obj in dirty:
        if obj.__sync__ == "append":
            raise RuntimeError(
                f"{obj.__table__.name} rows are append-only: record a correction instead"  # type: ignore[attr-defined]
            )
        fields = _changed_fields(obj)
        if not fields:
            continue
        op = "delete" if fields.get("deleted") is True else "update"
        _record(session, actor, counters, obj, op, fields)
    counters.put("hlc_last", counters.clock.last.pack())


def install(factory: sessionmaker[Session]) -> None:
    """Record the changes of every session this factory makes (call once per factory)."""
    # No event.contains() guard: SQLAlchemy keys its registry by id(), and a new
    # factory can reuse the id of a collected one, which made the guard skip it.
    event.listen(factory, "before_flush", _before_flush)


# --- verification ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChainProblem:
    device_id: str
    seq: int
    kind: str  # "edited", "missing", "reordered"
    message: str


def verify_chain(
    entries: Sequence[AuditEntry], device_id: str, head: str | None
) -> ChainProblem | None:
    """Return the first problem in one device's chain (entries in seq order), or None."""
    by_hash = {entry.hash: entry for entry in entries}
    previous_hash = GENESIS
    previous_seq = 0
    for entry in entries:
        if entry_hash(entry) != entry.hash:
            return ChainProblem(
                device_id,
                entry.seq,
                "edited",
                f"audit entry {entry.seq} was edited: its content no longer matches its hash",
            )
        if entry.prev_hash != previous_hash:
            moved_after = by_hash.get(entry.prev_hash)
            if moved_after is not None:
                return ChainProblem(
                    device_id,
                    entry.seq,
                    "reordered",
                    f"audit entry {entry.seq} is out of order: it was written after "
                    f"entry {moved_after.seq}, not after entry {previous_seq}",
                )
            return ChainProblem(
                device_id,
                entry.seq,
                "missing",
                f"audit entries are missing between entry {previous_seq} and entry {entry.seq}",
            )
        previous_hash, previous_seq = entry.hash, entry.seq
    if head is not None and head != previous_hash:
        return ChainProblem(
            device_id,
            previous_seq + 1,
            "missing",
            f"audit entries after entry {previous_seq} are missing (the chain's head is gone)",
        )
    return None
