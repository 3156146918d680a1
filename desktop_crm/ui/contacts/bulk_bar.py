"""The strip above the table that appears with a selection: what can be done to it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from ...services.contact_table import status_label
from ...store.models import STATUSES, TIERS
from ..widgets.badges import TIER_LABELS
from ..widgets.theme import heading_font


class BulkBar(QWidget):
    tag_requested = Signal()
    tier_requested = Signal(str)
    status_requested = Signal(str)
    export_requested = Signal()
    trash_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        row.setSpacing(6)
        self.label = QLabel()
        self.label.setFont(heading_font(self, 1.0))
        row.addWidget(self.label)
        row.addSpacing(8)
        tag = QPushButton("Tag…")
        tag.setToolTip("Add a tag to every selected person")
        tag.clicked.connect(self.tag_requested)
        row.addWidget(tag)
        self.tier_button = self._menu_button(
            "Set tier", [(TIER_LABELS[t], t) for t in TIERS], self.tier_requested
        )
        row.addWidget(self.tier_button)
        self.status_button = self._menu_button(
            "Set status", [(status_label(s), s) for s in STATUSES], self.status_requested
        )
        row.addWidget(self.status_button)
        export = QPushButton("Export…")
        export.setToolTip("Save the selected people as a CSV file")
        export.clicked.connect(self.export_requested)
        row.addWidget(export)
        trash = QPushButton("Move to trash")
        trash.setToolTip("Delete (Del). Ctrl+Z or the Trash view brings them back")
        trash.clicked.connect(self.trash_requested)
        row.addWidget(trash)
        row.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def _menu_button(self, text: str, items: list[tuple[str, str]], signal: Signal) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for label, value in items:
            action = QAction(label, menu)
            action.triggered.connect(lambda _=False, v=value: signal.emit(v))
            menu.addAction(action)
        button.setMenu(menu)
        return button

    def set_count(self, count: int) -> None:
        self.label.setText(f"{count:,} selected")
        self.setVisible(count > 0)
