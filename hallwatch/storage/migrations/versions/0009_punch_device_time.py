"""punches imported before 0009 hold the device's own clock time

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from alembic import op

import hallwatch.storage.types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The stamps the punch importers read (services/imports/values.py, frozen here as they
# were: a migration must not change when the importers do). `2026-03-02 08:51:23`,
# `2026/3/2 8:51`, `2026年3月2日 8时51分`; a ZKTime row has the date and the times in
# cells of their own.
_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_TIME = r"(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})(?:[.,]\d+)?)?"
_DATE_RE = re.compile(r"(?<!\d)" + _DATE + r"(?!\d)")
_TIME_RE = re.compile(r"(?<![\d:：])" + _TIME + r"(?![\d:：])")
# An unformatted Excel date-and-time cell, as the row's text showed it (45065.373…).
_SERIAL_RE = re.compile(r"(?<![\d.])(3[2-9]\d{3}|[4-6]\d{4}|7[0-3]\d{3})\.(\d+)(?![\d.])")
_EXCEL_EPOCH = datetime(1899, 12, 30)

_FETCH_ROWS = 20_000


def upgrade() -> None:
    _restore_device_times()


def _restore_device_times() -> None:
    """Store each punch as the device's clock showed it, as the importers do from 0009 on.

    Until 0009 a punch import added the device's clock offset (HallRules.device_offsets,
    by serial number) to the time before storing it, and from 0009 on whoever reads
    punches adds it: a punch imported with an offset set would be corrected twice. The
    device's own time is still in the row's `raw` (the line, or the row's cells joined
    by tabs): a punch whose stored time is a time of its raw text plus the device's
    offset, read in the hall's zone, was corrected by the import and goes back to that
    time. Every other row stays as it is: no offset for its device, no time in its raw
    text, or stored as the device showed it already (the offset came after the import).
    A punch imported under an offset that was changed afterwards matches neither and
    stays too. The check is to the second, so a wrong reading of raw text cannot match
    by chance. Every copy of a hall (devices, the server) has the same rows and the
    same settings, so each upgrades its own to the same values without a sync; a
    pending outbox mutation that carries such a row is corrected with it.
    """
    bind = op.get_bind()
    halls = _hall_offsets(bind)
    if not halls:
        return
    moment = hallwatch.storage.types.UtcDateTime(timezone=True)
    events = sa.table(
        "attendance_events",
        sa.column("id"),
        sa.column("hall_id"),
        sa.column("kind", sa.String()),
        sa.column("source", sa.String()),
        sa.column("device_sn", sa.String()),
        sa.column("raw", sa.Text()),
        sa.column("occurred_at", moment),
    )
    serials = sorted({serial for _zone, offsets in halls.values() for serial in offsets})
    query = sa.select(
        events.c.id, events.c.hall_id, events.c.device_sn, events.c.raw, events.c.occurred_at
    ).where(
        events.c.kind == "punch",
        events.c.source.in_(("import", "device")),
        events.c.device_sn.in_(serials),
        events.c.raw != "",
    )
    fixed: list[dict[str, Any]] = []
    # The driver's form of a hall id → its rules (the same few values, 200k times).
    by_key: dict[Any, tuple[ZoneInfo, dict[str, int]] | None] = {}
    for row_id, hall_key, device_sn, raw, stored in _stream(bind, query):
        try:
            hall = by_key[hall_key]
        except KeyError:
            hall = by_key[hall_key] = halls.get(_hex(hall_key))
        if hall is None:
            continue
        zone, offsets = hall
        offset = offsets.get(device_sn)
        if not offset:
            continue
        device_time = _device_time(raw, zone, stored, stored - timedelta(seconds=offset))
        if device_time is not None:
            fixed.append({"row_id": row_id, "device_time": device_time})
    if not fixed:
        return
    update = (
        sa.update(events)
        .where(events.c.id == sa.bindparam("row_id"))
        .values(occurred_at=sa.bindparam("device_time", type_=moment))
    )
    for start in range(0, len(fixed), _FETCH_ROWS):
        bind.execute(update, fixed[start : start + _FETCH_ROWS])
    _fix_pending_outbox(bind, fixed)


def _stream(bind: sa.Connection, query: sa.Select[Any]) -> Iterator[Any]:
    """Yield the rows of a query in slices (200k punches' raw text stays out of memory)."""
    result = bind.execution_options(yield_per=_FETCH_ROWS).execute(query)
    yield from result


def _hall_offsets(bind: sa.Connection) -> dict[str, tuple[ZoneInfo, dict[str, int]]]:
    """Return hall id (hex) → (its zone, its device offsets), for halls that set any."""
    found: dict[str, tuple[ZoneInfo, dict[str, int]]] = {}
    rows = bind.execute(
        sa.text(
            "SELECT s.hall_id, s.value, h.timezone FROM settings s"
            " JOIN halls h ON h.id = s.hall_id"
            " WHERE s.key = 'device_offsets' AND s.deleted = :no"
        ),
        {"no": False},
    )
    for hall_key, value, timezone in rows:
        offsets = json.loads(value) if isinstance(value, str) else value
        if not isinstance(offsets, dict):
            continue
        usable = {
            str(serial): seconds
            for serial, seconds in offsets.items()
            if isinstance(seconds, int) and not isinstance(seconds, bool) and seconds
        }
        if not usable:
            continue
        try:
            zone = ZoneInfo(timezone or "Asia/Shanghai")
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("Asia/Shanghai")
        found[_hex(hall_key)] = (zone, usable)
    return found


def _hex(value: Any) -> str:
    """Return an id as 32 hex digits, whatever form the driver gives it in."""
    if isinstance(value, uuid.UUID):
        return value.hex
    return str(value).replace("-", "").lower()


def _device_time(raw: str, zone: ZoneInfo, stored: datetime, wanted: datetime) -> datetime | None:
    """Return the time of raw text (in zone, as UTC) equal to wanted, or None.

    None too when raw holds the stored time itself: that punch is in the device's time.
    """
    wanted = wanted.astimezone(UTC).replace(microsecond=0)
    # Most lines write the time as the attlog does: a substring test settles them.
    if f"{wanted.astimezone(zone):%Y-%m-%d %H:%M:%S}" in raw:
        return wanted
    if f"{stored.astimezone(zone):%Y-%m-%d %H:%M:%S}" in raw:
        return None
    for local in _local_times(raw):
        for fold in (0, 1):
            try:
                seen = local.replace(tzinfo=zone, fold=fold).astimezone(UTC)
            except (OverflowError, ValueError):
                continue
            if seen == wanted:
                return seen
    return None


def _local_times(raw: str) -> Iterator[datetime]:
    """Yield every wall-clock time that raw text holds: date and time, together or apart."""
    dates: list[tuple[int, date]] = []
    for match in _DATE_RE.finditer(raw):
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
        dates.append((match.end(), day))
    if dates:
        clocks: list[tuple[int, int, int]] = []
        for match in _TIME_RE.finditer(raw):
            hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
            if hour < 24 and minute < 60 and second < 60:
                clocks.append((hour, minute, second))
        for _end, day in dates:
            for hour, minute, second in clocks:
                yield datetime(day.year, day.month, day.day, hour, minute, second)
    for match in _SERIAL_RE.finditer(raw):
        serial = float(f"{match[1]}.{match[2]}")
        moment = _EXCEL_EPOCH + timedelta(days=serial)
        yield (moment + timedelta(microseconds=500_000)).replace(microsecond=0)


def _fix_pending_outbox(bind: sa.Connection, fixed: list[dict[str, Any]]) -> None:
    """Correct the punches of import mutations not yet pushed, as their rows were."""
    outbox = sa.table(
        "sync_outbox",
        sa.column("device_id"),
        sa.column("seq"),
        sa.column("kind", sa.String()),
        sa.column("state", sa.String()),
        sa.column("payload", sa.JSON()),
    )
    pending = bind.execute(
        sa.select(outbox.c.device_id, outbox.c.seq, outbox.c.payload).where(
            outbox.c.kind == "attendance_events.bulk_create", outbox.c.state == "pending"
        )
    ).all()
    if not pending:
        return
    times = {_hex(row["row_id"]): row["device_time"] for row in fixed}
    changes: list[dict[str, Any]] = []
    for device_id, seq, payload in pending:
        columns = payload.get("columns") if isinstance(payload, dict) else None
        if not isinstance(columns, list) or "id" not in columns or "occurred_at" not in columns:
            continue
        at_id, at_time = columns.index("id"), columns.index("occurred_at")
        changed = False
        for row in payload.get("rows", []):
            found = times.get(str(row[at_id]).replace("-", "").lower())
            if found is not None:
                row[at_time] = found.isoformat()
                changed = True
        if changed:
            changes.append({"device": device_id, "number": seq, "body": payload})
    if changes:
        bind.execute(
            sa.update(outbox)
            .where(outbox.c.device_id == sa.bindparam("device"))
            .where(outbox.c.seq == sa.bindparam("number"))
            .values(payload=sa.bindparam("body", type_=sa.JSON())),
            changes,
        )


def downgrade() -> None:
    # Nothing to undo: the code before 0009 also added the offset when it judged a day,
    # so it reads these rows, now in the device's time, as correct as 0009 does.
    pass
