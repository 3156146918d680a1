"""The main window's chrome: its actions, toolbar, menus and Help dialogs.

Kept apart from :mod:`desktop_crm.ui.main_window` (which holds what the
window *does*) because this is the long, declarative part: what each action
is called, its shortcut and tooltip, and where it appears. The mixin only
builds; every slot it connects lives on the window.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QToolBar

from . import registry
from .backups.dialog import add_backups_action
from .encryption.dialog import add_encryption_action
from .shortcuts import VIEW_SHORTCUT_PREFIX, ShortcutsDialog, by_action
from .widgets.feature_dialogs import available, unavailable_tooltip
from .window_help import WindowHelpMixin


class WindowChromeMixin(WindowHelpMixin):
    """Actions, toolbar and menus for :class:`~desktop_crm.ui.main_window.MainWindow`."""

    # --- building --------------------------------------------------------------------
    def _action(self, name: str, text: str, slot, shortcut: bool = True) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(lambda _=False: slot())
        if shortcut:
            info = by_action(name)
            action.setShortcut(info.sequence())
            action.setStatusTip(info.description)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.find_action = self._action("find", "Find…", self.focus_search)
        self.new_contact_action = self._action("new_contact", "New contact", self.new_contact)
        self.new_contact_action.setToolTip("Add a person (Ctrl+N)")
        self.trash_action = self._action("trash", "Move to trash", self.trash_selection)
        self.undo_action = self._action("undo", "Undo", self.undo)
        self.refresh_action = self._action("refresh", "Refresh", self.refresh)
        self.select_all_action = self._action("select_all", "Select all", self.select_all)
        self.import_action = self._action("import", "Import…", self.choose_import_file)
        self.export_action = self._action("export", "Export selection…", self.export_selection)
        self.quit_action = self._action("quit", "Quit", self.close)
        self.new_meeting_action = self._action("new_meeting", "New meeting", self.new_meeting, shortcut=False)
        self.prep_action = self._action("prep", "Prep sheet", self.prep_sheet, shortcut=False)
        self.profile_action = self._action("profile", "Your profile…", self.edit_profile, shortcut=False)
        for action, key in ((self.new_meeting_action, "meeting"), (self.prep_action, "prep"),
                            (self.profile_action, "profile"), (self.import_action, "import")):
            action.setProperty("dialog_key", key)
        self._update_feature_actions()

    def _update_feature_actions(self) -> None:
        tips = {"meeting": "Plan an informational interview with the selected person",
                "prep": "Preview and print a briefing for the selected person's next meeting",
                "profile": "Your pitch, target roles and objectives",
                "import": "Import contacts from a file (Ctrl+I)"}
        for action in (self.new_meeting_action, self.prep_action, self.profile_action, self.import_action):
            key = action.property("dialog_key")
            ok = available(key)
            action.setEnabled(ok)
            action.setToolTip(tips[key] if ok else unavailable_tooltip(key))

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setIconSize(QSize(18, 18))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search people — name, organization, title, email, notes")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(340)
        self.search.setMaximumWidth(480)
        self.search.setToolTip("Search as you type (Ctrl+F); Esc clears")
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(lambda: self.contacts.table.setFocus())
        bar.addWidget(self.search)
        bar.addSeparator()
        for action in (self.new_contact_action, self.new_meeting_action, self.import_action, self.prep_action):
            bar.addAction(action)
        self.addToolBar(bar)
        self.toolbar = bar

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        for action in (self.import_action, self.export_action):
            file_menu.addAction(action)
        self._add_recent_imports_menu(file_menu)
        file_menu.addSeparator()
        self.server_action = file_menu.addAction("Open a server database…", self.choose_server_database)
        self.server_action.setToolTip("Work on a PostgreSQL database several machines share")
        self.local_action = file_menu.addAction("Use the local database file", self.use_local_database)
        self.local_action.setEnabled(bool(self.server_url))
        file_menu.addSeparator()
        self.backups_action = add_backups_action(self, file_menu, self.context)
        self.encryption_action = add_encryption_action(self, file_menu, self.context)
        file_menu.addSeparator()
        file_menu.addAction(self.profile_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit = menu.addMenu("&Edit")
        for action in (self.undo_action, None, self.new_contact_action, self.trash_action,
                       self.select_all_action, None, self.find_action):
            edit.addSeparator() if action is None else edit.addAction(action)
        view = menu.addMenu("&View")
        view.addAction(self.refresh_action)
        view.addMenu(self.contacts.table.column_actions_menu(self))
        view.addSeparator()
        for number, (key, label, _, _) in enumerate(registry.VIEWS, start=1):
            action = QAction(label, self)
            action.setShortcut(QKeySequence(f"{VIEW_SHORTCUT_PREFIX}{number}"))
            action.triggered.connect(lambda _=False, k=key: self.show_view(k))
            view.addAction(action)
            self.addAction(action)
        help_menu = menu.addMenu("&Help")
        self.guide_action = help_menu.addAction("User guide", self.show_guide)
        self.guide_action.setShortcut("F1")
        help_menu.addAction("Keyboard shortcuts", self.show_shortcuts)
        self._add_help_actions(help_menu)
        if self.is_demo:
            help_menu.addSeparator()
            self.rebuild_demo_action = help_menu.addAction(
                "Rebuild the demo network around today", self.rebuild_demo)

    # --- help ---------------------------------------------------------------------------
    def show_guide(self) -> None:
        """The user guide (resources/guide/user-guide.md and the live shortcuts), kept on top until closed."""
        from .user_guide import UserGuideDialog

        self.guide = UserGuideDialog(self)
        self.guide.setModal(True)
        self.guide.show()

    def show_shortcuts(self) -> None:
        ShortcutsDialog([label for _, label, _, _ in registry.VIEWS], self).exec()
