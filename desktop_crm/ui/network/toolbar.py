"""The row above the map: "Find a way to…", zoom and centre, add a relationship, export; and the legend."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QMenu, QPushButton, QToolButton, QWidget

from .items import GATEKEEPER_RING, HIGHLIGHT, NODE_COLOURS


class MapToolbar(QWidget):
    export_requested = Signal(str)  # "png" | "svg"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(6)
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText("Find a way to… a person or an organization")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.setMinimumWidth(260)
        self.find_button = QPushButton("Find a way")
        bar.addWidget(self.find_box, 2)
        bar.addWidget(self.find_button)
        bar.addSpacing(12)
        self.fit_button = _tool("Fit", "Show everyone on the map (Ctrl+0)", QKeySequence("Ctrl+0"))
        self.zoom_out_button = _tool("−", "Zoom out (Ctrl+-)", QKeySequence(QKeySequence.StandardKey.ZoomOut))
        self.zoom_in_button = _tool("+", "Zoom in (Ctrl++)", QKeySequence(QKeySequence.StandardKey.ZoomIn))
        self.me_button = _tool("Centre on me", "Put yourself back in the middle")
        for button in (self.fit_button, self.zoom_out_button, self.zoom_in_button, self.me_button):
            bar.addWidget(button)
        bar.addStretch(1)
        self.add_button = QPushButton("Add relationship…")
        self.export_button = QToolButton()
        self.export_button.setText("Export")
        self.export_button.setToolTip("Save the map as it is shown now")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        menu.addAction("Map as PNG image…", lambda: self.export_requested.emit("png"))
        menu.addAction("Map as SVG drawing…", lambda: self.export_requested.emit("svg"))
        self.export_button.setMenu(menu)
        bar.addWidget(self.add_button)
        bar.addWidget(self.export_button)


def _tool(text: str, tip: str, shortcut: QKeySequence | None = None) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setMinimumWidth(30)
    if shortcut is not None:
        button.setShortcut(shortcut)
    return button


def legend_html() -> str:
    """Colour = tier, ring = gatekeeper, orange = path, size = introductions given."""

    def dot(colour: str, label: str) -> str:
        return f"<span style='color:{colour}; font-size:14px'>●</span> {label}"

    parts = [dot(NODE_COLOURS[k], k.title() if k != "you" else "You") for k in ("you", "primary", "bridge", "target")]
    parts.append(f"<span style='color:{GATEKEEPER_RING}; font-size:14px'>◯</span> gatekeeper")
    parts.append(f"<span style='color:{HIGHLIGHT}'>━</span> path")
    return "&nbsp;&nbsp;".join(parts) + "&nbsp;&nbsp;· size = introductions given"
