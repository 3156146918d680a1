"""The Trash: deleted people (a lazy table, however many) and other deleted items.

Restoring people is undoable like any bulk action; deleting for good is not,
so it asks first and says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.contacts import bulk_actions, trash
from ...services.contacts.table import COLUMNS, Column, TableSpec
from ...services.errors import ServiceError
from ..contacts.model import ContactTableModel
from ..contacts.table import ContactTable
from ..context import AppContext
from ..plain_text import as_typed
from ..widgets.empty_state import EmptyState
from ..widgets.theme import heading_font, set_muted

TRASH_COLUMNS = (
    *(c for c in COLUMNS if c.key in ("name", "organization", "title", "tier")),
    Column("trashed", "Trashed on", width=120),
)
KIND_LABELS = {"organization": "Organization", "relationship": "Relationship", "meeting": "Meeting"}


class TrashView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = ContactTableModel(
            TRASH_COLUMNS, TableSpec(sort="trashed", descending=True, trashed=True), self
        )
        self.stack = QStackedWidget()
        self.empty = EmptyState(
            "The trash is empty",
            "People and other items you delete wait here until you empty the trash, "
            "so a mistake can always be undone. Select people in Contacts and press Delete "
            "to move them here.",
        )
        self.empty.add_button("Go to contacts", lambda: context.view_requested.emit("contacts"))
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.refresh()

    def _content(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 10, 12, 10)
        top = QHBoxLayout()
        title = QLabel("Trash")
        title.setFont(heading_font(self, 1.3))
        top.addWidget(title)
        self.summary = QLabel()
        set_muted(self.summary)
        top.addWidget(self.summary, 1)
        self.restore_button = QPushButton("Restore")
        self.restore_button.setToolTip("Bring the selected items back (Ctrl+Z undoes a restore of people)")
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button = QPushButton("Delete for good…")
        self.purge_button.clicked.connect(self.purge_selected)
        self.empty_button = QPushButton("Empty trash…")
        self.empty_button.clicked.connect(self.empty_trash)
        for button in (self.restore_button, self.purge_button, self.empty_button):
            top.addWidget(button)
        layout.addLayout(top)
        self.table = ContactTable(self.model)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.others = QTreeWidget()
        self.others.setHeaderLabels(["Other items", "Kind", "Trashed on"])
        self.others.setRootIsDecorated(False)
        self.others.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.others.header().resizeSection(0, 360)
        self.others.itemSelectionChanged.connect(self._update_buttons)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.others)
        self.splitter.setSizes([500, 160])
        layout.addWidget(self.splitter, 1)
        return page

    def refresh(self) -> None:
        self.model.reload()
        self.others.clear()
        for item in trash.list_trash(limit=500, kinds=("organization", "relationship", "meeting")):
            row = QTreeWidgetItem([item.label, KIND_LABELS.get(item.kind, item.kind),
                                   item.deleted_at.strftime("%d %b %Y") if item.deleted_at else ""])
            row.setData(0, Qt.ItemDataRole.UserRole, (item.kind, item.id))
            self.others.addTopLevelItem(row)
        people, others = self.model.total, self.others.topLevelItemCount()
        self.others.setVisible(others > 0)
        self.stack.setCurrentIndex(1 if people or others else 0)
        self.summary.setText(
            f"{people:,} {'person' if people == 1 else 'people'}"
            + (f" and {others:,} other item{'s' if others != 1 else ''}" if others else "")
        )
        self._update_buttons()

    def _selected_others(self) -> list[tuple[str, int]]:
        return [item.data(0, Qt.ItemDataRole.UserRole) for item in self.others.selectedItems()]

    def _update_buttons(self) -> None:
        any_selected = bool(self.table.selected_count() or self.others.selectedItems())
        self.restore_button.setEnabled(any_selected)
        self.purge_button.setEnabled(any_selected)

    def restore_selected(self) -> None:
        try:
            ids = self.table.selected_ids()
            messages = []
            if ids:
                messages.append(bulk_actions.restore_contacts(ids).message)
            for kind, item_id in self._selected_others():
                trash.restore(kind, [item_id])
                messages.append(f"Restored a {kind}.")
        except ServiceError as exc:
            QMessageBox.warning(self, "Could not restore", as_typed(str(exc)))
            return
        self.context.data_changed.emit()
        self.context.status_message.emit(" ".join(messages))

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.warning(
            self, title, text,
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def purge_selected(self) -> None:
        ids = self.table.selected_ids()
        others = self._selected_others()
        count = len(ids) + len(others)
        if not count or not self._confirm(
            "Delete for good?",
            f"Delete {count:,} item{'s' if count != 1 else ''} for good? This cannot be undone.",
        ):
            return
        removed = sum(trash.purge("contact", ids[i : i + 900]) for i in range(0, len(ids), 900))
        for kind, item_id in others:
            removed += trash.purge(kind, [item_id])
        self.context.data_changed.emit()
        self.context.status_message.emit(f"Deleted {removed:,} item(s) for good.")

    def empty_trash(self) -> None:
        if not self._confirm("Empty the trash?", "Delete everything in the trash for good? This cannot be undone."):
            return
        removed = trash.empty_trash()
        self.context.data_changed.emit()
        self.context.status_message.emit(f"Emptied the trash: {removed:,} item(s) deleted for good.")
