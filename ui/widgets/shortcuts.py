"""Keyboard shortcuts that belong to one screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def screen_action(
    screen: QWidget,
    keys: QKeySequence | QKeySequence.StandardKey | Qt.Key | str,
    slot: Callable[[], object],
    name: str = "",
) -> QAction:
    """Add an action whose keys work only while the screen (or a child) has focus.

    Other screens use the same keys (F5, Ctrl+F …) for their own work. The action's
    text is set by the screen's retranslate_ui; `name` makes it findable in tests.
    """
    action = QAction(screen)
    if name:
        action.setObjectName(f"{name}_action")
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    screen.addAction(action)
    return action
