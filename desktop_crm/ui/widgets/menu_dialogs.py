"""A menu entry that opens a modal dialog of the window's (File > Backups…, File > Encryption…)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from ..context import AppContext


def add_dialog_action(window: QWidget, menu: QMenu, context: AppContext, text: str, name: str,
                      tip: str, make: Callable[[AppContext, QWidget], QDialog]) -> QAction:
    """Add ``text`` to ``menu``: it runs the dialog ``make(context, window)`` and drops it after."""
    action = QAction(text, window)
    action.setObjectName(name)
    action.setStatusTip(tip)

    def open_dialog() -> None:
        dialog = make(context, window)
        dialog.exec()
        dialog.deleteLater()

    action.triggered.connect(lambda _=False: open_dialog())
    menu.addAction(action)
    return action
