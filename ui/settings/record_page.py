"""What every set-up list shares: a table, an editor form, New / Save / Cancel / Remove."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallwatch.domain.errors import FieldError, HallWatchError
from hallwatch.domain.timeutil import hall_zone
from hallwatch.storage.session import Session
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.settings.error_text import ErrorText
from ui.settings.reply import run_for
from ui.settings.rows_table_model import Column, RowsTableModel, RowT
from ui.widgets.form_fields import FormFields
from ui.widgets.style import ERROR_STYLE
from ui.workers import Failure, guarded

# What a page's form reads (read_form) and its create and update take.
DraftT = TypeVar("DraftT")
# What a load brings for the form besides the rows (its choices: units …; None when none).
ExtraT = TypeVar("ExtraT")
# What a load needs from the page's own controls (the year …; None when nothing).
ParamsT = TypeVar("ParamsT")
# What create and update return (the row, mostly; result_row finds the row in it).
ResultT = TypeVar("ResultT")
T = TypeVar("T")


def need_hall(hall_id: uuid.UUID | None) -> uuid.UUID:
    """Return the hall of a page with needs_hall, which never loads or writes without one."""
    if hall_id is None:
        raise RuntimeError("a set-up page that needs a hall ran without one")
    return hall_id


class RecordPage(Retranslated, QWidget, Generic[RowT, DraftT, ExtraT, ParamsT, ResultT]):
    """One kind of set-up row: the table of them and the form that adds, edits, removes.

    Owns no thread: loads run on the context's read pool and changes on its write pool
    (the methods `load`, `create_row`, `update_row` and `remove_row` run there and touch
    no widget). Answers come back through a Reply owned by the page, so a page that is
    gone is never called; a load that finishes after a newer one started is dropped.
    Nothing is saved until the service accepts the whole form: a FieldError rolls the
    transaction back and is shown under its input. Most pages subclass PlainRecordPage.
    """

    # A change to any of these tables reloads the page (its own saves among them).
    tables: frozenset[str] = frozenset()
    can_create = True
    can_remove = True
    # True: removing means deactivating (the row stays listed, greyed).
    removal_deactivates = False
    needs_hall = True

    saved = Signal(object)
    removed = Signal(object)
    loaded = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.error_text = ErrorText(self)
        self.model: RowsTableModel[RowT] = RowsTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.form_title = QLabel(self)
        self.form_title.setObjectName("form_title")
        font = self.form_title.font()
        font.setBold(True)
        self.form_title.setFont(font)
        self.form_widget = QWidget(self)
        self.form_layout = QFormLayout(self.form_widget)
        self.form_layout.setContentsMargins(0, 0, 0, 0)
        self.fields = FormFields(self.form_layout, self._on_edited)
        self.form_error = QLabel(self)
        self.form_error.setObjectName("form_error")
        self.form_error.setStyleSheet(ERROR_STYLE)
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)

        self.new_button = QPushButton(self)
        self.new_button.setObjectName("new_button")
        self.new_button.clicked.connect(self.new_record)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save_button")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.clicked.connect(self.cancel)
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("remove_button")
        self.remove_button.clicked.connect(self.remove_selected)
        self.new_button.setVisible(self.can_create)
        self.remove_button.setVisible(self.can_remove)
        # Delete acts on the list only: in an input it deletes characters.
        self.delete_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        self.delete_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_shortcut.activated.connect(self.remove_selected)

        # Pages add their own controls (year, filters …) to this bar.
        self.toolbar = QHBoxLayout()
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.cancel_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        panel = QVBoxLayout()
        panel.addWidget(self.form_title)
        panel.addWidget(self.form_widget)
        panel.addWidget(self.form_error)
        panel.addLayout(buttons)
        panel.addStretch(1)
        panel.addWidget(self.status)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addLayout(panel, 2)
        self.page_layout = QVBoxLayout(self)
        self.page_layout.addLayout(self.toolbar)
        self.page_layout.addLayout(body, 1)

        self._editing_id: uuid.UUID | None = None
        self._select_after_load: uuid.UUID | None = None
        self._dirty = False
        self._filling = False
        self._busy = False
        self._loading = False
        self._stale = True
        self._serial = 0
        self.build_form()
        context.data_changed.connect(self._on_data_changed)
        context.hall_changed.connect(self._on_hall_changed)
        self.retranslate_ui()
        self.fill_form(None)
        self._update_buttons()

    # --- for subclasses -------------------------------------------------------------

    def build_form(self) -> None:
        """Create the inputs with self.fields.add()."""

    def columns(self) -> list[Column[RowT]]:
        """Return the table's columns, headers translated."""
        return []

    def retranslate_form(self) -> None:
        """Set the texts of the form's labels and of the page's own controls."""

    def load(
        self, session: Session, hall_id: uuid.UUID | None, params: ParamsT
    ) -> tuple[list[RowT], ExtraT]:
        """Return (rows, extra) for the table and the form's choices (worker thread)."""
        raise NotImplementedError

    def load_params(self) -> ParamsT:
        """Return what a load needs from the widgets (read on the GUI thread)."""
        raise NotImplementedError  # PlainRecordPage: nothing

    def apply_extra(self, extra: ExtraT) -> None:
        """Take the form's choices (units …) from a finished load."""

    def fill_form(self, row: RowT | None) -> None:
        """Show row in the form, or the defaults of a new one."""

    def read_form(self) -> DraftT:
        """Return the draft the form holds; may raise FieldError for what cannot be read."""
        raise NotImplementedError

    def create_row(self, session: Session, hall_id: uuid.UUID | None, draft: DraftT) -> ResultT:
        raise NotImplementedError

    def update_row(
        self,
        session: Session,
        hall_id: uuid.UUID | None,
        row_id: uuid.UUID,
        draft: DraftT,
        today: date,
    ) -> ResultT:
        raise NotImplementedError

    def remove_row(
        self, session: Session, hall_id: uuid.UUID | None, row_id: uuid.UUID, today: date
    ) -> RowT:
        raise NotImplementedError

    def describe_row(self, row: RowT) -> str:
        """A short name of a row for titles and questions (e.g. the window number)."""
        return ""

    def new_title(self) -> str:
        return ""

    def result_row(self, result: ResultT) -> RowT:
        """Return the row inside what create/update returned."""
        raise NotImplementedError  # PlainRecordPage: the result is the row

    def after_save(self, result: ResultT, created: bool) -> None:
        """React to a save (the hall page updates the context's hall)."""

    # --- state ----------------------------------------------------------------------

    @property
    def editing_id(self) -> uuid.UUID | None:
        return self._editing_id

    def is_idle(self) -> bool:
        """Tell whether no load or change of this page is under way."""
        return not self._busy and not self._loading

    def hall_id(self) -> uuid.UUID | None:
        return self.context.hall.id if self.context.hall is not None else None

    def hall_today(self) -> date:
        hall = self.context.hall
        zone = hall_zone(hall.timezone if hall is not None else None)
        return self.context.now().astimezone(zone).date()

    def selected_row(self) -> RowT | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    # --- loading --------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the rows in the background (and keep the selection)."""
        self._stale = False
        if self.needs_hall and self.context.hall is None:
            self.model.set_rows([])
            self._show_form_error(
                QCoreApplication.translate("RecordPage", "There is no hall yet: create one first.")
            )
            self._update_buttons()
            return
        self._serial += 1
        serial = self._serial
        self._loading = True
        hall_id, params, context = self.hall_id(), self.load_params(), self.context

        def work() -> tuple[list[RowT], ExtraT]:
            with context.db.read() as session:
                return self.load(session, hall_id, params)

        run_for(
            self,
            self.context,
            guarded(work),
            lambda result: self._on_loaded(serial, result),
            lambda message: self._on_load_failed(serial, message),
        )

    def invalidate(self) -> None:
        """Load again when next shown."""
        self._stale = True

    def _on_loaded(self, serial: int, result: tuple[list[RowT], ExtraT] | Failure) -> None:
        if serial != self._serial:
            return  # a newer load is under way
        self._loading = False
        if isinstance(result, Failure):
            self._show_form_error(self.error_text.describe(result.error))
            self.loaded.emit()
            return
        rows, extra = result
        keep = self._select_after_load or self._editing_id
        self._select_after_load = None
        self._filling = True
        try:
            self.apply_extra(extra)
        finally:
            self._filling = False
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        position = self.model.find(keep) if keep is not None else -1
        if position >= 0:
            if self._dirty:
                # Keep what is being typed: select the row without refilling the form.
                blocker = self.table.selectionModel().blockSignals(True)
                self.table.selectRow(position)
                self.table.selectionModel().blockSignals(blocker)
            else:
                self.table.selectRow(position)
                row = self.model.row_at(position)
                if row is not None:  # it is there: found just above
                    self._edit(row)
        elif keep is not None:
            self._to_new(focus=False)  # the row went away (removed elsewhere)
        self._update_buttons()
        self.loaded.emit()

    def _on_load_failed(self, serial: int, message: str) -> None:
        if serial != self._serial:
            return
        self._loading = False
        self._show_form_error(self.error_text.describe(message))
        self.loaded.emit()

    def _on_data_changed(self, tables: object) -> None:
        if not isinstance(tables, set | frozenset) or not tables & self.tables:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _on_hall_changed(self, _hall: object) -> None:
        self._editing_id = None
        self._dirty = False
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # --- editing --------------------------------------------------------------------

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.selected_row()
        if row is not None:
            self._edit(row)

    def _edit(self, row: RowT) -> None:
        self._editing_id = row.id
        self._fill(row)
        self.form_title.setText(self.describe_row(row))

    def _fill(self, row: RowT | None) -> None:
        self.fields.clear_errors()
        self._hide_form_error()
        self._filling = True
        try:
            self.fill_form(row)
        finally:
            self._filling = False
        self._dirty = False
        self._update_buttons()

    def _on_edited(self) -> None:
        if not self._filling:
            self._dirty = True

    def new_record(self) -> None:
        """Empty the form for a new row (Ctrl+N)."""
        if self.can_create:
            self._to_new(focus=True)
            self.status.clear()

    def _to_new(self, focus: bool) -> None:
        self._editing_id = None
        self.table.selectionModel().blockSignals(True)
        self.table.clearSelection()
        self.table.selectionModel().blockSignals(False)
        self._fill(None)
        self.form_title.setText(self.new_title())
        names = self.fields.names()
        if focus and names:
            self.fields.input(names[0]).setFocus()

    def cancel(self) -> None:
        """Drop the edits (Esc): show the selected row again, or an empty form."""
        row = self.selected_row()
        if row is not None and row.id == self._editing_id:
            self._edit(row)
        elif self.can_create:
            self.new_record()
        else:
            self._fill(None)
        self.status.clear()

    def save(self) -> None:
        """Check and store the form (Ctrl+S); errors show next to their fields."""
        if self._busy or (self._editing_id is None and not self.can_create):
            return
        if self.needs_hall and self.context.hall is None:
            return
        self.fields.clear_errors()
        self._hide_form_error()
        self.status.clear()
        try:
            draft = self.read_form()
        except FieldError as error:
            self._show_error(error)
            return
        hall_id, row_id, today = self.hall_id(), self._editing_id, self.hall_today()
        if row_id is None:

            def change(session: Session) -> ResultT:
                return self.create_row(session, hall_id, draft)
        else:

            def change(session: Session) -> ResultT:
                return self.update_row(session, hall_id, row_id, draft, today)

        self._start_write(change, lambda row: self._on_saved(row, row_id is None))

    def remove_selected(self) -> None:
        """Deactivate or remove the selected row (Delete), after asking."""
        row = self.selected_row()
        if row is None or self._busy or not self.can_remove:
            return
        if self.removal_deactivates:
            question = QCoreApplication.translate("RecordPage", "Deactivate %1?")
        else:
            question = QCoreApplication.translate("RecordPage", "Remove %1?")
        if not self.confirm(question.replace("%1", self.describe_row(row))):
            return
        hall_id, row_id, today = self.hall_id(), row.id, self.hall_today()

        def change(session: Session) -> RowT:
            return self.remove_row(session, hall_id, row_id, today)

        self.fields.clear_errors()
        self._hide_form_error()
        self._start_write(change, self._on_removed)

    def confirm(self, question: str) -> bool:
        """Ask a yes/no question (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Question, " ", question, parent=self)
        # Own button texts: Qt's catalogue of standard buttons is not shipped.
        yes = box.addButton(
            QCoreApplication.translate("RecordPage", "Yes"), QMessageBox.ButtonRole.YesRole
        )
        no = box.addButton(
            QCoreApplication.translate("RecordPage", "No"), QMessageBox.ButtonRole.NoRole
        )
        box.setDefaultButton(no)
        box.exec()
        return box.clickedButton() is yes

    def _start_write(self, change: Callable[[Session], T], done: Callable[[T], None]) -> None:
        context = self.context

        def work() -> T:
            with context.db.write("settings") as session:
                return change(session)

        self._busy = True
        self._update_buttons()
        run_for(
            self,
            self.context,
            guarded(work),
            lambda result: self._on_written(result, done),
            self._on_write_failed,
            write=True,
        )

    def _on_written(self, result: T | Failure, done: Callable[[T], None]) -> None:
        self._busy = False
        self._update_buttons()
        if isinstance(result, Failure):
            self._show_error(result.error)
            return
        done(result)
        if not (self._loading or self._stale):
            # A write that changed nothing announced nothing: reload all the same, as
            # after any save (the form shows the row as stored, the saved row chosen).
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def _on_write_failed(self, message: str) -> None:
        self._busy = False
        self._update_buttons()
        self._show_form_error(self.error_text.describe(message))

    def _on_saved(self, result: ResultT, created: bool) -> None:
        row = self.result_row(result)
        self._dirty = False
        self._editing_id = row.id
        self._select_after_load = self._editing_id
        self.form_title.setText(self.describe_row(row))
        self.status.setText(QCoreApplication.translate("RecordPage", "Saved."))
        self.after_save(result, created)
        self.saved.emit(row)

    def _on_removed(self, row: RowT) -> None:
        if self.removal_deactivates:
            self._select_after_load = row.id
            self.status.setText(QCoreApplication.translate("RecordPage", "Deactivated."))
        else:
            self._editing_id = None
            self.status.setText(QCoreApplication.translate("RecordPage", "Removed."))
        self._dirty = False
        self.removed.emit(row)

    # --- messages -------------------------------------------------------------------

    def _show_error(self, error: HallWatchError) -> None:
        text = self.error_text.describe(error)
        field = getattr(error, "field", None)
        if isinstance(field, str) and field in self.fields:
            self.fields.show_error(field, text)
        elif not self.show_extra_error(field, text):
            self._show_form_error(text)

    def show_extra_error(self, field: object, text: str) -> bool:
        """Show an error of a field outside the form (e.g. the year); True when shown."""
        return False

    def _show_form_error(self, text: str) -> None:
        self.form_error.setText(text)
        self.form_error.show()

    def _hide_form_error(self) -> None:
        self.form_error.clear()
        self.form_error.hide()

    def _update_buttons(self) -> None:
        ready = not (self.needs_hall and self.context.hall is None)
        editable = ready and (self._editing_id is not None or self.can_create)
        self.new_button.setEnabled(ready and self.can_create and not self._busy)
        self.save_button.setEnabled(editable and not self._busy)
        self.remove_button.setEnabled(
            ready and self.can_remove and not self._busy and self.selected_row() is not None
        )
        self.form_widget.setEnabled(editable)

    # --- language -------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.new_button.setText(QCoreApplication.translate("RecordPage", "New"))
        self.new_button.setToolTip(QCoreApplication.translate("RecordPage", "New entry (Ctrl+N)"))
        self.save_button.setText(QCoreApplication.translate("RecordPage", "Save"))
        self.save_button.setToolTip(QCoreApplication.translate("RecordPage", "Save (Ctrl+S)"))
        self.cancel_button.setText(QCoreApplication.translate("RecordPage", "Cancel"))
        self.cancel_button.setToolTip(
            QCoreApplication.translate("RecordPage", "Drop the changes (Esc)")
        )
        if self.removal_deactivates:
            self.remove_button.setText(QCoreApplication.translate("RecordPage", "Deactivate"))
        else:
            self.remove_button.setText(QCoreApplication.translate("RecordPage", "Remove"))
        self.remove_button.setToolTip(
            QCoreApplication.translate("RecordPage", "Acts on the selected row (Delete)")
        )
        self.model.set_columns(self.columns())
        self.retranslate_form()
        row = self.selected_row()
        if self._editing_id is not None and row is not None:
            self.form_title.setText(self.describe_row(row))
        else:
            self.form_title.setText(self.new_title())


class PlainRecordPage(RecordPage[RowT, DraftT, ExtraT, None, RowT]):
    """A RecordPage whose loads need nothing from its controls and whose writes return the row."""

    def load_params(self) -> None:
        return None

    def result_row(self, result: RowT) -> RowT:
        return result
