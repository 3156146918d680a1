"""Help > User guide: a short guide shipped with the app, readable offline.

The text is ``resources/guide/user-guide.md``; the keyboard shortcuts are
appended from :mod:`.shortcuts`, the table the window binds, so the guide
never lists a key that does nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..resources import resource_path
from .shortcuts import SHORTCUTS, VIEW_SHORTCUT_PREFIX

GUIDE = ("guide", "user-guide.md")


def guide_markdown() -> str:
    text = resource_path(*GUIDE).read_text(encoding="utf-8").rstrip()
    rows = [f"| {s.text() or s.action} | {s.description} |" for s in SHORTCUTS]
    rows.append(f"| {VIEW_SHORTCUT_PREFIX}1 … {VIEW_SHORTCUT_PREFIX}8 | Switch views, in the order of the list on the left |")
    return text + "\n\n## Keyboard shortcuts\n\n| Keys | What it does |\n|---|---|\n" + "\n".join(rows) + "\n"


class UserGuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuide")
        self.setWindowTitle("Desktop CRM user guide")
        self.resize(720, 640)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(guide_markdown())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
