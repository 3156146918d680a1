"""Help > About: the version, the app's licence, and every bundled component's licence.

The component list comes from :mod:`desktop_crm.licences` (package metadata,
or the list a bundle's build wrote), so it names what is really shipped.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import appinfo, logs
from ..licences import Component, components


def about_html(db_path: Path | None) -> str:
    qt = QLibraryInfo.version().toString()
    lines = [
        f"<h2>{appinfo.NAME} {appinfo.VERSION}</h2>",
        "<p>A private, offline personal CRM for finding your next job through people: "
        "contacts, warm introductions and informational interviews.</p>",
        f"<p>Free software under the {appinfo.LICENSE} licence. It is built on Qt {qt} "
        "(LGPL-3.0) through PySide6, and on the open-source components listed under "
        "<i>Licences</i>.</p>",
    ]
    if db_path is not None:
        lines.append(f"<p>Database: <code>{db_path}</code></p>")
    lines.append(f"<p>Log: <code>{logs.log_path()}</code></p>")
    return "\n".join(lines)


def component_text(item: Component) -> str:
    parts = [f"{item.name} {item.version}", f"Licence: {item.licence}"]
    if item.url:
        parts.append(item.url)
    if item.notice:
        parts.append("\n" + item.notice)
    for name, text in item.texts:
        parts.append(f"\n——— {name} ———\n\n{text.strip()}")
    if not item.texts and not item.notice:
        parts.append("\n(The package ships no separate licence text; its licence is named above.)")
    return "\n".join(parts)


class AboutDialog(QDialog):
    """Two tabs: what the app is, and the licences of what it is made of."""

    def __init__(self, db_path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"About {appinfo.NAME}")
        self.resize(760, 540)
        self.tabs = QTabWidget()
        about = QLabel(about_html(db_path))
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.RichText)
        about.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        about.setAlignment(Qt.AlignmentFlag.AlignTop)
        about.setMargin(12)
        self.tabs.addTab(about, "About")
        self.components = components()
        self.list = QListWidget()
        self.list.setObjectName("licenceList")
        for item in self.components:
            self.list.addItem(f"{item.name} — {item.licence}")
        self.text = QPlainTextEdit()
        self.text.setObjectName("licenceText")
        self.text.setReadOnly(True)
        self.list.currentRowChanged.connect(self._show)
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(self.text)
        split.setSizes([260, 480])
        self.tabs.addTab(split, "Licences")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.list.setCurrentRow(0)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.components):
            self.text.setPlainText(component_text(self.components[row]))

    def show_component(self, name: str) -> bool:
        """Select a component by name (the Licences tab); False when it is not listed."""
        for row, item in enumerate(self.components):
            if item.name.lower() == name.lower():
                self.tabs.setCurrentIndex(1)
                self.list.setCurrentRow(row)
                return True
        return False
