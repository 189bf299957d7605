"""Translations: English source strings, Simplified Chinese shipped.

The .ts file in resources/translations is the source of truth (edited with
Qt Linguist). Its compiled .qm is used when a build shipped one; a checkout
compiles it on first use into the cache folder with pyside6-lrelease.
"""

from __future__ import annotations

import logging
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from hallwatch.resources import resources_dir

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "zh_CN"


def _compiled(ts_path: Path) -> Path | None:
    shipped = ts_path.with_suffix(".qm")
    if shipped.is_file() and shipped.stat().st_mtime >= ts_path.stat().st_mtime:
        return shipped
    cache = Path(platformdirs.user_cache_dir("HallWatch", appauthor=False)) / "translations"
    target = cache / shipped.name
    if target.is_file() and target.stat().st_mtime >= ts_path.stat().st_mtime:
        return target
    import shutil  # compiling happens once per checkout: not on the start path
    import subprocess

    tool = shutil.which("pyside6-lrelease") or _beside_python("pyside6-lrelease")
    if tool is None:
        log.warning("pyside6-lrelease not found; the UI stays in English")
        return None
    cache.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [tool, "-silent", str(ts_path), "-qm", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not target.is_file():
        log.warning("could not compile %s: %s", ts_path, result.stderr.strip())
        return None
    return target


def _beside_python(name: str) -> str | None:
    import sys

    candidate = Path(sys.executable).with_name(name)
    return str(candidate) if candidate.is_file() else None


def install_translator(
    app: QCoreApplication, language: str = DEFAULT_LANGUAGE
) -> list[QTranslator]:
    """Install every translation file of a language ('en' keeps the source strings)."""
    if language.startswith("en"):
        return []
    # One file per area (shell, board, attendance …), so areas are translated independently.
    installed: list[QTranslator] = []
    for ts_path in sorted((resources_dir() / "translations").glob(f"*_{language}.ts")):
        qm = _compiled(ts_path)
        if qm is None:
            continue
        translator = QTranslator(app)
        if not translator.load(str(qm)):
            log.warning("could not load %s", qm)
            continue
        app.installTranslator(translator)
        installed.append(translator)
    if not installed:
        log.warning("no translation for %s", language)
    QLocale.setDefault(QLocale(language))
    _installed[:] = installed
    return installed


_installed: list[QTranslator] = []


def current_language() -> str:
    """The language the UI speaks now: "zh_CN" while its translations are installed."""
    return QLocale().name() if _installed else "en"


def switch_language(language: str) -> None:
    """Replace the installed translations; every widget gets a LanguageChange event."""
    app = QCoreApplication.instance()
    if app is None:
        return
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language.startswith("en"):
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return
    install_translator(app, language)
