"""`hallwatch letter print` and `hallwatch printers`: the app's print path, without a dialog.

The command line finds the letter and its PDF in the core; this prints the bytes as
the 公文 screen does (ui/letters/letter_print_job.py: QtPdf renders each page at the
printer's resolution onto a full-page, margin-free A4 QPrinter), on a printer named by
the system (QPrinterInfo: CUPS on Linux, the spooler on Windows). It needs a
QGuiApplication but no display: without one it runs on the offscreen platform.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from hallwatch.cli.printing import PrintedJob, PrinterEntry, unknown_printer_hint
from hallwatch.domain.errors import HallWatchError, InputError, NotFoundError
from ui.letters.letter_print_job import PagePainter, open_document, prepare_printer

_app: QCoreApplication | None = None


def _ensure_app() -> None:
    """Start the Qt application printing needs, offscreen when there is no display."""
    global _app
    if QCoreApplication.instance() is not None:
        return
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication([sys.argv[0] if sys.argv else "hallwatch"])


class QtPrinting:
    """The system's printers as Qt sees them."""

    def __init__(self) -> None:
        _ensure_app()

    def printers(self) -> list[PrinterEntry]:
        default = QPrinterInfo.defaultPrinterName()
        return [
            PrinterEntry(
                info.printerName(),
                info.printerName() == default or info.isDefault(),
                info.description(),
                info.location(),
            )
            for info in QPrinterInfo.availablePrinters()
        ]

    def _printer_info(self, name: str | None) -> QPrinterInfo:
        known = self.printers()
        if name is not None:
            wanted = name.strip()
            info = QPrinterInfo.printerInfo(wanted)
            if not wanted or info.isNull():
                raise NotFoundError(f"no printer named {wanted!r}", unknown_printer_hint(known))
            return info
        if not known:
            raise NotFoundError("no printer to print on", unknown_printer_hint(known))
        default = QPrinterInfo.defaultPrinter()
        if default.isNull():
            raise InputError(
                "the system has no default printer",
                "name one with --printer; " + unknown_printer_hint(known),
            )
        return default

    def print_pdf(self, pdf: bytes, printer: str | None, copies: int, title: str) -> PrintedJob:
        info = self._printer_info(printer)
        device = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        if not device.isValid():
            raise HallWatchError(
                f"the printer {info.printerName()} cannot be used",
                "check it in the system's printer settings",
            )
        prepare_printer(device)
        device.setDocName(title)
        device.setCopyCount(copies)
        document = open_document(pdf)
        if document.pageCount() < 1:
            raise HallWatchError(
                f"{title}: its PDF has no page to print",
                "check it with 'hallwatch audit verify'",
            )
        pages = PagePainter(device, lambda: False)
        finished = False
        try:
            finished = pages.paint_document(document, lambda _page: None)
        finally:
            # Ending the painter hands the job to the spooler (CUPS: one job, N copies).
            pages.finish(aborted=not finished)
            document.close()
        if not finished:
            raise HallWatchError(
                f"the printer {info.printerName()} stopped after {pages.pages} pages",
                "check the printer and its queue, then print again",
            )
        return PrintedJob(info.printerName(), pages.pages, copies)
