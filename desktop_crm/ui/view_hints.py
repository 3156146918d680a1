"""One short line the first time each main view opens: what it is for, what to do first.

Shown in a slim bar above the view until the user dismisses it or moves on;
each view's line is shown once (remembered in the app settings).
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from .widgets.settings import app_settings
from .widgets.theme import set_muted

HINTS = {
    "today": "Today: what needs doing now. Start with the thank-you notes due and the next meetings.",
    "contacts": "Contacts: everyone you know. Filter by tier or place; right-click a person for every action.",
    "network": "Network: who knows whom. An empty map fills from File › Import: your connections, "
               "or a friend's export for your second degree. Then type a name into Find a way.",
    "meetings": "Meetings: your informational interviews. Schedule one from a person, then print its prep sheet.",
    "questions": "Questions: the bank you pick from for each meeting. Add your own; suggestions say why they fit.",
    "findings": "Findings: the answers to each question side by side. Mark agreement to validate a conclusion.",
    "organizations": "Organizations: employers and target companies. Pick one to see whom you know there.",
    "trash": "Trash: everything deleted, ready to restore. Ctrl+Z also undoes the last change.",
}


class ViewHint(QWidget):
    """The bar; ``show_for(key)`` shows that view's line if it was never shown before."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 4, 8, 4)
        self.text = QLabel()
        self.text.setWordWrap(True)
        set_muted(self.text)
        self.dismiss = QPushButton("Got it")
        self.dismiss.clicked.connect(self.hide)
        row.addWidget(self.text, 1)
        row.addWidget(self.dismiss)
        self.hide()

    def show_for(self, key: str) -> None:
        settings = app_settings()
        seen = f"hints/seen_{key}"
        if key not in HINTS or settings.value(seen, False) in (True, "true"):
            self.hide()
            return
        settings.setValue(seen, True)
        self.text.setText(HINTS[key])
        self.show()
