"""The window follows changes made elsewhere, without getting in the user's way.

The command line may import, add or restore while the window is open. A
timer asks :class:`~desktop_crm.services.database.changes.ChangeProbe` once a second;
when the file changed, it emits ``context.data_changed``, the signal every
view already reloads on (keeping the selection, the search text and any
unsaved edit). While a dialog or a popup (a menu, a completer list) is open,
the reload waits until it closes, so nothing moves under the user's hands.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from ..services.database.changes import ChangeProbe
from .context import AppContext

POLL_MS = 1000


class ChangeWatcher(QObject):
    """Polls the database's data version and reloads the views when it moves."""

    def __init__(self, context: AppContext, parent: QObject | None = None,
                 interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.context = context
        self.probe = ChangeProbe()
        self.pending = False
        self.reloads = 0  # how many outside changes were shown (tests, diagnostics)
        self._emitting = False
        context.data_changed.connect(self._reloaded)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> bool:
        """Reload now if the file changed elsewhere and the user is not in a dialog."""
        if self.probe.changed_elsewhere():
            self.pending = True
        if not self.pending or self._user_is_busy():
            return False
        self.pending = False
        self._emitting = True
        try:
            self.context.data_changed.emit()
        finally:
            self._emitting = False
        self.reloads += 1
        self.context.status_message.emit("Updated with changes made outside this window.")
        return True

    def stop(self) -> None:
        self.timer.stop()

    def start(self) -> None:
        self.timer.start()

    @staticmethod
    def _user_is_busy() -> bool:
        return (QApplication.activeModalWidget() is not None
                or QApplication.activePopupWidget() is not None)

    def _reloaded(self) -> None:
        """Any reload (ours or a save in the window) shows everything up to now."""
        if not self._emitting:
            self.pending = False
        self.probe.mark_seen()
