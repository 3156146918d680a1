"""The dialog that adds or edits one organization, with messages at each field.

The services require a name; this form also refuses a name that another
organization already has (two rows for one employer would split its
surround) and a website that cannot be a web address.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...services.conflicts import EditConflict
from ...services.contacts.organizations import (
    create_organization,
    get_organization,
    update_organization,
)
from ...services.errors import ServiceError
from ...services.views import OrganizationView
from ..widgets.conflict_dialog import ResolvesConflicts
from ..widgets.field_errors import FieldError, show_errors, with_error_below
from ..widgets.unsaved import AsksBeforeDiscarding


class OrganizationDialog(ResolvesConflicts, AsksBeforeDiscarding, QDialog):
    """``OrganizationDialog(org_id=None)`` adds one; with an id it edits that one."""

    unsaved_text = "You changed this organization. Save the changes before closing?"

    def __init__(self, org_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.org_id = org_id
        self.saved: OrganizationView | None = None
        self.loaded: OrganizationView | None = None  # saves go "from" its version
        self.loaded_values: dict[str, Any] = {}
        self.setWindowTitle("Edit organization" if org_id else "New organization")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.name = QLineEdit()
        self.industry = QLineEdit()
        self.industry.setPlaceholderText("e.g. Software, Finance, Healthcare")
        self.location = QLineEdit()
        self.location.setPlaceholderText("City or region")
        self.website = QLineEdit()
        self.website.setPlaceholderText("example.com")
        self.is_target = QCheckBox("A target company: one you want to work for")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(80)
        self.errors = {key: FieldError() for key in ("name", "website", "")}
        form.addRow("&Name", self._with_error(self.name, "name"))
        form.addRow("&Industry", self.industry)
        form.addRow("&Location", self.location)
        form.addRow("&Website", self._with_error(self.website, "website"))
        form.addRow("", self.is_target)
        form.addRow("N&otes", self.notes)
        form.addRow("", self.errors[""])
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout.addWidget(buttons)
        if org_id is not None:
            self._fill(get_organization(org_id))
        self.mark_clean()

    def _with_error(self, field: QWidget, key: str) -> QWidget:
        return with_error_below(field, self.errors[key])

    def _fill(self, org: OrganizationView) -> None:
        self.loaded = org
        self.name.setText(org.name)
        self.industry.setText(org.industry)
        self.location.setText(org.location)
        self.website.setText(org.website)
        self.is_target.setChecked(org.is_target)
        self.notes.setPlainText(org.notes)
        self.loaded_values = self.values()

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "industry": self.industry.text(),
            "location": self.location.text(),
            "website": self.website.text(),
            "is_target": self.is_target.isChecked(),
            "notes": self.notes.toPlainText(),
        }

    def form_state(self) -> dict[str, Any]:
        return self.values()

    def save(self) -> bool:
        """Validate, save through the service, and close; on error stay open with the message."""
        data = self.values()
        try:
            if self.org_id is None:
                self.saved = create_organization(data)
            else:
                version = self.loaded.version if self.loaded is not None else None
                self.saved = update_organization(self.org_id, data, version, self.loaded)
        except EditConflict as exc:
            return self._resolve(exc)
        except ServiceError as exc:
            show_errors(self.errors, exc, "")
            return False
        self.accept()
        return True

    def _resolve(self, conflict: EditConflict) -> bool:
        """Changed on another machine: choose per field, then save from the saved version."""
        def reload() -> None:
            self._fill(get_organization(self.org_id))
            self.mark_clean()

        if not self.rebase(conflict, reload, self._fill_values):
            self.errors[""].show_message("Not saved: changed on another machine. Your edits are still here.")
            return False
        return self.save()

    def _fill_values(self, values: dict[str, Any]) -> None:
        for key, value in values.items():
            widget = getattr(self, key)
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            else:
                widget.setText(value)
