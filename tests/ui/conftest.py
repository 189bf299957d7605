"""Qt tests: offscreen (set in the top conftest), and no work left running."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool


@pytest.fixture(autouse=True)
def _application() -> None:
    # As the app runs: translated, and Python's garbage collected on the GUI thread only.
    from ui.app import create_application

    create_application()


@pytest.fixture(autouse=True)
def _thread_pool_idle() -> Iterator[None]:
    yield
    pool = QThreadPool.globalInstance()
    # A test must wait for its own background work; leftovers would touch dead widgets.
    assert pool.waitForDone(5000), "a test left work running in the thread pool"
