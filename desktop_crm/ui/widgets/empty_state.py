"""A centred message for a view with nothing to show: what it is for, and what to do now."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .theme import heading_font, set_muted


class EmptyState(QWidget):
    def __init__(self, title: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 24, 16, 24)
        outer.addStretch(2)
        self.title = QLabel(title)
        self.title.setFont(heading_font(self, 1.3))
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setMinimumWidth(200)
        self.text.setMaximumWidth(540)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        set_muted(self.text)
        outer.addWidget(self.title)
        outer.addSpacing(6)
        # A wrapped label needs a layout (not an alignment flag) to get its height for width.
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(self.text, 4)
        centred.addStretch(1)
        outer.addLayout(centred)
        outer.addSpacing(16)
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        self._buttons.addStretch(1)
        outer.addLayout(self._buttons)
        outer.addStretch(3)

    def add_button(self, label: str, slot: Callable[[], object], default: bool = False) -> QPushButton:
        button = QPushButton(label)
        button.setDefault(default)
        button.setAutoDefault(default)
        button.clicked.connect(lambda _=False: slot())
        self._buttons.insertWidget(self._buttons.count() - 1, button)
        return button

    def set_text(self, title: str, text: str) -> None:
        self.title.setText(title)
        self.text.setText(text)
