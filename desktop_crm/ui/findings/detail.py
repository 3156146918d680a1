"""The panel for one question: its answers side by side, the marks, the conclusion.

The cards reflow into as many columns as the width allows, so on a wide
window three or four answers are read across at once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain import QUESTION_CATEGORY_LABELS
from ...services.errors import ServiceError
from ...services.research.findings import (
    VALIDATED_AT,
    Finding,
    get_finding,
    set_agreement,
    set_conclusion,
)
from ..widgets.field_errors import FieldError
from ..widgets.layout import scroll_area
from ..widgets.theme import heading_font, pick, set_muted
from .answer_card import AnswerCard
from .bar import STATE_LABELS, VALIDATED_BG, VALIDATED_FG, StackedBar, counts_text

CARD_WIDTH = 260


class FindingDetail(QWidget):
    """Shows one finding; emits ``changed(question id)`` after a mark or conclusion is saved."""

    changed = Signal(int)
    person_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding: Finding | None = None
        self.cards: list[AnswerCard] = []
        self._shown_columns = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(self._build_header())
        layout.addWidget(self._build_answers(), 1)
        layout.addLayout(self._build_conclusion())

    def _build_header(self) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(4)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setFont(heading_font(self, 1.25))
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.badge = QLabel("✓ Validated")
        self.badge.setToolTip(f"{VALIDATED_AT} or more people answered alike")
        self.state = QLabel()
        set_muted(self.state)
        self.bar = StackedBar(height=10)
        self.bar.setMaximumWidth(220)
        row.addWidget(self.badge)
        row.addWidget(self.state)
        row.addStretch(1)
        row.addWidget(self.bar)
        box.addWidget(self.title)
        box.addLayout(row)
        return box

    def _build_answers(self) -> QScrollArea:
        self.scroll = scroll_area()
        self.grid_host = QWidget()
        outer = QVBoxLayout(self.grid_host)
        outer.setContentsMargins(0, 4, 0, 4)
        self.grid = QGridLayout()
        self.grid.setSpacing(10)
        outer.addLayout(self.grid)
        outer.addStretch(1)
        self.scroll.setWidget(self.grid_host)
        self.scroll.viewport().installEventFilter(self)
        return self.scroll

    def _build_conclusion(self) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(4)
        label = QLabel("Conclusion")
        label.setFont(heading_font(self, 1.05))
        hint = QLabel("What do these answers tell you? Saved on the question, shown in the bank and prep sheets.")
        hint.setWordWrap(True)
        set_muted(hint)
        self.conclusion = QPlainTextEdit()
        self.conclusion.setPlaceholderText("e.g. Senior roles here are filled by referral; ask for introductions early.")
        self.conclusion.setTabChangesFocus(True)
        self.conclusion.setFixedHeight(72)
        self.conclusion.textChanged.connect(self._conclusion_edited)
        self.error = FieldError()
        row = QHBoxLayout()
        self.saved_label = QLabel()
        set_muted(self.saved_label)
        self.save_button = QPushButton("Save conclusion")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_conclusion)
        row.addWidget(self.saved_label, 1)
        row.addWidget(self.save_button)
        for widget in (label, hint, self.conclusion, self.error):
            box.addWidget(widget)
        box.addLayout(row)
        return box

    # --- showing ----------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self.finding is not None and self.conclusion.toPlainText().strip() != self.finding.conclusion

    def show_finding(self, question_id: int, keep_draft: bool = False) -> None:
        """Load one question's answers; ``keep_draft`` keeps an unsaved conclusion typed here."""
        draft = self.conclusion.toPlainText() if keep_draft and self.dirty else None
        self.finding = get_finding(question_id)
        self._fill_header()
        self._fill_cards()
        self.conclusion.blockSignals(True)
        self.conclusion.setPlainText(draft if draft is not None else self.finding.conclusion)
        self.conclusion.blockSignals(False)
        self.error.clear_message()
        self.saved_label.setText("")
        self._conclusion_edited()

    def _fill_header(self) -> None:
        f = self.finding
        assert f is not None
        self.title.setText(f.text)
        category = QUESTION_CATEGORY_LABELS.get(f.category, f.category)
        needed = max(0, VALIDATED_AT - f.counts.agree)
        advice = "" if f.validated else f" · {needed} more agreeing answer{'s' if needed != 1 else ''} to validate"
        self.state.setText(f"{category} · {STATE_LABELS[f.state]}{advice}")
        self.badge.setVisible(f.validated)
        bg, fg = pick(VALIDATED_BG, self.palette()), pick(VALIDATED_FG, self.palette())
        self.badge.setStyleSheet(
            f"QLabel {{ background: {bg.name()}; color: {fg.name()}; border-radius: 9px; padding: 1px 9px; }}"
        )
        self.bar.set_counts(f.counts)
        self.bar.setToolTip(counts_text(f.counts))

    def _fill_cards(self) -> None:
        for card in self.cards:
            self.grid.removeWidget(card)
            card.hide()  # deleteLater waits for the event loop; never show a stale card meanwhile
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        assert self.finding is not None
        for answer in self.finding.answers:
            card = AnswerCard(answer)
            card.marked.connect(self.mark)
            card.person_clicked.connect(self.person_clicked)
            self.cards.append(card)
        self._layout_cards()

    def _columns(self) -> int:
        return max(1, (self.scroll.viewport().width() + 10) // (CARD_WIDTH + 10))

    def _layout_cards(self) -> None:
        columns = self._columns()
        self._shown_columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for i, card in enumerate(self.cards):
            self.grid.addWidget(card, i // columns, i % columns)
        for column in range(self.grid.columnCount()):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Reflow the cards when the scroll area's viewport (not this panel) changes width."""
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            columns = self._columns()
            if columns != self._shown_columns:
                self._layout_cards()
        return super().eventFilter(watched, event)

    # --- saving ---------------------------------------------------------------
    def mark(self, meeting_question_id: int, agreement: str) -> None:
        """Store one answer's mark, then refresh the counts, the bar and the badge."""
        card = next(c for c in self.cards if c.answer.meeting_question_id == meeting_question_id)
        previous = card.answer.agreement
        try:
            saved = set_agreement(meeting_question_id, agreement)
        except ServiceError as exc:
            card.set_agreement(previous)
            self.error.show_message(str(exc))
            return
        card.set_agreement(saved.agreement)
        assert self.finding is not None
        self.finding = get_finding(self.finding.question_id)
        self._fill_header()
        self.changed.emit(self.finding.question_id)

    def _conclusion_edited(self) -> None:
        self.save_button.setEnabled(self.dirty)
        if self.dirty:
            self.saved_label.setText("Unsaved changes")

    def save_conclusion(self) -> bool:
        if self.finding is None:
            return False
        try:
            updated = set_conclusion(self.finding.question_id, self.conclusion.toPlainText())
        except ServiceError as exc:
            self.error.show_message(str(exc))
            return False
        self.finding = updated
        self.error.clear_message()
        self.saved_label.setText("Conclusion saved")
        self.save_button.setEnabled(False)
        self.changed.emit(updated.question_id)
        return True
