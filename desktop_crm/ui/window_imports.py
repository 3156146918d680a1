"""How files reach the main window's import: menu, drag and drop, a second launch.

Every way ends in ``context.import_requested``, which the window answers
with the import dialog (or, in a copy without it, the command to run).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from .widgets.feature_dialogs import available

IMPORT_FILTER = "Contact files (*.csv *.vcf *.vcard *.txt);;All files (*)"


class WindowImportsMixin:
    """File-in handling for :class:`~desktop_crm.ui.main_window.MainWindow`."""

    def choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import contacts", str(Path.home()), IMPORT_FILTER)
        if path:
            self.context.import_requested.emit(path)

    def open_import(self, file: Path) -> None:
        """A file double-clicked, dropped, or handed over by a second launch."""
        self.context.import_requested.emit(str(file))

    def open_import_dialog(self, path: str) -> None:
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
        for file in files[:1]:  # one import at a time; the dialog shows what it will do
            QTimer.singleShot(0, lambda f=file: self.open_import(f))

