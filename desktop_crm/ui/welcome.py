"""The first-run page: an empty database gets three ways to start, not an empty table."""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .widgets.theme import heading_font, set_muted


def demo_command() -> tuple[str, list[str]]:
    """How to start ``desktop-crm --demo`` from this very copy of the app.

    A bundle (PyInstaller) is its own executable and takes no ``-m``; from
    source the interpreter runs the package.
    """
    if getattr(sys, "frozen", False):
        return sys.executable, ["--demo"]
    return sys.executable, ["-m", "desktop_crm", "--demo"]


class WelcomePage(QWidget):
    import_requested = Signal()
    add_contact_requested = Signal()
    demo_started = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 40, 40, 40)
        outer.addStretch(2)
        title = QLabel("Welcome to Desktop CRM")
        title.setFont(heading_font(self, 1.8))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(title)
        intro = QLabel(
            "Most jobs are found through people: a friend of a friend, met over a 20-minute "
            "coffee. Keep track of who you know, who they know, and every conversation — "
            "all on this computer, private and offline."
        )
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro.setMinimumWidth(320)
        intro.setMaximumWidth(620)
        set_muted(intro)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(intro, 4)
        centred.addStretch(1)
        outer.addLayout(centred)
        outer.addSpacing(24)
        self.import_button = self._choice(
            outer, "Import a file…",
            "Your LinkedIn connections export, Google or Outlook contacts, a vCard, or any spreadsheet.",
            self.import_requested.emit,
        )
        self.add_button = self._choice(
            outer, "Add a contact…", "Start with one person you could ask for a coffee this week.",
            self.add_contact_requested.emit,
        )
        self.demo_button = self._choice(
            outer, "Open the demo network",
            "Explore a sample network of 200 people in its own window; your data stays separate.",
            self.open_demo,
        )
        outer.addStretch(3)

    def _choice(self, layout: QVBoxLayout, label: str, text: str, slot) -> QPushButton:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setMinimumWidth(420)
        box.setMaximumWidth(520)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(16, 12, 16, 12)
        button = QPushButton(label)
        button.setMinimumHeight(32)
        button.clicked.connect(lambda _=False: slot())
        description = QLabel(text)
        description.setWordWrap(True)
        set_muted(description)
        inner.addWidget(button)
        inner.addWidget(description)
        # Centred by stretches, not an alignment flag: with a flag the layout
        # sizes the box from its size hint and cuts off the wrapped description.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 4)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addSpacing(8)
        return button

    def open_demo(self) -> bool:
        """Start ``desktop-crm --demo`` as its own process (its own database and window)."""
        program, args = demo_command()
        ok = bool(QProcess.startDetached(program, args))
        self.demo_started.emit(ok)
        return ok
