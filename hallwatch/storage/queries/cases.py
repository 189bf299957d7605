"""The cases view's reads at scale: count, one page in order, one case, its events, choices.

A hall holds about 500k cases a year: a filter is counted and read a page at a
time (LIMIT/OFFSET on the chosen order). The filter comes resolved to plain
values (CaseQuery); the rows come back decoded (StoredCase), their lights left to
the service, which knows the calendar.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from hallwatch.domain.enums import Light
from hallwatch.storage.convert import key, read_utc, read_uuid, utc_text

__all__ = [
    "SORT_COLUMNS",
    "CaseExtras",
    "CaseQuery",
    "StoredCase",
    "case_events",
    "count",
    "filter_choices",
    "one_case",
    "page",
]

# The columns a page may be ordered by.
SORT_COLUMNS = frozenset(
    {"taken_at", "accepted_at", "promised_due", "finished_at", "case_no", "ticket_no", "rating"}
)


@dataclass(frozen=True, slots=True)
class CaseQuery:
    """A cases filter in plain values; None or empty narrows nothing."""

    hall_id: uuid.UUID
    unit_id: uuid.UUID | None = None
    window_id: uuid.UUID | None = None
    staff_id: uuid.UUID | None = None
    item_id: uuid.UUID | None = None
    statuses: tuple[str, ...] = ()
    taken_from: datetime | None = None  # inclusive
    taken_until: datetime | None = None  # exclusive
    text: str = ""  # a ticket number, or a case number or its beginning
    # Open cases (open_statuses) with this light today: red past the promised due
    # date, severe past the legal one, yellow before green_from, green from it.
    light: Light | None = None
    open_statuses: tuple[str, ...] = ()
    today: date | None = None
    green_from: date | None = None


@dataclass(frozen=True, slots=True)
class StoredCase:
    """One case as a page shows it, its names joined in."""

    id: uuid.UUID
    ticket_no: str
    case_no: str
    item_name: str
    unit_name: str  # the unit's short name, else its name
    window_number: str
    staff_name: str
    status: str
    taken_at: datetime | None
    accepted_at: datetime | None
    finished_at: datetime | None
    promised_due: date | None
    legal_due: date | None
    provisional: bool
    rating: int | None


@dataclass(frozen=True, slots=True)
class CaseExtras:
    """What one case's detail adds to its row."""

    called_at: datetime | None
    rated_at: datetime | None
    hold_minutes: int
    paused_days: int
    extended_days: int
    source: str
    rating_raw: str
    promised_days: int | None
    legal_days: int | None
    service_finished_at: datetime | None


def _where(query: CaseQuery) -> tuple[str, list[object]]:
    # Which index answers: a person, window or unit, or a number, are far fewer rows
    # than the hall's year, so their own indexes are used and the hall index is kept
    # out with SQLite's unary + (the terms still filter). Open cases (a light) are
    # found by (hall_id, status, promised_due).
    by_person = any(v is not None for v in (query.unit_id, query.window_id, query.staff_id))
    text = query.text.strip()
    if by_person or text:
        hall = "+c.hall_id = ? AND +c.deleted = 0"
    elif query.light is not None:
        hall = "c.hall_id = ? AND +c.deleted = 0"
    else:
        hall = "c.hall_id = ? AND c.deleted = 0"
    clauses = [hall]
    hall_key = key(query.hall_id)
    params: list[object] = [hall_key]
    for column, value in (
        ("c.unit_id", query.unit_id),
        ("c.window_id", query.window_id),
        ("c.staff_id", query.staff_id),
        ("c.service_item_id", query.item_id),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(key(value))
    if query.statuses:
        clauses.append(f"c.status IN ({', '.join('?' * len(query.statuses))})")
        params.extend(sorted(query.statuses))
    if query.taken_from is not None:
        clauses.append("c.taken_at >= ?")
        params.append(utc_text(query.taken_from))
    if query.taken_until is not None:
        clauses.append("c.taken_at < ?")
        params.append(utc_text(query.taken_until))
    if text:
        # Each side of the OR on its own (hall_id, number) index.
        clauses.append(
            "((c.hall_id = ? AND c.ticket_no = ?)"
            " OR (c.hall_id = ? AND c.case_no >= ? AND c.case_no < ?))"
        )
        params.extend([hall_key, text, hall_key, text, text + "\U0010ffff"])
    if query.light is not None:
        if query.today is None or query.green_from is None:
            raise ValueError("a light filter needs today and green_from")
        clauses.append(f"c.status IN ({', '.join('?' * len(query.open_statuses))})")
        params.extend(query.open_statuses)
        clauses.append("c.promised_due IS NOT NULL AND c.legal_due IS NOT NULL")
        today, green_from = query.today.isoformat(), query.green_from.isoformat()
        if query.light is Light.SEVERE:
            # legal_due >= promised_due: the promised range lets the status index work.
            clauses.append("c.promised_due < ? AND c.legal_due < ?")
            params.extend([today, today])
        elif query.light is Light.RED:
            clauses.append("c.promised_due < ? AND c.legal_due >= ?")
            params.extend([today, today])
        elif query.light is Light.YELLOW:
            clauses.append("c.promised_due >= ? AND c.promised_due < ? AND c.legal_due >= ?")
            params.extend([today, green_from, today])
        else:
            clauses.append("c.promised_due >= ? AND c.legal_due >= ?")
            params.extend([green_from, today])
    return " AND ".join(clauses), params


def count(conn: sqlite3.Connection, query: CaseQuery) -> int:
    """Return how many cases the filter gives."""
    where, params = _where(query)
    row = conn.execute(f"SELECT count(*) FROM cases c WHERE {where}", params).fetchone()
    return int(row[0])


_COLUMNS = (
    "c.id, c.ticket_no, c.case_no, i.name, COALESCE(NULLIF(u.short_name, ''), u.name),"
    " w.number, s.name, c.status, c.taken_at,"
    " c.accepted_at, c.finished_at, c.promised_due, c.legal_due, c.due_provisional, c.rating"
)
_JOINS = (
    " LEFT JOIN service_items i ON i.id = c.service_item_id"
    " LEFT JOIN units u ON u.id = c.unit_id"
    " LEFT JOIN windows w ON w.id = c.window_id"
    " LEFT JOIN staff s ON s.id = c.staff_id"
)


def page(
    conn: sqlite3.Connection,
    query: CaseQuery,
    sort: str,
    descending: bool,
    offset: int,
    limit: int,
) -> list[StoredCase]:
    """Return the rows offset … offset+limit−1 of the filter's result, ordered by `sort`."""
    if sort not in SORT_COLUMNS:
        raise ValueError(f"cases cannot be ordered by {sort!r}")
    where, params = _where(query)
    direction = "DESC" if descending else "ASC"
    order = f"c.{sort} {direction}"
    if sort != "taken_at":
        # The rowid breaks ties, so pages neither repeat nor skip a row. The default
        # order walks its index, which is already total (and a tie-break would sort).
        order += f", c.rowid {direction}"
    sql = (
        f"SELECT {_COLUMNS} FROM (SELECT c.rowid AS rid, c.{sort} AS k"
        f" FROM cases c WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?) page"
        f" JOIN cases c ON c.rowid = page.rid{_JOINS} ORDER BY {order}"
    )
    rows = conn.execute(sql, [*params, max(limit, 0), max(offset, 0)]).fetchall()
    return [_stored(row) for row in rows]


def _time(value: object) -> datetime | None:
    return read_utc(str(value)) if value else None


def _stored(row: Sequence[object]) -> StoredCase:
    (case_key, ticket_no, case_no, item_name, unit_name, window_number, staff_name,
     status, taken, accepted, finished, promised, legal, provisional, rating) = row  # fmt: skip
    return StoredCase(
        id=read_uuid(str(case_key)),
        ticket_no=str(ticket_no or ""),
        case_no=str(case_no or ""),
        item_name=str(item_name or ""),
        unit_name=str(unit_name or ""),
        window_number=str(window_number or ""),
        staff_name=str(staff_name or ""),
        status=str(status),
        taken_at=_time(taken),
        accepted_at=_time(accepted),
        finished_at=_time(finished),
        promised_due=date.fromisoformat(str(promised)) if promised else None,
        legal_due=date.fromisoformat(str(legal)) if legal else None,
        provisional=bool(provisional),
        rating=int(str(rating)) if rating is not None else None,
    )


def one_case(conn: sqlite3.Connection, case_id: uuid.UUID) -> tuple[StoredCase, CaseExtras] | None:
    """Return one case's row and what its detail adds (None: no such case)."""
    row = conn.execute(
        f"SELECT {_COLUMNS}, c.called_at, c.rated_at, c.hold_minutes, c.paused_days,"
        f" c.extended_days, c.source, c.rating_raw, c.promised_days, c.legal_days,"
        f" c.service_finished_at FROM cases c{_JOINS} WHERE c.id = ?",
        (key(case_id),),
    ).fetchone()
    if row is None:
        return None
    (called, rated, hold, paused, extended, source, rating_raw,
     promised_days, legal_days, service_finished) = row[15:25]  # fmt: skip
    extras = CaseExtras(
        called_at=_time(called),
        rated_at=_time(rated),
        hold_minutes=int(hold or 0),
        paused_days=int(paused or 0),
        extended_days=int(extended or 0),
        source=str(source or ""),
        rating_raw=str(rating_raw),
        promised_days=int(promised_days) if promised_days is not None else None,
        legal_days=int(legal_days) if legal_days is not None else None,
        service_finished_at=_time(service_finished),
    )
    return _stored(row[:15]), extras


def case_events(conn: sqlite3.Connection, case_id: uuid.UUID) -> list[tuple[datetime, str, str]]:
    """Return the case's recorded events (time, kind, detail JSON text), oldest first."""
    rows = conn.execute(
        "SELECT occurred_at, kind, detail FROM case_events"
        " WHERE case_id = ? AND deleted = 0 ORDER BY occurred_at",
        (key(case_id),),
    )
    return [(read_utc(occurred), kind, detail) for occurred, kind, detail in rows]


def filter_choices(
    conn: sqlite3.Connection, hall_id: uuid.UUID
) -> tuple[list[tuple[uuid.UUID, str]], ...]:
    """Return (id, label) of the hall's units, windows, staff and service items, in order."""
    hall = (key(hall_id),)

    def pairs(sql: str) -> list[tuple[uuid.UUID, str]]:
        return [(read_uuid(row_id), label) for row_id, label in conn.execute(sql, hall)]

    return (
        pairs(
            "SELECT id, COALESCE(NULLIF(short_name, ''), name) FROM units"
            " WHERE hall_id = ? AND deleted = 0 ORDER BY code"
        ),
        pairs("SELECT id, number FROM windows WHERE hall_id = ? AND deleted = 0 ORDER BY number"),
        pairs(
            "SELECT id, name || ' ' || staff_no FROM staff WHERE hall_id = ? AND deleted = 0"
            " ORDER BY staff_no"
        ),
        pairs("SELECT id, name FROM service_items WHERE hall_id = ? AND deleted = 0 ORDER BY code"),
    )
