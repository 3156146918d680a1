"""How files reach the main window's import: menu, drag and drop, a second launch.

Every way ends in ``context.import_requested``, which the window answers by
queueing the file (:mod:`.import_queue`): the import dialog (or, in a copy
without it, the command to run) opens once the event that brought the file
has been handled, one file after another.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from .import_queue import ImportQueue
from .recent_imports import remember_import
from .widgets.feature_dialogs import available

IMPORT_FILTER = "Contact files (*.csv *.vcf *.vcard *.txt *.zip);;All files (*)"


class WindowImportsMixin:
    """File-in handling for :class:`~desktop_crm.ui.main_window.MainWindow`."""

    def choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import contacts", str(Path.home()), IMPORT_FILTER)
        if path:
            self.context.import_requested.emit(path)

    def open_import(self, file: Path) -> None:
        """A file double-clicked, dropped, or handed over by a second launch."""
        self.context.import_requested.emit(str(file))

    @property
    def import_queue(self) -> ImportQueue:
        queue = getattr(self, "_import_queue", None)
        if queue is None:
            queue = self._import_queue = ImportQueue(self._show_import_dialog, self)
        return queue

    def open_import_dialog(self, path: str) -> None:
        """Queue ``path``: its dialog opens after the current event, after any before it."""
        self.import_queue.add(str(path))

    def _show_import_dialog(self, path: str) -> None:
        remember_import(path)
        if not available("import"):
            QMessageBox.information(
                self, "Import",
                f"This copy of Desktop CRM cannot import from the window. From a terminal, run:\n\n"
                f"desktop-crm import \"{path}\"",
            )
            return
        self._run_dialog("import", path=path)

    def bring_forward(self, file: Path | None) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()
        if file is not None:
            self.open_import(file)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        for file in files:  # queued: one dialog after another, each showing what it will do
            self.open_import(file)

