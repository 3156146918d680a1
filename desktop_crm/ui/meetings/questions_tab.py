"""The "Questions" page: the questions chosen for this person, in asking order.

Suggestions come from :mod:`services.research.suggestions` with the reasons
they fit; the user adds them, reorders with Up/Down, removes, or types a
one-off question for this person only. Nothing is written until the dialog
saves: :meth:`QuestionsTab.entries` is then part of the one meeting bundle.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain import QUESTION_CATEGORY_LABELS
from ...services.meetings.bundle import QuestionEntry
from ...services.research import answers
from ...services.research.suggestions import suggest_for_contact
from ..plain_text import tip
from ..widgets.theme import heading_font, set_muted
from .two_line import SUBTITLE_ROLE, HintList, TwoLineDelegate


@dataclass
class ChosenQuestion:
    """One question on the meeting; ``mq_id`` is None until saved."""

    text: str
    question_id: int | None = None  # None = a one-off question
    mq_id: int | None = None
    answer: str = ""
    category: str = ""


def _button(label: str, tip: str) -> QPushButton:
    button = QPushButton(label)
    button.setToolTip(tip)
    return button


class QuestionsTab(QWidget):
    """Chosen questions (left) and suggestions for this person (right)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen: list[ChosenQuestion] = []
        self._contact_id: int | None = None

        self.chosen_list = HintList(
            "No questions yet. Add suggestions from the right, or type a question of your own below."
        )
        self.chosen_list.setItemDelegate(TwoLineDelegate(self.chosen_list))
        self.up_button = _button("Up", "Ask this question earlier")
        self.down_button = _button("Down", "Ask this question later")
        self.remove_button = _button("Remove", "Take this question off the meeting")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self._remove)
        self.one_off = QLineEdit()
        self.one_off.setPlaceholderText("A question for this person only…")
        self.one_off.returnPressed.connect(self._add_one_off)
        self.add_one_off_button = _button("Add", "Add this question to the meeting (not to the bank)")
        self.add_one_off_button.clicked.connect(self._add_one_off)

        self.suggestion_list = HintList("")
        self.suggestion_list.setItemDelegate(TwoLineDelegate(self.suggestion_list))
        self.suggestion_list.itemDoubleClicked.connect(lambda _item: self._add_suggestion())
        self.add_button = _button("Add to meeting", "Add the selected suggestion to the meeting")
        self.add_button.clicked.connect(self._add_suggestion)
        self.hint = QLabel("Choose the person on the Meeting page to see questions that fit them.")
        self.hint.setWordWrap(True)
        set_muted(self.hint)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 6, 0)
        lv.addWidget(self._title("Questions for this meeting"))
        lv.addWidget(self.chosen_list, 1)
        moves = QHBoxLayout()
        for b in (self.up_button, self.down_button, self.remove_button):
            moves.addWidget(b)
        moves.addStretch(1)
        lv.addLayout(moves)
        adder = QHBoxLayout()
        adder.addWidget(self.one_off, 1)
        adder.addWidget(self.add_one_off_button)
        lv.addLayout(adder)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(6, 0, 0, 0)
        rv.addWidget(self._title("Suggested for this person"))
        rv.addWidget(self.hint)
        rv.addWidget(self.suggestion_list, 1)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        rv.addLayout(add_row)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setChildrenCollapsible(False)
        split.setSizes([420, 360])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.chosen_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self._update_buttons()

    def _title(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setFont(heading_font(self, 1.05))
        return label

    # loading -------------------------------------------------------------
    def load_meeting(self, meeting_id: int) -> None:
        self.chosen = [
            ChosenQuestion(q.text, q.question_id, q.id, q.answer, q.category)
            for q in answers.meeting_questions(meeting_id)
        ]
        self._render_chosen()

    def set_contact(self, contact_id: int) -> None:
        """Refresh the suggestions for this person (0: nobody chosen yet)."""
        self._contact_id = contact_id or None
        self._render_suggestions()

    def _render_chosen(self, select: int | None = None) -> None:
        self.chosen_list.clear()
        for number, item in enumerate(self.chosen, start=1):
            tag = "One-off, for this person only" if item.question_id is None else QUESTION_CATEGORY_LABELS.get(item.category, item.category)
            row = QListWidgetItem(f"{number}. {item.text}")
            row.setData(SUBTITLE_ROLE, tag)
            self.chosen_list.addItem(row)
        if select is not None and self.chosen:
            self.chosen_list.setCurrentRow(max(0, min(select, len(self.chosen) - 1)))
        self._update_buttons()

    def _render_suggestions(self) -> None:
        self.suggestion_list.clear()
        self.hint.setVisible(self._contact_id is None)
        if self._contact_id is None:
            return
        taken = {c.question_id for c in self.chosen if c.question_id is not None}
        for s in suggest_for_contact(self._contact_id, limit=14):
            if s.question.id in taken:
                continue
            reasons = "; ".join(s.reasons) or "a good general question"
            row = QListWidgetItem(s.question.text)
            row.setData(SUBTITLE_ROLE, f"{s.question.category_label} · {reasons}")
            row.setData(Qt.ItemDataRole.UserRole, (s.question.id, s.question.text, s.question.category))
            row.setToolTip(tip(reasons))
            self.suggestion_list.addItem(row)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.chosen_list.currentRow()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self.chosen) - 1)
        self.remove_button.setEnabled(row >= 0)
        self.add_button.setEnabled(self.suggestion_list.count() > 0)

    # editing -------------------------------------------------------------
    def add_question(self, question_id: int, text: str, category: str = "") -> None:
        if any(c.question_id == question_id for c in self.chosen):
            return
        self.chosen.append(ChosenQuestion(text, question_id, category=category))
        self._render_chosen(select=len(self.chosen) - 1)

    def _add_suggestion(self) -> None:
        item = self.suggestion_list.currentItem() or self.suggestion_list.item(0)
        if item is None:
            return
        qid, text, category = item.data(Qt.ItemDataRole.UserRole)
        self.add_question(qid, text, category)
        self.suggestion_list.takeItem(self.suggestion_list.row(item))
        self._update_buttons()

    def _add_one_off(self) -> None:
        text = " ".join(self.one_off.text().split())
        if not text:
            self.one_off.setFocus()
            return
        self.chosen.append(ChosenQuestion(text))
        self.one_off.clear()
        self._render_chosen(select=len(self.chosen) - 1)

    def _move(self, step: int) -> None:
        row = self.chosen_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < len(self.chosen):
            return
        self.chosen[row], self.chosen[target] = self.chosen[target], self.chosen[row]
        self._render_chosen(select=target)

    def _remove(self) -> None:
        row = self.chosen_list.currentRow()
        if row < 0:
            return
        self.chosen.pop(row)
        self._render_chosen(select=row)
        self._render_suggestions()

    # saving --------------------------------------------------------------
    def entries(self) -> list[QuestionEntry]:
        """The chosen list, in order, with answers, as the meeting bundle saves it."""
        return [QuestionEntry(c.text, c.question_id, c.mq_id, c.answer) for c in self.chosen]
