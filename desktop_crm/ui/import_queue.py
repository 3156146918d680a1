"""Files waiting for the import dialog, shown one after another from the event loop.

Files arrive from places where a modal dialog must not start: a second
launch's socket slot (the socket can be deleted while the dialog's own event
loop runs, which crashed the app), a drop event, a macOS FileOpen event.
Each of those only *adds* here; the dialog opens after the current slot has
returned, and the next file's dialog after the previous one has closed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class ImportQueue(QObject):
    """Runs ``show(path)`` for each added path, one at a time, never re-entrantly."""

    def __init__(self, show: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show = show
        self._pending: deque[str] = deque()
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)

    def add(self, path: str) -> None:
        """Queue a file (a file already waiting is not queued twice)."""
        if path and path not in self._pending:
            self._pending.append(path)
        self._schedule()

    def _schedule(self) -> None:
        if self._pending and not self._busy and not self._timer.isActive():
            self._timer.start()

    def _next(self) -> None:
        if self._busy or not self._pending:
            return
        path = self._pending.popleft()
        self._busy = True
        try:
            self._show(path)
        finally:
            self._busy = False
            self._schedule()
