"""startup: from `hallwatch` starting to an interactive main window with the board drawn.

Against a bare PySide6 QMainWindow started the same way in the same run (issue 3:
at most 2x its time). Each start is a fresh process, timed from just before it is
spawned to the moment the window has painted. HallWatch goes the way the
`hallwatch` console script goes (ui.launcher.main, with its argument parsing),
on the demo hall of this run; a probe wrapped around ui.app.open_main_window
repaints the window and reports the moment the board's cards are in its model.

Both kinds of start run with compiled bytecode, as an installed program does:
the runs share a bytecode cache in a scratch folder (PYTHONPYCACHEPREFIX), which
the first, untimed start of each fills. The QSettings of the runs live in a
scratch folder, so no saved geometry or language is read from the user's
profile. Median of RUNS starts each.
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
import ui.launcher  # what the `hallwatch` script imports first
import ui.app
from PySide6.QtCore import QTimer

opened = ui.app.open_main_window


def probe(folder, now=None):
    window = opened(folder)
    board = window.page("board")

    def drawn():
        if board.cards() and window.isVisible():
            window.repaint()
            print(time.time() - t0, "sqlalchemy" in sys.modules, flush=True)
            QTimer.singleShot(0, window.close)  # once the event loop runs

    if board.cards():  # read before the window showed
        drawn()
    else:
        board.model.modelReset.connect(drawn)
        board.model.dataChanged.connect(drawn)
    return window


ui.app.open_main_window = probe
ui.launcher.main(["--data-dir", sys.argv[2]])
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
    return float(result.stdout.strip().splitlines()[-1].split()[0]) * 1000


def run(context: Context) -> Iterator[Figure]:
    folder = demo_folder(context)
    home = context.scratch("startup-home")
    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "PYTHONPYCACHEPREFIX": str(context.scratch("startup-bytecode")),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(Path(home) / ".config"),
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
    }
    # One untimed start of each first: the page cache, the bytecode and the compiled
    # translations are then what an installed program that ran before has.
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
