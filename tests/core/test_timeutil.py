"""Times are stored in UTC and shown in the hall's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from hallwatch.domain.timeutil import (
    format_cn_date,
    format_cn_time,
    hall_zone,
    local_day,
    local_moment,
    to_utc,
)


def test_timeutil_hall_morning_is_utc_night_before() -> None:
    zone = hall_zone("Asia/Shanghai")
    moment = local_moment(date(2026, 3, 9), time(8, 58), zone)
    assert moment == datetime(2026, 3, 9, 0, 58, tzinfo=UTC)
    # 07:30 in the hall is still the previous day in UTC, but the hall's own day counts.
    early = local_moment(date(2026, 3, 9), time(7, 30), zone)
    assert early.date() == date(2026, 3, 8)
    assert local_day(early, zone) == date(2026, 3, 9)


def test_timeutil_naive_times_are_read_as_hall_time() -> None:
    assert to_utc(datetime(2026, 3, 9, 9, 5)) == datetime(2026, 3, 9, 1, 5, tzinfo=UTC)


def test_timeutil_unknown_zone_named() -> None:
    with pytest.raises(ValueError, match="Mars/Olympus"):
        hall_zone("Mars/Olympus")


def test_timeutil_official_formats() -> None:
    assert format_cn_date(date(2026, 3, 9)) == "2026年3月9日"
    assert format_cn_time(time(9, 5)) == "9时05分"
