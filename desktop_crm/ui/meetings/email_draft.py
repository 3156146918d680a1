"""An email draft the user reads, edits, then copies or opens in their mail app.

The app never sends anything: "Copy" puts subject and body on the
clipboard, "Open in mail app" hands a ``mailto:`` URL to the desktop.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.meetings.email_drafts import EmailDraft, mailto_url
from ..widgets.theme import set_muted
from ..widgets.unsaved import AsksBeforeDiscarding


class EmailDraftPanel(QWidget):
    """To, subject and body of one draft, editable, with Copy and Open in mail app."""

    handed_off = Signal()  # copied or opened in the mail app: the text is safe elsewhere

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.to_edit = QLineEdit()
        self.subject_edit = QLineEdit()
        self.body_edit = QPlainTextEdit()
        self.body_edit.setMinimumHeight(180)
        self.form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("To:", self.to_edit)
        form.addRow("Subject:", self.subject_edit)
        self.copy_button = QPushButton("Copy")
        self.copy_button.setToolTip("Copy the subject and body to the clipboard")
        self.copy_button.clicked.connect(self.copy)
        self.open_button = QPushButton("Open in mail app")
        self.open_button.setToolTip("Start a new message in your mail app; nothing is sent by Desktop CRM")
        self.open_button.clicked.connect(self.open_in_mail_app)
        self.feedback = QLabel()
        set_muted(self.feedback)
        buttons = QHBoxLayout()
        buttons.addWidget(self.feedback, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.body_edit, 1)
        layout.addLayout(buttons)
        self.set_draft(None)

    def set_draft(self, draft: EmailDraft | None, why_none: str = "") -> None:
        """Show ``draft``, or an explanation of why there is none (buttons disabled)."""
        self.feedback.clear()
        enabled = draft is not None
        self.to_edit.setText(draft.to if draft else "")
        self.to_edit.setPlaceholderText(
            "No email address on file: type one, or paste into your mail app" if draft else ""
        )
        self.subject_edit.setText(draft.subject if draft else "")
        self.body_edit.setPlainText(draft.body if draft else why_none)
        for widget in (self.to_edit, self.subject_edit, self.body_edit, self.copy_button, self.open_button):
            widget.setEnabled(enabled)

    def clipboard_text(self) -> str:
        return f"Subject: {self.subject_edit.text()}\n\n{self.body_edit.toPlainText()}"

    def mailto(self) -> str:
        return mailto_url(self.to_edit.text().strip(), self.subject_edit.text(), self.body_edit.toPlainText())

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.clipboard_text())
        self.feedback.setText("Copied to the clipboard.")
        self.handed_off.emit()

    def open_in_mail_app(self) -> None:
        if QDesktopServices.openUrl(QUrl(self.mailto())):
            self.feedback.setText("Opened in your mail app.")
            self.handed_off.emit()
        else:
            self.feedback.setText("No mail app answered; use Copy instead.")


class EmailDraftDialog(AsksBeforeDiscarding, QDialog):
    """A single draft in its own window (from Today's "Draft…" buttons).

    Closing after editing the draft without copying or opening it asks first:
    the app keeps no copy of the edited text.
    """

    can_save = False
    unsaved_text = "You edited this draft and have not copied it or opened it in your mail app. Discard your edits?"

    def __init__(self, draft: EmailDraft, title: str = "Email draft", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(620, 460)
        self.panel = EmailDraftPanel()
        self.panel.set_draft(draft)
        note = QLabel("Edit freely; Desktop CRM never sends email itself.")
        set_muted(note)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.panel, 1)
        layout.addWidget(close)
        self.mark_clean()
        self.panel.handed_off.connect(self.mark_clean)

    def form_state(self) -> tuple[str, str, str]:
        panel = self.panel
        return (panel.to_edit.text(), panel.subject_edit.text(), panel.body_edit.toPlainText())
