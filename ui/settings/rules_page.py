"""规则: the hall's thresholds (attendance, cases, accountability) and punch-device clocks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hallwatch.domain.rules import HallRules
from hallwatch.services.setup import entities as setup
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.settings.error_text import ErrorText
from ui.settings.reply import run_for
from ui.widgets.form_fields import FormFields
from ui.widgets.style import ERROR_STYLE
from ui.workers import Failure, guarded

# The rules, grouped as the form shows them.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "attendance",
        ("late_grace_minutes", "half_day_minutes", "off_post_minutes", "duplicate_punch_seconds"),
    ),
    ("cases", ("yellow_days", "bad_rating_followup_days", "rectify_days")),
    ("accountability", ("lates_for_caution", "cautions_for_warning")),
)
OFFSET_LIMIT = 86_400


class RulesPage(Retranslated, QWidget):
    """A form with one spin box per HallRules field and the device clock offsets table."""

    tables = frozenset({"settings"})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.error_text = ErrorText(self)
        self.rules: HallRules | None = None
        self._busy = False
        self._loading = False
        self._stale = True
        self._serial = 0

        content = QWidget(self)
        self.form_layout = QFormLayout(content)
        self.fields = FormFields(self.form_layout, lambda: None)
        self.group_labels: dict[str, QLabel] = {}
        self.spins: dict[str, QSpinBox] = {}
        limits = setup.rule_limits()
        for group, names in GROUPS:
            heading = QLabel(content)
            heading.setObjectName(f"group_{group}")
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            self.form_layout.addRow(heading)
            self.group_labels[group] = heading
            for name in names:
                spin = QSpinBox()
                spin.setRange(*limits[name])
                spin.setMaximumWidth(240)
                self.spins[name] = spin
                self.fields.add(name, spin)
        assert set(self.spins) == set(setup.RULE_FIELDS), "every rule needs its spin box"

        heading = QLabel(content)
        heading.setObjectName("group_devices")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.form_layout.addRow(heading)
        self.group_labels["devices"] = heading
        offsets_box = QWidget()
        self.offsets = QTableWidget(0, 2, offsets_box)
        self.offsets.setObjectName("offsets_table")
        self.offsets.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.offsets.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.offsets.verticalHeader().hide()
        self.offsets.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.offsets.setMinimumHeight(120)
        self.add_offset_button = QPushButton(offsets_box)
        self.add_offset_button.setObjectName("add_offset_button")
        self.add_offset_button.clicked.connect(lambda: self.add_offset_row())
        self.remove_offset_button = QPushButton(offsets_box)
        self.remove_offset_button.setObjectName("remove_offset_button")
        self.remove_offset_button.clicked.connect(self.remove_selected)
        offset_buttons = QHBoxLayout()
        offset_buttons.addWidget(self.add_offset_button)
        offset_buttons.addWidget(self.remove_offset_button)
        offset_buttons.addStretch(1)
        offsets_layout = QVBoxLayout(offsets_box)
        offsets_layout.setContentsMargins(0, 0, 0, 0)
        offsets_layout.addWidget(self.offsets)
        offsets_layout.addLayout(offset_buttons)
        self.fields.add("device_offsets", offsets_box, focus=self.offsets)
        self.delete_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.offsets)
        self.delete_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_shortcut.activated.connect(self.remove_selected)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        self.form_error = QLabel(self)
        self.form_error.setObjectName("form_error")
        self.form_error.setStyleSheet(ERROR_STYLE)
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save_button")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)
        context.data_changed.connect(self._on_data_changed)
        context.hall_changed.connect(lambda _hall: self._mark_stale())
        self.retranslate_ui()
        self._update_buttons()

    # --- texts ----------------------------------------------------------------------

    def labels(self) -> dict[str, str]:
        return {
            "late_grace_minutes": self.tr("Late grace"),
            "half_day_minutes": self.tr("Late or early by this much is half a day's absence"),
            "off_post_minutes": self.tr("Away longer than this is off post"),
            "duplicate_punch_seconds": self.tr("Punches closer than this are one punch"),
            "yellow_days": self.tr("Yellow light when this many working days are left"),
            "bad_rating_followup_days": self.tr("Follow up a bad rating within"),
            "rectify_days": self.tr("Default rectification deadline"),
            "lates_for_caution": self.tr("Late or early arrivals in a month for a caution talk"),
            "cautions_for_warning": self.tr("Caution talks in a year for a warning letter"),
            "device_offsets": self.tr("Clock offsets"),
        }

    def suffixes(self) -> dict[str, str]:
        minutes, seconds = self.tr(" minutes"), self.tr(" seconds")
        workdays, times = self.tr(" working days"), self.tr(" times")
        return {
            "late_grace_minutes": minutes,
            "half_day_minutes": minutes,
            "off_post_minutes": minutes,
            "duplicate_punch_seconds": seconds,
            "yellow_days": workdays,
            "bad_rating_followup_days": workdays,
            "rectify_days": workdays,
            "lates_for_caution": times,
            "cautions_for_warning": times,
        }

    def retranslate_ui(self) -> None:
        for name, text in self.labels().items():
            self.fields.label(name).setText(text)
        for name, suffix in self.suffixes().items():
            self.spins[name].setSuffix(suffix)
        self.group_labels["attendance"].setText(self.tr("Attendance"))
        self.group_labels["cases"].setText(self.tr("Cases, ratings and findings"))
        self.group_labels["accountability"].setText(self.tr("Accountability suggestions"))
        self.group_labels["devices"].setText(self.tr("Punch device clocks"))
        self.offsets.setHorizontalHeaderLabels(
            [self.tr("Device serial number"), self.tr("Seconds to add")]
        )
        self.offsets.setToolTip(
            self.tr("A device whose clock runs behind gets a positive number of seconds.")
        )
        self.add_offset_button.setText(self.tr("Add device"))
        self.remove_offset_button.setText(self.tr("Remove device"))
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Drop the changes (Esc)"))

    # --- loading --------------------------------------------------------------------

    def is_idle(self) -> bool:
        return not self._busy and not self._loading

    def _mark_stale(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _on_data_changed(self, tables: object) -> None:
        if isinstance(tables, set | frozenset) and tables & self.tables:
            self._mark_stale()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Load the hall's rules in the background."""
        self._stale = False
        hall = self.context.hall
        if hall is None:
            self._update_buttons()
            return
        self._serial += 1
        serial = self._serial
        self._loading = True
        context, hall_id = self.context, hall.id

        def work() -> HallRules:
            with context.db.read() as session:
                return setup.get_rules(session, hall_id)

        run_for(
            self,
            self.context,
            guarded(work),
            lambda result: self._on_loaded(serial, result),
            lambda message: self._on_loaded(serial, message),
        )

    def invalidate(self) -> None:
        """Load again when next shown."""
        self._stale = True

    def _on_loaded(self, serial: int, result: Any) -> None:
        if serial != self._serial:
            return
        self._loading = False
        if isinstance(result, HallRules):
            self.rules = result
            self.fill(result)
        else:
            error = result.error if isinstance(result, Failure) else result
            self._show_form_error(self.error_text.describe(error))
        self._update_buttons()

    def fill(self, rules: HallRules) -> None:
        """Show rules in the form."""
        self.fields.clear_errors()
        self._hide_form_error()
        for name, spin in self.spins.items():
            spin.setValue(getattr(rules, name))
        self.offsets.setRowCount(0)
        for serial, seconds in sorted(rules.device_offsets.items()):
            self.add_offset_row(serial, seconds)

    # --- editing --------------------------------------------------------------------

    def add_offset_row(self, serial: str = "", seconds: int = 0) -> int:
        """Add a device clock offset row and return its index."""
        row = self.offsets.rowCount()
        self.offsets.insertRow(row)
        self.offsets.setItem(row, 0, QTableWidgetItem(serial))
        spin = QSpinBox()
        spin.setRange(-OFFSET_LIMIT, OFFSET_LIMIT)
        spin.setValue(seconds)
        self.offsets.setCellWidget(row, 1, spin)
        return row

    def offset_rows(self) -> list[tuple[str, int]]:
        """Return the (serial, seconds) rows as typed."""
        rows: list[tuple[str, int]] = []
        for row in range(self.offsets.rowCount()):
            item = self.offsets.item(row, 0)
            spin = self.offsets.cellWidget(row, 1)
            seconds = spin.value() if isinstance(spin, QSpinBox) else 0
            rows.append((item.text() if item is not None else "", seconds))
        return rows

    def new_record(self) -> None:
        """Add a device row and start typing its serial number (Ctrl+N)."""
        row = self.add_offset_row()
        self.offsets.setCurrentCell(row, 0)
        self.offsets.setFocus()
        item = self.offsets.item(row, 0)
        if item is not None:
            self.offsets.editItem(item)

    def remove_selected(self) -> None:
        """Remove the selected device row (Delete); saved with the next Save."""
        rows = self.offsets.selectionModel().selectedRows()
        if rows:
            self.offsets.removeRow(rows[0].row())

    def cancel(self) -> None:
        """Show the stored rules again (Esc)."""
        if self.rules is not None:
            self.fill(self.rules)
        self.status.clear()

    def save(self) -> None:
        """Check and store the rules (Ctrl+S)."""
        hall = self.context.hall
        if hall is None or self._busy:
            return
        self.fields.clear_errors()
        self._hide_form_error()
        self.status.clear()
        values = {name: spin.value() for name, spin in self.spins.items()}
        offsets = self.offset_rows()
        context, hall_id = self.context, hall.id

        def work() -> list[str]:
            with context.db.write("settings") as session:
                return setup.save_hall_rules(session, hall_id, values, offsets)

        self._busy = True
        self._update_buttons()
        run_for(self, self.context, guarded(work), self._on_saved, self._on_save_failed, write=True)

    def _on_saved(self, result: Any) -> None:
        self._busy = False
        self._update_buttons()
        if isinstance(result, Failure):
            field = getattr(result.error, "field", None)
            text = self.error_text.describe(result.error)
            if isinstance(field, str) and field in self.fields:
                self.fields.show_error(field, text)
            else:
                self._show_form_error(text)
            return
        if result:
            self.status.setText(self.tr("Saved: %1 rules changed.").replace("%1", str(len(result))))
        else:
            self.status.setText(self.tr("Nothing changed."))
            self._mark_stale()  # as after any save: the form shows the rules as stored

    def _on_save_failed(self, message: str) -> None:
        self._busy = False
        self._update_buttons()
        self._show_form_error(self.error_text.describe(message))

    # --- helpers --------------------------------------------------------------------

    def _show_form_error(self, text: str) -> None:
        self.form_error.setText(text)
        self.form_error.show()

    def _hide_form_error(self) -> None:
        self.form_error.clear()
        self.form_error.hide()

    def _update_buttons(self) -> None:
        ready = self.context.hall is not None and self.rules is not None
        self.save_button.setEnabled(ready and not self._busy)
        self.cancel_button.setEnabled(ready and not self._busy)
