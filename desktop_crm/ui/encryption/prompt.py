"""Asking for a passphrase: at start for an encrypted database, and a new one twice.

The fields never echo. A wrong passphrase is said in the dialog, which
stays open for another try; Cancel quits without touching the file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...services.database import encryption
from ...services.errors import ServiceError
from ..plain_text import plain_label


class PassphraseDialog(QDialog):
    """One field (the passphrase of a file) or two (a new passphrase, typed twice)."""

    def __init__(self, title: str, intro: str, new: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.intro = plain_label(intro)
        self.intro.setWordWrap(True)
        self.field = self._secret("passphrase")
        self.again = self._secret("passphraseAgain") if new else None
        self.error = QLabel()
        self.error.setObjectName("passphraseError")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("New passphrase:" if new else "Passphrase:", self.field)
        if self.again is not None:
            form.addRow("The same again:", self.again)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.check = None  # callable(text) raising an error to show, or None

    def _secret(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def passphrase(self) -> str:
        return self.field.text()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.adjustSize()  # a wrapped message gets the lines it needs
        self.field.selectAll()
        self.field.setFocus()

    def try_accept(self) -> None:
        text = self.field.text()
        if not text:
            self.show_error("Type the passphrase.")
            return
        if self.again is not None and self.again.text() != text:
            self.show_error("The two passphrases differ.")
            return
        if self.check is not None:
            try:
                self.check(text)
            except ServiceError as exc:
                self.show_error(str(exc))
                return
        self.accept()


def ask_at_start(path: Path, parent: QWidget | None = None) -> bool:
    """Before the window opens: unlock ``path`` if it is encrypted. False if the user
    gave up (Cancel); the file is only ever read."""
    if not encryption.needs_passphrase(path):
        return True
    dialog = PassphraseDialog(
        "Desktop CRM: passphrase",
        f"{path} is encrypted. Type its passphrase to open it.", parent=parent)

    def check(text: str) -> None:
        try:
            encryption.unlock(path, text)
        except encryption.WrongPassphrase:
            raise ServiceError("Wrong passphrase; try again. Nothing was changed.") from None

    dialog.check = check
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
