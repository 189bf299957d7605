"""Row ids sort by creation time; the hybrid logical clock never runs backwards."""

from __future__ import annotations

import time

from hallwatch.domain.hlc import Hlc, HlcClock
from hallwatch.domain.ids import uuid7, uuid7_at, uuid7_time_ms


def test_uuid7_is_version_7_and_time_ordered() -> None:
    ids = [uuid7() for _ in range(5000)]
    assert all(value.version == 7 for value in ids)
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert abs(uuid7_time_ms(ids[0]) - time.time() * 1000) < 5000


def test_uuid7_at_is_deterministic() -> None:
    assert uuid7_at(1_700_000_000_000, 12345) == uuid7_at(1_700_000_000_000, 12345)
    assert uuid7_at(1_700_000_000_000, 1).version == 7
    assert uuid7_time_ms(uuid7_at(1_700_000_000_000, 1)) == 1_700_000_000_000


def test_hlc_text_sorts_like_the_clock() -> None:
    a, b, c = Hlc(5, 0, "a"), Hlc(5, 1, "a"), Hlc(10_000, 0, "a")
    assert sorted([c.pack(), a.pack(), b.pack()]) == [a.pack(), b.pack(), c.pack()]
    assert Hlc.unpack(b.pack()) == b


def test_hlc_survives_clock_going_back() -> None:
    wall = [1000]
    clock = HlcClock("dev", wall=lambda: wall[0])
    first = clock.now()
    wall[0] = 10  # the device's clock was set back
    second = clock.now()
    assert second > first
    assert second.wall_ms == 1000


def test_hlc_receive_moves_past_remote() -> None:
    clock = HlcClock("dev", wall=lambda: 1000)
    remote = Hlc(5000, 3, "server")
    merged = clock.receive(remote)
    assert (merged.wall_ms, merged.counter) == (5000, 4)
    assert clock.now() > merged


def test_hlc_text_fits_its_columns() -> None:
    from hallwatch.storage.models import Base

    longest = Hlc(2**53, 0xFFFF, str(uuid7())).pack()
    for table, column in (("sync_outbox", "hlc"), ("cases", "updated_hlc")):
        length = Base.metadata.tables[table].c[column].type.length  # type: ignore[attr-defined]
        assert len(longest) <= length
