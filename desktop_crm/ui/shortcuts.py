"""The keyboard shortcuts, in one table: the window binds them and Help lists them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class Shortcut:
    action: str  # the window's action name
    keys: QKeySequence | QKeySequence.StandardKey | str
    description: str

    def sequence(self) -> QKeySequence:
        return QKeySequence(self.keys)

    def text(self) -> str:
        return self.sequence().toString(QKeySequence.SequenceFormat.NativeText)


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("find", QKeySequence.StandardKey.Find, "Search people (the box in the toolbar)"),
    Shortcut("new_contact", QKeySequence.StandardKey.New, "Add a contact"),
    Shortcut("trash", QKeySequence.StandardKey.Delete, "Move the selected people to the trash"),
    Shortcut("undo", QKeySequence.StandardKey.Undo, "Undo the last change (edits, bulk actions, trash)"),
    Shortcut("refresh", QKeySequence.StandardKey.Refresh, "Reload the current view"),
    Shortcut("edit", "Return", "Edit the selected person"),
    Shortcut("select_all", QKeySequence.StandardKey.SelectAll, "Select everyone shown"),
    Shortcut("import", "Ctrl+I", "Import contacts from a file"),
    Shortcut("export", "Ctrl+E", "Export the selected people as CSV"),
    Shortcut("clear_search", "Escape", "Clear the search box (while in it)"),
    Shortcut("quit", QKeySequence.StandardKey.Quit, "Quit"),
)
VIEW_SHORTCUT_PREFIX = "Ctrl+"  # Ctrl+1 … Ctrl+8 switch views in navigation order


def by_action(name: str) -> Shortcut:
    for shortcut in SHORTCUTS:
        if shortcut.action == name:
            return shortcut
    raise KeyError(name)


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts."""

    def __init__(self, view_labels: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(520, 460)
        table = QTreeWidget()
        table.setHeaderLabels(["Keys", "What it does"])
        table.setRootIsDecorated(False)
        table.setAlternatingRowColors(True)
        for shortcut in SHORTCUTS:
            text = shortcut.text() or str(shortcut.keys)
            table.addTopLevelItem(QTreeWidgetItem([text, shortcut.description]))
        for number, label in enumerate(view_labels, start=1):
            keys = QKeySequence(f"{VIEW_SHORTCUT_PREFIX}{number}").toString(QKeySequence.SequenceFormat.NativeText)
            table.addTopLevelItem(QTreeWidgetItem([keys, f"Show {label}"]))
        table.header().resizeSection(0, 150)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
