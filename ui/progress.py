"""The progress dialog of a long piece of work (an import, an export) that can be cancelled."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

# Progress is given in thousandths: smooth enough, and an int for QProgressDialog.
STEPS = 1000


def open_work_progress(
    parent: QWidget,
    *,
    name: str,
    title: str,
    label: str,
    cancel: str,
    on_cancel: Callable[[], None],
) -> QProgressDialog:
    """Show a progress dialog at once, from 0 to STEPS; its Cancel button calls on_cancel.

    Not modal: a modal progress dialog runs a nested event loop in setValue, where the
    work's answer could arrive and close the dialog under its own feet. The caller
    disables what must not be used while the work runs.
    """
    progress = QProgressDialog(parent)
    progress.setObjectName(name)
    progress.setWindowModality(Qt.WindowModality.NonModal)
    progress.setRange(0, STEPS)
    progress.setMinimumDuration(0)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.setWindowTitle(title)
    progress.setLabelText(label)
    progress.setCancelButtonText(cancel)
    progress.canceled.connect(on_cancel)
    progress.setValue(0)
    progress.show()
    return progress
