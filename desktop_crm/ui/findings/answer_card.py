"""One answer as a card: who said it, when, what they said, and the agreement mark.

Cards sit side by side in the findings panel so the user reads the answers
to one question across people and marks each as agreeing, differing or open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...services.research.findings import FindingAnswer
from ..plain_text import plain_label
from ..widgets.badges import TierBadge
from ..widgets.dates import local_date
from ..widgets.theme import set_muted

MARKS = (("agree", "Agrees"), ("differ", "Differs"), ("open", "Open"))
MARK_HELP = {
    "agree": "This answer agrees with the conclusion (three agreeing answers validate it)",
    "differ": "This answer differs: worth asking more people",
    "open": "Not decided yet",
}


class AnswerCard(QFrame):
    """Emits ``marked(meeting question id, agreement)`` when a mark button is clicked."""

    marked = Signal(int, str)
    person_clicked = Signal(int)

    def __init__(self, answer: FindingAnswer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.answer = answer
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addLayout(self._header())
        where = " · ".join(p for p in (answer.organization, f"met {local_date(answer.met_at)}") if p)
        self.where = plain_label(where)
        self.where.setWordWrap(True)
        set_muted(self.where)
        layout.addWidget(self.where)
        self.text = QLabel(answer.answer)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.text, 1)
        layout.addLayout(self._marks())

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.name = QPushButton(self.answer.contact_name or "(no name)")
        self.name.setFlat(True)
        self.name.setCursor(Qt.CursorShape.PointingHandCursor)
        self.name.setToolTip("Show this person")
        font = self.name.font()
        font.setBold(True)
        self.name.setFont(font)
        self.name.setStyleSheet("QPushButton { padding: 0; text-align: left; }")
        self.name.clicked.connect(lambda: self.person_clicked.emit(self.answer.contact_id))
        row.addWidget(self.name, 1)
        row.addWidget(TierBadge(self.answer.tier))
        return row

    def _marks(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        for key, label in MARKS:
            button = QPushButton(label)
            button.setCheckable(True)
            button.setToolTip(MARK_HELP[key])
            button.setChecked(key == self.answer.agreement)
            button.clicked.connect(lambda _=False, k=key: self._mark(k))
            self.group.addButton(button)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        self._label_buttons()
        return row

    def _mark(self, agreement: str) -> None:
        if agreement != self.answer.agreement:
            self.marked.emit(self.answer.meeting_question_id, agreement)

    def set_agreement(self, agreement: str) -> None:
        """Show the stored mark (after a save, or to undo a failed one)."""
        self.answer.agreement = agreement
        self.buttons[agreement].setChecked(True)
        self._label_buttons()

    def _label_buttons(self) -> None:
        """A tick on the chosen mark, so it reads without relying on the style's pressed look."""
        for key, label in MARKS:
            button = self.buttons[key]
            button.setText(f"✓ {label}" if button.isChecked() else label)
