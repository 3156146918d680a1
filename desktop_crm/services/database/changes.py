"""Noticing changes made elsewhere (the command line beside the open window).

The window polls :class:`ChangeProbe` on a timer; when another process (or
one of the window's own worker threads) has committed, the views reload.
"""

from __future__ import annotations

from ...store import DATABASE_ERRORS
from ...store.changes import data_version


class ChangeProbe:
    """Remembers the data version it last saw and says when it has moved."""

    def __init__(self) -> None:
        self._seen = self._read()

    @staticmethod
    def _read() -> int | None:
        try:
            return data_version()
        except DATABASE_ERRORS:  # closed, or busy in a way that even this waits on
            return None

    def changed_elsewhere(self) -> bool:
        """True once per outside commit (or run of commits) since the last call."""
        current = self._read()
        if current is None:
            return False
        changed = self._seen is not None and current != self._seen
        self._seen = current
        return changed

    def mark_seen(self) -> None:
        """Forget outside changes up to now (the window has just reloaded anyway)."""
        current = self._read()
        if current is not None:
            self._seen = current
