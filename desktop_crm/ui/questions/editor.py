"""The panel beside the bank where one question is written or changed.

It holds no database logic: it turns its fields into the mapping the
questions service accepts, and shows that service's validation messages
under the field they name.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import TIER_HELP, TIER_LABELS, TIERS
from ...services.errors import ServiceError
from ...services.research.questions import (
    QuestionView,
    add_question,
    categories,
    retire_question,
    update_question,
)
from ..widgets.field_errors import FieldError, show_errors, with_error_below
from ..widgets.theme import heading_font, set_muted


class QuestionEditor(QWidget):
    """Edit one question (``load``) or write a new one (``start_new``)."""

    saved = Signal(int)  # question id, after add, edit, retire or unretire

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question: QuestionView | None = None
        self._filling = False
        self.dirty = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        self.heading = QLabel("New question")
        self.heading.setFont(heading_font(self, 1.25))
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        set_muted(self.subtitle)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addLayout(self._build_form())
        layout.addLayout(self._build_buttons())
        self.conclusion = QLabel()
        self.conclusion.setWordWrap(True)
        self.conclusion.setTextFormat(Qt.TextFormat.PlainText)
        set_muted(self.conclusion)
        layout.addWidget(self.conclusion)
        layout.addStretch(1)
        self.start_new()

    # --- building -------------------------------------------------------------
    def _build_form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(6)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("A specific question this kind of person can answer well")
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(96)
        self.category = QComboBox()
        for key, label in categories():
            self.category.addItem(label, key)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("Space-separated, e.g. hiring remote")
        self.tier_boxes: dict[str, QCheckBox] = {}
        tiers_row = QHBoxLayout()
        tiers_row.setSpacing(12)
        for tier in TIERS:
            box = QCheckBox(TIER_LABELS[tier])
            box.setToolTip(TIER_HELP[tier])
            self.tier_boxes[tier] = box
            tiers_row.addWidget(box)
            box.toggled.connect(self._mark_dirty)
        tiers_row.addStretch(1)
        tiers_hint = QLabel("None ticked: suits anyone.")
        set_muted(tiers_hint)
        self.errors = {key: FieldError() for key in ("text", "category", "tags", "tiers", "")}
        form.addRow("&Question", self._with_error(self.text, "text"))
        form.addRow("&Category", self._with_error(self.category, "category"))
        form.addRow("T&ags", self._with_error(self.tags, "tags"))
        tiers_box = QWidget()
        tiers_layout = QVBoxLayout(tiers_box)
        tiers_layout.setContentsMargins(0, 0, 0, 0)
        tiers_layout.setSpacing(2)
        tiers_layout.addLayout(tiers_row)
        tiers_layout.addWidget(tiers_hint)
        tiers_layout.addWidget(self.errors["tiers"])
        form.addRow("Suits", tiers_box)
        form.addRow("", self.errors[""])
        self.text.textChanged.connect(self._mark_dirty)
        self.category.currentIndexChanged.connect(self._mark_dirty)
        self.tags.textChanged.connect(self._mark_dirty)
        return form

    def _with_error(self, field: QWidget, key: str) -> QWidget:
        return with_error_below(field, self.errors[key])

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.save_button = QPushButton("Add to bank")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Revert")
        self.revert_button.setToolTip("Forget the changes made here")
        self.revert_button.clicked.connect(self.revert)
        self.retire_button = QPushButton("Retire")
        self.retire_button.clicked.connect(self.toggle_retired)
        row.addWidget(self.save_button)
        row.addWidget(self.revert_button)
        row.addStretch(1)
        row.addWidget(self.retire_button)
        return row

    # --- showing --------------------------------------------------------------
    def start_new(self, category: str | None = None) -> None:
        """Empty fields for a question of the user's own (in ``category`` if given)."""
        self.question = None
        self._fill("", category or self.category.currentData() or "career_path", [], [])
        self.heading.setText("New question")
        self.subtitle.setText("Your own questions sit beside the built-in ones and are suggested the same way.")
        self.save_button.setText("Add to bank")
        self.retire_button.hide()
        self.conclusion.hide()
        self.text.setFocus()

    def load(self, question: QuestionView) -> None:
        self.question = question
        self._fill(question.text, question.category, question.tags, question.tiers)
        self.heading.setText("Retired question" if question.retired else "Edit question")
        origin = "Built-in question" if question.builtin else "Your question"
        state = " · retired: hidden from the bank and from suggestions" if question.retired else ""
        self.subtitle.setText(origin + state)
        self.save_button.setText("Save")
        self.retire_button.setText("Bring back" if question.retired else "Retire")
        self.retire_button.setToolTip(
            "Show it in the bank and in suggestions again" if question.retired
            else "Hide it from the bank and suggestions; past meetings keep it"
        )
        self.retire_button.show()
        self.conclusion.setText(f"Your conclusion so far: {question.conclusion}" if question.conclusion else "")
        self.conclusion.setVisible(bool(question.conclusion))

    def _fill(self, text: str, category: str, tags: list[str], tiers: list[str]) -> None:
        self._filling = True
        self.text.setPlainText(text)
        index = self.category.findData(category)
        self.category.setCurrentIndex(max(0, index))
        self.tags.setText(" ".join(tags))
        for tier, box in self.tier_boxes.items():
            box.setChecked(tier in tiers)
        for label in self.errors.values():
            label.clear_message()
        self._filling = False
        self._set_dirty(False)

    def _mark_dirty(self, *_: Any) -> None:
        if not self._filling:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.revert_button.setEnabled(dirty)
        self.save_button.setEnabled(dirty or self.question is None)

    # --- saving ---------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {
            "text": self.text.toPlainText(),
            "category": self.category.currentData(),
            "tags": self.tags.text(),
            "tiers": [t for t, box in self.tier_boxes.items() if box.isChecked()],
        }

    def save(self) -> bool:
        """Add or update through the service; on error show it at the field and keep the text."""
        data = self.values()
        try:
            if self.question is None:
                saved = add_question(data["text"], data["category"], data["tags"].split(), data["tiers"])
            else:
                saved = update_question(self.question.id, data)
        except ServiceError as exc:
            show_errors(self.errors, exc, "")
            return False
        self.load(saved)
        self.saved.emit(saved.id)
        return True

    def revert(self) -> None:
        if self.question is None:
            self.start_new()
        else:
            self.load(self.question)

    def toggle_retired(self) -> None:
        if self.question is None:
            return
        try:
            changed = retire_question(self.question.id, not self.question.retired)
        except ServiceError as exc:
            show_errors(self.errors, exc, "")
            return
        self.load(changed)
        self.saved.emit(changed.id)
