"""Answering the modal message boxes a test's click opens (they block until answered)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


def answer_next_modal(handler: Callable[[QWidget], None]) -> list[str]:
    """Call ``handler`` with the next message box once it is shown; return its texts."""
    seen: list[str] = []

    def poll(left: int = 200) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox):
            seen.append(dialog.text())
            handler(dialog)
        elif left:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)
    return seen
