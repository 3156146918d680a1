"""The Backups dialog: every backup with its date and contact count, and a restore.

Restoring saves the current state as a backup of its own first (so a
restore can itself be undone by restoring that one), then every view
reloads. The list and the restore come from :mod:`desktop_crm.services.database.backups`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import paths
from ...services.database import backups
from ...services.errors import ServiceError
from ..context import AppContext
from ..plain_text import as_typed, plain_label
from ..widgets.menu_dialogs import add_dialog_action
from ..widgets.theme import set_muted

COLUMNS = ("Taken", "Contacts", "Size", "Kind", "File")


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{max(1, round(size / 1e3))} kB"


class BackupsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Backups")
        self.resize(920, 420)
        intro = plain_label(
            "Desktop CRM keeps a copy of your database on the first start of each day and "
            "before every import, undo, bulk delete and emptying of the trash. Restoring one "
            "saves the current state as a backup first.")
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((160, 80, 80, 320)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda *_: self.restore_selected())
        self.folder_note = plain_label(f"Folder: {paths.backups_dir()}")
        set_muted(self.folder_note)
        self.backup_button = QPushButton("Back up now")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton("Restore…")
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        self.folder_button = QPushButton("Show folder")
        self.folder_button.clicked.connect(self.show_folder)
        row = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.folder_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.folder_note)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.tree.clear()
        self.found = backups.list_backups()
        for backup in self.found:
            contacts = "?" if backup.contacts is None else f"{backup.contacts:,}"
            item = QTreeWidgetItem([f"{backup.taken_at:%a %d %b %Y, %H:%M}", contacts,
                                    _size(backup.size), backup.label, backup.path.name])
            item.setData(0, Qt.ItemDataRole.UserRole, str(backup.path))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tree.addTopLevelItem(item)
        if self.found:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> backups.BackupView | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        path = item.data(0, Qt.ItemDataRole.UserRole)
        return next((b for b in self.found if str(b.path) == path), None)

    def backup_now(self) -> None:
        try:
            made = backups.backup_now()
        except ServiceError as exc:
            QMessageBox.warning(self, "Back up now", as_typed(str(exc)))
            return
        self.reload()
        self.context.status_message.emit(f"Backed up to {made.name}.")

    def restore_selected(self, confirm: bool = True) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        count = "" if chosen.contacts is None else f" ({chosen.contacts:,} contacts)"
        if confirm and QMessageBox.question(
            self, "Restore this backup?",
            as_typed(f"Replace everything with the backup of {chosen.taken_at:%a %d %b %Y, %H:%M}"
                     f"{count}? The current state is saved as a backup first, so you can "
                     "come back to it."),
        ) != QMessageBox.StandardButton.Yes:
            return False
        try:
            result = backups.restore(chosen.path)
        except ServiceError as exc:
            QMessageBox.warning(self, "Could not restore", as_typed(str(exc)))
            return False
        self.context.data_changed.emit()
        self.context.status_message.emit(
            f"Restored the backup of {chosen.taken_at:%d %b %Y, %H:%M}; the state before is "
            f"kept as {result.saved_current.name}.")
        self.reload()
        return True

    def show_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.backups_dir())))


def add_backups_action(window: QWidget, menu: QMenu, context: AppContext) -> QAction:
    """File > Backups… on ``window``'s menu."""
    return add_dialog_action(window, menu, context, "Backups…", "backups",
                             "See the automatic and your own backups, and restore one", BackupsDialog)
