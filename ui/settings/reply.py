"""Run background work on behalf of a widget (see ui.workers.Reply)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from ui.context import AppContext


def run_for(
    owner: QObject,
    context: AppContext,
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None],
    *,
    write: bool = False,
) -> None:
    """Run fn through the context's pools; answer on the GUI thread while owner lives."""
    context.run(fn, on_done, on_error, write=write, owner=owner)
