"""The offer above the map for databases whose imports predate ties: "Connect me to my imported contacts".

Shown once there is something to connect (``importing.connect_offer()``
counts it); the view does the connecting when the button asks for it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class ConnectBanner(QFrame):
    connect_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectBanner")
        self.setStyleSheet("#connectBanner { background: #fff4d6; border: 1px solid #e8cf8a; border-radius: 4px; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton("Connect me to my imported contacts")
        self.button.clicked.connect(self.connect_requested)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.hide()

    def show_offer(self, count: int) -> None:
        """``count`` imported people not tied to anyone; 0 hides the offer."""
        self.setVisible(count > 0)
        if count:
            people = "person" if count == 1 else "people"
            self.text.setText(
                f"{count:,} {people} from your earlier imports are not on the map yet: those files were "
                "imported before the app recorded that you know the people in them. Connect them to you "
                "once (you can undo it like an import)."
            )
