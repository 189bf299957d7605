"""What `letter print` and `printers` need from the front end: the system's printers.

Printing goes through Qt (QPrinter and QtPdf, the app's own print path), which the
core never imports; the console script of the desktop package hands `main` a factory
for a `Printing`, and these commands ask it. Without the front end they say so.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class PrinterEntry:
    name: str
    is_default: bool
    description: str = ""
    location: str = ""


@dataclass(frozen=True, slots=True)
class PrintedJob:
    printer: str
    pages: int  # pages of one copy
    copies: int


class Printing(Protocol):
    def printers(self) -> list[PrinterEntry]:
        """Return the printers the system offers."""
        ...

    def print_pdf(self, pdf: bytes, printer: str | None, copies: int, title: str) -> PrintedJob:
        """Print a PDF on a printer (None: the default); raise HallWatchError when it cannot."""
        ...


PrintingFactory = Callable[[], Printing]


def printing_of(args: argparse.Namespace) -> Printing:
    """Return the front end's printing, or say that printing needs it."""
    from hallwatch.domain.errors import InputError

    factory: PrintingFactory | None = getattr(args, "printing", None)
    if factory is None:
        raise InputError(
            "printing needs HallWatch's desktop part (PySide6), which this installation lacks",
            "install the desktop package, or write the PDF with 'hallwatch letter render ID "
            "--out FILE.pdf' and print that file",
        )
    return factory()


def unknown_printer_hint(known: list[PrinterEntry]) -> str:
    """Name the printers there are, for an error about one that is not."""
    if not known:
        return "this computer has no printer: add one in the system's printer settings (CUPS)"
    return "the printers are: " + ", ".join(
        p.name + (" (default)" if p.is_default else "") for p in known
    )
