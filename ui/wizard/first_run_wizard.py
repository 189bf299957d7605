"""The first-run wizard: a data folder without a hall gets one, or the demo hall."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from hallwatch.demo.generator import generate_demo
from hallwatch.demo.letters import add_demo_letters
from hallwatch.domain.errors import HallWatchError
from hallwatch.domain.timeutil import DEFAULT_ZONE, hall_zone
from hallwatch.services.hall.halls import HallInfo, list_halls
from hallwatch.services.setup.entities import HallDetails, HallDraft, NewHall, get_hall_details
from hallwatch.services.setup.entities import set_up_new_hall as set_up_hall
from hallwatch.storage.database import Database
from ui.base.translated import Retranslated
from ui.settings.error_text import ErrorText
from ui.settings.hall_page import zone_box
from ui.widgets.form_fields import FormFields
from ui.widgets.style import ERROR_STYLE

CHOICE_PAGE, NEW_HALL_PAGE, DEMO_PAGE, DONE_PAGE = range(4)
DEMO_SCALE = "tiny"


class TaskSignals(QObject):
    """The way back from a wizard task; a child of the page that started it."""

    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)  # a HallWatchError, or the text of an unexpected error


class Task(QRunnable):
    """Run fn(progress) in a pool; emit the page-owned signals."""

    def __init__(
        self, fn: Callable[[Callable[[float, str], None]], Any], signals: TaskSignals
    ) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit)
        except HallWatchError as error:
            self.signals.failed.emit(error)
        except Exception as error:
            self.signals.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.signals.finished.emit(result)


class ChoicePage(Retranslated, QWizardPage):
    """Create a new hall, or look around in the demo hall."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.new_hall = QRadioButton(self)
        self.new_hall.setObjectName("choice_new")
        self.new_hall.setChecked(True)
        self.new_hall_note = QLabel(self)
        self.new_hall_note.setWordWrap(True)
        self.demo = QRadioButton(self)
        self.demo.setObjectName("choice_demo")
        self.demo_note = QLabel(self)
        self.demo_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(12)
        layout.addWidget(self.new_hall)
        layout.addWidget(self.new_hall_note)
        layout.addSpacing(8)
        layout.addWidget(self.demo)
        layout.addWidget(self.demo_note)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Welcome to HallWatch"))
        self.intro.setText(
            self.tr("This data folder has no service hall yet. What would you like to do?")
        )
        self.new_hall.setText(self.tr("Create a new hall"))
        self.new_hall_note.setText(
            self.tr(
                "Enter the hall's code, name and time zone. The national holiday calendar "
                "and the default rules come with it; units, windows and staff follow in "
                "Settings."
            )
        )
        self.demo.setText(self.tr("Open the demo hall"))
        self.demo_note.setText(
            self.tr(
                "A made-up hall with a month of attendance, cases and spot checks, to try "
                "HallWatch out. It is never sent to a server."
            )
        )

    def nextId(self) -> int:
        return NEW_HALL_PAGE if self.new_hall.isChecked() else DEMO_PAGE


class NewHallPage(Retranslated, QWizardPage):
    """The new hall's code, name, time zone and address; created on Create."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.error_text = ErrorText(self)
        self.setCommitPage(True)
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.timezone = zone_box()
        self.timezone.setCurrentText(DEFAULT_ZONE)
        self.address = QLineEdit()
        form = QFormLayout(self)
        self.fields = FormFields(form, lambda: None)
        self.fields.add("code", self.code)
        self.fields.add("name", self.name)
        self.fields.add("timezone", self.timezone)
        self.fields.add("address", self.address)
        self.form_error = QLabel(self)
        self.form_error.setObjectName("form_error")
        self.form_error.setStyleSheet(ERROR_STYLE)
        self.form_error.setWordWrap(True)
        form.addRow(self.form_error)
        self.signals = TaskSignals(self)
        self.signals.finished.connect(self._on_created)
        self.signals.failed.connect(self._on_failed)
        self.created: NewHall | None = None
        self.busy = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Create a new hall"))
        self.setSubTitle(self.tr("The code cannot change later; the other details can."))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create"))
        self.fields.label("code").setText(self.tr("Code"))
        self.fields.label("name").setText(self.tr("Name"))
        self.fields.label("timezone").setText(self.tr("Time zone"))
        self.fields.label("address").setText(self.tr("Address"))
        self.code.setPlaceholderText(self.tr("e.g. SZ-01"))
        self.name.setPlaceholderText(self.tr("e.g. Civic Service Centre"))

    def draft(self) -> HallDraft:
        return HallDraft(
            name=self.name.text(),
            address=self.address.text(),
            timezone=self.timezone.currentText(),
            code=self.code.text(),
        )

    def validatePage(self) -> bool:
        if self.created is not None:
            return True
        if not self.busy:
            self._start()
        return False

    def isComplete(self) -> bool:
        return not self.busy

    def nextId(self) -> int:
        return DONE_PAGE

    def _start(self) -> None:
        self.fields.clear_errors()
        self.form_error.clear()
        draft, db, today = self.draft(), self.owner.db, self.owner.today(self.draft().timezone)

        def work(_progress: Callable[[float, str], None]) -> NewHall:
            with db.write("setup") as session:
                return set_up_hall(session, draft, today=today)

        self._set_busy(True)
        self.owner.start(Task(work, self.signals))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.owner.set_busy(busy)
        self.completeChanged.emit()

    def _on_created(self, result: NewHall) -> None:
        self.created = result
        self.owner.hall = result.hall.info()
        self.owner.summary = self.owner.new_hall_summary(result)
        self._set_busy(False)
        if self.owner.currentPage() is self:
            self.owner.next()

    def _on_failed(self, error: object) -> None:
        self._set_busy(False)
        text = self.error_text.describe(error if isinstance(error, HallWatchError) else str(error))
        field = getattr(error, "field", None)
        if isinstance(field, str) and field in self.fields:
            self.fields.show_error(field, text)
        else:
            self.form_error.setText(text)


class DemoPage(Retranslated, QWizardPage):
    """Make the demo hall in the background, with a progress bar that can be cancelled."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.error_text = ErrorText(self)
        self.setCommitPage(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("demo_progress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.stage = QLabel(self)
        self.stage.setObjectName("demo_stage")
        self.error = QLabel(self)
        self.error.setObjectName("demo_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.progress)
        layout.addWidget(self.stage)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.signals = TaskSignals(self)
        self.signals.progress.connect(self._on_progress)
        self.signals.finished.connect(self._on_made)
        self.signals.failed.connect(self._on_failed)
        self.made: HallDetails | None = None
        self.busy = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Open the demo hall"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Make the demo hall"))
        self.note.setText(
            self.tr("Making the demo hall takes a few seconds. Cancel stops it and saves nothing.")
        )

    def validatePage(self) -> bool:
        if self.made is not None:
            return True
        if not self.busy:
            self._start()
        return False

    def isComplete(self) -> bool:
        return not self.busy

    def nextId(self) -> int:
        return DONE_PAGE

    def _start(self) -> None:
        self.error.clear()
        self.progress.setValue(0)
        db, until, cancelled = self.owner.db, self.owner.demo_until, self.owner.is_cancelled

        def work(progress: Callable[[float, str], None]) -> HallDetails:
            summary = generate_demo(
                db, scale=DEMO_SCALE, until=until, progress=progress, cancelled=cancelled
            )
            add_demo_letters(db, summary.hall_id)
            with db.read() as session:
                return get_hall_details(session, summary.hall_id)

        self.busy = True
        self.owner.set_busy(True)
        self.completeChanged.emit()
        self.owner.start(Task(work, self.signals))

    def _on_progress(self, fraction: float, _stage: str) -> None:
        self.progress.setValue(round(fraction * 100))
        self.stage.setText(self.tr("Writing the demo data…"))

    def _on_made(self, hall: HallDetails) -> None:
        self.made = hall
        self.busy = False
        self.progress.setValue(100)
        self.owner.hall = hall.info()
        self.owner.summary = self.owner.demo_summary(hall)
        self.owner.set_busy(False)
        self.completeChanged.emit()
        if self.owner.currentPage() is self:
            self.owner.next()

    def _on_failed(self, error: object) -> None:
        self.busy = False
        self.owner.set_busy(False)
        self.completeChanged.emit()
        self.stage.clear()
        self.error.setText(
            self.error_text.describe(error if isinstance(error, HallWatchError) else str(error))
        )


class DonePage(Retranslated, QWizardPage):
    """What was made, and where to go on."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.summary = QLabel(self)
        self.summary.setObjectName("done_summary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Ready"))

    def initializePage(self) -> None:
        self.summary.setText(self.owner.summary)


class FirstRunWizard(Retranslated, QWizard):
    """Shown when the data folder has no hall: create one, or make the demo hall.

    `hall` is the HallInfo of the hall made (set as soon as it exists, so also after an
    Esc on the last page; None when nothing was made). The work runs on the
    wizard's own one-thread pool; closing the wizard cancels the demo (which then
    saves nothing) and waits for the pool, so no task outlives the dialog.
    """

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        demo_until: date | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("FirstRunWizard")
        self.db = db
        self.demo_until = demo_until
        self._today = today
        self.hall: HallInfo | None = None
        self.summary = ""
        self._cancelled = False
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        # Once the hall exists there is nothing left to cancel.
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.choice_page = ChoicePage(self)
        self.new_hall_page = NewHallPage(self)
        self.demo_page = DemoPage(self)
        self.done_page = DonePage(self)
        self.setPage(CHOICE_PAGE, self.choice_page)
        self.setPage(NEW_HALL_PAGE, self.new_hall_page)
        self.setPage(DEMO_PAGE, self.demo_page)
        self.setPage(DONE_PAGE, self.done_page)
        self.setStartId(CHOICE_PAGE)
        self.resize(640, 460)
        self.retranslate_ui()

    @staticmethod
    def needed(db: Database) -> bool:
        """Tell whether the data folder has no hall yet (so the wizard should run)."""
        with db.read() as session:
            return not list_halls(session)

    def today(self, timezone: str) -> date:
        if self._today is not None:
            return self._today
        try:
            zone = hall_zone(timezone.strip() or None)
        except ValueError:
            zone = hall_zone(None)  # the service names the bad zone
        return datetime.now(zone).date()

    def start(self, task: Task) -> None:
        self.pool.start(task)

    def is_cancelled(self) -> bool:
        return self._cancelled

    def set_busy(self, busy: bool) -> None:
        """While a task runs, offer Cancel only: no way back to make a second hall."""
        if busy:
            self.setButtonLayout([QWizard.WizardButton.Stretch, QWizard.WizardButton.CancelButton])
        else:
            self.setButtonLayout(
                [
                    QWizard.WizardButton.Stretch,
                    QWizard.WizardButton.BackButton,
                    QWizard.WizardButton.NextButton,
                    QWizard.WizardButton.CommitButton,
                    QWizard.WizardButton.FinishButton,
                    QWizard.WizardButton.CancelButton,
                ]
            )

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Wait for the wizard's task (tests, closing)."""
        return self.pool.waitForDone(msecs)

    def done(self, result: int) -> None:
        if result != QWizard.DialogCode.Accepted:
            self._cancelled = True
            self.hall = (
                None
                if self.demo_page.made is None and self.new_hall_page.created is None
                else self.hall
            )
        self.pool.waitForDone()
        super().done(result)

    def new_hall_summary(self, result: NewHall) -> str:
        text = self.tr("The hall %1 is ready, with the default rules.").replace(
            "%1", result.hall.name
        )
        if result.imported_years:
            years = "、".join(str(year) for year in result.imported_years)
            text += " " + self.tr("National holidays were imported for %1.").replace("%1", years)
        if result.unknown_years:
            years = "、".join(str(year) for year in result.unknown_years)
            text += " " + self.tr(
                "The installed national calendar does not know %1 yet: enter its holidays "
                "under Settings → Holidays once the State Council publishes them; until then "
                "working days in %1 are counted Monday to Friday."
            ).replace("%1", years)
        text += "\n\n" + self.tr("Next, enter the units, windows and staff under Settings.")
        return text

    def demo_summary(self, hall: HallDetails) -> str:
        return self.tr(
            "The demo hall %1 is ready. Its data is made up, and it is never sent to a server."
        ).replace("%1", hall.name)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("HallWatch — first start"))
        # Qt's own button texts come from a catalogue HallWatch does not ship.
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
