"""The navigation on the left: one entry per view, smart lists under Contacts."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ...services.contacts.smart_lists import SmartListView
from ..plain_text import tip

KIND_ROLE = Qt.ItemDataRole.UserRole


class Navigation(QTreeWidget):
    view_chosen = Signal(str)
    smart_list_chosen = Signal(int)
    rename_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, views: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(14)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Navigation")
        self.setMinimumWidth(150)
        # Roomier rows than a plain tree; spacing only, colours stay the palette's.
        self.setStyleSheet("QTreeView::item { padding: 5px 6px; }")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.items: dict[str, QTreeWidgetItem] = {}
        for key, label in views:
            item = QTreeWidgetItem([label])
            item.setData(0, KIND_ROLE, ("view", key))
            font = item.font(0)
            font.setPointSizeF(font.pointSizeF() * 1.05)
            item.setFont(0, font)
            self.addTopLevelItem(item)
            self.items[key] = item
        self.itemSelectionChanged.connect(self._chosen)

    def set_smart_lists(self, lists: list[SmartListView]) -> None:
        parent = self.items.get("contacts")
        if parent is None:
            return
        with QSignalBlocker(self):
            selected = self.current_entry()
            parent.takeChildren()
            for smart in lists:
                child = QTreeWidgetItem([smart.name])
                child.setData(0, KIND_ROLE, ("smart", smart.id))
                child.setToolTip(0, tip(f"Smart list: {smart.filter.describe()}"))
                parent.addChild(child)
            parent.setExpanded(True)
            if selected is not None:
                self.select(*selected)

    def current_entry(self) -> tuple[str, object] | None:
        items = self.selectedItems()
        return items[0].data(0, KIND_ROLE) if items else None

    def select(self, kind: str, value: object) -> None:
        """Highlight an entry without emitting (the window already shows it)."""
        with QSignalBlocker(self):
            self.clearSelection()
            for item in self._all_items():
                if item.data(0, KIND_ROLE) == (kind, value):
                    item.setSelected(True)
                    self.setCurrentItem(item)
                    return

    def _all_items(self) -> list[QTreeWidgetItem]:
        out = []
        for index in range(self.topLevelItemCount()):
            top = self.topLevelItem(index)
            out.append(top)
            out.extend(top.child(n) for n in range(top.childCount()))
        return out

    def _chosen(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        kind, value = entry
        if kind == "view":
            self.view_chosen.emit(value)
        else:
            self.smart_list_chosen.emit(value)

    def _menu(self, pos) -> None:
        item = self.itemAt(pos)
        if item is None or item.data(0, KIND_ROLE)[0] != "smart":
            return
        list_id = item.data(0, KIND_ROLE)[1]
        menu = QMenu(self)
        menu.addAction("Rename…", lambda: self.rename_requested.emit(list_id))
        menu.addAction("Delete smart list", lambda: self.delete_requested.emit(list_id))
        menu.exec(self.viewport().mapToGlobal(pos))
