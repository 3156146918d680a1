"""Long text shown lazily: one widget never lays out more than a screenful.

Qt lays out a label's whole text, wrapped, whenever it is shown or resized:
about five seconds per megabyte. A note pasted from a long document (or
imported from a file) would freeze the window each time its person is
selected. Labels therefore get a :func:`preview` (the first lines, at most
:data:`PREVIEW_CHARS` characters) with a link to :class:`LongTextViewer`,
which shows the whole text one part of :data:`PART_CHARS` at a time.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PREVIEW_CHARS = 1_500
PREVIEW_LINES = 12
PART_CHARS = 100_000
ONE_LINE_CHARS = 300  # a table cell or a tooltip


def preview(text: str, chars: int = PREVIEW_CHARS, lines: int = PREVIEW_LINES) -> tuple[str, bool]:
    """The start of ``text`` a label can lay out at once, and whether some was left out."""
    head = text[:chars]
    cut = len(text) > chars
    parts = head.split("\n", lines)
    if len(parts) > lines:
        head, cut = "\n".join(parts[:lines]), True
    return head, cut


def one_line(text: str, chars: int = ONE_LINE_CHARS) -> str:
    """At most ``chars`` characters for a cell or a tooltip (with … when cut)."""
    return text if len(text) <= chars else text[: chars - 1] + "…"


def size_words(text: str) -> str:
    """How long a text is, said for a person ('12,400 characters', '3.1 MB')."""
    size = len(text.encode("utf-8", "surrogatepass"))
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{len(text):,} characters"


def parts(text: str, size: int = PART_CHARS) -> list[tuple[int, int]]:
    """(start, end) of each part, cut after a line end where one is near."""
    spans, start = [], 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            newline = text.rfind("\n", start + size // 2, end)
            if newline != -1:
                end = newline + 1
        spans.append((start, end))
        start = end
    return spans or [(0, 0)]


class LongTextViewer(QDialog):
    """The whole of a long text, read-only, one part at a time."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(760, 560)
        self.text = text
        self.spans = parts(text)
        self.index = 0
        self.edit = QPlainTextEdit()
        self.edit.setReadOnly(True)
        self.edit.setFont(QFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)))
        self.where = QLabel()
        self.previous_button = QPushButton("◀ Previous part")
        self.next_button = QPushButton("Next part ▶")
        self.previous_button.clicked.connect(lambda: self.show_part(self.index - 1))
        self.next_button.clicked.connect(lambda: self.show_part(self.index + 1))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for widget in (self.previous_button, self.where, self.next_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit, 1)
        layout.addLayout(row)
        self.show_part(0)

    def show_part(self, index: int) -> None:
        self.index = max(0, min(index, len(self.spans) - 1))
        start, end = self.spans[self.index]
        self.edit.setPlainText(self.text[start:end])
        many = len(self.spans) > 1
        self.where.setText(f"Part {self.index + 1} of {len(self.spans):,} · "
                           f"{size_words(self.text)}" if many else size_words(self.text))
        self.previous_button.setVisible(many)
        self.next_button.setVisible(many)
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.spans) - 1)
