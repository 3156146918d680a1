"""Your profile: the centre of the network. Prep sheets print your pitch and objectives,
and email drafts sign with your name, so the dialog explains each field.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...services.conflicts import EditConflict
from ...services.contacts.profile import ProfileView, get_profile, update_profile
from ...services.errors import ServiceError
from ..context import AppContext
from ..widgets.conflict_dialog import ResolvesConflicts
from ..widgets.field_errors import FieldError, FieldErrors
from ..widgets.theme import heading_font, set_muted
from ..widgets.unsaved import AsksBeforeDiscarding

PITCH_HINT = "A few confident sentences: who you are, what you have done, what you are looking for next."


def _box(placeholder: str, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class ProfileDialog(ResolvesConflicts, AsksBeforeDiscarding, QDialog):
    """``ProfileDialog(context)``: edit and save :mod:`services.contacts.profile`."""

    unsaved_text = "You changed your profile. Save the changes before closing?"

    def __init__(self, context: AppContext, parent: QWidget | None = None, reason: str = "") -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Your profile")
        self.errors = FieldErrors()
        self.name = QLineEdit()
        self.name.setPlaceholderText("How you sign your emails")
        self.email = QLineEdit()
        self.email.setPlaceholderText("you@example.com")
        self.phone = QLineEdit()
        self.pitch = _box(PITCH_HINT, 4)
        self.pitch_count = QLabel()
        set_muted(self.pitch_count)
        self.pitch.textChanged.connect(self._count_pitch)
        self.target_roles = QLineEdit()
        self.target_roles.setPlaceholderText("e.g. data engineer, analytics lead")
        self.target_industries = QLineEdit()
        self.target_industries.setPlaceholderText("e.g. energy, logistics")
        self.target_places = QLineEdit()
        self.target_places.setPlaceholderText("e.g. Berlin, remote")
        self.objectives = _box("What you want from this search, e.g. meet 3 people a week in energy data", 3)
        self.inputs = {
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            "pitch": self.pitch,
            "target_roles": self.target_roles,
            "target_industries": self.target_industries,
            "target_places": self.target_places,
            "objectives": self.objectives,
        }

        intro = QLabel(reason or "You are the centre of your network. Prep sheets print your pitch and objectives; "
                       "email drafts sign with your name.")
        intro.setWordWrap(True)
        set_muted(intro)
        title = QLabel("Your profile")
        title.setFont(heading_font(self, 1.2))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Name:", self.errors.wrap("name", self.name))
        form.addRow("Email:", self.errors.wrap("email", self.email))
        form.addRow("Phone:", self.errors.wrap("phone", self.phone))
        form.addRow("Pitch:", self.errors.wrap("pitch", self.pitch))
        form.addRow("", self.pitch_count)
        form.addRow("Target roles:", self.target_roles)
        form.addRow("Industries:", self.target_industries)
        form.addRow("Places:", self.target_places)
        form.addRow("Objectives:", self.objectives)
        self.general_error = FieldError()  # messages that belong to no one field
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.load(get_profile())
        self.mark_clean()

    def load(self, profile: ProfileView) -> None:
        self.loaded = profile  # saves go "from" its version
        self.put_values({key: getattr(profile, key) for key in self.inputs})
        self.loaded_values = self.values()

    def put_values(self, values: dict[str, str]) -> None:
        for key, value in values.items():
            widget = self.inputs[key]
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            else:
                widget.setText(value)

    def values(self) -> dict[str, str]:
        return {
            key: w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()
            for key, w in self.inputs.items()
        }

    def form_state(self) -> dict[str, str]:
        return self.values()

    def _count_pitch(self) -> None:
        words = len(self.pitch.toPlainText().split())
        self.pitch_count.setText(f"{words} words" + (" · shorter reads better aloud" if words > 90 else ""))

    def save(self) -> None:
        self.errors.clear()
        self.general_error.hide()
        try:
            update_profile(self.values(), self.loaded.version, self.loaded)
        except EditConflict as conflict:
            def reload() -> None:
                self.load(get_profile())
                self.mark_clean()

            if self.rebase(conflict, reload, self.put_values):
                self.save()
            else:
                self.general_error.show_message("Not saved: your profile was changed on another "
                                                "machine. Your edits are still here.")
            return
        except ServiceError as exc:
            self.errors.show_all(exc, self.general_error)
            return
        self.context.data_changed.emit()
        self.context.status_message.emit("Profile saved.")
        self.accept()
