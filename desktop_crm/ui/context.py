"""What every view shares: the database path and the app-wide signals.

Views never talk to each other directly: one emits here, the others listen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal


class AppContext(QObject):
    # Something in the database changed (after a save, import, undo...): views reload.
    data_changed = Signal()
    # Show this contact (id) in the contacts view / detail panel.
    contact_selected = Signal(int)
    # Open a prep sheet: (meeting id or 0, contact id or 0).
    prep_sheet_requested = Signal(int, int)
    # Open the import dialog for a file path (str).
    import_requested = Signal(str)
    # A short message for the status bar.
    status_message = Signal(str)
    # Show the warmest path to this contact (id) on the Network view.
    find_way_requested = Signal(int)
    # Switch the main window to a view by its key ("today", "contacts", "network", ...).
    view_requested = Signal(str)
    # Show the warmest way to a target on the map: ("person" | "organization", id).
    path_requested = Signal(str, int)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
