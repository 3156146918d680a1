"""The Contacts view: filter bar, the table, bulk actions and the detail panel.

Search text comes from the main window's toolbar box (``set_search_text``);
everything else that narrows the table is in the filter bar. Every change a
user makes here goes through an undoable service call, then
``context.data_changed`` lets every view reload.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import TIER_LABELS, TIERS
from ...services.contacts import bulk_actions
from ...services.contacts.smart_lists import SmartListView, create_smart_list
from ...services.contacts.table import ContactFilter, TableSpec, completions
from ...services.errors import ServiceError
from ..context import AppContext
from ..plain_text import as_typed
from ..widgets.empty_state import EmptyState
from ..widgets.feature_dialogs import available, open_dialog
from ..widgets.layout import side_by_side
from ..widgets.worker import run_with_progress
from .bulk_bar import BulkBar
from .detail import ContactDetail
from .editor import ContactEditor
from .filter_bar import FilterBar
from .model import ID_ROLE, ContactTableModel
from .table import ContactTable


class ContactsView(QWidget):
    status_changed = Signal(str)  # counts for the status bar
    search_text_changed = Signal(str)  # a smart list set the search text

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.smart_list: SmartListView | None = None
        self._search = ""
        self.model = ContactTableModel(parent=self)
        self.model.count_known.connect(self._update_empty)
        self.filter_bar = FilterBar()
        self.filter_bar.filter_changed.connect(self._filters_changed)
        self.filter_bar.save_requested.connect(self.save_smart_list)
        self.bulk_bar = BulkBar()
        self.bulk_bar.set_count(0)
        self.bulk_bar.tag_requested.connect(self.tag_selection)
        self.bulk_bar.tier_requested.connect(lambda tier: self._bulk(bulk_actions.set_tier, tier))
        self.bulk_bar.status_requested.connect(lambda s: self._bulk(bulk_actions.set_status, s))
        self.bulk_bar.export_requested.connect(self.export_selection)
        self.bulk_bar.trash_requested.connect(self.trash_selection)
        self.table = ContactTable(self.model)
        self.table.activated_contact.connect(self.edit_contact)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        self.no_matches = EmptyState(
            "No one matches",
            "Nobody in your network matches this search and these filters. "
            "Try fewer words, or clear the filters.",
        )
        self.no_matches.add_button("Clear search and filters", self.clear_filters, default=True)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.no_matches)
        self.detail = ContactDetail()
        self.detail.edit_requested.connect(self.edit_contact)
        self.detail.dialog_requested.connect(self._open_feature_dialog)
        self.detail.prep_requested.connect(lambda cid: self.context.prep_sheet_requested.emit(0, cid))
        self.detail.find_way_requested.connect(self.context.find_way_requested)
        self.detail.field_change_requested.connect(self._change_field)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._row_menu)
        self.table.current_contact_changed.connect(self._current_changed)
        self.splitter = side_by_side(self.table_stack, self.detail, (3, 2), (760, 420))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.bulk_bar)
        layout.addWidget(self.splitter, 1)
        self.filter_bar.refresh_choices()
        self._update_empty()
        self._selection_changed()

    # --- what the table shows -------------------------------------------------
    def current_filter(self) -> ContactFilter:
        return replace(self.filter_bar.current(), text=self._search)

    def set_search_text(self, text: str) -> None:
        """Search as you type: the model holds the new rows when this returns."""
        if text == self._search:
            return
        self._search = text
        self._apply()

    def _filters_changed(self, _flt: ContactFilter) -> None:
        self._apply()

    def _apply(self) -> None:
        self.model.set_filter(self.current_filter())
        self.filter_bar.save_button.setEnabled(not self.current_filter().is_empty())
        self._update_empty()

    def apply_smart_list(self, smart_list: SmartListView | None) -> None:
        """Show a saved filter (or everyone, for None)."""
        self.smart_list = smart_list
        flt = smart_list.filter if smart_list else ContactFilter()
        self.filter_bar.set_filter(flt)
        self._search = flt.text
        self.search_text_changed.emit(flt.text)
        self._apply()

    def clear_filters(self) -> None:
        self.smart_list = None
        self._search = ""
        self.search_text_changed.emit("")
        self.filter_bar.clear()

    def refresh(self) -> None:
        """Reload rows after any change, keeping the current person and scroll."""
        current = self.table.current_contact_id()
        scroll = self.table.verticalScrollBar().value()
        self.model.reload()
        self.filter_bar.refresh_choices()
        self.detail.refresh_availability()
        self._update_empty()
        self.table.verticalScrollBar().setValue(scroll)
        if current is not None:
            self.select_contact(current, scroll_to=False)

    def select_contact(self, contact_id: int, scroll_to: bool = True) -> bool:
        row = self.model.row_of(contact_id)
        if row is None:
            self.detail.show_contact(contact_id)
            return False
        if scroll_to:
            self.table.select_row(row)
        else:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.selectRow(row)
        return True

    def _update_empty(self) -> None:
        self.table_stack.setCurrentIndex(0 if self.model.total or self.current_filter().is_empty() else 1)
        self._emit_status()

    def _selection_changed(self, *_args) -> None:
        count = self.table.selected_count()
        self.bulk_bar.set_count(count)
        if count > 1:
            self.detail.show_selection(count)
        elif self.detail.currentIndex() == self.detail.PAGE_MESSAGE:  # the row change loads one person
            self.detail.show_contact(self.table.current_contact_id())
        self._emit_status()

    def _emit_status(self) -> None:
        shown = self.model.total
        selected = self.table.selected_count()
        if self.model.counting:  # the first rows are shown; the count follows
            text = "Counting people"
            if not self.current_filter().is_empty():
                text += f" who match {self.current_filter().describe()}"
            text += "…"
        else:
            text = f"{shown:,} {'person' if shown == 1 else 'people'}"
            if not self.current_filter().is_empty():
                text += f" {'matches' if shown == 1 else 'match'} {self.current_filter().describe()}"
        if selected:
            text += f" · {selected:,} selected"
        self.status_changed.emit(text)

    def _current_changed(self, contact_id: int | None) -> None:
        if self.table.selected_count() <= 1:
            self.detail.show_contact(contact_id)

    # --- actions -----------------------------------------------------------------
    def new_contact(self) -> None:
        self._run_editor(ContactEditor(None, self))

    def edit_contact(self, contact_id: int | None = None) -> None:
        contact_id = contact_id or self.table.current_contact_id()
        if contact_id:
            self._run_editor(ContactEditor(contact_id, self))

    def _run_editor(self, editor: ContactEditor) -> None:
        saved: list[int] = []
        editor.saved.connect(saved.append)
        editor.exec()
        editor.deleteLater()
        if saved:
            self.context.data_changed.emit()
            self.select_contact(saved[-1])
            self.context.status_message.emit("Saved. Ctrl+Z undoes it.")

    def selected_ids(self) -> list[int]:
        return self.table.selected_ids()

    def _bulk(self, action, *args) -> bool:
        ids = self.selected_ids()
        if not ids:
            self.context.status_message.emit("Select one or more people first.")
            return False
        try:
            result = run_with_progress(
                self, f"Working on {len(ids):,} people…", len(ids), lambda: action(ids, *args)
            )
        except ServiceError as exc:
            QMessageBox.warning(self, "Could not do that", as_typed(str(exc)))
            return False
        self.context.data_changed.emit()
        self.context.status_message.emit(result.message)
        return True

    def tag_selection(self) -> None:
        count = self.table.selected_count()
        name, ok = QInputDialog.getItem(
            self, "Tag people", f"Tag for the {count:,} selected:", completions("tag"), 0, True
        )
        if ok and name.strip():
            self._bulk(bulk_actions.tag_contacts, name.strip())

    def trash_selection(self) -> None:
        self._bulk(bulk_actions.trash_contacts)

    def export_selection(self, path: str | None = None) -> None:
        if not self.selected_ids():
            self.context.status_message.emit("Select the people to export first (Ctrl+A selects everyone shown).")
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Export selection", "contacts.csv", "CSV files (*.csv)")
        if path:
            self._bulk(bulk_actions.export_contacts_csv, path)

    def save_smart_list(self) -> None:
        flt = self.current_filter()
        name, ok = QInputDialog.getText(self, "Save as smart list", f"Name for “{flt.describe()}”:")
        if not ok:
            return
        try:
            self.smart_list = create_smart_list(name, flt)
        except ServiceError as exc:
            QMessageBox.warning(self, "Could not save the smart list", as_typed(str(exc)))
            return
        self.context.data_changed.emit()
        self.context.status_message.emit(f"Saved smart list “{self.smart_list.name}”.")

    def _change_field(self, contact_id: int, field: str, value: str) -> None:
        """Tier or status chosen in the detail pane: one undoable step, like the bulk bar's."""
        action = bulk_actions.set_tier if field == "tier" else bulk_actions.set_status
        try:
            result = action([contact_id], value)
        except ServiceError as exc:
            QMessageBox.warning(self, "Could not do that", str(exc))
            return
        self.context.data_changed.emit()
        self.context.status_message.emit(result.message)

    def _row_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        if not self.table.selectionModel().isRowSelected(index.row(), index.parent()):
            self.table.select_row(index.row())  # right-click acts on the row under the pointer
        self.row_menu(index.data(ID_ROLE)).exec(self.table.viewport().mapToGlobal(pos))

    def row_menu(self, contact_id: int) -> QMenu:
        """What can be done to the person right-clicked (or, for tier, tag and trash, the selection)."""
        menu = QMenu(self)
        count = max(1, self.table.selected_count())
        many = f" ({count:,} people)" if count > 1 else ""
        menu.addAction("Open", lambda: self.select_contact(contact_id))
        menu.addAction("Edit…", lambda: self.edit_contact(contact_id))
        tiers = menu.addMenu("Set tier" + many)
        for tier in TIERS:
            tiers.addAction(TIER_LABELS[tier], lambda t=tier: self._bulk(bulk_actions.set_tier, t))
        menu.addAction("Tag…" + many, self.tag_selection)
        menu.addSeparator()
        for key, label in (("meeting", "Schedule meeting…"), ("outreach", "Log outreach…")):
            action = menu.addAction(label, lambda k=key: self._open_feature_dialog(k, contact_id))
            action.setEnabled(available(key))
        prep = menu.addAction("Prep sheet…", lambda: self.context.prep_sheet_requested.emit(0, contact_id))
        prep.setEnabled(available("prep"))
        menu.addAction("Find a way…", lambda: self.context.find_way_requested.emit(contact_id))
        menu.addSeparator()
        menu.addAction("Move to trash" + many, self.trash_selection)
        return menu

    def _open_feature_dialog(self, key: str, contact_id: int) -> None:
        result = open_dialog(key, self.context, self, contact_id=contact_id, meeting_id=None)
        if result:
            self.context.data_changed.emit()

    # --- remembered state ------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("contacts/header", self.table.header_state())
        settings.setValue("contacts/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        header = settings.value("contacts/header")
        if header is not None:
            self.table.restore_header_state(header)
        splitter = settings.value("contacts/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def spec(self) -> TableSpec:
        return self.model.spec
