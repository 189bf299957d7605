"""A letter's PDF on screen: every page, fit to the width, exactly the bytes that print.

The document reads from a QBuffer over the bytes; both live as long as the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.base.translated import Retranslated


class LetterPreviewDialog(Retranslated, QDialog):
    """Show PDF bytes; its print and save buttons are wired by the letters view."""

    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letter_preview")
        self.title = title
        self.pdf = pdf
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(pdf))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self.buffer)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #8a8a8a; }")
        self.pages_label = QLabel(self)
        self.pages_label.setObjectName("pages")
        self.fit_width_button = QPushButton(self)
        self.fit_width_button.setObjectName("fit_width")
        self.fit_width_button.clicked.connect(
            lambda _c=False: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        )
        self.fit_page_button = QPushButton(self)
        self.fit_page_button.setObjectName("fit_page")
        self.fit_page_button.clicked.connect(
            lambda _c=False: self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        )
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("print")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save_pdf")
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("close")
        self.close_button.clicked.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.pages_label)
        bar.addStretch(1)
        bar.addWidget(self.fit_width_button)
        bar.addWidget(self.fit_page_button)
        bar.addSpacing(16)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self.resize(780, 920)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Preview: %1").replace("%1", self.title))
        self.pages_label.setText(
            self.tr("%1 pages, A4").replace("%1", str(self.document.pageCount()))
        )
        self.fit_width_button.setText(self.tr("Fit &width"))
        self.fit_page_button.setText(self.tr("Whole &page"))
        self.print_button.setText(self.tr("Pri&nt…"))
        self.save_button.setText(self.tr("Save as PD&F…"))
        self.close_button.setText(self.tr("Close"))
