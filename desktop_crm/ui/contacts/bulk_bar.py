"""The strip above the table: what can be done to the selected people.

It is always there at one fixed height, so selecting a row never moves the
table under the pointer: with nothing selected it shows a hint, with a
selection the count and the actions (hidden buttons keep their space).
"""

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

from ...domain import STATUSES, TIER_LABELS, TIERS, status_label
from ..widgets.theme import heading_font, set_muted

HINT = "Select people to act on them together (Ctrl+A selects everyone shown)."


class BulkBar(QWidget):
    tag_requested = Signal()
    tier_requested = Signal(str)
    status_requested = Signal(str)
    export_requested = Signal()
    trash_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(8, 2, 8, 2)
        outer.setSpacing(6)
        self.label = QLabel()
        self.label.setFont(heading_font(self, 1.0))
        outer.addWidget(self.label)
        self.hint = QLabel(HINT)
        set_muted(self.hint)
        outer.addWidget(self.hint, 1)
        self.action_row = QWidget()
        row = QHBoxLayout(self.action_row)
        row.setContentsMargins(8, 0, 0, 0)
        row.setSpacing(6)
        outer.addWidget(self.action_row)
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
        outer.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.sizeHint().height())

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
        """Show the count and the actions, or the hint; the bar's height never changes."""
        self.label.setText(f"{count:,} selected")
        self.label.setVisible(count > 0)
        self.action_row.setVisible(count > 0)
        self.hint.setVisible(count == 0)
