"""Run background work on behalf of a widget (see ui.workers.Reply)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject

from ui.base.context import AppContext

T = TypeVar("T")


def run_for(
    owner: QObject,
    context: AppContext,
    fn: Callable[[], T],
    on_done: Callable[[T], None],
    on_error: Callable[[str], None],
    *,
    write: bool = False,
) -> None:
    """Run fn through the context's pools; answer on the GUI thread while owner lives."""
    context.run(fn, on_done, on_error, write=write, owner=owner)
