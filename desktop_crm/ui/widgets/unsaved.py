"""Dialogs that ask before they close with unsaved input.

Escape, Cancel and the window's close button all end in ``QDialog.reject``;
:class:`AsksBeforeDiscarding` overrides it once for every form dialog, so
nothing typed is lost by one key. A dialog says what its input is
(``form_state``: the same values it would save) and marks the moment the form
matches what is stored (``mark_clean``); any difference is "unsaved".
"""

from __future__ import annotations

import weakref
from typing import Any

from PySide6.QtWidgets import QDialog, QMessageBox

from .prompts import ask_save_discard_cancel

Button = QMessageBox.StandardButton


class AsksBeforeDiscarding:
    """Mixin for a ``QDialog`` with a form: ``reject`` asks Save / Discard / Cancel when dirty.

    Subclasses implement ``form_state()`` and call ``mark_clean()`` once the
    form is filled. ``save()`` (if ``can_save``) closes the dialog on success
    and leaves it open, showing the errors, otherwise.
    """

    unsaved_title = "Unsaved changes"
    unsaved_text = "You have changes that are not saved. Save them before closing?"
    can_save = True
    _clean_state: Any = None
    # Every form dialog that has marked itself clean, so a test harness can
    # close the ones a test left open without walking all of Qt's widgets.
    instances: weakref.WeakSet[AsksBeforeDiscarding] = weakref.WeakSet()

    def form_state(self) -> Any:  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def _state(self) -> Any:
        """The form's state, or its repr when a value cannot be read as typed."""
        try:
            return repr(self.form_state())
        except Exception as exc:  # noqa: BLE001 - a half-typed field is still "changed"
            return f"unreadable: {exc}"

    def mark_clean(self) -> None:
        """The form now matches what is stored (after loading or saving)."""
        self._clean_state = self._state()
        AsksBeforeDiscarding.instances.add(self)

    def is_dirty(self) -> bool:
        return self._clean_state is not None and self._state() != self._clean_state

    def ask_unsaved(self) -> Button:
        """Save / Discard / Cancel, or Discard / Cancel for a dialog that cannot save."""
        parent = self  # type: ignore[assignment]
        if self.can_save:
            return ask_save_discard_cancel(parent, self.unsaved_title, self.unsaved_text)  # type: ignore[arg-type]
        return QMessageBox.question(parent, self.unsaved_title, self.unsaved_text,  # type: ignore[arg-type]
                                    Button.Discard | Button.Cancel, Button.Cancel)

    def reject(self) -> None:
        if not self.is_dirty():
            QDialog.reject(self)  # type: ignore[arg-type]
            return
        answer = self.ask_unsaved()
        if answer == Button.Save:
            self.save()  # type: ignore[attr-defined]  # closes on success
        elif answer == Button.Discard:
            QDialog.reject(self)  # type: ignore[arg-type]
