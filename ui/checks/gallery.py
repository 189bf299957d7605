"""A finding's photos: thumbnails of the captioned copies; Enter or a double click opens one.

The files are read and scaled in the read pool (QImage is safe off the GUI thread);
only the pixmaps are made on the GUI thread. The full-size view shows the
captioned copy with the original's SHA-256 under it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.base.context import AppContext
from ui.widgets.hall_time import zone_of

THUMB = QSize(192, 108)


@dataclass(frozen=True, slots=True)
class _Photo:
    info: Any  # SnapshotInfo
    thumb: QImage


class Gallery(QListWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gallery")
        self.context = context
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(THUMB)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setFixedHeight(THUMB.height() + 48)
        self.photos: list[_Photo] = []
        self.finding_id: uuid.UUID | None = None
        self._generation = 0
        self.viewer: QDialog | None = None
        self.itemActivated.connect(lambda item: self.open_photo(self.row(item)))

    def show_finding(self, finding_id: uuid.UUID | None) -> None:
        """Load the photos of a finding (None: none)."""
        self._generation += 1
        generation, context = self._generation, self.context
        self.finding_id = finding_id
        if finding_id is None:
            self._on_loaded(generation, [])
            return

        def load() -> list[_Photo]:
            from hallwatch.services.checks.snapshots import snapshots_of
            from hallwatch.storage.blobs import BlobStore

            with context.db.read() as session:
                infos = snapshots_of(session, finding_id)
            store = BlobStore(context.folder.blobs_dir)
            photos = []
            for info in infos:
                image = QImage.fromData(store.read(info.captioned_sha256 or info.original_sha256))
                thumb = image.scaled(
                    THUMB,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                photos.append(_Photo(info, thumb))
            return photos

        self.context.run(
            load, lambda photos: self._on_loaded(generation, photos), lambda _m: None, owner=self
        )

    def _on_loaded(self, generation: int, photos: list[_Photo]) -> None:
        if generation != self._generation:
            return
        self.photos = photos
        self.clear()
        zone = zone_of(self.context)
        for photo in photos:
            taken = photo.info.taken_at.astimezone(zone)
            item = QListWidgetItem(QIcon(QPixmap.fromImage(photo.thumb)), f"{taken:%H:%M:%S}")
            item.setToolTip(f"SHA-256 {photo.info.original_sha256}")
            self.addItem(item)

    def open_photo(self, row: int) -> QDialog | None:
        """Show one photo full size (its captioned copy) with the original's hash."""
        if not 0 <= row < len(self.photos):
            return None
        info, context = self.photos[row].info, self.context
        from hallwatch.storage.blobs import BlobStore

        data = BlobStore(context.folder.blobs_dir).read(
            info.captioned_sha256 or info.original_sha256
        )
        dialog = QDialog(self)
        dialog.setObjectName("photo_viewer")
        dialog.setWindowTitle(self.tr("Photo %1").replace("%1", str(row + 1)))
        picture = QLabel(dialog)
        picture.setPixmap(QPixmap.fromImage(QImage.fromData(data)))
        scroll = QScrollArea(dialog)
        scroll.setWidget(picture)
        caption = QLabel(
            self.tr("Original SHA-256: %1").replace("%1", info.original_sha256), dialog
        )
        caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(dialog)
        layout.addWidget(scroll, 1)
        layout.addWidget(caption)
        dialog.resize(1000, 680)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer = dialog
        dialog.open()
        return dialog
