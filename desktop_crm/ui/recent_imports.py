"""The File > Recent imports list: the last files the import dialog was opened for.

Kept in the window's settings file (beside the database's data folder, so
``DESKTOP_CRM_HOME`` keeps tests away from the user's list). A file that has
since gone is shown disabled rather than dropped, so the list never surprises.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMenu, QWidget

from .widgets.settings import app_settings

KEY = "imports/recent"
LIMIT = 8


def recent_imports() -> list[str]:
    """Most recent first."""
    value = app_settings().value(KEY, [])
    if isinstance(value, str):  # QSettings gives a lone string for a one-item list
        value = [value]
    return [str(v) for v in value or [] if v][:LIMIT]


def remember_import(path: str | Path) -> None:
    text = str(Path(path))
    items = [text, *(p for p in recent_imports() if p != text)][:LIMIT]
    settings = app_settings()
    settings.setValue(KEY, items)
    settings.sync()


def clear_recent_imports() -> None:
    settings = app_settings()
    settings.remove(KEY)
    settings.sync()


class RecentImportsMenu(QMenu):
    """Rebuilt each time it opens, so it always shows the current list."""

    def __init__(self, open_file: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__("Recent imports", parent)
        self.setObjectName("recentImports")
        self._open_file = open_file
        self.aboutToShow.connect(self.rebuild)  # filled when opened: no file checks at start-up

    def rebuild(self) -> None:
        self.clear()
        items = recent_imports()
        for number, path in enumerate(items, start=1):
            label = f"&{number} {Path(path).name}" if number < 10 else Path(path).name
            action = self.addAction(label)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.setData(path)
            exists = Path(path).is_file()
            action.setEnabled(exists)
            if not exists:
                action.setText(f"{label} (moved or deleted)")
            action.triggered.connect(lambda _=False, p=path: self._open_file(p))
        if not items:
            empty = self.addAction("No imports yet")
            empty.setEnabled(False)
            return
        self.addSeparator()
        self.addAction("Clear the list", self._clear)

    def _clear(self) -> None:
        clear_recent_imports()
        self.rebuild()
