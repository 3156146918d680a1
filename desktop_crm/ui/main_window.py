"""The main window (placeholder until the main-window issue builds the full one)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from ..services.contacts import count_contacts


class MainWindow(QMainWindow):
    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.setWindowTitle(f"Desktop CRM — {db_path.name}")
        label = QLabel(f"{count_contacts()} contacts in {db_path}")
        label.setMargin(24)
        self.setCentralWidget(label)
        self.resize(1100, 720)

    def open_import(self, file: Path) -> None:
        QMessageBox.information(
            self,
            "Import",
            f"Importing {file.name} from the window arrives with the import feature. "
            f"Meanwhile run: desktop-crm import \"{file}\"",
        )

    def bring_forward(self, file: Path | None) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()
        if file is not None:
            self.open_import(file)
