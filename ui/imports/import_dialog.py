"""The import dialog: choose a file, check its columns, import it, read the report.

Every step that reads the file runs off the GUI thread: the preview (the first rows,
the encoding, which column holds what) on the general pool, the import itself on
the context's write pool, with a cancellable progress dialog fed by a signal that
the worker thread emits. The core does the work (`hallwatch.services.imports`);
this dialog only chooses, shows and translates.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hallwatch.domain.errors import HallWatchError
from hallwatch.services.imports import (
    KINDS,
    ColumnMapping,
    ImportCancelled,
    ImportFileError,
    ImportReport,
    Preview,
    RowError,
    import_file,
    list_mappings,
    load_mapping,
    preview,
    save_mapping,
)
from hallwatch.services.imports.mapping import mapping_kind
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.progress import STEPS, open_work_progress
from ui.settings.error_text import ErrorText
from ui.widgets.style import ERROR_STYLE

PREVIEW_ROWS = 20
WARNINGS_SHOWN = 10


@dataclass(frozen=True, slots=True)
class _Failure:
    """A refusal from the core, carried back whole so that it can be said in Chinese."""

    code: str
    params: dict[str, Any]
    message: str
    # Any other expected error (the disk is full, the database is busy), said by ErrorText.
    error: HallWatchError | None = None


@dataclass(frozen=True, slots=True)
class _Loaded:
    preview: Preview
    saved: list[str]


class ImportProgressRelay(QObject):
    """Carries the core's progress callback from the worker thread to the GUI thread."""

    progressed = Signal(float, str)

    def report(self, fraction: float, text: str) -> None:
        # Called on the worker thread; the connection queues it to the dialog's thread.
        self.progressed.emit(fraction, text)


class ImportDialog(Retranslated, QDialog):
    """Import a roster, attlog or punch file into the context's hall.

    While an import runs, the dialog only lets it be cancelled: it closes once the
    worker has answered, so no answer ever arrives at a deleted dialog.
    """

    PAGE_FILE, PAGE_MAPPING, PAGE_REPORT = 0, 1, 2

    # Past-tense events, for tests and for the screen that opened the dialog.
    previewed = Signal(object)
    imported = Signal(object)
    failed = Signal(str)

    def __init__(self, context: AppContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(f"unknown import kind {kind!r}; one of {', '.join(KINDS)}")
        self.setObjectName("ImportDialog")
        self.context = context
        self.kind = kind
        self.path = ""
        self.current: Preview | None = None
        self.report: ImportReport | None = None
        self.running = False
        self.failure: _Failure | str | None = None
        self._saved: list[str] = []
        self._field_boxes: dict[str, QComboBox] = {}
        self._field_labels: dict[str, QLabel] = {}
        self._preview_version = 0
        self._cancel = threading.Event()
        self._close_when_done = False
        # AppContext.run keeps no reference to its workers: an unreferenced worker's
        # signal object dies with it, and its queued answer with it.
        self.relay = ImportProgressRelay(self)
        self.errors = ErrorText(self)
        self.relay.progressed.connect(self._on_progressed)
        self.progress: QProgressDialog | None = None
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(250)
        self._refresh.timeout.connect(self._on_mapping_changed)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_file_page())
        self.pages.addWidget(self._build_mapping_page())
        self.pages.addWidget(self._build_report_page())

        self.back_button = QPushButton(self)
        self.back_button.setObjectName("back_button")
        self.back_button.clicked.connect(self._on_back_clicked)
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("import_button")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.keep_button = QPushButton(self)
        self.keep_button.setObjectName("keep_good_rows_button")
        self.keep_button.clicked.connect(self._on_keep_clicked)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("close_button")
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.resize(900, 720)
        self.retranslate_ui()
        self._show_page(self.PAGE_FILE)
        if context.hall is None:
            self.browse_button.setEnabled(False)
            self.path_edit.setEnabled(False)

    # --- pages -------------------------------------------------------------------

    def _build_file_page(self) -> QWidget:
        page = QWidget(self)
        self.intro = QLabel(page)
        self.intro.setObjectName("intro")
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.path_label = QLabel(page)
        self.path_edit = QLineEdit(page)
        self.path_edit.setObjectName("path")
        self.path_edit.returnPressed.connect(self._on_path_entered)
        self.path_label.setBuddy(self.path_edit)
        self.browse_button = QPushButton(page)
        self.browse_button.setObjectName("browse_button")
        self.browse_button.clicked.connect(self._on_browse_clicked)
        self.file_status = QLabel(page)
        self.file_status.setObjectName("file_status")
        self.file_status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path_label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.file_status)
        layout.addStretch(1)
        return page

    def _build_mapping_page(self) -> QWidget:
        page = QWidget(self)
        self.file_info = QLabel(page)
        self.file_info.setObjectName("file_info")
        self.file_info.setWordWrap(True)
        self.preview_table = QTableWidget(page)
        self.preview_table.setObjectName("preview_table")
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns_box = QGroupBox(page)
        self.columns_box.setObjectName("columns_box")
        box_layout = QVBoxLayout(self.columns_box)
        choices = QFormLayout()
        self.saved_label = QLabel(self.columns_box)
        self.saved_combo = QComboBox(self.columns_box)
        self.saved_combo.setObjectName("saved_mappings")
        self.saved_combo.activated.connect(self._on_saved_chosen)
        self.saved_label.setBuddy(self.saved_combo)
        choices.addRow(self.saved_label, self.saved_combo)
        # One row per field, rebuilt for every file.
        self.columns_form = QFormLayout()
        saving = QFormLayout()
        self.save_label = QLabel(self.columns_box)
        self.save_name = QLineEdit(self.columns_box)
        self.save_name.setObjectName("mapping_name")
        self.save_name.setMaxLength(60)
        self.save_label.setBuddy(self.save_name)
        saving.addRow(self.save_label, self.save_name)
        box_layout.addLayout(choices)
        box_layout.addLayout(self.columns_form)
        box_layout.addLayout(saving)
        self.fixed_note = QLabel(page)
        self.fixed_note.setObjectName("fixed_note")
        self.fixed_note.setWordWrap(True)
        self.problems = QLabel(page)
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(ERROR_STYLE)
        layout = QVBoxLayout(page)
        layout.addWidget(self.file_info)
        layout.addWidget(self.preview_table, 1)
        layout.addWidget(self.fixed_note)
        layout.addWidget(self.columns_box)
        layout.addWidget(self.problems)
        return page

    def _build_report_page(self) -> QWidget:
        page = QWidget(self)
        self.outcome = QLabel(page)
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.counts = QLabel(page)
        self.counts.setObjectName("counts")
        self.errors_table = QTableWidget(0, 4, page)
        self.errors_table.setObjectName("errors_table")
        self.errors_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.errors_table.verticalHeader().setVisible(False)
        self.errors_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.more_errors = QLabel(page)
        self.more_errors.setObjectName("more_errors")
        # Rows that went in (or were skipped on purpose) but deserve a look, line by line.
        self.warnings = QLabel(page)
        self.warnings.setObjectName("warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(page)
        layout.addWidget(self.outcome)
        layout.addWidget(self.counts)
        layout.addWidget(self.errors_table, 1)
        layout.addWidget(self.more_errors)
        layout.addWidget(self.warnings)
        return page

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        self.back_button.setVisible(page != self.PAGE_FILE)
        self.back_button.setEnabled(not self.running)
        self.import_button.setVisible(page == self.PAGE_MAPPING)
        self.import_button.setEnabled(
            page == self.PAGE_MAPPING and not self.running and not self._missing_fields()
        )
        report = self.report
        self.keep_button.setVisible(
            page == self.PAGE_REPORT
            and report is not None
            and report.blocked
            and not report.dry_run
            and report.rows_valid > 0
        )
        self.keep_button.setEnabled(not self.running)
        self.close_button.setEnabled(True)

    # --- choosing the file ---------------------------------------------------------

    def set_path(self, path: str | Path) -> None:
        """Choose the file to import (as the file chooser does) and read its first rows."""
        self.path = str(path)
        self.path_edit.setText(self.path)
        self._load_preview(None)

    def _on_browse_clicked(self) -> None:
        sheets = self.tr("Spreadsheets and text (*.xlsx *.xls *.ods *.csv *.txt);;All files (*)")
        filters = {
            "attlog": self.tr("Punch-clock files (*.dat *.txt);;All files (*)"),
            "punches": sheets,
            "roster": sheets,
            "queue": sheets,
            "cases": sheets,
        }
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the file to import"), self.path, filters[self.kind]
        )
        if chosen:
            self.set_path(chosen)

    def _on_path_entered(self) -> None:
        text = self.path_edit.text().strip()
        if text:
            self.set_path(text)

    def _load_preview(self, mapping: ColumnMapping | None, keep_choices: bool = False) -> None:
        """Read the file's first rows again, as the mapping says, in the background.

        keep_choices: the column choices stay as the user left them (only the check of
        the sample rows is new), so a choice being made is never rebuilt under the mouse.
        """
        hall = self.context.hall
        if hall is None or not self.path:
            return
        self._preview_version += 1
        version = self._preview_version
        context, kind, path = self.context, self.kind, self.path
        self.file_status.setStyleSheet("")
        self.file_status.setText(self.tr("Reading the file…"))

        def load() -> _Loaded | _Failure:
            try:
                shown = preview(path, kind, mapping, rows=PREVIEW_ROWS)
            except ImportFileError as error:
                return _Failure(error.code, dict(error.params), str(error))
            except HallWatchError as error:
                return _Failure("", {}, str(error), error)
            with context.db.read() as session:
                saved = [] if kind == "attlog" else list_mappings(session, hall.id, _table(kind))
            return _Loaded(shown, saved)

        self._start(
            load,
            lambda result: self._on_preview_loaded(version, mapping, result, keep_choices),
            self._on_preview_failed,
            write=False,
        )

    def _on_preview_loaded(
        self,
        version: int,
        mapping: ColumnMapping | None,
        result: _Loaded | _Failure,
        keep_choices: bool = False,
    ) -> None:
        if version != self._preview_version:
            return  # an older look at the file
        if isinstance(result, _Failure):
            self._on_preview_failed(result)
            return
        self.current = result.preview
        self._saved = result.saved
        self.file_status.setText("")
        self._fill_preview(result.preview)
        if not keep_choices:
            self._fill_saved(mapping.name if mapping else "")
            self._fill_columns(result.preview)
            if mapping is not None and mapping.name:
                self.save_name.setText(mapping.name)
        self._show_problems()
        self._show_page(self.PAGE_MAPPING)
        self.previewed.emit(result.preview)

    def _on_preview_failed(self, failure: _Failure | str) -> None:
        self.failure = failure
        self.file_status.setStyleSheet(ERROR_STYLE)
        self.file_status.setText(self._failure_text(failure))
        self._show_page(self.PAGE_FILE)
        self.failed.emit(self.file_status.text())

    # --- the mapping step ------------------------------------------------------------

    def _fill_preview(self, shown: Preview) -> None:
        table = self.preview_table
        table.clear()
        table.setColumnCount(len(shown.headers))
        table.setRowCount(len(shown.rows))
        table.setHorizontalHeaderLabels(
            [self._column_title(header, i) for i, header in enumerate(shown.headers)]
        )
        table.setVerticalHeaderLabels([str(number) for number in shown.row_numbers])
        for r, row in enumerate(shown.rows):
            for c, value in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(value))
        table.resizeColumnsToContents()
        self._fill_file_info()

    def _fill_file_info(self) -> None:
        shown = self.current
        if shown is None:
            return
        text = self.tr("File: %1 — encoding: %2").replace("%1", shown.file)
        text = text.replace("%2", shown.encoding)
        if shown.header_row:
            text += " — " + self.tr("headers in row %1").replace("%1", str(shown.header_row))
        self.file_info.setText(text)

    def _fill_saved(self, chosen: str) -> None:
        combo = self.saved_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("(recognise the columns)"), "")
        for name in self._saved:
            combo.addItem(name, name)
        index = combo.findData(chosen)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _fill_columns(self, shown: Preview) -> None:
        fixed = not shown.fields
        self.columns_box.setVisible(not fixed)
        self.fixed_note.setVisible(fixed)
        # Drop the choices made for an earlier file. Taken out and deleted later, not
        # deleted here: removeRow deletes at once, and a combo box deleted while Qt
        # still holds it (its paint, its popup, the signal that led here) corrupts
        # memory now and then (the UI tests crashed in QPainter::end).
        while self.columns_form.rowCount():
            taken = self.columns_form.takeRow(0)
            for item in (taken.labelItem, taken.fieldItem):
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.setObjectName("")  # findChild finds the new ones only
                    widget.hide()
                    widget.deleteLater()
        self._field_boxes.clear()
        self._field_labels.clear()
        for spec in shown.fields:
            box = QComboBox(self.columns_box)
            box.setObjectName(f"field_{spec.name}")
            box.addItem(self.tr("(not in this file)"), -1)
            for index, header in enumerate(shown.headers):
                box.addItem(self._column_title(header, index), index)
            box.setCurrentIndex(max(box.findData(shown.columns.get(spec.name, -1)), 0))
            box.currentIndexChanged.connect(self._on_column_chosen)
            label = QLabel(self.columns_box)
            label.setBuddy(box)
            self.columns_form.addRow(label, box)
            self._field_boxes[spec.name] = box
            self._field_labels[spec.name] = label
        self.retranslate_ui()

    def _on_column_chosen(self, _index: int) -> None:
        self._show_problems()
        self._update_buttons()
        # Check the sample rows again with the new choice, once the choosing settles.
        self._refresh.start()

    def _on_mapping_changed(self) -> None:
        self._load_preview(self.mapping(), keep_choices=True)

    def _on_saved_chosen(self, index: int) -> None:
        name = self.saved_combo.itemData(index)
        hall = self.context.hall
        if hall is None:
            return
        if not name:
            self.save_name.clear()
            self._load_preview(None)
            return
        context = self.context

        def load() -> ColumnMapping:
            with context.db.read() as session:
                return load_mapping(session, hall.id, name)

        self._start(load, self._load_preview, self._on_preview_failed, write=False)

    def mapping(self) -> ColumnMapping | None:
        """Return the column choices as a mapping (None for the fixed attlog layout)."""
        shown = self.current
        if shown is None or not shown.fields:
            return None
        fields: dict[str, str] = {}
        for name, box in self._field_boxes.items():
            column = box.currentData()
            fields[name] = shown.headers[column] if column is not None and column >= 0 else ""
        return ColumnMapping(_table(self.kind), fields, self.save_name.text().strip())

    def _chosen_columns(self) -> dict[str, int]:
        return {
            name: box.currentData()
            for name, box in self._field_boxes.items()
            if box.currentData() is not None and box.currentData() >= 0
        }

    def _missing_fields(self) -> list[str]:
        shown = self.current
        if shown is None:
            return ["file"]
        if not shown.fields:
            return []
        columns = self._chosen_columns()
        missing = [spec.name for spec in shown.fields if spec.required and spec.name not in columns]
        if self.kind in ("attlog", "punches") and "datetime" not in columns:
            missing += [name for name in ("date", "time") if name not in columns]
        return missing

    def _show_problems(self) -> None:
        shown = self.current
        lines: list[str] = []
        missing = self._missing_fields()
        if missing and shown is not None:
            labels = self.tr(", ").join(self._field_name(name) for name in missing)
            lines.append(self.tr("Choose the column for: %1").replace("%1", labels))
        elif shown is not None:
            for problem in shown.problems:
                if problem.row:
                    lines.append(self._row_error_text(problem))
        self.problems.setText("\n".join(lines[:6]))
        self.problems.setVisible(bool(lines))

    # --- importing ---------------------------------------------------------------------

    def _on_import_clicked(self) -> None:
        self.start_import(keep_good_rows=False)

    def _on_keep_clicked(self) -> None:
        self.start_import(keep_good_rows=True)

    def start_import(self, keep_good_rows: bool = False) -> None:
        """Import the chosen file in the background, with a cancellable progress dialog."""
        hall = self.context.hall
        if hall is None or self.current is None or self.running:
            return
        mapping = self.mapping()
        save_name = mapping.name if mapping is not None else ""
        context, kind, path = self.context, self.kind, self.path
        cancel = self._cancel = threading.Event()
        relay = self.relay

        def work() -> ImportReport | _Failure:
            try:
                if mapping is not None and save_name:
                    with context.db.write("import.mapping") as session:
                        save_mapping(session, hall.id, mapping)
                return import_file(
                    context.db,
                    hall.id,
                    kind,
                    path,
                    mapping=mapping,
                    keep_good_rows=keep_good_rows,
                    progress=relay.report,
                    cancelled=cancel.is_set,
                )
            except ImportCancelled:
                return _Failure("cancelled", {}, "import cancelled")
            except ImportFileError as error:
                return _Failure(error.code, dict(error.params), str(error))
            except HallWatchError as error:
                return _Failure("", {}, str(error), error)

        self.running = True
        self.report = None
        self._open_progress()
        self._update_buttons()
        self._start(work, self._on_import_done, self._on_import_failed, write=True)

    def _open_progress(self) -> None:
        # This dialog's buttons are disabled while the import runs.
        self.progress = open_work_progress(
            self,
            name="import_progress",
            title=self.tr("Importing"),
            label=self.tr("Checking the rows…"),
            cancel=self.tr("Cancel"),
            on_cancel=self.cancel_import,
        )

    def cancel_import(self) -> None:
        """Ask the running import to stop; it rolls back and reports as cancelled."""
        if self.running:
            self._cancel.set()
            if self.progress is not None:
                self.progress.setLabelText(self.tr("Cancelling…"))

    def _on_progressed(self, fraction: float, _text: str) -> None:
        progress = self.progress
        if progress is None or not self.running or self._cancel.is_set():
            return
        progress.setValue(int(fraction * STEPS))
        if fraction < 0.5:
            progress.setLabelText(self.tr("Checking the rows…"))
        else:
            progress.setLabelText(self.tr("Saving the rows…"))

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel_import)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _on_import_done(self, result: ImportReport | _Failure) -> None:
        self.running = False
        self._close_progress()
        if isinstance(result, _Failure):
            self._on_import_failed(result)
            return
        self.report = result
        self.failure = None
        self._fill_report()
        self._show_page(self.PAGE_REPORT)
        self.imported.emit(result)
        self._close_if_asked()

    def _on_import_failed(self, failure: _Failure | str) -> None:
        self.running = False
        self._close_progress()
        self.failure = failure
        self.report = None
        self._fill_report()
        self._show_page(self.PAGE_REPORT)
        self.failed.emit(self.outcome.text())
        self._close_if_asked()

    def _close_if_asked(self) -> None:
        if self._close_when_done:
            self._close_when_done = False
            self.close()

    # --- the report --------------------------------------------------------------------

    def _fill_report(self) -> None:
        report = self.report
        table = self.errors_table
        table.setRowCount(0)
        self.more_errors.setText("")
        self.warnings.setText("")
        if report is None:
            self.outcome.setStyleSheet(ERROR_STYLE)
            failure = self.failure
            if isinstance(failure, _Failure) and failure.code == "cancelled":
                self.outcome.setText(self.tr("The import was cancelled. Nothing was saved."))
            else:
                text = self._failure_text(failure) if failure is not None else ""
                self.outcome.setText(self.tr("The file was not imported: %1").replace("%1", text))
            self.counts.setText("")
            return
        self.outcome.setStyleSheet(ERROR_STYLE if report.blocked else "")
        if report.blocked:
            text = self.tr(
                "Nothing was imported: %1 rows have errors. Correct the file and import it "
                "again, or import the %2 good rows."
            )
            text = text.replace("%1", str(report.error_count))
            text = text.replace("%2", str(report.rows_valid))
        elif report.batch_id is None:
            text = self.tr("Nothing new: every row is in the database already.")
        elif report.error_count:
            text = self.tr("The good rows were imported; the rows below were skipped.")
        else:
            text = self.tr("The file was imported.")
        self.outcome.setText(text)
        lines = [
            self.tr("Rows read: %1").replace("%1", str(report.rows_read)),
            self.tr("Imported: %1").replace("%1", str(report.rows_imported)),
            self.tr("Skipped (errors): %1").replace("%1", str(report.rows_skipped)),
            self.tr("Duplicates merged: %1").replace("%1", str(report.duplicates_merged)),
        ]
        if report.rows_unchanged:
            lines.append(self.tr("Unchanged: %1").replace("%1", str(report.rows_unchanged)))
        self.counts.setText("\n".join(lines))
        table.setRowCount(len(report.errors))
        for r, error in enumerate(report.errors):
            cells = (
                str(error.row),
                self._column_title(error.column, -1),
                error.value,
                self._row_error_text(error, with_place=False),
            )
            for c, value in enumerate(cells):
                table.setItem(r, c, QTableWidgetItem(value))
        table.resizeColumnsToContents()
        if report.more_errors:
            self.more_errors.setText(
                self.tr("… and %1 more rows with errors.").replace("%1", str(report.more_errors))
            )
        self._fill_warnings(report)

    def _fill_warnings(self, report: ImportReport) -> None:
        shown = report.warnings[:WARNINGS_SHOWN]
        if not shown:
            return
        lines = [self.tr("To check (%1):").replace("%1", str(report.warning_count))]
        lines += [self._row_error_text(warning) for warning in shown]
        more = max(report.warning_count, len(report.warnings)) - len(shown)
        if more > 0:
            lines.append(self.tr("… and %1 more.").replace("%1", str(more)))
        self.warnings.setText("\n".join(lines))

    # --- words -------------------------------------------------------------------------

    def _column_title(self, header: str, index: int) -> str:
        # The fixed attlog columns are named by the core in English.
        fixed = {
            "PIN": self.tr("PIN"),
            "Time": self.tr("Time"),
            "Device": self.tr("Device"),
            "Status": self.tr("Status"),
            "Verify": self.tr("Verify mode"),
            "Work code": self.tr("Work code"),
        }
        if header in fixed:
            return fixed[header]
        if header:
            return header
        return self.tr("Column %1").replace("%1", str(index + 1)) if index >= 0 else ""

    def _field_name(self, name: str) -> str:
        return self.errors.field_name(name)

    def _row_error_text(self, error: RowError, with_place: bool = True) -> str:
        reason = self.errors.row_reason(error)
        if not with_place or not error.row:
            return reason
        if error.column:
            where = self.tr("Row %1, column %2:").replace("%1", str(error.row))
            where = where.replace("%2", self._column_title(error.column, -1))
        else:
            where = self.tr("Row %1:").replace("%1", str(error.row))
        # A full-width colon is its own space; an English one is followed by one.
        return where + ("" if where.endswith("：") else " ") + reason

    def _failure_text(self, failure: _Failure | str) -> str:
        if isinstance(failure, str):
            return failure
        if failure.error is not None:
            return self.errors.describe(failure.error)
        file = str(failure.params.get("file", Path(self.path).name))
        text = self.errors.file_text(failure.code, failure.params, file, self._field_name)
        # A refusal this version has no words for yet: the core's own sentence.
        return text if text is not None else failure.message

    # --- plumbing ------------------------------------------------------------------------

    def _start(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Any], None],
        *,
        write: bool,
    ) -> None:
        # The context delivers the answer on the GUI thread, and not at all once
        # this dialog is gone.
        self.context.run(fn, on_done, on_error, write=write, owner=self)

    def _on_back_clicked(self) -> None:
        page = self.pages.currentIndex()
        self._show_page(self.PAGE_MAPPING if page == self.PAGE_REPORT and self.current else 0)

    def reject(self) -> None:
        if self.running:
            self._close_when_done = True
            self.cancel_import()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            self._close_when_done = True
            self.cancel_import()
            event.ignore()
            return
        super().closeEvent(event)

    def retranslate_ui(self) -> None:
        titles = {
            "attlog": self.tr("Import punch-clock file (ZKTeco attlog)"),
            "punches": self.tr("Import punch records (CSV or Excel)"),
            "roster": self.tr("Import staff roster (Excel or CSV)"),
            "queue": self.tr("Import queue tickets (CSV or Excel)"),
            "cases": self.tr("Import cases from the approval system (CSV or Excel)"),
        }
        intros = {
            "attlog": self.tr(
                "Choose the <n>_attlog.dat file copied from the punch clock's USB export. "
                "PINs are matched to staff; repeated punches are merged."
            ),
            "punches": self.tr(
                "Choose the punch records exported by the attendance software (Excel, "
                "WPS or CSV, UTF-8 or GB18030). The columns are recognised by their headers; you "
                "can correct them in the next step."
            ),
            "roster": self.tr(
                "Choose the staff list (Excel, WPS or CSV) with staff number, name, unit, window "
                "and punch-clock PIN. Existing staff are updated; new units and windows are "
                "created."
            ),
            "queue": self.tr(
                "Choose the tickets exported by the queue system (Excel, WPS or CSV, UTF-8 or "
                "GB18030): ticket number, window, operator, take, call and finish times, "
                "state, rating. A ticket already imported is updated where the file differs."
            ),
            "cases": self.tr(
                "Choose the cases exported by the approval system (Excel, WPS or CSV): case "
                "number, service item, accepted and finish times, limits, pauses and "
                "extensions. Due dates are computed with the hall's holiday table."
            ),
        }
        self.setWindowTitle(titles[self.kind])
        if self.context.hall is None:
            self.intro.setText(self.tr("There is no hall yet. Create the hall first."))
        else:
            self.intro.setText(intros[self.kind])
        self.path_label.setText(self.tr("&File:"))
        self.browse_button.setText(self.tr("&Browse…"))
        self.columns_box.setTitle(self.tr("Which column holds what"))
        self.saved_label.setText(self.tr("Saved &mapping:"))
        self.save_label.setText(self.tr("Save the choice &as:"))
        self.save_name.setPlaceholderText(self.tr("name of the source, e.g. 中控考勤机"))
        self.fixed_note.setText(
            self.tr("An attlog file has fixed columns: PIN, time, device, status, verify mode.")
        )
        if self.saved_combo.count():
            self.saved_combo.setItemText(0, self.tr("(recognise the columns)"))
        for name, label in self._field_labels.items():
            label.setText(self._field_name(name) + self.tr(":"))
        for box in self._field_boxes.values():
            if box.count():
                box.setItemText(0, self.tr("(not in this file)"))
        self.errors_table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Reason")]
        )
        self.back_button.setText(self.tr("< &Back"))
        self.import_button.setText(self.tr("&Import"))
        self.keep_button.setText(self.tr("Import the &good rows"))
        self.close_button.setText(self.tr("&Close"))
        self._fill_file_info()
        if self.current is not None:
            self._show_problems()
        on_report = self.pages.currentIndex() == self.PAGE_REPORT
        if on_report and (self.report is not None or self.failure is not None):
            self._fill_report()


def _table(kind: str) -> str:
    """Return the mapping kind of an import kind (attlog and punches share the punch fields)."""
    return mapping_kind(kind)
