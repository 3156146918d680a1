"""The contact editor: every field, validated by the service, errors shown at the field.

Nothing is written until the service accepts the whole form; each save is one
undoable step (:mod:`desktop_crm.services.contacts.bulk_actions`). Closing with
unsaved changes asks whether to save, discard or keep editing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain import STATUSES, TIER_HELP, TIER_LABELS, TIERS, status_label
from ...services.conflicts import EditConflict
from ...services.contacts import get_contact
from ...services.contacts.bulk_actions import add_contact, edit_contact
from ...services.contacts.table import completions
from ...services.errors import ServiceError, ValidationError, ValidationErrors
from ...services.views import ContactView
from ..database_errors import UNREACHABLE, unsaved_message
from ..widgets.conflict_dialog import THEIRS, ConflictDialog
from ..widgets.field_errors import with_error_below
from ..widgets.layout import scroll_area
from ..widgets.prompts import ask_save_discard_cancel
from ..widgets.theme import heading_font, set_error_style, set_muted
from .multi_field import LabelledValues, TagEdit

_LINE_FIELDS = (
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("title", "Title"),
    ("industry", "Industry"),
    ("location", "Location"),
    ("linkedin_url", "LinkedIn"),
    ("how_met", "How you met"),
    ("interests", "Interests"),
)


class ContactEditor(QDialog):
    """``ContactEditor(contact_id=None)`` adds a person; with an id it edits them."""

    saved = Signal(int)

    def __init__(self, contact_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contact_id = contact_id
        self.setWindowTitle("New contact" if contact_id is None else "Edit contact")
        self.setModal(True)
        self.resize(860, 640)
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QLineEdit] = {}
        # The contact as loaded: saves go "from" its version (see services/conflicts.py).
        self.loaded: ContactView | None = None
        outer = QVBoxLayout(self)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        set_error_style(self.banner)
        outer.addWidget(self.banner)
        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setSpacing(24)
        columns.addLayout(self._left_column(), 1)
        columns.addLayout(self._right_column(), 1)
        outer.addWidget(scroll_area(body), 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self._load()
        self._clean = self.form_data()
        self.fields["first_name"].setFocus()

    # --- layout ----------------------------------------------------------------
    def _with_error(self, key: str, widget: QWidget) -> QWidget:
        error = QLabel()
        error.setWordWrap(True)
        error.setVisible(False)
        error.setObjectName(f"error_{key}")
        set_error_style(error)
        self.errors[key] = error
        return with_error_below(widget, error)

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(8)
        return form

    def _section(self, title: str) -> QLabel:
        label = QLabel(title)
        label.setFont(heading_font(self, 1.05))
        return label

    def _left_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.addWidget(self._section("Who they are"))
        form = self._form()
        for key, label in _LINE_FIELDS[:2]:
            edit = QLineEdit()
            edit.setAccessibleName(label)
            self.fields[key] = edit
            form.addRow(label, self._with_error("name" if key == "first_name" else key, edit))
        self.organization = QLineEdit()
        self.organization.setAccessibleName("Organization")
        self.organization.setPlaceholderText("Employer; a new name creates the organization")
        names = completions("organization")
        self._org_names = {n.casefold() for n in names}
        completer = QCompleter(QStringListModel(names, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.organization.setCompleter(completer)
        self.org_hint = QLabel()
        set_muted(self.org_hint)
        self.organization.textChanged.connect(self._update_org_hint)
        org_box = self._with_error("organization", self.organization)
        org_box.layout().addWidget(self.org_hint)
        form.addRow("Organization", org_box)
        for key, label in _LINE_FIELDS[2:5]:
            edit = QLineEdit()
            self.fields[key] = edit
            form.addRow(label, self._with_error(key, edit))
        self.tier = QComboBox()
        for tier in TIERS:
            self.tier.addItem(TIER_LABELS[tier], tier)
            self.tier.setItemData(self.tier.count() - 1, TIER_HELP[tier], Qt.ItemDataRole.ToolTipRole)
        form.addRow("Tier", self._with_error("tier", self.tier))
        self.status = QComboBox()
        for status in STATUSES:
            self.status.addItem(status_label(status), status)
        form.addRow("Status", self._with_error("status", self.status))
        self.gatekeeper = QCheckBox("Gatekeeper — gives many referrals")
        form.addRow("", self.gatekeeper)
        self.tags = TagEdit(completions("tag"))
        form.addRow("Tags", self._with_error("tags", self.tags))
        column.addLayout(form)
        column.addStretch(1)
        return column

    def _right_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.addWidget(self._section("How to reach them"))
        form = self._form()
        self.emails = LabelledValues("email", ["work", "home", "other"], "name@example.com")
        form.addRow("Emails", self.emails)
        self.phones = LabelledValues("phone", ["mobile", "work", "home", "other"], "+49 30 1234567")
        form.addRow("Phones", self.phones)
        for key, label in _LINE_FIELDS[5:]:
            edit = QLineEdit()
            self.fields[key] = edit
            form.addRow(label, self._with_error(key, edit))
        self.fields["linkedin_url"].setPlaceholderText("https://www.linkedin.com/in/…")
        self.fields["interests"].setPlaceholderText("Shared passions are the talking points")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(90)
        form.addRow("Notes", self._with_error("notes", self.notes))
        column.addLayout(form)
        column.addStretch(1)
        return column

    def _update_org_hint(self, text: str) -> None:
        text = text.strip()
        is_new = bool(text) and text.casefold() not in self._org_names
        self.org_hint.setText("New organization: it will be created when you save." if is_new else "")
        self.org_hint.setVisible(is_new)

    # --- data --------------------------------------------------------------------
    def _load(self) -> None:
        self.emails.set_values([])
        self.phones.set_values([])
        if self.contact_id is None:
            self.emails.add_row()
            self.status.setCurrentIndex(0)
            self._update_org_hint("")
            return
        contact = get_contact(self.contact_id)
        self.setWindowTitle(f"Edit {contact.full_name}")
        self._fill(contact)

    def _fill(self, contact: ContactView) -> None:
        """Show ``contact`` in every field and remember it as the version being edited."""
        self.loaded = contact
        self.emails.set_values([])
        self.phones.set_values([])
        for key, edit in self.fields.items():
            edit.setText(str(getattr(contact, key) or ""))
        self.organization.setText(contact.organization)
        self.tier.setCurrentIndex(max(0, self.tier.findData(contact.tier)))
        self.status.setCurrentIndex(max(0, self.status.findData(contact.status)))
        self.gatekeeper.setChecked(contact.is_gatekeeper)
        self.tags.set_tags(contact.tags)
        self.notes.setPlainText(contact.notes)
        self.emails.set_values([(e["label"], e["email"]) for e in contact.emails])
        self.phones.set_values([(p["label"], p["raw"]) for p in contact.phones])
        if not contact.emails:
            self.emails.add_row()
        self._update_org_hint(contact.organization)

    def set_form_value(self, key: str, value: Any) -> None:
        """Put one value of :meth:`form_data`'s shape back into its field."""
        if key in self.fields:
            self.fields[key].setText(value)
        elif key == "organization":
            self.organization.setText(value)
        elif key in ("tier", "status"):
            combo = self.tier if key == "tier" else self.status
            combo.setCurrentIndex(max(0, combo.findData(value)))
        elif key == "is_gatekeeper":
            self.gatekeeper.setChecked(bool(value))
        elif key == "tags":
            self.tags.set_tags(value)
        elif key == "notes":
            self.notes.setPlainText(value)
        elif key == "emails":
            self.emails.set_values([(v["label"], v["email"]) for v in value])
        elif key == "phones":
            self.phones.set_values([(v["label"], v["phone"]) for v in value])

    def form_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {key: edit.text() for key, edit in self.fields.items()}
        data.update(
            organization=self.organization.text(),
            tier=self.tier.currentData(),
            status=self.status.currentData(),
            is_gatekeeper=self.gatekeeper.isChecked(),
            tags=self.tags.tags(),
            notes=self.notes.toPlainText(),
            emails=[{"label": v["label"], "email": v["value"]} for v in self.emails.values()],
            phones=[{"label": v["label"], "phone": v["value"]} for v in self.phones.values()],
        )
        return data

    def is_dirty(self) -> bool:
        return self.form_data() != self._clean

    # --- saving ------------------------------------------------------------------
    def save(self) -> bool:
        self._clear_errors()
        try:
            if self.contact_id is None:
                view = add_contact(self.form_data())
            else:
                version = self.loaded.version if self.loaded is not None else None
                view = edit_contact(self.contact_id, self.form_data(), version, self.loaded)
        except EditConflict as exc:
            return self._resolve(exc)
        except ValidationErrors as exc:
            self.show_errors(exc.errors)
            return False
        except ValidationError as exc:
            self.show_errors([exc])
            return False
        except ServiceError as exc:
            self.banner.setText(f"Could not save: {exc}")
            self.banner.setVisible(True)
            return False
        except UNREACHABLE as exc:  # e.g. the server's connection dropped: say it, keep the form
            self.banner.setText(unsaved_message(exc) or str(exc))
            self.banner.setVisible(True)
            return False
        self.contact_id = view.id
        self._clean = self.form_data()
        self.saved.emit(view.id)
        self.accept()
        return True

    def ask_conflict(self, conflict: EditConflict) -> dict[str, str] | None:
        """The user's choice per field ("mine" or "theirs"), or None to go back to editing."""
        dialog = ConflictDialog(conflict, self)
        try:
            return dialog.choices() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def _resolve(self, conflict: EditConflict) -> bool:
        """Changed on another machine: let the user choose, then save from the new version.

        The form moves onto the saved version: fields the user did not touch show
        the other machine's values, fields they typed in keep what they typed
        unless they chose "theirs" for it. Going back leaves the form as it was.
        """
        choices = self.ask_conflict(conflict)
        if choices is None:
            self.banner.setText(
                "Not saved: this contact was changed on another machine. Your edits are still "
                "here; save again to choose field by field."
            )
            self.banner.setVisible(True)
            return False
        typed = self.form_data()
        touched = {key for key, value in typed.items() if value != self._clean.get(key)}
        self._fill(get_contact(self.contact_id))
        self._clean = self.form_data()
        for key in touched:
            if choices.get(key) != THEIRS:
                self.set_form_value(key, typed[key])
        return self.save()

    def _clear_errors(self) -> None:
        self.banner.setVisible(False)
        for label in self.errors.values():
            label.setVisible(False)
        self.emails.show_errors({})
        self.phones.show_errors({})

    def show_errors(self, errors: list[ValidationError]) -> None:
        emails: dict[int, str] = {}
        phones: dict[int, str] = {}
        unplaced = []
        for error in errors:
            field = error.field
            if field.startswith("email ") and field[6:].isdigit():
                emails[int(field[6:]) - 1] = error.message
            elif field.startswith("phone ") and field[6:].isdigit():
                phones[int(field[6:]) - 1] = error.message
            elif field in self.errors:
                self.errors[field].setText(error.message[:1].upper() + error.message[1:])
                self.errors[field].setVisible(True)
            else:
                unplaced.append(str(error))
        self.emails.show_errors(emails)
        self.phones.show_errors(phones)
        count = len(errors)
        self.banner.setText(
            f"Nothing was saved: {count} field{'s' if count != 1 else ''} need{'s' if count == 1 else ''} "
            "attention (marked below)." + ("\n" + "\n".join(unplaced) if unplaced else "")
        )
        self.banner.setVisible(True)

    # --- closing -----------------------------------------------------------------
    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel; a separate method so the question has one place."""
        return ask_save_discard_cancel(
            self, "Unsaved changes", "You changed this contact. Save the changes before closing?"
        )

    def reject(self) -> None:
        """Esc, Cancel and the window's close button all come here (QDialog routes
        closeEvent to reject), so the unsaved-changes question is asked once."""
        if not self.is_dirty():
            super().reject()
            return
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            self.save()  # closes on success; stays open showing the errors otherwise
        elif answer == QMessageBox.StandardButton.Discard:
            super().reject()
