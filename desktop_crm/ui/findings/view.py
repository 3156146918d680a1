"""Findings: the research half of informational interviewing.

On the left, every question that has answers with a bar of agreeing /
differing / open answers; on the right, the selected question's answers
side by side, the marks, and the conclusion.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QStackedWidget,
    QWidget,
)

from ...services.research.findings import Finding, get_finding, list_findings
from ...services.research.questions import categories
from ..context import AppContext
from ..widgets.empty_state import EmptyState
from ..widgets.layout import page_layout, side_by_side
from ..widgets.prompts import may_leave
from ..widgets.theme import set_muted
from .bar import STATE_LABELS, Legend
from .detail import FindingDetail
from .list_model import FindingDelegate, FindingsModel


class FindingsView(QWidget):
    """The answers to each question across meetings, and what the user concludes."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._own_change = False
        layout = page_layout(self)
        layout.addLayout(self._build_filters())
        self.stack = QStackedWidget()
        self.empty = EmptyState(
            "No answers yet",
            "Findings gather the answers to each question across your informational interviews. "
            "Record answers after a meeting and they appear here side by side, ready to compare.",
        )
        self.empty.add_button("Go to meetings", lambda: self.context.view_requested.emit("meetings"))
        self.detail_stack = QStackedWidget()
        self.no_selection = EmptyState("No question selected", "Pick a question on the left to compare its answers.")
        self.detail = FindingDetail()
        self.detail.changed.connect(self._finding_changed)
        self.detail.person_clicked.connect(self.context.contact_selected)
        self.detail_stack.addWidget(self.no_selection)
        self.detail_stack.addWidget(self.detail)
        self.splitter = side_by_side(self._build_list(), self.detail_stack, (2, 3), (420, 780))
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self.refresh()

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.category = QComboBox()
        self.category.addItem("All categories", "")
        for key, label in categories():
            self.category.addItem(label, key)
        self.category.currentIndexChanged.connect(self.refresh)
        self.state_filter = QComboBox()
        self.state_filter.addItem("Any state", "")
        for key in ("validated", "mixed", "gathering"):
            self.state_filter.addItem(STATE_LABELS[key], key)
        self.state_filter.currentIndexChanged.connect(self.refresh)
        self.summary = QLabel()
        set_muted(self.summary)
        row.addWidget(self.category)
        row.addWidget(self.state_filter)
        row.addSpacing(8)
        row.addWidget(self.summary, 1)
        self.legend = Legend()
        row.addWidget(self.legend)
        return row

    def _build_list(self) -> QWidget:
        self.model = FindingsModel()
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(FindingDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setAlternatingRowColors(True)
        self.list.setFrameShape(QFrame.Shape.StyledPanel)
        self.list.setMinimumWidth(320)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.list_empty = EmptyState("Nothing in this selection", "Choose another category or state.")
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.list)
        self.list_stack.addWidget(self.list_empty)
        return self.list_stack

    # --- loading --------------------------------------------------------------
    def refresh(self, *_: object) -> None:
        """Reload the list; keep the selected question and any conclusion being typed."""
        if self._own_change:
            return
        all_findings = list_findings()
        for widget in (self.category, self.state_filter, self.legend):
            widget.setVisible(bool(all_findings))  # filters mean nothing before the first answer
        if not all_findings:
            self.stack.setCurrentWidget(self.empty)
            self.summary.setText("")
            return
        self.stack.setCurrentWidget(self.splitter)
        self.summary.setText(self._summary_text(all_findings))
        selected = self.selected_question_id()
        shown = self._filtered(all_findings)
        self.model.set_findings(shown)
        self.list_stack.setCurrentWidget(self.list if shown else self.list_empty)
        row = self.model.row_of(selected) if selected is not None else -1
        if row >= 0:
            self._select_row(row, reload_detail=False)
            self.detail.show_finding(selected, keep_draft=True)
            self.detail_stack.setCurrentWidget(self.detail)
        elif shown:
            self._select_row(0)
        else:
            self.detail_stack.setCurrentWidget(self.no_selection)

    def _filtered(self, findings: list[Finding]) -> list[Finding]:
        category = self.category.currentData() or ""
        state = self.state_filter.currentData() or ""
        return [
            f for f in findings
            if (not category or f.category == category) and (not state or f.state == state)
        ]

    @staticmethod
    def _summary_text(findings: list[Finding]) -> str:
        counts = {key: sum(f.state == key for f in findings) for key in ("validated", "mixed", "gathering")}
        return (f"{len(findings)} questions answered · {counts['validated']} validated · "
                f"{counts['mixed']} where people differ · {counts['gathering']} to ask more people")

    def selected_question_id(self) -> int | None:
        index = self.list.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.findings):
            return self.detail.finding.question_id if self.detail.finding else None
        return self.model.findings[index.row()].question_id

    def select_question(self, question_id: int) -> bool:
        row = self.model.row_of(question_id)
        if row < 0:
            return False
        self._select_row(row)
        return True

    def _select_row(self, row: int, reload_detail: bool = True) -> None:
        index = self.model.index(row)
        selection = self.list.selectionModel()
        if not reload_detail:
            selection.blockSignals(True)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        selection.blockSignals(False)
        self.list.scrollTo(index)

    def _current_changed(self, current, previous) -> None:  # noqa: ANN001 (Qt indexes)
        if not current.isValid():
            return
        finding = self.model.findings[current.row()]
        if self.detail.finding and self.detail.finding.question_id != finding.question_id:
            if not self._may_leave():
                self._select_row(previous.row(), reload_detail=False)
                return
        self.detail.show_finding(finding.question_id)
        self.detail_stack.setCurrentWidget(self.detail)

    def _may_leave(self) -> bool:
        """Offer to save a conclusion typed but not saved before showing another question."""
        return may_leave(self, self.detail.dirty, "Unsaved conclusion",
                         "Save the conclusion you wrote for this question?", self.detail.save_conclusion)

    # --- after a save -----------------------------------------------------------
    def _finding_changed(self, question_id: int) -> None:
        """Update this row and the summary in place, then tell the other views."""
        self.model.replace(get_finding(question_id))
        self.summary.setText(self._summary_text(list_findings()))
        self._own_change = True
        try:
            self.context.data_changed.emit()
        finally:
            self._own_change = False
