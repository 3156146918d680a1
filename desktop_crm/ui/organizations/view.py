"""Organizations: every employer with its coverage, and the surround of the selected one.

Surround is the move of meeting several people around one target company
(the hiring manager, a team member, a neighbouring team); this view shows
how far that has come and what to do next.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QWidget,
)

from ..context import AppContext
from ..widgets.columns import ColumnFitter
from ..widgets.empty_state import EmptyState
from ..widgets.feature_dialogs import available, open_dialog, unavailable_tooltip
from ..widgets.layout import page_layout, side_by_side
from ..widgets.theme import set_muted
from .editor import OrganizationDialog
from .surround_panel import SurroundPanel
from .table import (
    COVERAGE_COLUMN,
    ROW_ROLE,
    CoverageDelegate,
    OrganizationsModel,
    OrgRow,
    load_rows,
)


class OrgFilter(QSortFilterProxyModel):
    """Text (name, industry, location) and target-only filtering; sorting by each row's key.

    Organizations number in the tens or hundreds, so a proxy is cheap here.
    """

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.targets_only = False
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_filter(self, text: str, targets_only: bool) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+: invalidateFilter is deprecated
            self.beginFilterChange()
            self.text, self.targets_only = text.strip().casefold(), targets_only
            self.endFilterChange()
        else:
            self.text, self.targets_only = text.strip().casefold(), targets_only
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: ANN001 (Qt index)
        row: OrgRow = self.sourceModel().rows[source_row]
        if self.targets_only and not row.is_target:
            return False
        haystack = f"{row.name} {row.industry} {row.location}".casefold()
        return not self.text or self.text in haystack


class OrganizationsView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = page_layout(self)
        layout.addLayout(self._build_filters())
        self.stack = QStackedWidget()
        self.empty = EmptyState(
            "No organizations yet",
            "Organizations appear as you add people with an employer or import your contacts. "
            "Add a company you want to work for to plan how to surround it.",
        )
        self.empty.add_button("New organization…", self.new_organization, default=True)
        table = self._build_table()
        self.panel = SurroundPanel()
        self.panel.edit_requested.connect(self.edit_organization)
        self.panel.find_way_requested.connect(lambda _id: self.context.view_requested.emit("network"))
        self.panel.meeting_requested.connect(self.new_meeting)
        self.panel.person_activated.connect(self.show_person)
        self.splitter = side_by_side(table, self.panel, (1, 1), (560, 540))
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self._stale = False
        self.reload()

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter by name, industry or location")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_filter)
        self.targets_only = QCheckBox("Target companies only")
        self.targets_only.toggled.connect(self._apply_filter)
        self.count_label = QLabel()
        set_muted(self.count_label)
        self.new_button = QPushButton("New organization…")
        self.new_button.clicked.connect(self.new_organization)
        row.addWidget(self.search, 2)
        row.addWidget(self.targets_only)
        row.addWidget(self.count_label, 1)
        row.addWidget(self.new_button)
        return row

    def _build_table(self) -> QWidget:
        self.model = OrganizationsModel()
        self.proxy = OrgFilter()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setItemDelegateForColumn(COVERAGE_COLUMN, CoverageDelegate(self.table))
        self.table.horizontalHeader().setMinimumSectionSize(36)
        self.fitter = ColumnFitter(self.table, flexible={0, 1, 2}, keep={0})
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_organization(self.selected_id()))
        self.no_match = EmptyState("No organizations match", "Change the filter or clear it.")
        self.no_match.add_button("Clear filter", self.clear_filter)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.no_match)
        return self.table_stack

    # --- loading --------------------------------------------------------------
    def refresh(self) -> None:
        """Reload now if shown, else on the next show.

        Coverage is a few grouped queries (~60 ms for 1,000 organizations and
        100,000 people), still worth skipping for a hidden view on every save
        made elsewhere.
        """
        if not self.isVisible():
            self._stale = True
            return
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Reload rows and the surround; keep the selected organization."""
        self._stale = False
        selected = self.selected_id()
        rows = load_rows()
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.splitter if rows else self.empty)
        for widget in (self.search, self.targets_only):
            widget.setVisible(bool(rows))
        self._apply_filter()
        if selected is None or not self.select_organization(selected):
            if self.proxy.rowCount():
                self.table.selectRow(0)
            else:
                self.panel.show_organization(None)

    def _apply_filter(self, *_: object) -> None:
        self.proxy.set_filter(self.search.text(), self.targets_only.isChecked())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        targets = sum(r.is_target for r in self.model.rows)
        self.count_label.setText(f"{shown} of {total} organizations · {targets} targets" if total else "")
        self.table_stack.setCurrentWidget(self.table if shown or not total else self.no_match)

    def clear_filter(self) -> None:
        self.search.clear()
        self.targets_only.setChecked(False)

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row: OrgRow | None = index.data(ROW_ROLE)
        return row.id if row else None

    def select_organization(self, org_id: int) -> bool:
        source_row = self.model.row_of(org_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        row_changes = self.table.currentIndex().row() != index.row()  # then _current_changed shows it
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        if not row_changes:
            self.panel.show_organization(org_id)
        return True

    def _current_changed(self, current, _previous) -> None:  # noqa: ANN001 (Qt indexes)
        row: OrgRow | None = current.data(ROW_ROLE) if current.isValid() else None
        self.panel.show_organization(row.id if row else None)

    # --- acting -----------------------------------------------------------------
    def _run_editor(self, org_id: int | None) -> None:
        dialog = OrganizationDialog(org_id, parent=self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted.value and dialog.saved is not None:
                self.after_save(dialog.saved.id)
        finally:
            dialog.deleteLater()

    def new_organization(self) -> None:
        self._run_editor(None)

    def edit_organization(self, org_id: int | None) -> None:
        if org_id is not None:
            self._run_editor(org_id)

    def after_save(self, org_id: int) -> None:
        """Show the saved organization (clearing a filter that would hide it) and tell the others."""
        self.reload()
        if not self.select_organization(org_id):
            self.clear_filter()
            self.select_organization(org_id)
        self.context.data_changed.emit()
        self.context.status_message.emit("Organization saved")

    def new_meeting(self, contact_id: int) -> None:
        if not available("meeting"):
            self.context.status_message.emit(unavailable_tooltip("meeting"))
            self.show_person(contact_id)
            return
        result = open_dialog("meeting", self.context, self, contact_id=contact_id, meeting_id=None)
        if result == QDialog.DialogCode.Accepted.value:
            self.reload()
            self.context.data_changed.emit()

    def show_person(self, contact_id: int) -> None:
        self.context.contact_selected.emit(contact_id)
        self.context.view_requested.emit("contacts")
