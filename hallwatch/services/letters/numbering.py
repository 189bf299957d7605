"""The register of letter numbers (文号): per hall, series (机关代字) and year.

Numbers come from blocks (`NumberBlock` rows). A standalone installation owns
its series: its register is one open block per series and year, starting at 1,
made the first time a number is needed. A device enrolled with a server numbers
only from blocks the server leased to it (`device_id` = this device), so a team
can issue official letters while offline for days; with no block left it issues
nothing and says why. The sync issue adds the lease itself: it inserts blocks
with this device's id and `enrolled()` becomes true; nothing here changes.

`take_number` must run inside the transaction that also records the issued
letter: the block's `next_number` moves only if that transaction commits, so a
crash or an error after taking a number leaves the register as it was, and a
number is never consumed without the letter that holds it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.domain.errors import NoNumberLeftError
from hallwatch.storage.models import Letter, NumberBlock, SyncState

# A standalone register's block: 1 .. STANDALONE_LAST (no hall issues that many a year).
STANDALONE_LAST = 99_999
# SyncState key set when the device is enrolled with a server (by the sync issue).
ENROLLED_KEY = "server_url"


@dataclass(frozen=True, slots=True)
class RegisterLine:
    """One block of the register, as the letters screen and `letter list` show it."""

    series: str
    year: int
    first: int
    last: int
    next_number: int
    device_id: str

    @property
    def left(self) -> int:
        return max(0, self.last - self.next_number + 1)


def enrolled(session: Session) -> bool:
    """Return whether this device numbers from leased blocks (it is enrolled)."""
    value = session.scalar(select(SyncState.value).where(SyncState.key == ENROLLED_KEY))
    return bool(value)


def local_device(session: Session) -> str:
    return session.scalar(select(SyncState.value).where(SyncState.key == "device_id")) or ""


def take_number(session: Session, hall_id: uuid.UUID, series: str, year: int) -> int:
    """Take the next free number of a series and year; the caller's commit makes it final.

    Numbers already held by a letter (one synced in, say) are stepped over: each is
    accounted for by its letter. Raises NoNumberLeftError when the register is empty.
    """
    is_enrolled = enrolled(session)
    owner = local_device(session) if is_enrolled else ""
    blocks = list(
        session.scalars(
            select(NumberBlock)
            .where(
                NumberBlock.hall_id == hall_id,
                NumberBlock.series == series,
                NumberBlock.year == year,
                NumberBlock.device_id == owner,
                NumberBlock.deleted.is_(False),
            )
            .order_by(NumberBlock.first)
        )
    )
    if not blocks and not is_enrolled:
        block = NumberBlock(
            hall_id=hall_id,
            series=series,
            year=year,
            first=1,
            last=STANDALONE_LAST,
            next_number=1,
            device_id="",
        )
        session.add(block)
        blocks = [block]
    # A 文号 is unique per series and year (DESIGN §7), whichever hall issued it: two
    # halls supervised by one office share its 机关代字.
    used = set(
        session.scalars(
            select(Letter.number).where(
                Letter.series == series, Letter.year == year, Letter.number.is_not(None)
            )
        )
    )
    for block in blocks:
        candidate = max(block.next_number, block.first)
        while candidate <= block.last and candidate in used:
            candidate += 1
        if candidate <= block.last:
            block.next_number = candidate + 1
            session.flush()
            return candidate
        if block.next_number != block.last + 1:
            block.next_number = block.last + 1
    if is_enrolled:
        raise NoNumberLeftError(
            f"this device has no number of {series} for {year} "
            + ("left in its blocks" if blocks else "(no block was leased for that series)"),
            "connect and sync: the server leases a new block of numbers",
        )
    raise NoNumberLeftError(
        f"the register of {series} for {year} is full ({STANDALONE_LAST} numbers)",
        "use another 机关代字 in the letter template",
    )


def register_lines(session: Session, hall_id: uuid.UUID) -> list[RegisterLine]:
    """Return the hall's register, newest year first."""
    rows = session.scalars(
        select(NumberBlock)
        .where(NumberBlock.hall_id == hall_id, NumberBlock.deleted.is_(False))
        .order_by(NumberBlock.year.desc(), NumberBlock.series, NumberBlock.first)
    )
    return [
        RegisterLine(b.series, b.year, b.first, b.last, b.next_number, b.device_id) for b in rows
    ]


@dataclass(frozen=True, slots=True)
class SeriesReport:
    """One series and year of the register: its blocks, the letters holding its numbers."""

    series: str
    year: int
    blocks: tuple[RegisterLine, ...]
    issued: int  # letters holding a number (revoked ones included)
    revoked: int
    # Numbers this device's blocks handed out that no letter holds: never expected.
    gaps: tuple[int, ...]


def register_report(session: Session, hall_id: uuid.UUID) -> list[SeriesReport]:
    """Account for every number taken: each held by a letter, or named as a gap.

    Counts are per series and year across the halls of this database, as numbers are.
    """
    from hallwatch.domain.enums import LetterStatus

    lines = register_lines(session, hall_id)
    held: dict[tuple[str, int], dict[int, LetterStatus]] = {}
    for series, year, number, status in session.execute(
        select(Letter.series, Letter.year, Letter.number, Letter.status).where(
            Letter.number.is_not(None), Letter.year.is_not(None)
        )
    ):
        if year is not None and number is not None:  # (the query leaves none out)
            held.setdefault((series, year), {})[number] = status
    own = {"", local_device(session)}
    keys = sorted({(x.series, x.year) for x in lines} | set(held), key=lambda k: (-k[1], k[0]))
    reports = []
    for series, year in keys:
        blocks = tuple(x for x in lines if (x.series, x.year) == (series, year))
        numbers = held.get((series, year), {})
        gaps = sorted(
            n
            for block in blocks
            if block.device_id in own
            for n in range(block.first, min(block.next_number, block.last + 1))
            if n not in numbers
        )
        revoked = sum(1 for status in numbers.values() if status == LetterStatus.REVOKED)
        reports.append(SeriesReport(series, year, blocks, len(numbers), revoked, tuple(gaps)))
    return reports
