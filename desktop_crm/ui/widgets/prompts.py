"""Questions the app asks before it drops something the user typed.

One wording of buttons everywhere (Save, Discard, Cancel with Save as the
default), so a user who learned it in one form is not surprised in another.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def ask_save_discard_cancel(parent: QWidget, title: str, text: str) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel (Save is the default, Esc cancels)."""
    return QMessageBox.question(parent, title, text,
                                Button.Save | Button.Discard | Button.Cancel, Button.Save)


def may_leave(parent: QWidget, dirty: bool, title: str, text: str, save: Callable[[], bool]) -> bool:
    """True when it is fine to move on: nothing unsaved, saved now, or discarded.

    ``save`` returns False when the save failed (its form then shows why),
    and the user stays where they are.
    """
    if not dirty:
        return True
    answer = ask_save_discard_cancel(parent, title, text)
    if answer == Button.Cancel:
        return False
    if answer == Button.Save:
        return save()
    return True
