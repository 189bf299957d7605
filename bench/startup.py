"""startup: from `hallwatch` starting to an interactive main window with the board drawn.

Against a bare PySide6 QMainWindow started the same way in the same run (issue 3:
at most 2× its time). Each start is a fresh process, timed from just before it is
spawned to the moment the window has painted — for HallWatch, painted with the
board's cards, which are loaded in the background from the demo hall of this run.
The QSettings of the runs live in a scratch folder, so no saved geometry or
language is read from the user's profile. Median of RUNS starts each.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from bench.board import demo_folder
from bench.runner import Context, Figure

RUNS = 5
TARGET_RATIO = 0.5  # HallWatch within 2× the bare window

BARE = """
import sys, time
t0 = float(sys.argv[1])
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("HallWatch"))
window.resize(1280, 800)
window.show()
window.repaint()
app.processEvents()
print(time.time() - t0)
"""

HALLWATCH = """
import sys, time
t0 = float(sys.argv[1])
from pathlib import Path
from PySide6.QtCore import QTimer
from hallwatch.storage.database import DataFolder
from ui.app import create_application, open_main_window
app = create_application()
window = open_main_window(DataFolder(Path(sys.argv[2])))
board = window.page("board")

def check():
    if board.cards():
        window.repaint()
        app.processEvents()
        print(time.time() - t0)
        window.close()
        app.quit()
    else:
        QTimer.singleShot(1, check)

QTimer.singleShot(0, check)
app.exec()
window.context.wait_idle()
"""


def _start(code: str, *args: str, env: dict[str, str]) -> float:
    t0 = time.time()
    result = subprocess.run(
        [sys.executable, "-c", code, repr(t0), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=True,
    )
    return float(result.stdout.strip().splitlines()[-1]) * 1000


def run(context: Context) -> Iterator[Figure]:
    folder = demo_folder(context)
    home = context.scratch("startup-home")
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(Path(home) / ".config"),
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
    }
    # One start of each first, so both read their files from the page cache.
    _start(BARE, env=env)
    _start(HALLWATCH, str(folder.root), env=env)
    bare = statistics.median(_start(BARE, env=env) for _ in range(RUNS))
    ours = statistics.median(_start(HALLWATCH, str(folder.root), env=env) for _ in range(RUNS))
    ratio = bare / ours
    yield Figure(
        name="startup.board_drawn_ms",
        value=ours,
        unit="ms",
        raw=bare,
        ratio=ratio,
        target=f"≥ {TARGET_RATIO} (≤ 2× bare QMainWindow)",
        holds=ratio >= TARGET_RATIO,
    )
