"""The question bank: every question grouped by category, with its editor beside it.

Filtering (text, tag, tier, retired) happens on the bank as the service
returns it; the bank is small (tens to a few hundred questions), so the
tree is rebuilt whole on each change rather than patched.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import TIER_LABELS, TIERS
from ...services.errors import NotFoundError, ServiceError
from ...services.research.questions import (
    QuestionView,
    categories,
    get_question,
    list_questions,
    reorder_bank,
)
from ..context import AppContext
from ..plain_text import tip
from ..widgets.delegates import WrappingDelegate
from ..widgets.empty_state import EmptyState
from ..widgets.layout import page_layout, side_by_side
from ..widgets.prompts import may_leave
from ..widgets.theme import muted_text
from .editor import QuestionEditor

ID_ROLE = Qt.ItemDataRole.UserRole
GENERAL = "general"  # tier filter value: questions that suit anyone


def tier_matches(question: QuestionView, tier: str) -> bool:
    """The tier filter: written for that tier, or (``general``) for no tier in particular."""
    if not tier:
        return True
    if tier == GENERAL:
        return not question.tiers
    return tier in question.tiers


def tiers_text(question: QuestionView) -> str:
    return ", ".join(TIER_LABELS.get(t, t) for t in question.tiers) or "Anyone"


class QuestionsView(QWidget):
    """The bank grouped by the nine categories, filterable, editable, reorderable."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.visible_ids: list[int] = []
        layout = page_layout(self)
        layout.addLayout(self._build_filters())
        question_list = self._build_list()
        self.editor = QuestionEditor()
        self.editor.setMinimumWidth(340)
        self.editor.saved.connect(self._after_save)
        self.splitter = side_by_side(question_list, self.editor, (3, 2), (720, 460))
        layout.addWidget(self.splitter, 1)
        QShortcut(QKeySequence("Ctrl+Up"), self, activated=lambda: self.move_selected(-1))
        QShortcut(QKeySequence("Ctrl+Down"), self, activated=lambda: self.move_selected(1))
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.new_question)
        self.refresh()

    # --- building -------------------------------------------------------------
    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter questions by text")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._reload)
        self.tag_filter = QComboBox()
        self.tag_filter.setToolTip("Show only questions with this tag")
        self.tag_filter.currentIndexChanged.connect(self._reload)
        self.tier_filter = QComboBox()
        self.tier_filter.setToolTip("Show only questions written for this tier")
        self.tier_filter.addItem("Any tier", "")
        for tier in TIERS:
            self.tier_filter.addItem(f"For {TIER_LABELS[tier]}", tier)
        self.tier_filter.addItem("For anyone (general)", GENERAL)
        self.tier_filter.currentIndexChanged.connect(self._reload)
        self.show_retired = QCheckBox("Show retired")
        self.show_retired.setToolTip("Retired questions are kept for past meetings but not suggested")
        self.show_retired.toggled.connect(self._reload)
        self.new_button = QPushButton("New question…")
        self.new_button.setToolTip("Write a question of your own (Ctrl+N)")
        self.new_button.clicked.connect(self.new_question)
        row.addWidget(self.search, 3)
        row.addWidget(self.tag_filter, 1)
        row.addWidget(self.tier_filter, 1)
        row.addWidget(self.show_retired)
        row.addStretch(0)
        row.addWidget(self.new_button)
        return row

    def _build_list(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.stack = QStackedWidget()
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Question", "Tags", "Suits"])
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 130)
        header.resizeSection(2, 120)
        self.tree.setItemDelegateForColumn(0, WrappingDelegate(self.tree))
        self.tree.currentItemChanged.connect(self._selection_changed)
        self.empty = EmptyState("No questions match", "")
        self.empty.add_button("Clear filters", self.clear_filters)
        self.empty.add_button("New question…", self.new_question)
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.count_label = QLabel()
        self.up_button = QPushButton("Move up")
        self.up_button.setToolTip("Ask this question earlier within its category (Ctrl+Up)")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton("Move down")
        self.down_button.setToolTip("Ask this question later within its category (Ctrl+Down)")
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.up_button)
        bar.addWidget(self.down_button)
        layout.addLayout(bar)
        return box

    # --- loading --------------------------------------------------------------
    def refresh(self) -> None:
        """Reload tags and the bank; keep the selection and any unsaved edit."""
        self._fill_tags()
        self._reload()

    def _fill_tags(self) -> None:
        current = self.tag_filter.currentData() or ""
        tags = sorted({t for q in list_questions(include_retired=True) for t in q.tags})
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("Any tag", "")
        for tag in tags:
            self.tag_filter.addItem(tag, tag)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(current)))
        self.tag_filter.blockSignals(False)

    def questions(self) -> list[QuestionView]:
        """The bank as the filters show it, in bank order."""
        rows = list_questions(
            include_retired=self.show_retired.isChecked(),
            text=self.search.text().strip() or None,
            tag=self.tag_filter.currentData() or None,
        )
        tier = self.tier_filter.currentData() or ""
        return [q for q in rows if tier_matches(q, tier)]

    def _reload(self, *_: object) -> None:
        selected = self.selected_id()
        rows = self.questions()
        self.visible_ids = [q.id for q in rows]
        self.tree.blockSignals(True)
        self.tree.clear()
        by_category: dict[str, list[QuestionView]] = {}
        for q in rows:
            by_category.setdefault(q.category, []).append(q)
        reselect = None
        for key, label in categories():
            items = by_category.get(key, [])
            if not items:
                continue
            group = QTreeWidgetItem([f"{label}  ({len(items)})"])
            group.setData(0, ID_ROLE, None)
            group.setSizeHint(0, QSize(0, self.fontMetrics().height() + 12))
            font = QFont(group.font(0))
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            for q in items:
                item = self._item(q)
                group.addChild(item)
                if q.id == selected:
                    reselect = item
            group.setExpanded(True)
        self.tree.blockSignals(False)
        self._show_state(rows)
        if reselect is not None:
            self.tree.setCurrentItem(reselect)
        elif selected is not None and not self.editor.dirty:
            self.editor.start_new()
        self._update_move_buttons()

    def _item(self, q: QuestionView) -> QTreeWidgetItem:
        item = QTreeWidgetItem([q.text, " ".join(q.tags), tiers_text(q)])
        item.setData(0, ID_ROLE, q.id)
        item.setToolTip(0, tip(q.text))
        item.setSizeHint(0, QSize(0, self.fontMetrics().height() + 8))
        if q.retired:
            muted = QBrush(muted_text(self.palette()))
            for column in range(3):
                font = QFont(item.font(column))
                font.setItalic(True)
                item.setFont(column, font)
                item.setForeground(column, muted)
            item.setToolTip(0, tip(f"Retired: {q.text}"))
        return item

    def _show_state(self, rows: list[QuestionView]) -> None:
        filtered = bool(self.search.text().strip() or self.tag_filter.currentData() or self.tier_filter.currentData())
        if rows:
            self.stack.setCurrentWidget(self.tree)
        elif filtered:
            self.empty.set_text("No questions match", "Nothing in the bank fits these filters. "
                                "Clear them, or write the question you were looking for.")
            self.stack.setCurrentWidget(self.empty)
        else:
            self.empty.set_text("The question bank is empty", "Write the questions you want to ask in "
                                "informational interviews: specific to the person, never prying.")
            self.stack.setCurrentWidget(self.empty)
        noun = "question" if len(rows) == 1 else "questions"
        self.count_label.setText(f"{len(rows)} {noun}")

    # --- selection and editing -----------------------------------------------
    def selected_id(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def select_question(self, question_id: int) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                if group.child(j).data(0, ID_ROLE) == question_id:
                    self.tree.setCurrentItem(group.child(j))
                    return True
        return False

    def _selection_changed(self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None) -> None:
        question_id = current.data(0, ID_ROLE) if current is not None else None
        if self.editor.question is not None and question_id == self.editor.question.id:
            self._update_move_buttons()
            return
        if not self._may_leave_editor():
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(previous)
            self.tree.blockSignals(False)
            return
        if question_id is not None:
            try:
                self.editor.load(get_question(int(question_id)))
            except NotFoundError:
                self.editor.start_new()
        self._update_move_buttons()

    def _may_leave_editor(self) -> bool:
        """Ask before dropping unsaved changes; True when it is fine to move on."""
        return may_leave(self, self.editor.dirty, "Unsaved question",
                         "Save the changes to this question first?", self.editor.save)

    def new_question(self) -> None:
        if not self._may_leave_editor():
            return
        item = self.tree.currentItem()
        category = None
        if item is not None and self.editor.question is not None:
            category = self.editor.question.category
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(None)
        self.tree.clearSelection()
        self.tree.blockSignals(False)
        self.editor.start_new(category)
        self._update_move_buttons()

    def clear_filters(self) -> None:
        for widget in (self.search, self.tag_filter, self.tier_filter):
            widget.blockSignals(True)
        self.search.clear()
        self.tag_filter.setCurrentIndex(0)
        self.tier_filter.setCurrentIndex(0)
        for widget in (self.search, self.tag_filter, self.tier_filter):
            widget.blockSignals(False)
        self._reload()

    def _after_save(self, question_id: int) -> None:
        if self.editor.question is not None and self.editor.question.retired and not self.show_retired.isChecked():
            self.context.status_message.emit("Question retired: tick “Show retired” to see it again.")
        self._fill_tags()
        self._reload()
        self.select_question(question_id)
        self.context.data_changed.emit()

    # --- reordering -----------------------------------------------------------
    def _siblings(self) -> tuple[list[int], int] | None:
        item = self.tree.currentItem()
        if item is None or item.parent() is None:
            return None
        group = item.parent()
        ids = [group.child(i).data(0, ID_ROLE) for i in range(group.childCount())]
        return ids, group.indexOfChild(item)

    def _update_move_buttons(self) -> None:
        found = self._siblings()
        self.up_button.setEnabled(bool(found and found[1] > 0))
        self.down_button.setEnabled(bool(found and found[1] < len(found[0]) - 1))

    def move_selected(self, step: int) -> None:
        """Swap the selected question with its visible neighbour in the same category."""
        found = self._siblings()
        if found is None:
            return
        ids, index = found
        other = index + step
        if not 0 <= other < len(ids):
            return
        order = [q.id for q in list_questions(include_retired=True)]
        a, b = order.index(ids[index]), order.index(ids[other])
        order[a], order[b] = order[b], order[a]
        try:
            reorder_bank(order)
        except ServiceError as exc:
            self.context.status_message.emit(str(exc))
            return
        moved = ids[index]
        self._reload()
        self.select_question(moved)
        self.context.data_changed.emit()
