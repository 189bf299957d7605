"""The board's grid of window cards, grouped by zone, painted in one widget.

One painted widget (not a widget per card) keeps a refresh of 60 windows to a single
repaint. The grid reads a BoardCardModel, keeps the current card by window id across
refreshes, and moves it with the arrow keys; Enter, Space or a click activates it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QToolTip, QWidget

from hallwatch.services.attendance.board import WindowCard, WindowState
from ui.board.board_card_model import BoardCardModel
from ui.board.board_states import STYLES, state_word

CARD_WIDTH = 188  # the narrowest a card gets; cards widen to fill a row
MAX_CARD_WIDTH = 240
MARGIN = 12
SPACING = 10
PADDING = 8


class _Fonts:
    """The card fonts and their metrics, made once per paint."""

    def __init__(self, base: QFont, big: QFont, bold: QFont, small: QFont) -> None:
        self.base, self.big, self.bold, self.small = base, big, bold, small
        self.base_metrics = QFontMetrics(base)
        self.big_metrics = QFontMetrics(big)
        self.bold_metrics = QFontMetrics(bold)
        self.small_metrics = QFontMetrics(small)


@dataclass(frozen=True, slots=True)
class _Placed:
    row: int
    rect: QRect  # in content coordinates


class BoardGrid(QAbstractScrollArea):
    """Cards by zone; emits card_activated(card, global position) on click or Enter."""

    card_activated = Signal(object, QPoint)
    current_changed = Signal(object)

    def __init__(self, model: BoardCardModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setMouseTracking(True)
        self.viewport().setAutoFillBackground(True)
        self.current_id: uuid.UUID | None = None
        self._hover = -1
        self._placed: list[_Placed] = []
        self._headers: list[tuple[str, QRect]] = []
        self._content_height = 0
        # Card faces by (state, width, height, hover, pixel ratio): painted once, then copied.
        self._faces: dict[tuple[WindowState, int, int, bool, float], QPixmap] = {}
        self._card_size = QSize()
        self.empty_text = ""
        self.other_zone_text = ""
        model.modelReset.connect(self.relayout)
        model.dataChanged.connect(lambda *_: self.viewport().update())
        self.relayout()

    # --- geometry ---------------------------------------------------------------------

    def card_height(self) -> int:
        line = QFontMetrics(self.font()).height()
        # Number line (larger), unit, staff, detail.
        return PADDING * 2 + int(line * 1.4) + 3 * line + 6

    def relayout(self) -> None:
        width = max(self.viewport().width(), CARD_WIDTH + 2 * MARGIN)
        columns = max(1, (width - 2 * MARGIN + SPACING) // (CARD_WIDTH + SPACING))
        card_width = min(MAX_CARD_WIDTH, (width - 2 * MARGIN - (columns - 1) * SPACING) // columns)
        size = QSize(card_width, self.card_height())
        if size != self._card_size:
            self._card_size = size
            self._faces.clear()  # faces of the old size are not drawn again
        header_height = QFontMetrics(self._header_font()).height() + 10
        placed: list[_Placed] = []
        headers: list[tuple[str, QRect]] = []
        y = MARGIN
        zone: str | None = None
        column = 0
        for row, card in enumerate(self.model.cards):
            if card.zone != zone:
                if zone is not None:
                    y += size.height() + SPACING + 4
                zone, column = card.zone, 0
                count = sum(1 for c in self.model.cards if c.zone == zone)
                title = f"{zone or self.other_zone_text}  ({count})"
                headers.append((title, QRect(MARGIN, y, width - 2 * MARGIN, header_height)))
                y += header_height
            elif column == columns:
                column = 0
                y += size.height() + SPACING
            x = MARGIN + column * (card_width + SPACING)
            placed.append(_Placed(row, QRect(QPoint(x, y), size)))
            column += 1
        if placed:
            y += size.height()
        self._placed, self._headers = placed, headers
        self._content_height = y + MARGIN
        bar = self.verticalScrollBar()
        bar.setPageStep(self.viewport().height())
        bar.setSingleStep(size.height() // 2)
        bar.setRange(0, max(0, self._content_height - self.viewport().height()))
        if self.model.row_of(self.current_id) < 0:
            self.current_id = None
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()

    def sizeHint(self) -> QSize:
        return QSize(4 * (CARD_WIDTH + SPACING) + 2 * MARGIN, 480)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def _offset(self) -> int:
        return self.verticalScrollBar().value()

    def card_rect(self, window_id: uuid.UUID) -> QRect | None:
        """Return where a window's card is, in viewport coordinates (None: not shown)."""
        for placed in self._placed:
            card = self.model.card_at(placed.row)
            if card is not None and card.window_id == window_id:
                return placed.rect.translated(0, -self._offset())
        return None

    def card_at(self, pos: QPoint) -> WindowCard | None:
        """Return the card under a viewport position."""
        point = pos + QPoint(0, self._offset())
        for placed in self._placed:
            if placed.rect.contains(point):
                return self.model.card_at(placed.row)
        return None

    def ensure_visible(self, window_id: uuid.UUID) -> None:
        rect = self.card_rect(window_id)
        if rect is None:
            return
        bar = self.verticalScrollBar()
        if rect.top() < 0:
            bar.setValue(bar.value() + rect.top() - MARGIN)
        elif rect.bottom() > self.viewport().height():
            bar.setValue(bar.value() + rect.bottom() - self.viewport().height() + MARGIN)

    # --- current card -------------------------------------------------------------------

    def current_card(self) -> WindowCard | None:
        row = self.model.row_of(self.current_id)
        return self.model.card_at(row) if row >= 0 else None

    def set_current(self, window_id: uuid.UUID | None) -> None:
        if window_id == self.current_id:
            return
        self.current_id = window_id
        if window_id is not None:
            self.ensure_visible(window_id)
        self.viewport().update()
        self.current_changed.emit(self.current_card())

    def activate(self, card: WindowCard) -> None:
        """Make a card current and ask for its quick actions."""
        self.set_current(card.window_id)
        rect = self.card_rect(card.window_id) or QRect()
        self.card_activated.emit(card, self.viewport().mapToGlobal(rect.center()))

    def _move(self, key: int) -> None:
        if not self._placed:
            return
        rows = [p.row for p in self._placed]
        current = self.model.row_of(self.current_id)
        if current < 0:
            target = rows[0]
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            target = min(max(current + step, 0), len(rows) - 1)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            target = rows[0] if key == Qt.Key.Key_Home else rows[-1]
        else:
            here = self._placed[current].rect
            up = key == Qt.Key.Key_Up
            lines = sorted(
                {p.rect.top() for p in self._placed if (p.rect.top() < here.top()) == up}
                - {here.top()},
                reverse=up,
            )
            if not lines:
                return
            line = lines[0]
            # The card in the next line up or down nearest to this one's column.
            target = min(
                (p for p in self._placed if p.rect.top() == line),
                key=lambda p: abs(p.rect.left() - here.left()),
            ).row
        card = self.model.card_at(target)
        if card is not None:
            self.set_current(card.window_id)

    # --- events -----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (
            Qt.Key.Key_Left,
            Qt.Key.Key_Right,
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
            Qt.Key.Key_Home,
            Qt.Key.Key_End,
        ):
            self._move(key)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space, Qt.Key.Key_Menu):
            card = self.current_card()
            if card is not None:
                self.activate(card)
                return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        card = self.card_at(event.position().toPoint())
        if card is None:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            self.activate(card)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        card = self.card_at(event.position().toPoint())
        hover = self.model.row_of(card.window_id) if card else -1
        if hover != self._hover:
            self._hover = hover
            self.viewport().setCursor(
                Qt.CursorShape.PointingHandCursor if card else Qt.CursorShape.ArrowCursor
            )
            self.viewport().update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = -1
        self.viewport().update()
        super().leaveEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            card = self.card_at(event.pos())
            if card is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.model.tooltip(card), self.viewport())
            return True
        return super().viewportEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self.current_id is None and self._placed:
            card = self.model.card_at(self._placed[0].row)
            if card is not None:
                self.set_current(card.window_id)
        self.viewport().update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.viewport().update()
        super().focusOutEvent(event)

    # --- painting -----------------------------------------------------------------------

    def _header_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        return font

    def _face(self, state: WindowState, size: QSize, hover: bool) -> QPixmap:
        """Return a card's face and stripe, drawn once per state, size and hover."""
        ratio = self.devicePixelRatioF()
        key = (state, size.width(), size.height(), hover, ratio)
        found = self._faces.get(key)
        if found is not None:
            return found
        style = STYLES[state]
        pixmap = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        face = QRectF(0, 0, size.width(), size.height()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(style.accent if hover else style.accent.lighter(150), 1))
        painter.setBrush(style.background)
        painter.drawRoundedRect(face, 6, 6)
        # The state's stripe down the left edge.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.accent)
        painter.drawRoundedRect(QRectF(0, 0, 6, size.height()), 3, 3)
        painter.end()
        self._faces[key] = pixmap
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        offset = self._offset()
        visible = event.rect().translated(0, offset)
        painter.translate(0, -offset)
        if not self._placed:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.viewport().rect().translated(0, offset),
                Qt.AlignmentFlag.AlignCenter,
                self.empty_text,
            )
            return
        header_font = self._header_font()
        painter.setFont(header_font)
        for title, rect in self._headers:
            if rect.intersects(visible):
                painter.setPen(self.palette().windowText().color())
                painter.drawText(
                    rect.adjusted(2, 0, 0, -4),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                    title,
                )
        base = QFont(self.font())
        big = QFont(base)
        big.setBold(True)
        big.setPointSizeF(base.pointSizeF() * 1.3)
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.9)
        fonts = _Fonts(base, big, bold, small)
        current_row = self.model.row_of(self.current_id)
        for placed in self._placed:
            if not placed.rect.intersects(visible):
                continue
            card = self.model.card_at(placed.row)
            if card is None:
                continue
            self._paint_card(
                painter,
                card,
                placed.rect,
                fonts,
                current=placed.row == current_row,
                hover=placed.row == self._hover,
            )

    def _paint_card(
        self,
        painter: QPainter,
        card: WindowCard,
        rect: QRect,
        fonts: _Fonts,
        *,
        current: bool,
        hover: bool,
    ) -> None:
        base, big, bold, small = fonts.base, fonts.big, fonts.bold, fonts.small
        style = STYLES[card.state]
        face = QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.drawPixmap(rect.topLeft(), self._face(card.state, rect.size(), hover))
        painter.setPen(Qt.PenStyle.NoPen)

        inner = rect.adjusted(PADDING + 6, PADDING, -PADDING, -PADDING)
        big_metrics = fonts.big_metrics
        line_top = inner.top()
        number_rect = QRect(inner.left(), line_top, inner.width(), big_metrics.height())
        # State pill at the top right.
        word = state_word(card.state)
        small_metrics = fonts.small_metrics
        pill_width = small_metrics.horizontalAdvance(word) + 12
        pill = QRect(
            inner.right() - pill_width + 1,
            line_top + (big_metrics.height() - small_metrics.height() - 4) // 2,
            pill_width,
            small_metrics.height() + 4,
        )
        painter.setBrush(style.accent)
        painter.drawRoundedRect(QRectF(pill), pill.height() / 2, pill.height() / 2)
        painter.setFont(small)
        painter.setPen(QColor("white"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, word)
        painter.setFont(big)
        painter.setPen(QColor("#212121"))
        number_rect.setRight(pill.left() - 4)
        painter.drawText(
            number_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            big_metrics.elidedText(card.number, Qt.TextElideMode.ElideRight, number_rect.width()),
        )
        y = line_top + int(big_metrics.height() * 1.1)
        metrics = fonts.base_metrics
        line = metrics.height()
        width = inner.width()
        # Unit (short name).
        painter.setFont(base)
        painter.setPen(QColor("#5f6368"))
        unit = self.model.unit_text(card)
        painter.drawText(
            QRect(inner.left(), y, width, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(unit, Qt.TextElideMode.ElideRight, width),
        )
        y += line + 2
        # Staff.
        painter.setFont(bold)
        painter.setPen(QColor("#212121"))
        bold_metrics = fonts.bold_metrics
        name = card.staff_name or "—"
        painter.drawText(
            QRect(inner.left(), y, width, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            bold_metrics.elidedText(name, Qt.TextElideMode.ElideRight, width),
        )
        used = bold_metrics.horizontalAdvance(name)
        if card.staff_no and used + 8 < width:
            painter.setFont(small)
            painter.setPen(QColor("#80868b"))
            painter.drawText(
                QRect(inner.left() + used + 6, y, width - used - 6, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                small_metrics.elidedText(card.staff_no, Qt.TextElideMode.ElideRight, width),
            )
        y += line + 2
        # Detail (the core's short phrase).
        painter.setFont(base)
        painter.setPen(style.text)
        painter.drawText(
            QRect(inner.left(), y, width, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(card.detail, Qt.TextElideMode.ElideRight, width),
        )
        if current and self.hasFocus():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(self.palette().highlight().color(), 2.5))
            painter.drawRoundedRect(QRectF(rect).adjusted(-2, -2, 2, 2), 8, 8)
        elif current:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(style.accent, 1.5))
            painter.drawRoundedRect(face, 6, 6)
