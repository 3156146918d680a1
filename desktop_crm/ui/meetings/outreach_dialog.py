"""Log one request for a meeting, and respect the three-attempt rule.

The app never sends anything. After the third unanswered attempt in a row
the dialog stays open to suggest moving the person to dormant; the user
decides (Move to dormant, or Not now).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...services.contacts import get_contact
from ...services.errors import ServiceError
from ...services.meetings import outreach
from ...services.meetings.outreach import OutreachState
from ..context import AppContext
from ..plain_text import plain_label
from ..widgets.date_time_fields import DateField
from ..widgets.dates import qdate_today
from ..widgets.field_errors import FieldError, FieldErrors
from ..widgets.theme import WARNING, heading_font, pick, set_muted
from ..widgets.unsaved import AsksBeforeDiscarding

CHANNELS = (
    ("email", "Email"),
    ("linkedin", "LinkedIn message"),
    ("phone", "Phone call"),
    ("letter", "Letter"),
    ("in-person", "In person"),
)


class DormantBanner(QFrame):
    """The suggestion to stop asking, with the two choices."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = plain_label()
        self.text.setWordWrap(True)
        palette = self.text.palette()
        palette.setColor(self.text.foregroundRole(), pick(WARNING, palette))
        self.text.setPalette(palette)
        self.accept_button = QPushButton("Move to dormant")
        self.accept_button.setToolTip("Stop asking: set their status to dormant. Nothing is sent.")
        self.dismiss_button = QPushButton("Not now")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.dismiss_button)
        row.addWidget(self.accept_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(row)


class OutreachDialog(AsksBeforeDiscarding, QDialog):
    """``OutreachDialog(context, contact_id)``: date, channel, message, answered."""

    unsaved_text = "This attempt is not logged yet. Log it before closing?"

    def __init__(self, context: AppContext, contact_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.contact_id = contact_id
        self.logged = False
        person = get_contact(contact_id)
        self.setWindowTitle(f"Log outreach to {person.full_name}")
        self.errors = FieldErrors()

        title = plain_label(f"Asking {person.full_name} for a meeting")
        title.setFont(heading_font(self, 1.15))
        self.state_label = plain_label()
        self.state_label.setWordWrap(True)
        set_muted(self.state_label)
        self.on = DateField("ddd d MMM yyyy")
        self.on.setDate(qdate_today())
        self.on.setMaximumDate(qdate_today())
        self.channel = QComboBox()
        for key, label in CHANNELS:
            self.channel.addItem(label, key)
        self.message = QPlainTextEdit()
        self.message.setPlaceholderText("What you wrote or said (optional)")
        self.message.setTabChangesFocus(True)
        self.message.setFixedHeight(self.message.fontMetrics().lineSpacing() * 5 + 14)
        self.answered = QCheckBox("They answered")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Date:", self.errors.wrap("on", self.on))
        form.addRow("Channel:", self.errors.wrap("channel", self.channel))
        form.addRow("Message:", self.message)
        form.addRow("", self.answered)
        self.general_error = FieldError()  # messages that belong to no one field

        self.banner = DormantBanner()
        self.banner.hide()
        self.banner.accept_button.clicked.connect(self.accept_dormant)
        self.banner.dismiss_button.clicked.connect(self._dismiss)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Log attempt")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.state_label)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self._show_state(outreach.outreach_state(contact_id))
        self.mark_clean()

    def _show_state(self, state: OutreachState) -> None:
        self.state_label.setText(state.advice)
        if state.suggest_dormant:
            self.banner.text.setText(
                f"{state.unanswered_streak} unanswered attempts in a row. Etiquette says stop here: "
                "move them to dormant? Nothing is sent; you can change it later."
            )
            self.banner.show()
        else:
            self.banner.hide()

    def form_state(self) -> tuple[object, ...]:
        if self.logged:  # logged already: only the dormant choice is left
            return ()
        return (self.on.date(), self.channel.currentData(), self.message.toPlainText(), self.answered.isChecked())

    def attempt_date(self) -> dt.date | None:
        """The chosen day, or None for today (logged at the current time)."""
        qd = self.on.date()
        day = dt.date(qd.year(), qd.month(), qd.day())
        return None if day == clock.today() else day

    def save(self) -> None:
        self.errors.clear()
        self.general_error.hide()
        try:
            result = outreach.log_attempt(
                self.contact_id,
                channel=self.channel.currentData(),
                answered=self.answered.isChecked(),
                on=self.attempt_date(),
                message=self.message.toPlainText(),
            )
        except ServiceError as exc:
            self.errors.show_all(exc, self.general_error)
            return
        self.logged = True
        self.context.data_changed.emit()
        self.context.status_message.emit("Outreach logged.")
        if result.state.suggest_dormant:
            self._show_state(result.state)
            self._lock_form()
            return
        self.accept()

    def _lock_form(self) -> None:
        """After logging, only the dormant choice remains (no second log by accident)."""
        for widget in (self.on, self.channel, self.message, self.answered):
            widget.setEnabled(False)
        self.buttons.hide()
        self.banner.accept_button.setDefault(True)

    def accept_dormant(self) -> None:
        try:
            outreach.accept_dormant(self.contact_id)
        except ServiceError as exc:
            self.general_error.setText(str(exc))
            self.general_error.show()
            return
        self.context.data_changed.emit()
        self.context.status_message.emit("Moved to dormant.")
        self.accept()

    def _dismiss(self) -> None:
        if self.logged:
            self.accept()
        else:
            self.banner.hide()
