"""Whose contacts a file holds: yours, someone else's, or no ties (the import dialog's choice).

Your own LinkedIn export or address book lists people you know: each becomes
first degree. A friend's shared export lists the people *they* know: each
becomes your second degree, through them. The box only gathers the choice;
:class:`~desktop_crm.services.importing.TieChoice` checks it.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...services.contacts.search import search_contacts
from ...services.importing import TIE_MODE_LABELS, TieChoice
from ..widgets.theme import set_muted

HINTS = {
    "mine": "Each person becomes someone you know (first degree) on the map.",
    "of": "Each person becomes someone they know: your second degree, through them.",
    "none": "The people are imported with no ties; add them later from the Network view.",
}


class TiesBox(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Whose contacts are these?", parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        row = QHBoxLayout()
        for mode in ("mine", "of", "none"):
            button = QRadioButton(TIE_MODE_LABELS[mode])
            self.buttons[mode] = button
            self.group.addButton(button)
            row.addWidget(button)
            button.toggled.connect(self._toggled)
        row.addStretch(1)
        self.owner = QLineEdit()
        self.owner.setPlaceholderText("Whose? A name in your contacts, or a new one")
        self.owner.setClearButtonEnabled(True)
        self.owner.textChanged.connect(lambda _t: self.changed.emit())
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self.owner)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.owner.setCompleter(completer)
        self.owner.textEdited.connect(self._refill)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        set_muted(self.hint)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.owner)
        layout.addWidget(self.hint)
        self.buttons["mine"].setChecked(True)

    def _refill(self, text: str) -> None:
        """Offer the people already in the database whose names match what is typed."""
        words = text.strip()
        people = search_contacts(words, limit=20) if words else []
        self._names.setStringList(list(dict.fromkeys(p.full_name for p in people)))

    @property
    def mode(self) -> str:
        return next(mode for mode, button in self.buttons.items() if button.isChecked())

    def choice(self) -> TieChoice:
        """The choice as the importing service takes it (raises ValidationError when incomplete)."""
        return TieChoice(self.mode, self.owner.text().strip() if self.mode == "of" else "")

    def is_complete(self) -> bool:
        return self.mode != "of" or bool(self.owner.text().strip())

    def _toggled(self, _on: bool) -> None:
        mode = self.mode if any(b.isChecked() for b in self.buttons.values()) else "mine"
        self.owner.setVisible(mode == "of")
        self.hint.setText(HINTS[mode])
        self.changed.emit()
