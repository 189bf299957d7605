"""看板: every window of the hall with its state now, counts on top, quick actions per card.

The board is computed by the core (hallwatch.services.attendance.board.board_state) in the read
pool, every REFRESH_INTERVAL_MS and after every change; a result that arrives after a newer
request was made is dropped. The unit and state filters work on the last result, so
they answer at once. A hidden board (another screen shown) only notes that it is stale
and refreshes when it is shown again.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hallwatch.domain.errors import HallWatchError
from hallwatch.services.attendance.board import Board, WindowCard, WindowState, board_state
from hallwatch.storage import direct
from hallwatch.storage.queries import hall as hall_queries
from ui.attendance.background import run_job
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.board.board_card_model import BoardCardModel
from ui.board.board_grid import BoardGrid
from ui.board.board_states import STATE_ORDER, STYLES, MarkAction, state_word
from ui.board.quick_actions_menu import QuickActionsMenu
from ui.widgets.hall_time import zone_of
from ui.widgets.shortcuts import screen_action
from ui.widgets.style import error_label
from ui.widgets.unit_filter import UnitFilter

if TYPE_CHECKING:
    from ui.board.mark_dialog import MarkDialog

REFRESH_INTERVAL_MS = 30_000
# Tables whose changes can alter a card.
WATCHED_TABLES = frozenset(
    {
        "attendance_events",
        "leaves",
        "window_events",
        "windows",
        "window_assignments",
        "staff",
        "units",
        "schedules",
        "holidays",
        "settings",
    }
)


def _chip_style(state: WindowState | None) -> str:
    if state is None:
        accent, face = "#455a64", "#eceff1"
    else:
        style = STYLES[state]
        accent, face = style.accent.name(), style.background.name()
    return (
        f"QToolButton {{ border: 1px solid {accent}; border-radius: 12px; padding: 3px 10px;"
        f" background: {face}; color: {accent}; font-weight: bold; }}"
        f" QToolButton:checked {{ background: {accent}; color: white; }}"
        f" QToolButton:focus {{ border-width: 2px; }}"
    )


class BoardView(Retranslated, QWidget):
    """The hall board screen."""

    show_alerts_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.board: Board | None = None
        self._generation = 0
        self._units_generation = 0
        self._stale = False
        self.menu: QuickActionsMenu | None = None
        self.dialog: MarkDialog | None = None

        # --- counts and state filter: one chip per state --------------------------------
        self.all_chip = QToolButton(self)
        self.all_chip.setObjectName("chip_all")
        self.all_chip.setCheckable(True)
        self.all_chip.setChecked(True)
        self.all_chip.setStyleSheet(_chip_style(None))
        self.all_chip.clicked.connect(self._on_all_chip)
        self.chips: dict[WindowState, QToolButton] = {}
        chips = QHBoxLayout()
        chips.setSpacing(6)
        chips.addWidget(self.all_chip)
        for state in STATE_ORDER:
            chip = QToolButton(self)
            chip.setObjectName(f"chip_{state.value}")
            chip.setCheckable(True)
            chip.setStyleSheet(_chip_style(state))
            chip.clicked.connect(lambda _checked=False: self._on_state_chip())
            chips.addWidget(chip)
            self.chips[state] = chip
        chips.addStretch(1)

        # --- unit filter, time, refresh -------------------------------------------------
        self.unit_label = QLabel(self)
        self.unit = UnitFilter(self)
        self.unit.setObjectName("unit")
        self.unit.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.unit_label.setBuddy(self.unit)
        self.updated = QLabel(self)
        self.updated.setObjectName("updated")
        self.note = QLabel(self)
        self.note.setObjectName("note")
        self.note.setStyleSheet("color: #616161; font-weight: bold")
        self.refresh_action = screen_action(self, "F5", self.refresh, "refresh")
        self.refresh_button = QToolButton(self)
        self.refresh_button.setObjectName("refresh_button")
        self.refresh_button.setDefaultAction(self.refresh_action)
        bar = QHBoxLayout()
        bar.addWidget(self.unit_label)
        bar.addWidget(self.unit)
        bar.addSpacing(12)
        bar.addWidget(self.note)
        bar.addStretch(1)
        bar.addWidget(self.updated)
        bar.addWidget(self.refresh_button)

        # --- the grid -----------------------------------------------------------------------
        self.model = BoardCardModel(self)
        self.model.zone = zone_of(context)
        self.grid = BoardGrid(self.model, self)
        self.grid.setObjectName("board_grid")
        self.grid.card_activated.connect(self._on_card_activated)
        self.setFocusProxy(self.grid)
        self.message = error_label(self)
        # Alerts waiting to be acknowledged (raised by the main window's scanner).
        self.alerts_bar = QWidget(self)
        self.alerts_bar.setObjectName("alerts_bar")
        self.alerts_bar.setStyleSheet(
            "QWidget#alerts_bar { background: #fff3e0; border: 1px solid #ef6c00;"
            " border-radius: 4px; }"
        )
        self.alerts_text = QLabel(self.alerts_bar)
        self.alerts_text.setObjectName("alerts_text")
        self.alerts_text.setStyleSheet("color: #e65100; font-weight: bold")
        self.alerts_button = QToolButton(self.alerts_bar)
        self.alerts_button.setObjectName("alerts_button")
        self.alerts_button.clicked.connect(lambda _c=False: self.show_alerts_requested.emit())
        alerts_row = QHBoxLayout(self.alerts_bar)
        alerts_row.setContentsMargins(8, 4, 8, 4)
        alerts_row.addWidget(self.alerts_text, 1)
        alerts_row.addWidget(self.alerts_button)
        self.alerts_bar.hide()
        self.alerts: tuple[int, list[str]] = (0, [])

        layout = QVBoxLayout(self)
        layout.addLayout(chips)
        layout.addLayout(bar)
        layout.addWidget(self.alerts_bar)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.message)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_INTERVAL_MS)
        self.timer.timeout.connect(self._on_timer)
        self.timer.start()
        context.data_changed.connect(self._on_data_changed)
        context.hall_changed.connect(self._on_hall_changed)
        self.retranslate_ui()
        self._first_load()
        self.grid.viewport().installEventFilter(self)

    # --- texts ----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.unit_label.setText(self.tr("&Unit:"))
        self.refresh_action.setText(self.tr("&Refresh"))
        self.refresh_action.setToolTip(self.tr("Refresh the board now (F5)"))
        self.all_chip.setToolTip(self.tr("Show every window"))
        for state, chip in self.chips.items():
            chip.setToolTip(self.tr("Show only windows in this state (click again to show all)"))
            chip.setAccessibleName(state_word(state))
        self.alerts_button.setText(self.tr("See alerts"))
        self._update_alerts()
        self.grid.empty_text = self.tr("No windows to show.")
        self.grid.other_zone_text = self.tr("Other windows")
        self._update_counts()
        self._update_status()
        self.grid.relayout()

    # --- what tests and the shell use -----------------------------------------------------

    def cards(self) -> list[WindowCard]:
        """Return the cards shown (after the filters), in zone and number order."""
        return list(self.model.cards)

    def card(self, number: str) -> WindowCard | None:
        """Return the shown card of a window by its number."""
        return next((c for c in self.model.cards if c.number == number), None)

    def state_text(self, number: str) -> str:
        """Return the state word a window's card shows ('' when it is not shown)."""
        found = self.card(number)
        return state_word(found.state) if found else ""

    def count_text(self, state: WindowState) -> str:
        return self.chips[state].text()

    # --- loading --------------------------------------------------------------------------

    def _first_load(self) -> None:
        """Read the first board here, so the window shows with its cards.

        One direct read of a few milliseconds (bench board: about 6 ms for 60 windows)
        on the GUI thread, once, before the window is shown; every later refresh runs in
        the read pool. If it fails, the background refresh tries again and says why.
        """
        hall = self.context.hall
        if hall is not None:
            try:
                with self.context.direct() as conn:
                    units = hall_queries.units(conn, hall.id)
                    board = board_state(conn, hall.id, self.context.now())
                    self._on_alerts(direct.open_alerts(conn, hall.id))
            except (HallWatchError, sqlite3.Error):
                pass
            else:
                self._on_units_loaded(self._units_generation, units)
                self._on_loaded(self._generation, board)
                return
        self.refresh_units()
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.grid.viewport() and self.board:
            # The board is on screen: now load the rest of the database in the
            # background (it holds the GIL for ~0.25 s: not while the board is drawn).
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.context.open_database)
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        """Ask the core for the board now; a newer request makes older answers void."""
        self._generation += 1
        generation = self._generation
        self._stale = False
        hall = self.context.hall
        if hall is None:
            self._on_loaded(generation, None)
            return
        context, at = self.context, self.context.now()

        def load() -> Board:
            # Direct reads: the first board does not wait for the ORM to load.
            with context.direct() as conn:
                return board_state(conn, hall.id, at)

        run_job(
            self.context,
            load,
            lambda board: self._on_loaded(generation, board),
            self._on_failed,
            owner=self,
        )

    def _on_loaded(self, generation: int, board: Board | None) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self.board = board
        self.message.hide()
        self.apply_filters()
        self._update_status()

    def _on_failed(self, message: str) -> None:
        if not shiboken6.isValid(self):
            return
        self.message.setText(self.tr("Could not refresh the board: %1").replace("%1", message))
        self.message.show()

    def refresh_units(self) -> None:
        hall = self.context.hall
        self._units_generation += 1
        generation = self._units_generation
        if hall is None:
            self._on_units_loaded(generation, [])
            return
        context = self.context

        def load() -> list[tuple[uuid.UUID, str, str]]:
            with context.direct() as conn:
                return hall_queries.units(conn, hall.id)

        run_job(
            self.context,
            load,
            lambda units: self._on_units_loaded(generation, units),
            self._on_failed,
            owner=self,
        )

    def _on_units_loaded(self, generation: int, units: list[tuple[uuid.UUID, str, str]]) -> None:
        if not shiboken6.isValid(self) or generation != self._units_generation:
            return
        self.unit.set_units([(unit_id, name) for unit_id, name, _short in units])
        self.model.set_unit_names({uid: short or name for uid, name, short in units})
        self.apply_filters()

    def _on_timer(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def refresh_alerts(self) -> None:
        hall, context = self.context.hall, self.context
        if hall is None:
            self._on_alerts((0, []))
            return

        def load() -> tuple[int, list[str]]:
            with context.direct() as conn:
                return direct.open_alerts(conn, hall.id)

        run_job(self.context, load, self._on_alerts, self._on_failed, owner=self)

    def _on_alerts(self, summary: tuple[int, list[str]]) -> None:
        self.alerts = summary
        self._update_alerts()

    def _update_alerts(self) -> None:
        count, titles = self.alerts
        self.alerts_bar.setVisible(count > 0)
        if count:
            self.alerts_text.setText(
                self.tr("%1 alerts to acknowledge: %2")
                .replace("%1", str(count))
                .replace("%2", "；".join(titles))
            )

    def _on_data_changed(self, tables: Any) -> None:
        changed = set(tables)
        if "alerts" in changed:
            self.refresh_alerts()
        if "units" in changed:
            self.refresh_units()
        if changed & WATCHED_TABLES:
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def _on_hall_changed(self, _hall: object) -> None:
        self.model.zone = zone_of(self.context)
        self.refresh_alerts()
        self.refresh_units()
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # --- filters --------------------------------------------------------------------------

    def unit_id(self) -> uuid.UUID | None:
        return self.unit.unit_id()

    def chosen_states(self) -> set[WindowState]:
        return {state for state, chip in self.chips.items() if chip.isChecked()}

    def set_state_filter(self, states: set[WindowState]) -> None:
        for state, chip in self.chips.items():
            chip.setChecked(state in states)
        self.all_chip.setChecked(not states)
        self.apply_filters()

    def _on_all_chip(self) -> None:
        self.set_state_filter(set())

    def _on_state_chip(self) -> None:
        self.all_chip.setChecked(not self.chosen_states())
        self.apply_filters()

    def _unit_cards(self) -> list[WindowCard]:
        if self.board is None:
            return []
        unit_id = self.unit_id()
        return [c for c in self.board.cards if unit_id is None or c.unit_id == unit_id]

    def apply_filters(self) -> None:
        """Show the last board's cards of the chosen unit and states; recount."""
        states = self.chosen_states()
        cards = [c for c in self._unit_cards() if not states or c.state in states]
        self.model.set_cards(cards)
        self._update_counts()

    def _update_counts(self) -> None:
        cards = self._unit_cards()
        counts = dict.fromkeys(WindowState, 0)
        for card in cards:
            counts[card.state] += 1
        self.all_chip.setText(self.tr("All %1").replace("%1", str(len(cards))))
        for state, chip in self.chips.items():
            chip.setText(f"{state_word(state)} {counts[state]}")

    def _update_status(self) -> None:
        board = self.board
        if board is None:
            self.updated.setText("")
            self.note.setText("")
            return
        at: datetime = board.at.astimezone(zone_of(self.context))
        self.updated.setText(self.tr("Updated %1").replace("%1", at.strftime("%H:%M:%S")))
        # The core's reason why the whole hall is closed now (午休, 已下班, a holiday …).
        self.note.setText(board.note)

    # --- quick actions --------------------------------------------------------------------

    def open_quick_actions(self, card: WindowCard, pos: QPoint | None = None) -> QuickActionsMenu:
        """Pop up a card's quick actions (not modal: the board keeps refreshing)."""
        if self.menu is not None and shiboken6.isValid(self.menu):
            self.menu.close()
            self.menu.deleteLater()
        menu = QuickActionsMenu(card, self)
        menu.chosen.connect(self._on_action_chosen)
        self.menu = menu
        if pos is None:
            rect = self.grid.card_rect(card.window_id)
            center = rect.center() if rect is not None else QPoint(0, 0)
            pos = self.grid.viewport().mapToGlobal(center)
        menu.popup(pos)
        return menu

    def _on_card_activated(self, card: WindowCard, pos: QPoint) -> None:
        self.open_quick_actions(card, pos)

    def _on_action_chosen(self, card: WindowCard, mark: MarkAction) -> None:
        self.open_mark_dialog(card, mark)

    def open_mark_dialog(self, card: WindowCard, mark: MarkAction) -> MarkDialog:
        """Ask for the time and note of a quick action, then record it."""
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.close()
            self.dialog.deleteLater()
        from ui.board.mark_dialog import MarkDialog  # the ORM: not before the board

        dialog = MarkDialog(self.context, card, mark, self)
        self.dialog = dialog
        dialog.open()
        return dialog
