"""Where the shipped resources (fonts, letter templates, translations) live."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """Return the resources folder: $HALLWATCH_RESOURCES, the checkout's, or the installed one."""
    override = os.environ.get("HALLWATCH_RESOURCES")
    if override:
        return Path(override)
    checkout = Path(__file__).resolve().parents[1] / "resources"
    if checkout.is_dir():
        return checkout
    # A frozen build (PyInstaller) or a data-files install.
    base = Path(getattr(sys, "_MEIPASS", sys.prefix))
    return base / "share" / "hallwatch" / "resources"
