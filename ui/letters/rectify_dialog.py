"""复查销号: close a rectification notice with photos of the re-inspection.

The photos offered are those of the notice's findings taken after it was issued.
More can be taken now with the camera of each window the findings name, or
imported from JPEG files (kept as evidence, flagged imported, and linked to the
finding when the notice has exactly one, so their caption names its window).
At least one photo must be ticked; the core checks that each was taken after issue.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallwatch.services.letters.lifecycle import LetterDetail
from hallwatch.storage.session import Session
from ui.base.context import AppContext
from ui.letters.letter_action_dialog import LetterActionDialog
from ui.workers import Failure, guarded

THUMB = QSize(160, 90)


@dataclass(frozen=True, slots=True)
class Photo:
    info: Any  # SnapshotInfo
    thumb: QImage


def load_photos(context: AppContext, infos: Sequence[Any]) -> list[Photo]:
    """Read and scale the captioned copies (in a pool thread: QImage is thread-safe)."""
    from hallwatch.storage.blobs import BlobStore

    store = BlobStore(context.folder.blobs_dir)
    photos = []
    for info in infos:
        sha = info.captioned_sha256 or info.original_sha256
        image = QImage.fromData(store.read(sha)) if store.has(sha) else QImage()
        thumb = image.scaled(
            THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        photos.append(Photo(info, thumb))
    return photos


class RectifyDialog(LetterActionDialog):
    """Pick the re-inspection photos, add a note, close the notice."""

    action = "rectify"
    audit_action = "letter.rectify"

    def __init__(
        self, context: AppContext, detail: LetterDetail, parent: QWidget | None = None
    ) -> None:
        self.photos: dict[uuid.UUID, Photo] = {}
        super().__init__(context, detail, parent)
        self.resize(720, 560)
        self.load_candidates()

    def build(self) -> None:
        self.photo_box = QWidget(self)
        self.photo_list = QListWidget(self.photo_box)
        self.photo_list.setObjectName("photos")
        self.photo_list.setViewMode(QListView.ViewMode.IconMode)
        self.photo_list.setIconSize(THUMB)
        self.photo_list.setMovement(QListView.Movement.Static)
        self.photo_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.photo_list.setMinimumHeight(THUMB.height() * 2 + 70)
        self.photo_list.itemChanged.connect(lambda _item: self._show_count())
        self.import_button = QPushButton(self.photo_box)
        self.import_button.setObjectName("import_photos")
        self.import_button.clicked.connect(lambda _c=False: self.ask_import())
        self.capture_button = QPushButton(self.photo_box)
        self.capture_button.setObjectName("capture_photos")
        self.capture_button.clicked.connect(lambda _c=False: self.capture_photos())
        self.photo_status = QLabel(self.photo_box)
        self.photo_status.setObjectName("photo_status")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.capture_button)
        row.addWidget(self.import_button)
        row.addWidget(self.photo_status, 1)
        column = QVBoxLayout(self.photo_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.photo_list)
        column.addLayout(row)
        self.note = self.text_edit(3)
        self.rectified_at = self.time_edit()
        self.fields.add("snapshot_ids", self.photo_box, focus=self.photo_list)
        self.fields.add("note", self.note)
        self.fields.add("rectified_at", self.rectified_at)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(self.tr("Re-inspection"))
        self.summary.setText(
            self.tr(
                "Close %1 after a re-inspection: tick the photos that show the problems "
                "rectified (taken after the notice was issued)."
            ).replace("%1", self.letter_name())
        )
        self.fields.label("snapshot_ids").setText(self.tr("Photos:"))
        self.fields.label("note").setText(self.tr("Findings of the re-inspection:"))
        self.fields.label("rectified_at").setText(self.tr("Re-inspected at:"))
        self.import_button.setText(self.tr("&Import photos…"))
        self.capture_button.setText(self.tr("&Take photos"))
        self.capture_button.setToolTip(
            self.tr("Take a photo with the camera of each window in this notice")
        )
        self.note.setPlaceholderText(self.tr("e.g. the window staff now wear their badges"))
        self.ok_button.setText(self.tr("&Close the notice"))
        self._show_count()

    def _show_count(self) -> None:
        if not hasattr(self, "photo_list"):
            return
        if self.photo_list.count() == 0:
            self.photo_status.setText(
                self.tr("No photo taken after the notice yet: import the re-inspection photos.")
            )
        else:
            self.photo_status.setText(
                self.tr("%1 of %2 photos ticked")
                .replace("%1", str(len(self.chosen())))
                .replace("%2", str(self.photo_list.count()))
            )

    # --- the photos ------------------------------------------------------------------------

    def load_candidates(self) -> None:
        """Show the photos of the notice's findings taken since it was issued."""
        context, finding_ids = self.context, self.detail.finding_ids
        issued = self.detail.row.issued_at

        def load() -> list[Photo]:
            from hallwatch.services.checks.snapshots import snapshots_of

            with context.db.read() as session:
                infos = [info for fid in finding_ids for info in snapshots_of(session, fid)]
            later = [i for i in infos if issued is None or i.taken_at >= issued]
            return load_photos(context, later)

        self.context.run(load, self._add_photos, self._on_failed, owner=self)

    def _add_photos(self, photos: list[Photo], checked: bool = False) -> None:
        for photo in photos:
            if photo.info.id in self.photos:
                continue
            self.photos[photo.info.id] = photo
            taken = photo.info.taken_at.astimezone(self.zone)
            item = QListWidgetItem(
                QIcon(QPixmap.fromImage(photo.thumb)), f"{taken:%Y-%m-%d %H:%M}", self.photo_list
            )
            item.setData(Qt.ItemDataRole.UserRole, photo.info.id)
            item.setToolTip(f"SHA-256 {photo.info.original_sha256}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._show_count()

    def chosen(self) -> list[uuid.UUID]:
        return [
            self.photo_list.item(k).data(Qt.ItemDataRole.UserRole)
            for k in range(self.photo_list.count())
            if self.photo_list.item(k).checkState() == Qt.CheckState.Checked
        ]

    def ask_import(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Import re-inspection photos"), "", self.tr("JPEG photos (*.jpg *.jpeg)")
        )
        if paths:
            self.import_photos(paths)

    def import_photos(self, paths: Sequence[str]) -> None:
        """Keep JPEG files as evidence (in the write pool) and tick them."""
        import platform

        hall = self.context.hall
        if hall is None:
            return
        context, user, now = self.context, self.context.user, self.context.now()
        findings = self.detail.finding_ids
        finding_id = findings[0] if len(findings) == 1 else None

        def run() -> list[Photo]:
            from hallwatch.services.checks.snapshots import import_photo

            infos = [
                import_photo(
                    context.db,
                    hall.id,
                    Path(path),
                    finding_id=finding_id,
                    taken_by=user,
                    device=platform.node(),
                    now=now,
                ).snapshot
                for path in paths
            ]
            return load_photos(context, infos)

        self.import_button.setEnabled(False)
        self.photo_status.setText(self.tr("Importing…"))
        self.context.run(guarded(run), self._on_imported, self._on_failed, write=True, owner=self)

    def capture_photos(self) -> None:
        """Take one photo with the camera of each window of the notice's findings, and tick it."""
        import platform

        hall = self.context.hall
        if hall is None:
            return
        context, user, findings = self.context, self.context.user, self.detail.finding_ids

        def run() -> list[Photo]:
            from hallwatch.domain.errors import InputError
            from hallwatch.services.checks.snapshots import take_snapshot
            from hallwatch.services.checks.spot_checks import finding_windows

            with context.db.read() as session:
                targets = finding_windows(session, findings)
            seen: set[uuid.UUID] = set()
            infos = []
            for target in targets:
                if target.window_id in seen:
                    continue
                seen.add(target.window_id)
                if not target.camera_source.strip():
                    raise InputError(
                        f"window {target.number} has no camera", "import the photos instead"
                    )
                infos.append(
                    take_snapshot(
                        context.db,
                        hall.id,
                        target.camera_source,
                        window_id=target.window_id,
                        finding_id=target.finding_id,
                        taken_by=user,
                        device=platform.node(),
                    )
                )
            if not infos:
                raise InputError("this notice names no window", "import the photos instead")
            return load_photos(context, infos)

        self.capture_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.photo_status.setText(self.tr("Taking photos…"))
        self.context.run(guarded(run), self._on_captured, self._on_failed, write=True, owner=self)

    def _on_captured(self, result: object) -> None:
        if isinstance(result, Failure):
            self.capture_button.setEnabled(True)
            self.import_button.setEnabled(True)
            self._show_count()
            self.message.setText(self.error_text.describe(result.error, "capture"))
            self.message.show()
            return
        self._on_imported(result)

    def _on_imported(self, result: object) -> None:
        self.capture_button.setEnabled(True)
        self.import_button.setEnabled(True)
        if isinstance(result, Failure):
            self._show_count()
            self.show_error(result.error)
            return
        assert isinstance(result, list)
        self._add_photos(result, checked=True)

    def _on_failed(self, message: str) -> None:
        self.capture_button.setEnabled(True)
        self.import_button.setEnabled(True)
        self._show_count()
        super()._on_failed(message)

    def work(self) -> Callable[[Session], Any]:
        from hallwatch.services.letters.lifecycle import record_rectified

        letter_id, shots = self.letter_id, self.chosen()
        note, at = self.note.toPlainText(), self.moment(self.rectified_at)
        return lambda session: record_rectified(session, letter_id, shots, note=note, at=at)


__all__ = ["RectifyDialog"]
