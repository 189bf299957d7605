"""Print letters: one printer dialog, then every page of every letter, A4 at 100 %.

Each page is rasterised by QPdfDocument.render at the printer's resolution (at most
MAX_DPI: a 1200 dpi "print to file" would otherwise take seconds and 140 MB a page)
in horizontal strips, so memory stays small, and painted onto the whole sheet: the
printer is set to full page with no margins and the page size of the PDF, so nothing
is shrunk to fit a printable area. The PDF bytes are the letter's own (the frozen
ones of an issued letter).

The job runs in the read pool (QPainter may paint on a QPrinter off the GUI thread);
its progress crosses back as a signal, and Cancel sets a flag it checks per strip.
"""

from __future__ import annotations

import math
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QObject,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from hallwatch.domain.errors import HallWatchError
from ui.base.context import AppContext

MAX_DPI = 600
STRIP_PIXELS = 1024  # rows rendered at a time


@dataclass(slots=True)
class PrintResult:
    letters: int = 0
    pages: int = 0
    cancelled: bool = False
    printer_failed: bool = False
    # (the letter's label, the error) for letters that could not be printed.
    failed: list[tuple[str, HallWatchError]] = field(default_factory=list)


def page_layout(points: QSizeF) -> QPageLayout:
    """Return a margin-free layout of the PDF page's size (A4 when it is A4)."""
    size = QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = (
        QPageLayout.Orientation.Landscape
        if points.width() > points.height()
        else QPageLayout.Orientation.Portrait
    )
    if orientation is QPageLayout.Orientation.Landscape:
        size = QPageSize(
            QSizeF(points.height(), points.width()),
            QPageSize.Unit.Point,
            "",
            QPageSize.SizeMatchPolicy.FuzzyMatch,
        )
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


def prepare_printer(printer: QPrinter) -> None:
    """Set a printer up for letters: A4, full page, no margins, as the PDF lays it out."""
    printer.setFullPage(True)
    printer.setPageLayout(page_layout(QSizeF(595.276, 841.89)))
    printer.setColorMode(QPrinter.ColorMode.Color)


def open_document(pdf: bytes) -> QPdfDocument:
    """Load PDF bytes into a QPdfDocument (its buffer is its child, so it lives as long)."""
    document = QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document


class PagePainter:
    """Paints PDF pages onto one printer run, page after page, starting it on the first."""

    def __init__(self, printer: QPrinter, cancelled: Callable[[], bool]) -> None:
        self.printer = printer
        self.cancelled = cancelled
        self.painter = QPainter()
        self.pages = 0

    def paint_document(self, document: QPdfDocument, page_done: Callable[[int], None]) -> bool:
        """Paint every page of a document; return False if cancelled or the printer failed."""
        for page in range(document.pageCount()):
            if self.cancelled() or not self._next_page(document.pagePointSize(page)):
                return False
            if not self._paint_page(document, page):
                return False
            self.pages += 1
            page_done(page + 1)
        return True

    def _next_page(self, points: QSizeF) -> bool:
        layout = page_layout(points)
        if not self.painter.isActive():
            self.printer.setPageLayout(layout)
            return self.painter.begin(self.printer)
        if not layout.pageSize().isEquivalentTo(self.printer.pageLayout().pageSize()):
            self.printer.setPageLayout(layout)
        return self.printer.newPage()

    def _paint_page(self, document: QPdfDocument, page: int) -> bool:
        points = document.pagePointSize(page)
        resolution = self.printer.resolution()
        # Render at the printer's resolution divided by a whole number, so strips land
        # on whole device pixels with no seams.
        step = max(1, math.ceil(resolution / MAX_DPI))
        dpi = resolution / step
        width = round(points.width() * dpi / 72)
        height = round(points.height() * dpi / 72)
        y = 0
        while y < height:
            if self.cancelled():
                return False
            rows = min(STRIP_PIXELS, height - y)
            options = QPdfDocumentRenderOptions()
            options.setScaledSize(QSize(width, height))
            options.setScaledClipRect(QRect(0, y, width, rows))
            strip = document.render(page, QSize(width, rows), options)
            # The page is transparent where nothing is drawn: lay it on white paper.
            sheet = QImage(width, rows, QImage.Format.Format_RGB32)
            sheet.fill(QColor(Qt.GlobalColor.white))
            on_sheet = QPainter(sheet)
            on_sheet.drawImage(0, 0, strip)
            on_sheet.end()
            self.painter.drawImage(QRectF(0, y * step, width * step, rows * step), sheet)
            y += rows
        return True

    def finish(self, aborted: bool) -> None:
        if self.painter.isActive():
            if aborted:
                self.printer.abort()
            self.painter.end()


class LetterPrintJob(QObject):
    """Fetch each letter's PDF and print it; runs in the read pool, reports on the GUI."""

    progressed = Signal(int, str)  # per mille done, what is printing

    def __init__(
        self,
        context: AppContext,
        printer: QPrinter,
        letters: Sequence[tuple[uuid.UUID, str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.printer = printer
        self.letters = list(letters)
        self._cancel = threading.Event()
        self.now = context.now()
        self.page_words = self.tr("%1, page %2 of %3")

    def cancel(self) -> None:
        self._cancel.set()

    def summary(self, result: PrintResult) -> str:
        """Say what was printed, what was not, and why."""
        from ui.letters.letter_error_text import LetterErrorText

        if result.printer_failed:
            text = self.tr("The printer stopped after %1 pages: check it and print again.")
            return text.replace("%1", str(result.pages))
        if result.cancelled:
            text = self.tr("Printing cancelled after %1 letters (%2 pages).")
        else:
            text = self.tr("Printed %1 letters (%2 pages).")
        text = text.replace("%1", str(result.letters)).replace("%2", str(result.pages))
        if result.failed:
            errors = LetterErrorText(self)
            text += " " + self.tr("Not printed: %1").replace(
                "%1",
                "；".join(f"{label}：{errors.describe(e, 'pdf')}" for label, e in result.failed),
            )
        return text

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> PrintResult:
        """Print every letter (call in a pool thread)."""
        from hallwatch.services.letters.lifecycle import letter_pdf
        from hallwatch.storage.blobs import BlobStore

        result = PrintResult()
        blobs = BlobStore(self.context.folder.blobs_dir)
        pages = PagePainter(self.printer, self.cancelled)
        total = len(self.letters)
        try:
            for k, (letter_id, label) in enumerate(self.letters):
                if self.cancelled():
                    break
                self.progressed.emit(int(1000 * k / total), label)
                try:
                    with self.context.db.read() as session:
                        pdf = letter_pdf(session, letter_id, blobs, now=self.now)
                except HallWatchError as error:
                    result.failed.append((label, error))
                    continue
                document = open_document(pdf)
                count = document.pageCount()

                def done(page: int, k: int = k, label: str = label, count: int = count) -> None:
                    text = (
                        self.page_words.replace("%1", label)
                        .replace("%2", str(page))
                        .replace("%3", str(count))
                    )
                    self.progressed.emit(int(1000 * (k + page / max(count, 1)) / total), text)

                finished = pages.paint_document(document, done)
                document.close()
                if not finished:
                    if not self.cancelled():
                        result.printer_failed = True
                    break
                result.letters += 1
        finally:
            result.cancelled = self.cancelled()
            pages.finish(aborted=result.cancelled or result.printer_failed)
        result.pages = pages.pages
        return result


def ask_printer(parent: QWidget, title: str, printer: QPrinter | None = None) -> QPrinter | None:
    """Show the one printer dialog of a print run; return the printer, or None if cancelled."""
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer)
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("print_dialog")
    dialog.setWindowTitle(title)
    # Letters print whole: no page ranges, no "selection".
    dialog.setOptions(
        QAbstractPrintDialog.PrintDialogOption.PrintToFile
        | QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies
        | QAbstractPrintDialog.PrintDialogOption.PrintShowPageSize
    )
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    if not accepted:
        return None
    # The dialog may have changed the paper: letters are laid out for their PDF's page.
    prepare_printer(printer)
    return printer


def start_printing(
    parent: QWidget,
    context: AppContext,
    letters: Sequence[tuple[uuid.UUID, str]],
    printer: QPrinter,
    texts: dict[str, str],
    on_finished: Callable[[PrintResult, str], None],
    on_error: Callable[[str], None],
) -> tuple[LetterPrintJob, QProgressDialog]:
    """Print in the read pool with a cancellable progress dialog (texts: title, cancel)."""
    job = LetterPrintJob(context, printer, letters, parent)
    progress = QProgressDialog(parent)
    progress.setObjectName("print_progress")
    progress.setWindowTitle(texts["title"])
    progress.setLabelText(texts["title"])
    progress.setCancelButtonText(texts["cancel"])
    progress.setRange(0, 1000)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.setValue(0)
    progress.canceled.connect(job.cancel)

    def show(value: int, text: str) -> None:
        if progress.wasCanceled():
            job.cancel()  # cancel() without the button (a test, a window closing)
        else:
            progress.setValue(value)
            progress.setLabelText(text)

    job.progressed.connect(show)

    def finished(result: PrintResult) -> None:
        progress.close()
        progress.deleteLater()
        job.deleteLater()
        on_finished(result, job.summary(result))

    def failed(message: str) -> None:
        progress.close()
        progress.deleteLater()
        job.deleteLater()
        on_error(message)

    context.run(job.run, finished, failed, owner=parent)
    return job, progress
