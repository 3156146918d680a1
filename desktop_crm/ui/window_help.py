"""The window's Help menu (user guide, About) and File > Recent imports.

A mixin of small builders and slots, kept apart from the chrome so the menus
stay declarative there.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from .about import AboutDialog
from .recent_imports import RecentImportsMenu


class WindowHelpMixin:
    """Help > User guide / About, and File > Recent imports, for the main window."""

    def _add_recent_imports_menu(self, file_menu: QMenu) -> None:
        self.recent_imports_menu = RecentImportsMenu(self.context.import_requested.emit, self)
        file_menu.addMenu(self.recent_imports_menu)

    def _add_help_actions(self, help_menu: QMenu) -> None:
        # One "User guide" entry: the chrome's (F1) is the one.
        self.user_guide_action = self.guide_action
        self.user_guide_action.setObjectName("user_guide")
        self.about_action = help_menu.addAction("About Desktop CRM", self.show_about)
        self.about_action.setObjectName("about")

    def show_about(self) -> None:
        AboutDialog(self.db_path, self).exec()
