"""The Qt binding in use keeps Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 lost one reference to None per call (QLabel.setText's
result), and a long session died with "deallocating None"; these pin a binding
without that kind of bug. None is immortal from Python 3.12 (PEP 683): its count
never moves there, so the same calls are also counted on objects that are not.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 2000


class _Payload:
    """A plain object: never immortal, and referenced only by the test."""


class _Sender(QObject):
    sent = Signal(object)


@pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="None is immortal from Python 3.12 (PEP 683): a lost reference can neither "
    "be counted nor free it",
)
def test_qt_binding_set_text_keeps_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for number in range(CALLS):
        label.setText(str(number))
    assert sys.getrefcount(None) - before > -100


def test_qt_binding_keeps_passed_objects_alive(qtbot: QtBot) -> None:
    # Counted on every Python: an argument converted to Qt (setText's text), a Python
    # object handed back by Qt (property()), and one carried by a Signal(object), as
    # the workers carry their results to the GUI thread.
    label = QLabel()
    qtbot.addWidget(label)
    text = "".join(["hall ", str(CALLS)])  # built at run time: not interned, not immortal
    payload = _Payload()
    label.setProperty("hallwatch_payload", payload)
    sender = _Sender()
    received: list[int] = []
    sender.sent.connect(lambda value: received.append(1))
    text_before, payload_before = sys.getrefcount(text), sys.getrefcount(payload)
    for _ in range(CALLS):
        label.setText(text)
        label.property("hallwatch_payload")
        sender.sent.emit(payload)
    assert len(received) == CALLS
    assert sys.getrefcount(text) == text_before, "setText lost or kept references to its text"
    assert sys.getrefcount(payload) == payload_before, (
        "property() or Signal(object) lost or kept references to a Python object"
    )
