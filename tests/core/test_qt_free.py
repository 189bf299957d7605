"""The core never loads Qt: not the client, not the server, not the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

WALK = """
import importlib, json, pkgutil, sys
import hallwatch
names = []
for module in pkgutil.walk_packages(hallwatch.__path__, "hallwatch."):
    if module.name.startswith("hallwatch.storage.migrations."):
        continue  # env.py and revisions are run by Alembic from files, not imported
    importlib.import_module(module.name)
    names.append(module.name)
qt = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6", "ui"))
print(json.dumps({"modules": names, "qt": qt}))
"""


def test_core_imports_no_qt() -> None:
    # A fresh interpreter: this test process may have Qt loaded by pytest-qt.
    result = subprocess.run(
        [sys.executable, "-c", WALK], capture_output=True, text=True, check=True, timeout=120
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["qt"] == []
    # The walk really covered the package, the server and the CLI included.
    assert "hallwatch.storage.models" in report["modules"]
    assert "hallwatch.server.app" in report["modules"]
    assert "hallwatch.cli.main" in report["modules"]
    assert len(report["modules"]) >= 20


def test_cli_command_imports_no_qt(tmp_path: object) -> None:
    code = (
        "import sys; from ui.launcher import main\n"
        "try:\n    main(['deadline', '2026-03-06', '1'])\n"
        "except SystemExit: pass\n"
        "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NOQT')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.splitlines() == ["2026-03-09", "NOQT"]
