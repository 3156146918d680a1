"""File > Encryption…: turn encryption at rest on, change its passphrase, turn it off.

The conversion runs in a worker (the window keeps painting) while the
window's change watcher waits and its own connection is closed, so the
file is free to convert; then every view reloads.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.database import encryption
from ...services.errors import ServiceError
from ..context import AppContext
from ..plain_text import as_typed, plain_label
from ..widgets.menu_dialogs import add_dialog_action
from ..widgets.worker import INLINE_BELOW, run_with_progress
from .prompt import PassphraseDialog

WARNING = ("Forget the passphrase and nobody can read this database or its backups again: "
           "there is no way back.")


class EncryptionDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("encryptionDialog")
        self.setWindowTitle("Encryption")
        self.setMinimumWidth(520)
        self.context = context
        self.watcher = getattr(parent, "change_watcher", None)
        self.state = plain_label()
        self.state.setWordWrap(True)
        self.on_button = QPushButton("Turn on…")
        self.on_button.clicked.connect(lambda: self.turn_on())
        self.change_button = QPushButton("Change passphrase…")
        self.change_button.clicked.connect(lambda: self.change())
        self.off_button = QPushButton("Turn off…")
        self.off_button.clicked.connect(lambda: self.turn_off())
        row = QHBoxLayout()
        for button in (self.on_button, self.change_button, self.off_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        on, can = encryption.is_encrypted(), encryption.available()
        if on:
            text = ("This database and its backups are encrypted (SQLCipher). The passphrase "
                    "is asked for at each start. " + WARNING)
        elif can:
            text = ("This database is not encrypted. Turning encryption on encrypts it and "
                    "its backups with a passphrase you choose. " + WARNING)
        else:
            text = ("This installation cannot encrypt: it needs the optional SQLCipher "
                    f"library ({encryption.EXTRA_HINT}).")
        self.state.setText(text)
        self.on_button.setEnabled(can and not on)
        self.change_button.setEnabled(on)
        self.off_button.setEnabled(on)

    # --- the three actions ------------------------------------------------------------
    def turn_on(self, passphrase: str | None = None) -> bool:
        passphrase = passphrase or self._ask_new("Turn encryption on")
        return passphrase is not None and self._run(
            lambda: encryption.turn_on(passphrase), "Encrypting the database…")

    def change(self, current: str | None = None, new: str | None = None) -> bool:
        if not self._confirm_current(current, "Change the passphrase"):
            return False
        new = new or self._ask_new("Change the passphrase")
        return new is not None and self._run(
            lambda: encryption.change_passphrase(new), "Encrypting with the new passphrase…")

    def turn_off(self, current: str | None = None) -> bool:
        if not self._confirm_current(current, "Turn encryption off"):
            return False
        return self._run(encryption.turn_off, "Decrypting the database…")

    # --- helpers ----------------------------------------------------------------------
    def _ask_new(self, title: str) -> str | None:
        dialog = PassphraseDialog(title, WARNING, new=True, parent=self)
        try:
            ok = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.passphrase() if ok else None
        finally:
            dialog.deleteLater()

    def _confirm_current(self, current: str | None, title: str) -> bool:
        """The current passphrase, asked again: someone at an unlocked screen cannot
        change or remove it."""
        if current is not None:  # given (tests, scripts): no dialog
            if encryption.matches_current(current):
                return True
            self.context.status_message.emit(f"{title}: that is not the current passphrase.")
            return False
        dialog = PassphraseDialog(title, "Type the current passphrase.", parent=self)

        def check(text: str) -> None:
            if not encryption.matches_current(text):
                raise ServiceError("That is not the current passphrase.")

        dialog.check = check
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def _run(self, job, label: str) -> bool:
        if self.watcher is not None:
            self.watcher.stop()
        encryption.release_this_thread()  # the worker needs the file to itself
        try:
            result = run_with_progress(self, label, INLINE_BELOW, job)
        except ServiceError as exc:
            QMessageBox.warning(self, "Encryption", as_typed(str(exc)))
            return False
        finally:
            if self.watcher is not None:
                self.watcher.start()
            self.refresh()
        backups = (f" and {result.backups_converted} backup(s)"
                   if result.backups_converted else "")
        state = "encrypted" if result.encrypted else "decrypted"
        self.context.status_message.emit(f"The database{backups} {state}.")
        self.context.data_changed.emit()
        return True


def add_encryption_action(window: QWidget, menu: QMenu, context: AppContext) -> QAction:
    """File > Encryption… on ``window``'s menu."""
    return add_dialog_action(window, menu, context, "Encryption…", "encryption",
                             "Encrypt the database and its backups with a passphrase", EncryptionDialog)
