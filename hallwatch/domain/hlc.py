"""Hybrid logical clock: orders edits across devices whose clocks disagree.

An HLC is (wall milliseconds, counter, node). It never goes backwards on one
device, stays close to real time, and moves past any timestamp it has seen
from another device. Packed as fixed-width text it sorts correctly as a string,
so the database can compare HLCs without parsing them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

_MAX_COUNTER = 0xFFFF


@dataclass(frozen=True, order=True, slots=True)
class Hlc:
    wall_ms: int
    counter: int
    node: str

    def pack(self) -> str:
        """Return the sortable text form, e.g. '0001732345678901-0000-ab12cd34'."""
        return f"{self.wall_ms:016d}-{self.counter:04x}-{self.node}"

    @classmethod
    def unpack(cls, text: str) -> Hlc:
        """Parse the text form written by pack()."""
        try:
            wall, counter, node = text.split("-", 2)
            return cls(int(wall), int(counter, 16), node)
        except ValueError:
            raise ValueError(f"not a hybrid logical clock value: {text!r}") from None


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


class HlcClock:
    """Issue HLC timestamps for one node (device)."""

    def __init__(
        self, node: str, last: Hlc | None = None, wall: Callable[[], int] = _wall_ms
    ) -> None:
        self.node = node
        self._wall = wall
        self._last = last or Hlc(0, 0, node)

    @property
    def last(self) -> Hlc:
        return self._last

    def now(self) -> Hlc:
        """Return a timestamp later than every one issued or received so far."""
        wall = self._wall()
        if wall > self._last.wall_ms:
            self._last = Hlc(wall, 0, self.node)
        else:
            self._last = self._bump(self._last.wall_ms, self._last.counter)
        return self._last

    def receive(self, remote: Hlc) -> Hlc:
        """Merge a timestamp seen from another node and return the new local one."""
        wall = self._wall()
        top = max(wall, self._last.wall_ms, remote.wall_ms)
        if top == self._last.wall_ms == remote.wall_ms:
            counter = max(self._last.counter, remote.counter)
            self._last = self._bump(top, counter)
        elif top == self._last.wall_ms:
            self._last = self._bump(top, self._last.counter)
        elif top == remote.wall_ms:
            self._last = self._bump(top, remote.counter)
        else:
            self._last = Hlc(top, 0, self.node)
        return self._last

    def _bump(self, wall: int, counter: int) -> Hlc:
        if counter >= _MAX_COUNTER:
            # Counter exhausted within one millisecond: borrow the next one.
            return Hlc(wall + 1, 0, self.node)
        return Hlc(wall, counter + 1, self.node)
