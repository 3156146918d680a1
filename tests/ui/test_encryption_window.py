"""Encryption in the window: the passphrase asked at start, and File > Encryption…."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from desktop_crm.services.contacts import create_contact
from desktop_crm.services.database import backup as json_backup
from desktop_crm.services.database import encryption
from desktop_crm.store import close_database, open_store
from desktop_crm.store.cipher import current_passphrase, use_passphrase
from desktop_crm.ui.encryption.dialog import EncryptionDialog
from desktop_crm.ui.encryption.prompt import PassphraseDialog, ask_at_start
from desktop_crm.ui.main_window import MainWindow

pytest.importorskip("sqlcipher3", reason="encryption needs the 'encryption' extra")

PASS = "window passphrase"


def _tables() -> dict:
    return json.loads(json.dumps(json_backup.export_backup(), default=str))["tables"]


def _plain_reads(path: Path) -> bool:
    try:
        sqlite3.connect(path).execute("SELECT count(*) FROM contact").fetchone()
        return True
    except sqlite3.DatabaseError:
        return False


def _answer(qtbot, texts: list[str], seen: list[str], shots: Path | None = None) -> None:
    """Type each of ``texts`` into the passphrase dialog when it is open and press OK."""
    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(20, step)
            return
        field = dialog.findChild(QLineEdit, "passphrase")
        assert field.echoMode() == QLineEdit.EchoMode.Password
        if dialog.error.isVisible():
            seen.append(dialog.error.text())
        if not texts:
            dialog.reject()
            return
        field.setText(texts.pop(0))
        if shots is not None and seen:
            dialog.grab().save(str(shots))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        if dialog.isVisible():
            QTimer.singleShot(20, step)

    QTimer.singleShot(20, step)


def _encrypted_file(db_path: Path) -> dict:
    for name in ("Ann", "Bob"):
        create_contact({"first_name": name})
    wanted = _tables()
    encryption.turn_on(PASS)
    close_database()
    use_passphrase(None)
    return wanted


def test_the_window_asks_for_the_passphrase_at_start_until_it_is_right(
        qtbot, db_path: Path, tmp_path: Path) -> None:
    wanted = _encrypted_file(db_path)
    seen: list[str] = []
    _answer(qtbot, ["wrong", PASS], seen, shots=tmp_path / "prompt.png")
    assert ask_at_start(db_path)
    assert seen and "Wrong passphrase" in seen[0]
    assert current_passphrase() == PASS
    open_store(db_path)
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    assert window.contacts.model.total == 2 and _tables() == wanted


def test_cancel_at_start_opens_nothing(qtbot, db_path: Path) -> None:
    _encrypted_file(db_path)
    before = db_path.read_bytes()
    _answer(qtbot, [], [])
    assert not ask_at_start(db_path)
    assert current_passphrase() is None and db_path.read_bytes() == before


def test_a_plain_file_is_opened_without_asking(qtbot, db_path: Path) -> None:
    close_database()
    assert ask_at_start(db_path)


def test_file_encryption_turns_it_on_changes_it_and_turns_it_off(
        qtbot, db_path: Path, tmp_path: Path) -> None:
    for name in ("Ann", "Bob", "Cy"):
        create_contact({"first_name": name})
    wanted = _tables()
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert "Encryption…" in [a.text() for a in file_menu.actions()]
    dialog = EncryptionDialog(window.context, window)
    qtbot.addWidget(dialog)
    assert dialog.on_button.isEnabled() and not dialog.off_button.isEnabled()
    with qtbot.waitSignal(window.context.data_changed):
        assert dialog.turn_on(PASS)
    assert not _plain_reads(db_path)
    assert dialog.off_button.isEnabled() and not dialog.on_button.isEnabled()
    assert window.contacts.model.total == 3 and _tables() == wanted
    dialog.grab().save(str(tmp_path / "encryption.png"))
    assert window.change_watcher.timer.isActive()
    assert not dialog.change(current="not it", new="x")  # the current one is asked again
    assert dialog.change(current=PASS, new="second")
    close_database()
    use_passphrase("second")
    open_store(db_path)
    assert _tables() == wanted
    assert dialog.turn_off(current="second")
    assert _plain_reads(db_path) and _tables() == wanted
