"""The Meetings view: every informational interview as a list or an agenda by day.

Filters (Planned / Done / All) choose what the service returns; the toolbar
acts on the selected meeting (open, mark done, cancel, no-show, prep sheet,
export) or on all upcoming ones (export). Double-click opens a meeting.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...services import meetings
from ...services.meetings import MeetingView
from ..context import AppContext
from ..widgets.empty_state import EmptyState
from . import commands
from .agenda import AgendaTree
from .model import MeetingTableModel

FILTERS = (("planned", "Planned"), ("done", "Done"), ("all", "All"))
EMPTY_TEXT = {
    "planned": (
        "No meetings planned",
        "An informational interview is 30 minutes of coffee or a call where you learn about "
        "someone's work and leave with introductions. Schedule one with a person you already know.",
    ),
    "done": ("No meetings held yet", "Meetings you mark done show here, with their thank-you state."),
    "all": ("No meetings yet", "Schedule your first informational interview to get started."),
}


def _segment(label: str, group: QButtonGroup, key: str) -> QPushButton:
    button = QPushButton(label)
    button.setCheckable(True)
    button.setProperty("key", key)
    group.addButton(button)
    return button


class MeetingsView(QWidget):
    """``MeetingsView(context)``; ``refresh()`` reloads from the services."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.filter = "planned"
        self.mode = "list"
        self.last_dialog = None
        self.model = MeetingTableModel(self)
        self.table = self._make_table()
        self.agenda = AgendaTree()
        self.agenda.meeting_activated.connect(self.open_meeting)
        self.agenda.currentItemChanged.connect(lambda *_: self._update_actions())
        title, text = EMPTY_TEXT["planned"]
        self.empty = EmptyState(title, text)
        self.empty.add_button("Schedule a meeting…", self.new_meeting, default=True)
        self.stack = QStackedWidget()
        for widget in (self.table, self.agenda, self.empty):
            self.stack.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(self._make_toolbar())
        layout.addWidget(self.stack, 1)
        self.refresh()

    # building ------------------------------------------------------------
    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate((190, 170, 150, 70, 70, 150, 90, 100)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        table.doubleClicked.connect(lambda index: self.open_meeting(self.model.rows[index.row()].id))
        table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        return table

    def _make_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.filters = QButtonGroup(self)
        for key, label in FILTERS:
            bar.addWidget(_segment(label, self.filters, key))
        self.filters.buttons()[0].setChecked(True)
        self.filters.buttonClicked.connect(lambda b: self.set_filter(b.property("key")))
        bar.addSpacing(16)
        self.modes = QButtonGroup(self)
        for key, label in (("list", "List"), ("agenda", "Agenda")):
            bar.addWidget(_segment(label, self.modes, key))
        self.modes.buttons()[0].setChecked(True)
        self.modes.buttonClicked.connect(lambda b: self.set_mode(b.property("key")))
        bar.addStretch(1)
        self.new_button = QPushButton("New meeting…")
        self.new_button.clicked.connect(self.new_meeting)
        self.done_button = QPushButton("Mark done")
        self.done_button.clicked.connect(lambda: self._status("done"))
        self.prep_button = QPushButton("Prep sheet")
        self.prep_button.setToolTip("A one-page briefing to print and take to the meeting")
        self.prep_button.clicked.connect(self.request_prep_sheet)
        self.more_button = QToolButton()
        self.more_button.setText("More")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.more_button)
        self.open_action = menu.addAction("Open…", lambda: self._with_selected(self.open_meeting))
        self.cancel_action = menu.addAction("Cancel meeting", lambda: self._status("cancelled"))
        self.no_show_action = menu.addAction("Mark as no-show", lambda: self._status("no_show"))
        menu.addSeparator()
        self.export_one_action = menu.addAction("Export this meeting (.ics)…", lambda: self.export_selected())
        self.export_all_action = menu.addAction("Export all upcoming (.ics)…", lambda: self.export_upcoming())
        self.more_button.setMenu(menu)
        for widget in (self.new_button, self.done_button, self.prep_button, self.more_button):
            bar.addWidget(widget)
        return bar

    # state ---------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the meetings for the current filter, keeping the selection."""
        keep = self.selected_id()
        status = None if self.filter == "all" else self.filter
        rows = meetings.list_meetings(status=status, newest_first=self.filter != "planned")
        self.model.set_rows(rows)
        self.agenda.set_meetings(rows)
        if keep is not None:
            self.select(keep)
        self._show_page(rows)
        self._update_actions()

    def _show_page(self, rows: list[MeetingView]) -> None:
        if not rows:
            self.empty.set_text(*EMPTY_TEXT[self.filter])
            self.stack.setCurrentWidget(self.empty)
        else:
            self.stack.setCurrentWidget(self.table if self.mode == "list" else self.agenda)

    def set_filter(self, key: str) -> None:
        self.filter = key
        for button in self.filters.buttons():
            button.setChecked(button.property("key") == key)
        self.refresh()

    def set_mode(self, key: str) -> None:
        self.mode = key
        for button in self.modes.buttons():
            button.setChecked(button.property("key") == key)
        self._show_page(self.model.rows)
        self._update_actions()

    def selected_id(self) -> int | None:
        if self.mode == "agenda":
            return self.agenda.current_meeting_id()
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].id if rows else None

    def selected(self) -> MeetingView | None:
        wanted = self.selected_id()
        return next((m for m in self.model.rows if m.id == wanted), None)

    def select(self, meeting_id: int) -> None:
        row = self.model.row_of(meeting_id)
        if row >= 0:
            self.table.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(self.model.index(row, 0))

    def _update_actions(self) -> None:
        m = self.selected()
        planned = m is not None and m.status == "planned"
        self.done_button.setEnabled(planned)
        self.prep_button.setEnabled(m is not None)
        self.open_action.setEnabled(m is not None)
        self.cancel_action.setEnabled(planned)
        self.no_show_action.setEnabled(planned)
        self.export_one_action.setEnabled(m is not None)

    # actions -------------------------------------------------------------
    def _with_selected(self, fn) -> None:  # noqa: ANN001 - a callable taking an id
        meeting_id = self.selected_id()
        if meeting_id is not None:
            fn(meeting_id)

    def new_meeting(self) -> None:
        self.last_dialog = commands.open_meeting(self.context, self, on_done=self.refresh)

    def open_meeting(self, meeting_id: int) -> None:
        self.last_dialog = commands.open_meeting(self.context, self, meeting_id=meeting_id, on_done=self.refresh)

    def _status(self, status: str) -> None:
        meeting_id = self.selected_id()
        if meeting_id is not None and commands.set_status(self, self.context, meeting_id, status):
            self.refresh()

    def request_prep_sheet(self) -> None:
        m = self.selected()
        if m is not None:
            self.context.prep_sheet_requested.emit(m.id, m.contact_id)

    def export_selected(self, path: str | None = None) -> None:
        meeting_id = self.selected_id()
        if meeting_id is not None:
            commands.export_ics(self, self.context, [meeting_id], path)

    def export_upcoming(self, path: str | None = None) -> None:
        commands.export_ics(self, self.context, None, path)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._with_selected(self.open_meeting)
            return
        super().keyPressEvent(event)
