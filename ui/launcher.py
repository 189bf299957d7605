"""The `hallwatch` console script: commands go to the core, no command opens the app.

Qt is imported only when the app opens, so `hallwatch info` and friends start
fast and work on a machine without a display.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from hallwatch.cli.main import main as cli_main
from hallwatch.storage.folder import DataFolder

if TYPE_CHECKING:
    from hallwatch.cli.printing import Printing


def open_app(folder: DataFolder) -> int:
    """Open the desktop app on a data folder; return its exit code."""
    # What the first screen needs from the core, before Qt: once PySide6 is loaded it
    # reads the source of every module imported after it (its __feature__ check).
    import concurrent.futures  # noqa: F401

    import hallwatch.services.attendance.board  # noqa: F401
    from ui.app import run_app

    return run_app(folder)


def printing() -> Printing:
    """The system's printers through Qt, for `letter print` and `printers` (Qt loads here)."""
    from ui.letters.print_command import QtPrinting

    return QtPrinting()


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point."""
    sys.exit(cli_main(argv, open_app=open_app, printing=printing))
