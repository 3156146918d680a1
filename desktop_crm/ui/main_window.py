"""The main window: navigation, toolbar, menus, status bar, and the views.

Views come from :mod:`desktop_crm.ui.registry` and are built the first time
they are shown; a view not included in this copy shows what it is for and
what can be done now. Every view reloads on ``context.data_changed`` (the
visible one at once, the others when next shown). Window geometry, the
splitters, the table's columns and the last view are kept in an INI file in
the data folder (see :mod:`desktop_crm.ui.widgets.settings`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import paths
from ..services import undo
from ..services.contacts.smart_lists import (
    delete_smart_list,
    get_smart_list,
    list_smart_lists,
    rename_smart_list,
)
from ..services.contacts.table import ContactFilter, contact_counts
from ..services.database import demo
from ..services.database.servers import describe_database, is_server_url
from ..services.errors import ServiceError
from . import registry
from .change_watcher import ChangeWatcher
from .contacts.view import ContactsView
from .context import AppContext
from .plain_text import as_typed, tip
from .profile.prompt import ask_for_profile_once
from .view_hints import ViewHint
from .welcome import WelcomePage
from .widgets.feature_dialogs import open_dialog, unavailable_tooltip
from .widgets.navigation import Navigation
from .widgets.settings import app_settings
from .widgets.view_placeholders import placeholder
from .window_chrome import WindowChromeMixin
from .window_imports import IMPORT_FILTER, WindowImportsMixin

__all__ = ["IMPORT_FILTER", "MainWindow"]


class MainWindow(WindowChromeMixin, WindowImportsMixin, QMainWindow):
    """The one window: navigation on the left, the chosen view on the right.

    Building the chrome and taking files in live in the two mixins; this
    class holds the views and what the actions do.
    """

    # File > Open a server database… / Use the local database file: (address to open with
    # its password, address to remember without it); "" for the local file (ui/database_switch).
    database_requested = Signal(str, str)

    def __init__(self, db_path: Path | str, context: AppContext | None = None) -> None:
        super().__init__()
        self.server_url = str(db_path) if is_server_url(str(db_path)) else ""
        self.db_path = Path(db_path)
        self.context = context or AppContext(self.db_path, self)
        self.database_name = describe_database(db_path)
        self.setWindowTitle(self.database_name)  # Qt adds the app's display name itself
        self.setAcceptDrops(True)
        self.setUnifiedTitleAndToolBarOnMac(True)
        self.views: dict[str, QWidget] = {}
        self._stale: set[str] = set()
        self.current_key = ""
        self._contacts_status = ""
        self._cached_totals: tuple[int, int] | None = None
        self.stack = QStackedWidget()
        self.welcome = WelcomePage()
        self.welcome.import_requested.connect(self.choose_import_file)
        self.welcome.add_contact_requested.connect(self.new_contact)
        self.welcome.demo_started.connect(self._demo_started)
        self.stack.addWidget(self.welcome)
        self.contacts = ContactsView(self.context)
        self.contacts.status_changed.connect(self._counts_changed)
        self.contacts.search_text_changed.connect(self._set_search_box)
        self._add_view("contacts", self.contacts)
        labels = [(key, label) for key, label, _, _ in registry.VIEWS]
        self.navigation = Navigation(labels)
        self.navigation.view_chosen.connect(self.show_view)
        self.navigation.smart_list_chosen.connect(self.show_smart_list)
        self.navigation.rename_requested.connect(self.rename_smart_list)
        self.navigation.delete_requested.connect(self.delete_smart_list)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.navigation)
        self.hint = ViewHint()
        main = QWidget()
        column = QVBoxLayout(main)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.hint)
        column.addWidget(self.stack, 1)
        self.splitter.addWidget(main)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([180, 1100])
        self.setCentralWidget(self.splitter)
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self.counts = QLabel()
        self.statusBar().addPermanentWidget(self.counts)
        self.database_label = QLabel(f"Database: {self.database_name}")
        self.database_label.setToolTip(self.server_url or str(self.db_path))
        self.statusBar().addPermanentWidget(self.database_label)
        self._connect_context()
        self.change_watcher = ChangeWatcher(self.context, self)
        self._reload_smart_lists()
        self.resize(1280, 800)
        self._restore_settings()
        self._update_undo()
        self._counts_changed("")
        if self.is_demo and demo.demo_is_stale():
            self.statusBar().showMessage(
                "The demo's dates are all in the past: Help > Rebuild the demo network around today.")

    @property
    def is_demo(self) -> bool:
        """Whether this window is on the sample network's own file."""
        return self.db_path.resolve() == paths.demo_db_path().resolve()

    def choose_server_database(self) -> None:
        """File > Open a server database…: the address, tried, then the window moves to it."""
        from .server_dialog import ServerDialog

        dialog = ServerDialog(self.server_url, self)
        try:
            if dialog.exec() == ServerDialog.DialogCode.Accepted:
                self.database_requested.emit(dialog.chosen_url, dialog.remembered_url)
        finally:
            dialog.deleteLater()

    def use_local_database(self) -> None:
        """File > Use the local database file: back from a server to the file on this machine."""
        self.database_requested.emit("", "")

    def rebuild_demo(self) -> None:
        """Lay the sample network around today again (it is sample data, but ask first)."""
        answer = QMessageBox.question(
            self, "Rebuild the demo network",
            "Build the sample network again, with meetings and follow-ups around today? "
            "Changes you made to the demo are replaced.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        demo.rebuild_demo()
        self.context.data_changed.emit()
        self.statusBar().showMessage("The demo network was rebuilt around today.", 8000)

    def _connect_context(self) -> None:
        c = self.context
        c.data_changed.connect(self._data_changed)
        c.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        c.view_requested.connect(self.show_view)
        c.contact_selected.connect(self.show_contact)
        c.import_requested.connect(self.open_import_dialog)
        c.prep_sheet_requested.connect(self._open_prep)
        c.find_way_requested.connect(self.find_way_to)
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._scheme_changed)

    # --- views -----------------------------------------------------------------------
    def _add_view(self, key: str, widget: QWidget) -> None:
        self.views[key] = widget
        self.stack.addWidget(widget)

    def _view(self, key: str) -> QWidget:
        if key not in self.views:
            entry = next((v for v in registry.VIEWS if v[0] == key), None)
            if entry is None:
                raise KeyError(f"no view called {key!r}")
            _, label, module, name = entry
            cls = registry.load_class(module, name)
            widget = cls(self.context, self) if cls is not None else placeholder(key, label, self._placeholder_action)
            self._add_view(key, widget)
        return self.views[key]

    def is_empty_database(self) -> bool:
        return self._totals() == (0, 0)

    def show_view(self, key: str) -> None:
        widget = self._view(key)
        self.current_key = key
        self.navigation.select("view", key)
        if key in ("contacts", "today") and self.is_empty_database():
            self.stack.setCurrentWidget(self.welcome)
            return
        self._counts_changed(self._contacts_status)
        if key in self._stale and hasattr(widget, "refresh"):
            widget.refresh()
        self._stale.discard(key)
        self.stack.setCurrentWidget(widget)
        self.hint.show_for(key)

    def current_widget(self) -> QWidget:
        return self.stack.currentWidget()

    def show_smart_list(self, list_id: int) -> None:
        try:
            smart = get_smart_list(list_id)
        except ServiceError as exc:
            QMessageBox.warning(self, "Smart list", as_typed(str(exc)))
            return
        self.show_view("contacts")
        self.navigation.select("smart", list_id)
        self.contacts.apply_smart_list(smart)

    def show_contact(self, contact_id: int) -> None:
        self.show_view("contacts")
        if not self.contacts.select_contact(contact_id):
            self.contacts.clear_filters()
            self.contacts.select_contact(contact_id)

    def _placeholder_action(self, action: str) -> None:
        self.show_view("contacts")
        if action == "upcoming":
            self.contacts.filter_bar.set_filter(ContactFilter(upcoming_meeting=True))
            self.contacts._apply()
        elif action == "gatekeepers":
            self.contacts.filter_bar.set_filter(ContactFilter(gatekeepers=True))
            self.contacts._apply()
        elif action == "by_organization":
            self.contacts.filter_bar.more_button.setChecked(True)
            self.contacts.filter_bar.organization.setFocus()

    def _data_changed(self) -> None:
        self._cached_totals = None
        self._stale.update(k for k in self.views if k != self.current_key)
        widget = self.views.get(self.current_key)
        if self.is_empty_database() and self.current_key in ("contacts", "today"):
            self.stack.setCurrentWidget(self.welcome)
        else:
            if self.stack.currentWidget() is self.welcome and widget is not None:
                self.stack.setCurrentWidget(widget)
            if widget is not None and hasattr(widget, "refresh"):
                widget.refresh()
        if self.current_key != "contacts":
            self.contacts._emit_status()
        self._reload_smart_lists()
        self._update_undo()
        self._update_feature_actions()

    def refresh(self) -> None:
        self._data_changed()
        self.statusBar().showMessage("Refreshed.", 3000)

    def _reload_smart_lists(self) -> None:
        self.navigation.set_smart_lists(list_smart_lists())

    # --- actions ----------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        if self.current_key != "contacts" or self.stack.currentWidget() is not self.contacts:
            if self.is_empty_database():
                return
            self.show_view("contacts")
        self.contacts.set_search_text(text)

    def _set_search_box(self, text: str) -> None:
        self.search.blockSignals(True)
        self.search.setText(text)
        self.search.blockSignals(False)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.search.hasFocus():
            self.search.clear()
            return
        super().keyPressEvent(event)

    def new_contact(self) -> None:
        if self.stack.currentWidget() is self.welcome:
            self.show_view("contacts")
        self.contacts.new_contact()

    def trash_selection(self) -> None:
        if self.stack.currentWidget() is self.contacts:
            self.contacts.trash_selection()

    def select_all(self) -> None:
        if self.stack.currentWidget() is self.contacts:
            self.contacts.table.selectAll()

    def export_selection(self) -> None:
        self.show_view("contacts")
        self.contacts.export_selection()

    def undo(self) -> None:
        try:
            step = undo.undo_last()
        except ServiceError as exc:
            self.statusBar().showMessage(str(exc).capitalize() + ".", 6000)
            return
        self.context.data_changed.emit()
        self.statusBar().showMessage(f"Undone: {step.label}.", 8000)

    def _update_undo(self) -> None:
        step = undo.last_step()
        self.undo_action.setEnabled(step is not None)
        label = step.label if step else ""
        self.undo_action.setText(f"Undo {label[:1].lower() + label[1:]}" if step else "Undo")
        self.undo_action.setToolTip(tip(f"Undo: {label}") if step else "Nothing to undo")

    def _selected_contact(self) -> int:
        return self.contacts.table.current_contact_id() or 0

    def new_meeting(self) -> None:
        self._run_dialog("meeting", contact_id=self._selected_contact() or None, meeting_id=None)

    def prep_sheet(self) -> None:
        self.context.prep_sheet_requested.emit(0, self._selected_contact())

    def find_way_to(self, contact_id: int) -> None:
        """Show the Network view with the warmest path to this person (it waits for its graph)."""
        self.show_view("network")
        self.context.path_requested.emit("person", contact_id)

    def _open_prep(self, meeting_id: int, contact_id: int) -> None:
        ask_for_profile_once(self.context, self, "prep")  # the first sheet prints your name and pitch
        self._run_dialog("prep", meeting_id=meeting_id or None, contact_id=contact_id or None)

    def edit_profile(self) -> None:
        self._run_dialog("profile")

    def _run_dialog(self, key: str, **kwargs: Any) -> None:
        result = open_dialog(key, self.context, self, **kwargs)
        if result is None:
            QMessageBox.information(self, "Not available", unavailable_tooltip(key))
        elif result:
            self.context.data_changed.emit()

    def _demo_started(self, ok: bool) -> None:
        message = ("The demo network opens in its own window in a moment." if ok
                   else "Could not start the demo. From a terminal, run: desktop-crm --demo")
        self.statusBar().showMessage(message, 10000)

    # --- smart lists ---------------------------------------------------------------------
    def rename_smart_list(self, list_id: int) -> None:
        current = get_smart_list(list_id)
        name, ok = QInputDialog.getText(self, "Rename smart list", "New name:", text=current.name)
        if ok:
            try:
                rename_smart_list(list_id, name)
            except ServiceError as exc:
                QMessageBox.warning(self, "Could not rename", as_typed(str(exc)))
            self._reload_smart_lists()

    def delete_smart_list(self, list_id: int) -> None:
        delete_smart_list(list_id)
        self._reload_smart_lists()
        self.statusBar().showMessage("Smart list deleted (the people in it are untouched).", 6000)

    # --- status, theme, drag and drop ------------------------------------------------------
    def _totals(self) -> tuple[int, int]:
        """(live, trashed) contacts, counted once per data change: a filter or a selection
        changes the status line often, and two counts over a million rows cost ~200 ms."""
        if self._cached_totals is None:
            self._cached_totals = contact_counts()
        return self._cached_totals

    def _counts_changed(self, text: str) -> None:
        self._contacts_status = text
        live, trashed = self._totals()
        total = f"{live:,} contacts" + (f" · {trashed:,} in trash" if trashed else "")
        self.counts.setText(f"{text}   |   {total}" if text and self.current_key == "contacts" else total)

    def _scheme_changed(self, *_args: object) -> None:
        self.contacts.detail.show_contact(self.contacts.detail.contact_id)
        self.contacts.table.viewport().update()

    # --- settings -------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = app_settings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        self.contacts.restore_state(settings)
        last = str(settings.value("window/last_view", "contacts"))
        if last not in {key for key, *_ in registry.VIEWS}:
            last = "contacts"
        self.show_view(last)

    def save_settings(self) -> None:
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/last_view", self.current_key or "contacts")
        self.contacts.save_state(settings)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.change_watcher.stop()
        self.save_settings()
        super().closeEvent(event)
