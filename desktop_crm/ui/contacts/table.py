"""The contact table view: fixed row heights, user-chosen columns, SQL sorting.

Nothing here may touch every row: no ResizeToContents, no proxy model; the
vertical header is hidden with a fixed section size, so a million rows cost
what thirty visible ones do. Columns fit their content within the width
(:class:`~desktop_crm.ui.widgets.columns.ColumnFitter` measures the rows on
screen only) until the user drags one.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from ..widgets.badges import TierBadgeDelegate
from ..widgets.columns import ColumnFitter
from .model import ID_ROLE, ContactTableModel

TEXT_COLUMNS = {"name", "organization", "title", "industry", "location", "email"}  # give and take room


class ContactTable(QTableView):
    activated_contact = Signal(int)  # double-click or Enter on a row
    current_contact_changed = Signal(object)  # int or None

    def __init__(self, model: ContactTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.contact_model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAccessibleName("Contacts")
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setMinimumSectionSize(50)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.setToolTip("Click to sort; right-click to choose columns")
        self.setItemDelegateForColumn(model.column_index("tier"), TierBadgeDelegate(self))
        flexible = {n for n, c in enumerate(model.columns) if c.key in TEXT_COLUMNS}
        self.fitter = ColumnFitter(self, flexible, keep={model.column_index("name")})
        self.apply_default_columns()
        self._sync_sort_indicator()
        self.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_changed)
        model.modelReset.connect(self._after_reset)
        self.doubleClicked.connect(lambda index: self.activated_contact.emit(index.data(ID_ROLE)))
        self.selectionModel().currentRowChanged.connect(self._current_changed)

    def apply_default_columns(self) -> None:
        header = self.horizontalHeader()
        for number, column in enumerate(self.contact_model.columns):
            header.resizeSection(number, column.width)
            header.setSectionHidden(number, not column.visible)
        self.fitter.reset()

    def _column_menu(self, pos: QPoint) -> None:
        header = self.horizontalHeader()
        menu = QMenu(self)
        menu.setTitle("Columns")
        for number, column in enumerate(self.contact_model.columns):
            action = QAction(column.label, menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(number))
            action.setEnabled(column.key != "name")  # a row needs a name
            action.toggled.connect(lambda shown, n=number: self._show_column(n, shown))
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction("Reset columns", self.apply_default_columns)
        menu.exec(header.mapToGlobal(pos))

    def column_actions_menu(self, parent: QWidget) -> QMenu:
        """The same choice as the header's menu, for the View menu."""
        menu = QMenu("Columns", parent)
        menu.aboutToShow.connect(lambda: self._fill_columns_menu(menu))
        return menu

    def _fill_columns_menu(self, menu: QMenu) -> None:
        menu.clear()
        header = self.horizontalHeader()
        for number, column in enumerate(self.contact_model.columns):
            action = menu.addAction(column.label)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(number))
            action.setEnabled(column.key != "name")
            action.toggled.connect(lambda shown, n=number: self._show_column(n, shown))

    def _show_column(self, number: int, shown: bool) -> None:
        self.horizontalHeader().setSectionHidden(number, not shown)
        self.fitter.schedule()

    def _sort_changed(self, section: int, _order: Qt.SortOrder) -> None:
        columns = self.contact_model.columns
        if 0 <= section < len(columns) and not columns[section].sortable:
            self._sync_sort_indicator()  # e.g. email: keep showing the real order

    def _sync_sort_indicator(self) -> None:
        spec = self.contact_model.spec
        order = Qt.SortOrder.DescendingOrder if spec.descending else Qt.SortOrder.AscendingOrder
        with QSignalBlocker(self.horizontalHeader()):
            self.horizontalHeader().setSortIndicator(self.contact_model.column_index(spec.sort), order)

    def _after_reset(self) -> None:
        self._sync_sort_indicator()
        self.current_contact_changed.emit(self.current_contact_id())

    def _current_changed(self, current, _previous) -> None:
        self.current_contact_changed.emit(current.data(ID_ROLE) if current.isValid() else None)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_contact.emit(self.currentIndex().data(ID_ROLE))
            return
        super().keyPressEvent(event)

    # --- selection -------------------------------------------------------------
    def selected_ranges(self) -> list[tuple[int, int]]:
        return sorted({(r.top(), r.bottom()) for r in self.selectionModel().selection()})

    def selected_count(self) -> int:
        rows: set[tuple[int, int]] = set(self.selected_ranges())
        return sum(b - t + 1 for t, b in rows)

    def selected_ids(self) -> list[int]:
        return self.contact_model.ids_for_ranges(self.selected_ranges())

    def current_contact_id(self) -> int | None:
        index = self.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_row(self, row: int) -> None:
        index = self.contact_model.index(row, self.contact_model.column_index("name"))
        self.setCurrentIndex(index)
        self.selectRow(row)
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    # --- remembered state --------------------------------------------------------
    def header_state(self) -> QByteArray:
        return self.horizontalHeader().saveState()

    def restore_header_state(self, state: QByteArray | None) -> None:
        header = self.horizontalHeader()
        if state is None or state.isEmpty() or header.count() != len(self.contact_model.columns):
            return
        if header.restoreState(state):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            self.fitter.schedule()
            section, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
            self.contact_model.sort(section, order)
            self._sync_sort_indicator()
