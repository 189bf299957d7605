"""Case, queue and rating metrics of a period (DOMAIN.md, "Lights and case metrics",
"Queue systems", "Ratings"): what each figure counts and how a rate is formed.

`StatsRow` holds the counts and averages that services.stats.metrics reads from the database in
one aggregate query, and derives every rate from them, so that a definition lives in one
place. A rate whose denominator is zero is None (shown as "—"), never an error.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

__all__ = ["StatsRow", "offset_changes", "overlap_minutes", "ratio"]


def ratio(part: int, whole: int) -> float | None:
    """Return part ÷ whole, None when whole is 0."""
    return part / whole if whole else None


@dataclass(frozen=True, slots=True)
class StatsRow:
    """The metrics of one group (hall, unit, window or staff member) over a period.

    The period is a run of the hall's local days, start and end included; "in the period"
    means from local midnight of the first day to local midnight after the last, or to now
    when that is earlier (the *end* of the period). A *ticket* (取号) is any row of the
    cases table that is not deleted; a *case* (办件) is one whose status is accepted,
    paused or finished. A case is *received* when it is accepted (a case with no acceptance
    time, such as a queue ticket finished at the window, when its ticket is taken).

    Counts:
    - tickets: tickets taken in the period (any status). abandoned: those of them abandoned
      (过号/弃号).
    - received: cases received in the period.
    - carried_over (结转): cases received before the period and open at its start (not
      finished before it; a case is finished when its status is finished).
    - finished: cases finished in the period (status finished, finish time in the period).
    - open_at_end: cases received before the end and not finished by then.
    - finished_with_due: finished cases with a promised due date. Due dates are those of
      `report cases`: recomputed from the case's own limits (promised/legal days as the
      approval export gave them, else the service item's when the case came in; never the
      catalogue's today), paused days and extension, on the hall's calendar; the stored
      dates only for a case without limits of its own. A case with neither has no due
      date and is not judged on time or late.
    - on_time: finished on or before the promised due date (hall-local finish day);
      early: finished before it; finished_late = finished_with_due − on_time.
    - open_overdue: open at the end and past the promised due date on the end's local day
      (due before that day), as the red and severe lights of `report cases` then.
    - severe_overdue (严重超期): finished after the legal due date + open at the end past it.
    - rated: finished cases with a rating (whenever it was given); satisfied: rated 4–5
      (非常满意, 满意); bad: rated 1–2 (不满意, 非常不满意, 差评). A bad rating found
      mistaken on appeal (申诉复核, the follow-up's rating_mistaken) is left out of rated
      and bad: the case counts as not rated. The stored rating itself stays.

    Averages (None when nothing is averaged):
    - average_days (平均办结天数): over finished cases, the working days from acceptance to
      finish, the day of acceptance not counted (a case finished on its acceptance day: 0).
    - speed_up_rate (提速率): over finished cases whose service item has a legal limit
      (legal days > 0), the mean of 1 − actual ÷ legal, where actual = the working days
      above minus the case's paused days (the clock stood still; at least 0) and legal =
      the case's own legal days (without an extension). Negative for a case over its limit.
    - average_wait_minutes: over tickets taken in the period and called, call − take.
    - average_service_minutes: over tickets taken in the period, called and with an end of
      service at the window (service_finished_at, the queue export's finish time), end of
      service − call − hold minutes, whatever the service item: the case's own finish
      (finished_at) may come days later and is not service time.
    - pause_minutes (暂停服务): minutes the group's windows were paused during opening
      hours (the hall's schedule) on working days in the period, up to now; None for a
      staff member (pauses belong to windows) or when the hall has no schedule.
    """

    key: uuid.UUID | None
    code: str
    name: str
    tickets: int = 0
    abandoned: int = 0
    received: int = 0
    carried_over: int = 0
    finished: int = 0
    open_at_end: int = 0
    finished_with_due: int = 0
    on_time: int = 0
    early: int = 0
    open_overdue: int = 0
    severe_overdue: int = 0
    rated: int = 0
    satisfied: int = 0
    bad: int = 0
    average_days: float | None = None
    speed_up_rate: float | None = None
    average_wait_minutes: float | None = None
    average_service_minutes: float | None = None
    pause_minutes: float | None = None

    @property
    def finished_late(self) -> int:
        """Finished after the promised due date."""
        return self.finished_with_due - self.on_time

    @property
    def overdue(self) -> int:
        """超期件 = finished late + open past the promised due date at the end."""
        return self.finished_late + self.open_overdue

    @property
    def finish_rate(self) -> float | None:
        """办结率 = finished ÷ (received + carried over)."""
        return ratio(self.finished, self.received + self.carried_over)

    @property
    def on_time_rate(self) -> float | None:
        """按时办结率 = finished by the promised date ÷ finished (with a due date)."""
        return ratio(self.on_time, self.finished_with_due)

    @property
    def early_rate(self) -> float | None:
        """提前办结率 = finished before the promised date ÷ finished (with a due date)."""
        return ratio(self.early, self.finished_with_due)

    @property
    def abandon_rate(self) -> float | None:
        """弃号率 = abandoned ÷ tickets taken."""
        return ratio(self.abandoned, self.tickets)

    @property
    def participation_rate(self) -> float | None:
        """参评率 = rated ÷ finished."""
        return ratio(self.rated, self.finished)

    @property
    def satisfaction_rate(self) -> float | None:
        """满意率 = rated 4–5 ÷ rated; 基本满意 (3) is neither satisfied nor bad.

        DOMAIN.md names the rate without a formula; halls that count 基本满意 as satisfied
        (好评率) get 1 − 差评率 instead.
        """
        return ratio(self.satisfied, self.rated)

    @property
    def bad_rating_rate(self) -> float | None:
        """差评率 = rated 1–2 ÷ rated."""
        return ratio(self.bad, self.rated)


def offset_changes(zone: tzinfo, first: datetime, last: datetime) -> list[tuple[datetime, int]]:
    """Return the zone's UTC offsets in whole minutes over [first, last]: (since, minutes).

    The first item holds from `first` (and is the best guess before it); each later one
    from the exact instant of a change (daylight saving), found to the second.
    """
    if first.tzinfo is None or last.tzinfo is None:
        raise ValueError("naive datetime: pass aware moments")

    def minutes(moment: datetime) -> int:
        offset = moment.astimezone(zone).utcoffset() or timedelta(0)
        return int(offset.total_seconds() // 60)

    first, last = first.astimezone(UTC), last.astimezone(UTC)
    changes = [(first, minutes(first))]
    step = timedelta(days=1)  # no zone changes its offset twice within a day
    probe = first
    while probe < last:
        following = min(probe + step, last)
        after = minutes(following)
        if after != changes[-1][1]:
            low, high = probe, following  # offset(low) is the old one, offset(high) the new
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if minutes(middle) == after:
                    high = middle
                else:
                    low = middle
            changes.append((high.replace(microsecond=0), after))
        probe = following
    return changes


def overlap_minutes(
    intervals: Iterable[tuple[datetime, datetime]], spans: Sequence[tuple[datetime, datetime]]
) -> float:
    """Return the minutes that intervals share with spans (spans must not overlap)."""
    total = timedelta(0)
    for begin, finish in intervals:
        for span_begin, span_end in spans:
            low, high = max(begin, span_begin), min(finish, span_end)
            if high > low:
                total += high - low
    return total.total_seconds() / 60
