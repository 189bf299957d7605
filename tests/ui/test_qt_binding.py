"""The Qt binding in use keeps Python's reference counts straight."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_qt_binding_set_text_keeps_none_alive(qtbot: QtBot) -> None:
    # PySide6 6.12.0 on Python 3.11 lost one reference to None per call, and a long
    # session died with "deallocating None"; this pins a binding without that bug.
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for number in range(2000):
        label.setText(str(number))
    assert sys.getrefcount(None) - before > -100
