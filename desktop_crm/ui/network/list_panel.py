"""The wide-angle result as a list to act on: whom to ask for whom, copy it or tag everyone."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.network.wide_angle import WideAngleHit
from ..widgets.theme import set_muted

ID_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("Name", "Steps", "Ask", "Organization", "Industry", "Location", "Tier")


class WideAngleList(QWidget):
    person_selected = Signal(int)
    tag_requested = Signal(list)  # contact ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits: list[WideAngleHit] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.summary = QLabel(
            "Use the wide-angle bar above the map: everyone within two steps who works in an "
            "industry, lives in a city, works at a company or is in a tier. The matches appear "
            "here as a list to act on, with whom to ask."
        )
        self.summary.setWordWrap(True)
        set_muted(self.summary)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSortingEnabled(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.header().resizeSection(0, 150)
        self.tree.header().resizeSection(1, 44)
        self.tree.header().resizeSection(2, 130)
        buttons = QHBoxLayout()
        self.copy_button = QPushButton("Copy list")
        self.copy_button.setToolTip("Copy as tab-separated text, ready to paste in a spreadsheet")
        self.tag_button = QPushButton("Tag everyone…")
        self.tag_button.setToolTip("Add a tag to all these people, to work through them from the contacts view")
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.tag_button)
        buttons.addStretch(1)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.tree.currentItemChanged.connect(self._current)
        self.copy_button.clicked.connect(self.copy)
        self.tag_button.clicked.connect(lambda: self.tag_requested.emit([h.person.id for h in self.hits]))
        self.show_hits([], "")

    def show_hits(self, hits: list[WideAngleHit], description: str) -> None:
        self.hits = hits
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        for hit in hits:
            p = hit.person
            item = QTreeWidgetItem(
                [p.name, str(hit.steps), "you know them" if hit.steps == 1 else hit.via,
                 p.organization, p.industry, p.location, p.tier.title()]
            )
            item.setData(0, ID_ROLE, p.id)
            self.tree.addTopLevelItem(item)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        has = bool(hits)
        self.tree.setVisible(has or bool(description))
        self.copy_button.setEnabled(has)
        self.tag_button.setEnabled(has)
        if description:
            self.summary.setText(description)

    def _current(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self.person_selected.emit(int(item.data(0, ID_ROLE)))

    def as_text(self) -> str:
        lines = ["\t".join(COLUMNS)]
        for hit in self.hits:
            p = hit.person
            ask = "" if hit.steps == 1 else hit.via
            lines.append("\t".join([p.name, str(hit.steps), ask, p.organization, p.industry, p.location, p.tier]))
        return "\n".join(lines)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.as_text())
