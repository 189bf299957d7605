"""公文模板: the wording each kind of letter starts from, edited per hall.

A hall stores only what differs from the shipped template (resources/letters/);
a draft copies the wording when it is made, so an edit here never changes a
letter already drafted or issued.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hallwatch.domain.enums import LetterKind
from hallwatch.domain.errors import FieldError, HallWatchError
from hallwatch.letters.templates import (
    MAX_RECTIFY_DAYS,
    PLACEHOLDERS,
    LetterTemplate,
    default_template,
)
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.settings.form_page import FormPage
from ui.widgets.form_fields import FormFields
from ui.workers import Failure, guarded

KIND_ORDER = (LetterKind.WARNING, LetterKind.SUPERVISION, LetterKind.RECTIFICATION)
# The long texts get several lines; the rest are one line.
LONG_TEXTS = ("intro", "basis", "decision", "requirements", "consequences")
FIELD_ORDER = (
    "title",
    "code",
    "issuing_body",
    "signer_body",
    "addressee",
    *LONG_TEXTS,
    "rectify_days",
    "copied_to",
    "printed_by",
    "verify_base",
)


class LetterTemplatesPage(Retranslated, FormPage):
    """One form per kind of letter: load the hall's wording, edit, save or restore."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        assert set(FIELD_ORDER) == {f.name for f in fields(LetterTemplate)}, "a field per key"
        self.stored: LetterTemplate | None = None
        self.default: LetterTemplate | None = None
        self._loading = False
        self._serial = 0
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.kind_label = QLabel(self)
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for kind in KIND_ORDER:
            self.kind.addItem("", kind.value)
        self.kind_label.setBuddy(self.kind)
        self.kind.activated.connect(lambda _i: self.refresh())
        self.placeholders = QLabel(self)
        self.placeholders.setObjectName("placeholders")
        self.placeholders.setWordWrap(True)
        self.placeholders.setStyleSheet("color: #555")

        content = QWidget(self)
        form = QFormLayout()
        column = QVBoxLayout(content)
        column.addLayout(form)
        column.addStretch(1)  # rows keep their height when the page is taller than the form
        self.fields = FormFields(form, self._on_edited)
        self.inputs: dict[str, QLineEdit | QPlainTextEdit | QSpinBox] = {}
        for name in FIELD_ORDER:
            widget: QLineEdit | QPlainTextEdit | QSpinBox
            if name in LONG_TEXTS:
                widget = QPlainTextEdit()
                widget.setTabChangesFocus(True)
                widget.setFixedHeight(widget.fontMetrics().lineSpacing() * 4 + 12)
                widget.textChanged.connect(self._on_edited)
            elif name == "rectify_days":
                widget = QSpinBox()
                widget.setRange(1, MAX_RECTIFY_DAYS)
                widget.setMaximumWidth(160)
            else:
                widget = QLineEdit()
            self.inputs[name] = widget
            self.fields.add(name, widget)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.restore_button = QPushButton(self)
        self.restore_button.setObjectName("restore_default")
        self.restore_button.clicked.connect(lambda _c=False: self.restore_default())
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(lambda _c=False: self.save())
        top = QHBoxLayout()
        top.addWidget(self.kind_label)
        top.addWidget(self.kind)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addWidget(self.placeholders)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.retranslate_ui()
        self._update_buttons()

    # --- texts ----------------------------------------------------------------------------

    def kind_words(self) -> dict[LetterKind, str]:
        return {
            LetterKind.WARNING: self.tr("Efficiency warning letter"),
            LetterKind.SUPERVISION: self.tr("Supervision notice"),
            LetterKind.RECTIFICATION: self.tr("Rectification notice"),
        }

    def labels(self) -> dict[str, str]:
        return {
            "title": self.tr("Title"),
            "code": self.tr("Office code"),
            "issuing_body": self.tr("Issuing body"),
            "signer_body": self.tr("Signed by"),
            "addressee": self.tr("Addressed to"),
            "intro": self.tr("Opening"),
            "basis": self.tr("Grounds"),
            "decision": self.tr("Decision"),
            "requirements": self.tr("Requirements"),
            "consequences": self.tr("Right to object and consequences"),
            "rectify_days": self.tr("Time to rectify"),
            "copied_to": self.tr("Copied to"),
            "printed_by": self.tr("Printed by"),
            "verify_base": self.tr("Verification address"),
        }

    def placeholder_words(self) -> dict[str, str]:
        return {
            "name": self.tr("name"),
            "staff_no": self.tr("staff number"),
            "unit": self.tr("unit"),
            "window": self.tr("window number"),
            "deadline": self.tr("rectification deadline (a date)"),
            "days": self.tr("working days to rectify"),
        }

    def retranslate_ui(self) -> None:
        self.intro.setText(
            self.tr(
                "The wording a new letter of each kind starts from. A draft can still be "
                "edited field by field before it is issued; letters already drafted or "
                "issued keep their own wording."
            )
        )
        self.kind_label.setText(self.tr("&Kind:"))
        for index, kind in enumerate(KIND_ORDER):
            self.kind.setItemText(index, self.kind_words()[kind])
        words = self.placeholder_words()
        self.placeholders.setText(
            self.tr("Placeholders filled in when a draft is made: %1").replace(
                "%1", "    ".join(f"{{{p}}} {words[p]}" for p in PLACEHOLDERS)
            )
        )
        for name, text in self.labels().items():
            self.fields.label(name).setText(text)
        days = self.inputs["rectify_days"]
        assert isinstance(days, QSpinBox)
        days.setSuffix(self.tr(" working days"))
        code = self.inputs["code"]
        assert isinstance(code, QLineEdit)
        code.setPlaceholderText(self.tr("e.g. 效告 (the number adds 〔year〕n号)"))
        verify = self.inputs["verify_base"]
        assert isinstance(verify, QLineEdit)
        verify.setPlaceholderText(
            self.tr("empty: the server's address once this device is enrolled")
        )
        self.restore_button.setText(self.tr("Restore &default"))
        self.restore_button.setToolTip(
            self.tr("Put the shipped wording of this kind in the form; Save makes it stick")
        )
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))

    def describe(self, error: BaseException | str) -> str:
        """Return the translated message for an error, with the template's own cases."""
        if isinstance(error, FieldError):
            if error.code == "unknown_placeholder":
                return (
                    self.tr("Unknown placeholder {%1}: use one of %2.")
                    .replace("%2", " ".join(f"{{{p}}}" for p in PLACEHOLDERS))
                    .replace("%1", error.params[0] if error.params else "")
                )
            if error.code == "invalid" and error.field == "code":
                return self.tr(
                    "Give the office code alone, e.g. 效告, without brackets or spaces: "
                    "the number adds 〔year〕n号."
                )
            if error.code == "invalid" and error.field == "verify_base":
                return self.tr("Give a web address that starts with https://.")
            if error.code == "invalid" and error.field in self.inputs:
                return self.tr("Write braces only around a placeholder, e.g. {deadline}.")
            if error.code == "out_of_range" and len(error.params) == 2:
                low, high = error.params
                return (
                    self.tr("Give a whole number from %1 to %2.")
                    .replace("%2", high)
                    .replace("%1", low)
                )
        return self.error_text.describe(error)

    # --- what SettingsView asks of a page --------------------------------------------------

    def is_idle(self) -> bool:
        return not self._busy and not self._loading

    def chosen_kind(self) -> LetterKind:
        return LetterKind(self.kind.currentData())

    def choose_kind(self, kind: LetterKind) -> None:
        """Show a kind's template (loads it)."""
        self.kind.setCurrentIndex(KIND_ORDER.index(kind))
        self.refresh()

    def refresh(self) -> None:
        """Load the hall's template of the chosen kind, and the shipped one."""
        hall, context, kind = self.context.hall, self.context, self.chosen_kind()
        self._stale = False
        if hall is None:
            return
        self._serial += 1
        serial = self._serial

        def load() -> tuple[LetterTemplate | Failure, LetterTemplate]:
            from hallwatch.services.letters.lifecycle import hall_template

            shipped = default_template(kind)
            with context.db.read() as session:
                # A stored change the shipped template no longer accepts (a placeholder
                # since dropped …) must not lock the hall out of its own template.
                return guarded(lambda: hall_template(session, hall.id, kind))(), shipped

        self._loading = True
        self._update_buttons()
        self.context.run(
            guarded(load),
            lambda result: self._on_loaded(serial, result),
            lambda message: self._on_loaded(serial, message),
            owner=self,
        )

    def _on_loaded(self, serial: int, result: Any) -> None:
        if serial != self._serial:
            return  # the kind changed meanwhile
        self._loading = False
        if isinstance(result, tuple) and isinstance(result[0], Failure):
            self.stored, self.default = None, result[1]
            self.fill(self.default)
            self._show_error(
                self.tr(
                    "The stored wording cannot be used (%1); the shipped wording is shown."
                ).replace("%1", self.describe(result[0].error))
            )
            self.status.setText(self.tr("The shipped wording is in the form: Save to use it."))
        elif isinstance(result, tuple):
            self.stored, self.default = result
            self.fill(self.stored)
            self._show_origin()
        else:
            self.stored = self.default = None
            error = result.error if isinstance(result, Failure) else result
            self._show_error(self.describe(error))
        self._update_buttons()

    def cancel(self) -> None:
        """Show the stored template again (Esc)."""
        if self.stored is not None:
            self.fill(self.stored)
            self._show_origin()
        else:
            self.refresh()

    # --- the form -------------------------------------------------------------------------

    def fill(self, template: LetterTemplate) -> None:
        """Show a template in the form."""
        self.fields.clear_errors()
        self.message.hide()
        for name, widget in self.inputs.items():
            value = getattr(template, name)
            if isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(str(value))
            else:
                widget.setText(str(value))

    def edited(self) -> LetterTemplate:
        """Return the template as the form has it (not yet checked)."""
        values: dict[str, Any] = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QSpinBox):
                values[name] = widget.value()
            elif isinstance(widget, QPlainTextEdit):
                values[name] = widget.toPlainText().strip()
            else:
                values[name] = widget.text().strip()
        return LetterTemplate(**values)

    def restore_default(self) -> None:
        """Put the shipped wording in the form; it is stored when saved."""
        if self.default is None:
            return
        self.fill(self.default)
        self.status.setText(self.tr("The shipped wording is in the form: Save to use it."))

    def save(self) -> None:
        """Check the form and store the hall's changes (Ctrl+S)."""
        hall, context, kind = self.context.hall, self.context, self.chosen_kind()
        if hall is None or self._busy or self._loading or self.default is None:
            return
        self.fields.clear_errors()
        self.message.hide()
        try:
            template = self.edited().validate()
        except FieldError as error:  # shown at once: nothing to send
            self._show_field_error(error)
            return

        def work() -> tuple[bool, LetterTemplate]:
            from hallwatch.services.letters.lifecycle import hall_template, save_template

            with context.db.write("settings.letter_template") as session:
                changed = save_template(session, hall.id, kind, template)
                return changed, hall_template(session, hall.id, kind)

        self._busy = True
        self._update_buttons()
        self.context.run(guarded(work), self._on_saved, self._on_failed, write=True, owner=self)

    def _on_saved(self, result: Any) -> None:
        self._busy = False
        self._update_buttons()
        if isinstance(result, Failure):
            self._show_field_error(result.error)
            return
        changed, self.stored = result
        self.status.setText(self.tr("Saved.") if changed else self.tr("Nothing changed."))

    def _on_failed(self, message: str) -> None:
        super()._on_failed(message)
        self._update_buttons()

    def _show_field_error(self, error: HallWatchError) -> None:
        field = getattr(error, "field", None)
        text = self.describe(error)
        if isinstance(field, str) and field in self.fields:
            self.fields.show_error(field, text)
        else:
            self._show_error(text)

    def _show_origin(self) -> None:
        same = self.stored is not None and self.stored == self.default
        self.status.setText(
            self.tr("The shipped wording.") if same else self.tr("This hall's own wording.")
        )

    def _on_edited(self) -> None:
        if not self._loading:
            self.status.clear()

    def _update_buttons(self) -> None:
        ready = self.context.hall is not None and self.default is not None
        self.save_button.setEnabled(ready and not self._busy and not self._loading)
        self.restore_button.setEnabled(ready and not self._busy and not self._loading)


__all__ = ["LetterTemplatesPage"]
