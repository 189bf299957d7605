"""Shared fixtures: every test gets its own data folder, settings and caches."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt tests run without a display unless a caller (screenshots under Xvfb) chose otherwise.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hallwatch.storage.database import Database, DataFolder


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    # platformdirs and QSettings follow these, so nothing leaks into the real profile.
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("HALLWATCH_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("HALLWATCH_USER", "tester")


@pytest.fixture
def folder(tmp_path: Path) -> DataFolder:
    return DataFolder(tmp_path / "data")


@pytest.fixture
def db(folder: DataFolder) -> Iterator[Database]:
    database = Database.open(folder)
    yield database
    database.close()
