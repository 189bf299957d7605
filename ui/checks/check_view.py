"""检查: a spot-check session, window by window, with the keyboard alone.

Ctrl+N starts a session (kind, team); the windows come in walking order with
whoever serves there now; Enter on a window goes to the finding form (checklist
item, person — proposed from the board —, description, severity, days to
rectify); Ctrl+Return records the finding and returns to the windows; Ctrl+E
closes the session with its summary. Reads and writes run off the GUI thread.
One or more findings selected, 起草公文 drafts a letter of the chosen kind from
them (facts, photos, person or unit filled in); it is edited and issued under 公文.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hallwatch.domain.checklist import Checklist
from hallwatch.domain.enums import LetterKind, SpotCheckKind
from hallwatch.domain.errors import AlreadyDraftedError
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.checks.camera_preview import CameraPreview
from ui.checks.gallery import Gallery
from ui.settings.error_text import ErrorText
from ui.widgets.hall_time import zone_of
from ui.widgets.shortcuts import screen_action
from ui.widgets.style import ERROR_STYLE, error_label
from ui.words import category_word, severity_word
from ui.workers import Failure, guarded

KIND_ORDER = (SpotCheckKind.OPEN, SpotCheckKind.COVERT, SpotCheckKind.SURPRISE, SpotCheckKind.VIDEO)
LETTER_KINDS = (LetterKind.WARNING, LetterKind.SUPERVISION, LetterKind.RECTIFICATION)

if TYPE_CHECKING:  # the services load SQLAlchemy: the screen imports them when it works
    from hallwatch.services.checks.snapshots import ImportedPhoto, SnapshotInfo
    from hallwatch.services.checks.spot_checks import FindingRow, SpotCheckRow, WalkWindow
    from hallwatch.storage.session import Session


@dataclass(frozen=True, slots=True)
class _State:
    check: SpotCheckRow | None
    walk: list[WalkWindow]
    findings: list[FindingRow]
    checklist: Checklist
    staff: list[tuple[uuid.UUID, str]]
    # Each window's camera (id → stream, snapshot URL) and each finding's photo count.
    cameras: dict[uuid.UUID, tuple[str, str]]
    photos: dict[uuid.UUID, int]


class CheckView(Retranslated, QWidget):
    # The id of a letter drafted from the selected findings.
    letter_drafted = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.error_text = ErrorText(self)
        self.state: _State | None = None
        self.busy = False
        self._generation = 0
        # The window whose camera the preview shows: its messages are not another's.
        self._camera_window: uuid.UUID | None = None

        # --- the session bar ----------------------------------------------------------------
        self.session_label = QLabel(self)
        self.session_label.setObjectName("session")
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for kind in KIND_ORDER:
            self.kind.addItem("", kind.value)
        self.team = QLineEdit(self)
        self.team.setObjectName("team")
        self.team.returnPressed.connect(self.start_session)
        self.start_button = QPushButton(self)
        self.start_button.setObjectName("start")
        self.start_button.clicked.connect(lambda _c=False: self.start_session())
        self.summary = QLineEdit(self)
        self.summary.setObjectName("summary")
        self.summary.returnPressed.connect(self.close_session)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("close_session")
        self.close_button.clicked.connect(lambda _c=False: self.close_session())
        bar = QHBoxLayout()
        bar.addWidget(self.session_label, 1)
        self.kind_label, self.team_label, self.summary_label = (
            QLabel(self),
            QLabel(self),
            QLabel(self),
        )
        for label, widget in ((self.kind_label, self.kind), (self.team_label, self.team)):
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)
        bar.addWidget(self.start_button)
        self.summary_label.setBuddy(self.summary)
        bar.addWidget(self.summary_label)
        bar.addWidget(self.summary)
        bar.addWidget(self.close_button)

        # --- windows, form, findings -------------------------------------------------------
        self.windows = QListWidget(self)
        self.windows.setObjectName("windows")
        self.form_box = QGroupBox(self)
        form = QFormLayout(self.form_box)
        self.category = QComboBox(self.form_box)
        self.category.setObjectName("category")
        self.windows.itemActivated.connect(lambda _item: self.category.setFocus())
        self.staff = QComboBox(self.form_box)
        self.staff.setObjectName("staff")
        self.description = QLineEdit(self.form_box)
        self.description.setObjectName("description")
        self.severity = QComboBox(self.form_box)
        self.severity.setObjectName("severity")
        for level in (1, 2, 3):
            self.severity.addItem(severity_word(level), level)
        self.rectify = QSpinBox(self.form_box)
        self.rectify.setObjectName("rectify_days")
        self.rectify.setRange(0, 60)
        self.record_button = QPushButton(self.form_box)
        self.record_button.setObjectName("record")
        self.record_button.clicked.connect(lambda _c=False: self.record_finding())
        self.form_labels = [QLabel(self.form_box) for _ in range(5)]
        fields: tuple[QWidget, ...] = (
            self.category,
            self.staff,
            self.description,
            self.severity,
            self.rectify,
        )
        for label, field in zip(self.form_labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(self.record_button)
        self.category.currentIndexChanged.connect(lambda _i: self._on_category())
        self.preview = CameraPreview(self)
        self.preview.camera_failed.connect(self._on_camera_failed)
        self.preview.fell_back.connect(self._on_camera_fell_back)
        self.capture_button = QPushButton(self)
        self.capture_button.setObjectName("capture")
        self.capture_button.clicked.connect(lambda _c=False: self.capture())
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("import_photo")
        self.import_button.clicked.connect(lambda _c=False: self.ask_import_photo())
        self.photo_status = QLabel(self)
        self.photo_status.setObjectName("photo_status")
        self.windows.currentRowChanged.connect(lambda _row: self._on_window())
        self.findings = QTableWidget(0, 7, self)
        self.findings.setObjectName("findings")
        self.findings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several findings of one person (or one unit) make one letter.
        self.findings.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.findings.verticalHeader().hide()
        self.findings.horizontalHeader().setStretchLastSection(True)
        self.letter_menu = QMenu(self)
        self.letter_menu.setObjectName("letter_kinds")
        self.letter_actions: dict[LetterKind, QAction] = {}
        for letter_kind in LETTER_KINDS:
            action = self.letter_menu.addAction("")
            action.triggered.connect(lambda _c=False, k=letter_kind: self.draft_letter(k))
            self.letter_actions[letter_kind] = action
        self.draft_button = QPushButton(self)
        self.draft_button.setObjectName("draft_letter")
        self.draft_button.setMenu(self.letter_menu)
        self.draft_button.setEnabled(False)
        self.letter_status = QLabel(self)
        self.letter_status.setObjectName("letter_status")
        self.letter_status.setWordWrap(True)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.preview, 2)
        shot = QHBoxLayout()
        shot.addWidget(self.photo_status, 1)
        shot.addWidget(self.import_button)
        shot.addWidget(self.capture_button)
        column.addLayout(shot)
        column.addWidget(self.form_box)
        column.addWidget(self.findings, 1)
        letters = QHBoxLayout()
        letters.addWidget(self.letter_status, 1)
        letters.addWidget(self.draft_button)
        column.addLayout(letters)
        self.gallery = Gallery(context, self)
        column.addWidget(self.gallery)
        self.findings.itemSelectionChanged.connect(self._on_finding_chosen)
        # Delete on a finding removes it, after asking (a mistaken entry; audited).
        self.remove_action = QAction(self.findings)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(lambda _c=False: self.remove_selected_finding())
        self.findings.addAction(self.remove_action)
        splitter = QSplitter(self)
        splitter.addWidget(self.windows)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        self.message = error_label(self)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

        self.actions_by_name: dict[str, QAction] = {}
        for name, keys, slot in (
            ("new", QKeySequence.StandardKey.New, lambda: self.team.setFocus()),
            ("record", QKeySequence("Ctrl+Return"), self.record_finding),
            ("close", QKeySequence("Ctrl+E"), lambda: self.summary.setFocus()),
            ("capture", QKeySequence(Qt.Key.Key_Space), self.capture),
        ):
            self.actions_by_name[name] = screen_action(self, keys, slot)
        context.data_changed.connect(self._on_data_changed)
        context.hall_changed.connect(lambda _hall: self.refresh())
        self.retranslate_ui()
        self.refresh()

    # --- texts ----------------------------------------------------------------------------

    def kind_words(self) -> dict[SpotCheckKind, str]:
        return {
            SpotCheckKind.OPEN: self.tr("Open inspection"),
            SpotCheckKind.COVERT: self.tr("Covert visit"),
            SpotCheckKind.SURPRISE: self.tr("Surprise check"),
            SpotCheckKind.VIDEO: self.tr("Video patrol"),
        }

    def letter_kind_words(self) -> dict[LetterKind, str]:
        return {
            LetterKind.WARNING: self.tr("Efficiency warning letter"),
            LetterKind.SUPERVISION: self.tr("Supervision notice"),
            LetterKind.RECTIFICATION: self.tr("Rectification notice"),
        }

    def retranslate_ui(self) -> None:
        words = self.kind_words()
        for index, kind in enumerate(KIND_ORDER):
            self.kind.setItemText(index, words[kind])
        for index in range(self.severity.count()):
            self.severity.setItemText(index, severity_word(self.severity.itemData(index)))
        self.kind_label.setText(self.tr("&Kind:"))
        self.team_label.setText(self.tr("&Team:"))
        self.team.setPlaceholderText(self.tr("who checks, e.g. 效能办 张、李"))
        self.start_button.setText(self.tr("Start (Ctrl+N)"))
        self.summary_label.setText(self.tr("Su&mmary:"))
        self.summary.setPlaceholderText(self.tr("Enter closes the session"))
        self.close_button.setText(self.tr("Close session (Ctrl+E)"))
        self.form_box.setTitle(self.tr("Finding at the chosen window"))
        for label, text in zip(
            self.form_labels,
            (
                self.tr("&Item:"),
                self.tr("&Person:"),
                self.tr("&Description:"),
                self.tr("Se&verity:"),
                self.tr("Days to &rectify:"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.record_button.setText(self.tr("Record finding (Ctrl+Return)"))
        self.capture_button.setText(self.tr("Take photo (Space)"))
        self.import_button.setText(self.tr("Import a photo…"))
        self.import_button.setToolTip(
            self.tr("A photo taken with a phone or camera; its EXIF time is checked")
        )
        self.draft_button.setText(self.tr("Draft a letter"))
        self.draft_button.setToolTip(
            self.tr("Draft a letter from the selected findings; edit and issue it under Letters")
        )
        for letter_kind, text in self.letter_kind_words().items():
            self.letter_actions[letter_kind].setText(text)
        self.findings.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Window"),
                self.tr("Item"),
                self.tr("Person"),
                self.tr("Severity"),
                self.tr("Rectify by"),
                self.tr("Photos"),
            ]
        )
        self._show()

    # --- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        hall, context = self.context.hall, self.context
        self._generation += 1
        generation = self._generation
        if hall is None:
            return
        at, user = self.context.now(), self.context.user

        def load() -> _State:
            from hallwatch.services.checks.checklist import load_checklist
            from hallwatch.services.checks.spot_checks import (
                check_screen_facts,
                current_spot_check,
                get_spot_check,
                window_walk,
            )

            with context.db.read() as session:
                check = current_spot_check(session, hall.id, user)
                findings = get_spot_check(session, hall.id, check.id).findings if check else []
                checklist = load_checklist(session, hall.id)
            with context.direct() as conn:
                walk = window_walk(conn, hall.id, check.id if check else None, at)
                facts = check_screen_facts(conn, hall.id)
            return _State(
                check,
                walk,
                list(findings),
                checklist,
                facts.staff,
                facts.cameras,
                facts.photos,
            )

        self.context.run(
            load, lambda state: self._on_loaded(generation, state), self._on_failed, owner=self
        )

    def _on_loaded(self, generation: int, state: _State) -> None:
        if generation != self._generation:
            return
        self.state = state
        self.message.hide()
        self._show()

    def _on_failed(self, message: str) -> None:
        self.busy = False
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(self.error_text.describe(message))
        self.message.show()

    def _on_data_changed(self, tables: set[str]) -> None:
        watched = {
            "attendance_events",
            "findings",
            "spot_checks",
            "settings",
            "windows",
            "snapshots",
        }
        if set(tables) & watched:
            self.refresh()

    # --- showing ----------------------------------------------------------------------------

    def _show(self) -> None:
        state = self.state
        check = state.check if state else None
        active = check is not None
        before: tuple[QWidget, ...] = (self.kind, self.team, self.start_button)
        during: tuple[QWidget, ...] = (self.summary, self.close_button, self.form_box, self.windows)
        for widget in before:
            widget.setEnabled(not active)
        for widget in during:
            widget.setEnabled(active)
        if state is None:
            self.session_label.setText("")
            return
        zone = zone_of(self.context)
        if check is None:
            self.session_label.setText(self.tr("No session open. Ctrl+N starts one."))
        else:
            since = check.started_at.astimezone(zone).strftime("%H:%M")
            self.session_label.setText(
                self.tr("%1 since %2: %3 findings")
                .replace("%1", check.title)
                .replace("%2", since)
                .replace("%3", str(len(state.findings)))
            )
        current = self.windows.currentRow()
        # Rebuilt quietly: a passing "no window" would stop and restart the camera.
        self.windows.blockSignals(True)
        self.windows.clear()
        for window in state.walk:
            who = window.staff_name or self.tr("nobody serving")
            text = f"{window.number}  {window.unit_name}  ·  {who}  ·  {window.detail}"
            if window.findings:
                text += "  " + self.tr("(%1 found)").replace("%1", str(window.findings))
            item = QListWidgetItem(text, self.windows)
            item.setData(Qt.ItemDataRole.UserRole, str(window.window_id))
        if self.windows.count():
            self.windows.setCurrentRow(min(max(current, 0), self.windows.count() - 1))
        self.windows.blockSignals(False)
        chosen = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        for category, items in state.checklist.by_category():
            for entry in items:
                self.category.addItem(f"{category_word(category)} › {entry.label}", entry.code)
        self.category.setCurrentIndex(max(self.category.findData(chosen), 0))
        self.category.blockSignals(False)
        self._on_category()
        self._on_window()
        self.findings.setRowCount(len(state.findings))
        for row, finding in enumerate(state.findings):
            texts = (
                finding.observed_at.astimezone(zone).strftime("%H:%M"),
                finding.window_no,
                finding.category_label,
                finding.staff_name,
                severity_word(finding.severity),
                finding.rectify_due.isoformat() if finding.rectify_due else "",
                str(state.photos.get(finding.id, 0)),
            )
            for column, text in enumerate(texts):
                self.findings.setItem(row, column, QTableWidgetItem(text))

    def _on_category(self) -> None:
        """Take the chosen item's severity and days, and propose the window's person."""
        state = self.state
        if state is None:
            return
        item = state.checklist.item(str(self.category.currentData() or ""))
        if item is not None:
            self.severity.setCurrentIndex(max(self.severity.findData(item.severity), 0))
            self.rectify.setValue(5 if item.rectify else 0)
        window = self.current_window()
        self.staff.clear()
        self.staff.addItem(self.tr("(nobody)"), "")
        proposed = None
        if window is not None:
            presence = item is not None and item.category == "presence"
            proposed = window.primary_id if presence and not window.staff_id else window.staff_id
        for staff_id, label in state.staff:
            self.staff.addItem(label, str(staff_id))
        self.staff.setCurrentIndex(max(self.staff.findData(str(proposed) if proposed else ""), 0))

    def _on_window(self) -> None:
        """Show the chosen window's camera (while this screen is visible)."""
        window, state = self.current_window(), self.state
        if window is None or state is None or not self.isVisible():
            return
        source, snapshot_url = state.cameras.get(window.window_id, ("", ""))
        moved = window.window_id != self._camera_window
        if moved:
            self._camera_window = window.window_id
            self.photo_status.setText("")
        self.preview.set_source(
            source,
            self.tr("No camera set for window %1.").replace("%1", window.number),
            snapshot_url,
        )
        # The same camera as the last window's (an NVR's address): say its state again.
        if moved and self.preview.failure:
            self._on_camera_failed(self.preview.failure)
        elif moved and self.preview.fallback:
            self._on_camera_fell_back(self.preview.fallback)
        self._on_category()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._on_window()

    def hideEvent(self, event: QHideEvent) -> None:
        self.preview.stop()
        super().hideEvent(event)

    def capture(self) -> None:
        """Keep the preview's newest frame as evidence of the window's latest finding."""
        hall, state, window = self.context.hall, self.state, self.current_window()
        if hall is None or state is None or window is None:
            return
        frame = self.preview.latest()
        if frame is None:
            self.photo_status.setText(self.tr("No picture yet: wait for the camera."))
            return
        mine = [f for f in state.findings if f.window_id == window.window_id]
        finding = max(mine, key=lambda f: f.observed_at) if mine else None
        thread = self.preview.reader
        kind = thread.kind if thread is not None else "file"
        label = thread.label if thread is not None else ""
        # Which of the window's two addresses the picture came from, for the evidence row.
        capture_path = thread.capture_path if thread is not None else ""
        context, user, now = self.context, self.context.user, self.context.now()
        window_id = window.window_id
        finding_id = finding.id if finding is not None else None

        def run() -> SnapshotInfo:
            import platform

            from hallwatch.services.checks.snapshots import capture_snapshot

            return capture_snapshot(
                context.db,
                hall.id,
                frame,
                window_id=window_id,
                finding_id=finding_id,
                taken_by=user,
                device=platform.node(),
                source_kind=kind,
                source_label=label,
                now=now,
                capture_path=capture_path,
            )

        self.photo_status.setText(self.tr("Saving the photo…"))
        self.context.run(guarded(run), self._on_captured, self._on_failed, write=True, owner=self)

    def _on_camera_failed(self, _message: str) -> None:
        """The camera gives no picture (the preview says why): offer the photo import."""
        window = self.current_window()
        number = window.number if window is not None else ""
        self.photo_status.setText(
            self.tr(
                "No picture from the camera of window %1: import a photo taken with a phone."
            ).replace("%1", number)
        )
        self.import_button.setFocus()

    def _on_camera_fell_back(self, _message: str) -> None:
        self.photo_status.setText(
            self.tr("The stream gives no picture: showing the camera's snapshot address.")
        )

    def ask_import_photo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import a photo"), "", self.tr("JPEG photos (*.jpg *.jpeg)")
        )
        if path:
            self.import_photo(path)

    def import_photo(self, path: str) -> None:
        """Keep a JPEG file as evidence of the window's latest finding, flagged imported."""
        hall, state, window = self.context.hall, self.state, self.current_window()
        if hall is None or state is None or window is None:
            return
        mine = [f for f in state.findings if f.window_id == window.window_id]
        finding = max(mine, key=lambda f: f.observed_at) if mine else None
        context, user, now = self.context, self.context.user, self.context.now()
        window_id = window.window_id
        finding_id = finding.id if finding is not None else None

        def run() -> ImportedPhoto:
            import platform
            from pathlib import Path

            from hallwatch.services.checks.snapshots import import_photo

            return import_photo(
                context.db,
                hall.id,
                Path(path),
                window_id=window_id,
                finding_id=finding_id,
                taken_by=user,
                device=platform.node(),
                now=now,
            )

        self.photo_status.setText(self.tr("Saving the photo…"))
        self.context.run(guarded(run), self._on_imported, self._on_failed, write=True, owner=self)

    def _on_imported(self, result: ImportedPhoto | Failure) -> None:
        if isinstance(result, Failure):
            self.photo_status.setText("")
            self._on_failed_error(result.error)
            return
        self._on_captured(result.snapshot)
        if result.time_suspicious:
            gap = result.exif_gap
            self.photo_status.setText(
                self.tr("Photo imported; its time is not the finding's: %1").replace(
                    "%1",
                    self.tr("no EXIF time")
                    if gap is None
                    else self.tr("%1 minutes apart").replace(
                        "%1", str(int(gap.total_seconds() // 60))
                    ),
                )
            )

    def _on_captured(self, result: SnapshotInfo | Failure) -> None:
        if isinstance(result, Failure):
            self.photo_status.setText("")
            self._on_failed_error(result.error)
            return
        self.photo_status.setText(
            self.tr("Photo kept: %1").replace("%1", result.original_sha256[:16] + "…")
        )
        if result.finding_id is not None:
            self._select_finding(result.finding_id)

    def _select_finding(self, finding_id: uuid.UUID) -> None:
        """Show a finding's photos (its row selected)."""
        state = self.state
        for row, finding in enumerate(state.findings if state else []):
            if finding.id == finding_id:
                self.findings.selectRow(row)
        self.gallery.show_finding(finding_id)

    def selected_findings(self) -> list[FindingRow]:
        """Return the selected findings (FindingRow), in the order of the list."""
        state = self.state
        if state is None:
            return []
        rows = sorted(index.row() for index in self.findings.selectionModel().selectedRows())
        return [state.findings[row] for row in rows if row < len(state.findings)]

    def current_finding(self) -> FindingRow | None:
        """Return the finding under the cursor if it is selected (the one Delete removes)."""
        state, row = self.state, self.findings.currentRow()
        selected = self.findings.selectionModel().isRowSelected(row)
        if state is None or not selected or not 0 <= row < len(state.findings):
            return None
        return state.findings[row]

    def _on_finding_chosen(self) -> None:
        finding = self.current_finding()
        self.gallery.show_finding(finding.id if finding is not None else None)
        self.draft_button.setEnabled(bool(self.selected_findings()))

    def remove_selected_finding(self) -> None:
        finding, hall = self.current_finding(), self.context.hall
        if finding is None or hall is None:
            return
        question = self.tr("Remove the finding at window %1 (%2)?")
        question = question.replace("%1", finding.window_no).replace("%2", finding.category_label)
        if not self.confirm(question):
            return
        finding_id = finding.id

        def work(session: Session) -> object:
            from hallwatch.services.checks.spot_checks import remove_finding

            remove_finding(session, hall.id, finding_id)
            return None

        self._write("finding.remove", work)

    def confirm(self, question: str) -> bool:
        """Ask a yes/no question (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Question, " ", question, parent=self)
        yes = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.YesRole)
        box.addButton(self.tr("Keep"), QMessageBox.ButtonRole.NoRole)
        box.exec()
        return box.clickedButton() is yes

    def current_window(self) -> WalkWindow | None:
        state, row = self.state, self.windows.currentRow()
        if state is None or not 0 <= row < len(state.walk):
            return None
        return state.walk[row]

    # --- actions ----------------------------------------------------------------------------

    def _write(self, action: str, work: Callable[[Session], object]) -> None:
        context = self.context

        def run() -> object:
            with context.db.write(action) as session:
                return work(session)

        self.busy = True
        self.context.run(guarded(run), self._on_written, self._on_failed, write=True, owner=self)

    def _on_written(self, result: object) -> None:
        self.busy = False
        if isinstance(result, Failure):
            self._on_failed_error(result.error)

    def _on_failed_error(self, error: BaseException) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(self.error_text.describe(error))
        self.message.show()

    def start_session(self) -> None:
        hall = self.context.hall
        if hall is None or self.busy or (self.state and self.state.check):
            return
        kind, team, user, now = (
            SpotCheckKind(self.kind.currentData()),
            self.team.text(),
            self.context.user,
            self.context.now(),
        )

        def work(session: Session) -> object:
            from hallwatch.services.checks.spot_checks import start_spot_check

            return start_spot_check(session, hall.id, kind, team=team, inspector=user, now=now)

        self._write("spot_check.start", work)
        self.windows.setFocus()

    def record_finding(self) -> None:
        hall, state, window = self.context.hall, self.state, self.current_window()
        if hall is None or state is None or state.check is None or window is None or self.busy:
            return
        check_id, window_id = state.check.id, window.window_id
        category = str(self.category.currentData())
        staff = str(self.staff.currentData() or "")
        description, severity = self.description.text(), int(self.severity.currentData())
        rectify, now = self.rectify.value(), self.context.now()

        def work(session: Session) -> object:
            from hallwatch.services.checks.spot_checks import add_finding

            return add_finding(
                session,
                hall.id,
                category=category,
                window_id=window_id,
                description=description,
                severity=severity,
                staff_id=uuid.UUID(staff) if staff else None,
                propose=False,
                observed_at=now,
                spot_check_id=check_id,
                rectify_days=rectify,
                now=now,
            )

        self._write("finding.add", work)
        self.description.clear()
        self.windows.setFocus()

    def close_session(self) -> None:
        state = self.state
        if state is None or state.check is None or self.busy:
            return
        check_id, summary, now = state.check.id, self.summary.text(), self.context.now()

        def work(session: Session) -> object:
            from hallwatch.services.checks.spot_checks import close_spot_check

            return close_spot_check(session, check_id, summary, now=now)

        self._write("spot_check.close", work)
        self.summary.clear()

    # --- letters ------------------------------------------------------------------------

    def draft_letter(self, kind: LetterKind) -> None:
        """Draft a letter of a kind from the selected findings (in the write pool)."""
        hall, chosen = self.context.hall, self.selected_findings()
        if hall is None or not chosen or self.busy:
            return
        ids, now, context = [f.id for f in chosen], self.context.now(), self.context

        def run() -> uuid.UUID:
            from hallwatch.services.letters.lifecycle import draft_from_findings

            with context.db.write("letter.draft") as session:
                return draft_from_findings(session, hall.id, ids, kind, now=now)

        self.busy = True
        self.draft_button.setEnabled(False)
        self.letter_status.setText(self.tr("Drafting…"))
        self.context.run(
            guarded(run),
            lambda result: self._on_drafted(kind, len(ids), result),
            self._on_draft_failed,
            write=True,
            owner=self,
        )

    def _on_drafted(self, kind: LetterKind, count: int, result: uuid.UUID | Failure) -> None:
        self.busy = False
        self.draft_button.setEnabled(bool(self.selected_findings()))
        if isinstance(result, Failure):
            self._on_draft_failed(result.error)
            return
        self.message.hide()
        self.letter_status.setText(
            self.tr("%1 drafted from %2 findings: edit and issue it under Letters.")
            .replace("%1", self.letter_kind_words()[kind])
            .replace("%2", str(count))
        )
        self.letter_drafted.emit(result)

    def _on_draft_failed(self, error: BaseException | str) -> None:
        self.busy = False
        self.draft_button.setEnabled(bool(self.selected_findings()))
        self.letter_status.setText("")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(self.letter_error(error))
        self.message.show()

    def letter_error(self, error: BaseException | str) -> str:
        """Return the translated text of an error met while drafting a letter."""
        code, params = getattr(error, "code", None), getattr(error, "params", ())
        if isinstance(error, AlreadyDraftedError):
            return self.tr(
                "A selected finding already has a letter of this kind (%1): open it under "
                "Letters, or revoke it to draft another."
            ).replace("%1", error.doc_no or self.tr("draft"))
        if code == "several_people":
            return self.tr(
                "An efficiency warning letter is to one person, and the selected findings "
                "name several (%1): draft one letter per person."
            ).replace("%1", params[0] if params else "")
        if code == "several_units":
            return self.tr(
                "A notice is to one unit, and the selected findings are at several: "
                "draft one notice per unit."
            )
        if code == "no_person":
            return self.tr(
                "The selected findings name nobody: an efficiency warning letter is to a "
                "person. Record who it was, or draft a supervision notice to the unit."
            )
        if code == "no_unit":
            return self.tr(
                "The selected findings belong to no unit: give the window or the person a "
                "unit first (Settings)."
            )
        return self.error_text.describe(error)


__all__ = ["CheckView"]
