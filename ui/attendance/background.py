"""Run core work for these screens through the context (see AppContext.run)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from ui.base.context import AppContext
from ui.workers import FunctionWorker


def run_job(
    context: AppContext,
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None],
    *,
    owner: QObject | None = None,
    write: bool = False,
) -> FunctionWorker:
    """Run fn off the GUI thread; answer on the GUI thread while owner lives."""
    return context.run(fn, on_done, on_error, write=write, owner=owner)
