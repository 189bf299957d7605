"""What a committed write changed: its tables, and its rows where they are cheap to know.

The core says what changed, so screens need not declare it (Anki's OpChanges):
`Database.write()` records every INSERT, UPDATE and DELETE run on its connection
and, once the write has committed, hands a `ChangeSummary` to every `collect()`
block open on the same thread. A write that rolls back reports nothing.

No SQLAlchemy here: the UI imports this module before the ORM has loaded.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# Written by every synced change, or by the schema itself: not news to a screen.
BOOKKEEPING_TABLES = frozenset({"audit_entries", "sync_outbox", "sync_state", "alembic_version"})

# Past this many rows of one table a write names the table only: a bulk import's
# million ids would cost more to carry to the screens than a full refresh.
MAX_IDS_PER_TABLE = 10_000


@dataclass(frozen=True, slots=True)
class ChangeSummary:
    """The tables a write changed; `ids` holds a table's row ids only when all are known.

    A table in `tables` but not in `ids` may have changed in any row.
    """

    tables: frozenset[str] = frozenset()
    ids: Mapping[str, frozenset[uuid.UUID]] = field(default_factory=lambda: MappingProxyType({}))

    def __bool__(self) -> bool:
        return bool(self.tables)

    def merge(self, other: ChangeSummary) -> ChangeSummary:
        """Return the changes of both (a table's ids stay known only if both knew them)."""
        tables = self.tables | other.tables
        ids: dict[str, frozenset[uuid.UUID]] = {}
        for table in tables:
            mine = self.ids.get(table) if table in self.tables else frozenset()
            theirs = other.ids.get(table) if table in other.tables else frozenset()
            if mine is not None and theirs is not None:
                ids[table] = mine | theirs
        return ChangeSummary(frozenset(tables), MappingProxyType(ids))


NO_CHANGES = ChangeSummary()


class ChangeRecorder:
    """Collects what the statements of one write changed (on the thread that runs it)."""

    def __init__(self) -> None:
        self._ids: dict[str, set[uuid.UUID] | None] = {}
        # The statement last noted: insertmanyvalues runs one in several batches.
        self.last_context: object | None = None

    def wants_ids(self, table: str) -> bool:
        """Return False once the table's rows are past knowing (a bulk write's next chunk)."""
        return table not in BOOKKEEPING_TABLES and self._ids.get(table, ()) is not None

    def note(self, table: str, ids: Iterable[object] | None) -> None:
        """Note that a statement changed rows of table (ids None: which rows is unknown)."""
        if table in BOOKKEEPING_TABLES:
            return
        known = self._ids.get(table, set())
        if known is None or ids is None:
            self._ids[table] = None
            return
        for value in ids:
            if not isinstance(value, uuid.UUID):
                self._ids[table] = None
                return
            known.add(value)
        self._ids[table] = known if len(known) <= MAX_IDS_PER_TABLE else None

    def summary(self) -> ChangeSummary:
        ids = {table: frozenset(found) for table, found in self._ids.items() if found is not None}
        return ChangeSummary(frozenset(self._ids), MappingProxyType(ids))


class _Local(threading.local):
    recorder: ChangeRecorder | None = None

    def __init__(self) -> None:
        self.collectors: list[list[ChangeSummary]] = []


_local = _Local()


def current_recorder() -> ChangeRecorder | None:
    """Return the recorder of the write open on this thread, if any."""
    return _local.recorder


@contextlib.contextmanager
def recording() -> Iterator[ChangeRecorder]:
    """Record the changes of the statements this thread runs inside the block."""
    outer, recorder = _local.recorder, ChangeRecorder()
    _local.recorder = recorder
    try:
        yield recorder
    finally:
        _local.recorder = outer


def report(summary: ChangeSummary) -> None:
    """Hand a committed write's summary to every `collect()` open on this thread."""
    if summary:
        for collector in _local.collectors:
            collector.append(summary)


@contextlib.contextmanager
def collect() -> Iterator[list[ChangeSummary]]:
    """Yield a list that receives the summary of each write committed on this thread."""
    collector: list[ChangeSummary] = []
    _local.collectors.append(collector)
    try:
        yield collector
    finally:
        _local.collectors.remove(collector)


def merged(summaries: Iterable[ChangeSummary]) -> ChangeSummary:
    """Return one summary of several writes."""
    result = NO_CHANGES
    for summary in summaries:
        result = result.merge(summary)
    return result
