"""One card of the Today view: a heading with a count, and rows of things to do.

Each row is a name (a link to the person), a muted line of detail, and the
buttons that act on it. A section with no rows hides itself; a long one
shows its first few rows and a "Show all" toggle; rows that can wait (old
thank-yous) sit under a collapsed line at the foot.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..plain_text import tip as plain_tip
from ..widgets.theme import heading_font, is_dark, pick, set_muted

Button = tuple[str, Callable[[], None], str]  # (label, action, tooltip)
VISIBLE_ROWS = 5


class TodayRow(QWidget):
    """A person or meeting to act on."""

    def __init__(self, title_html: str, detail: str, buttons: list[Button], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(title_html)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.detail = QLabel(detail)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        set_muted(self.detail)
        text = QVBoxLayout()
        text.setSpacing(1)
        text.addWidget(self.title)
        text.addWidget(self.detail)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 6, 0, 6)
        row.addLayout(text, 1)
        self.buttons: dict[str, QPushButton] = {}
        for label, action, tip in buttons:
            button = QPushButton(label)
            button.setToolTip(plain_tip(tip))
            button.clicked.connect(lambda _=False, action=action: action())
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self.buttons[label] = button


class Separator(QWidget):
    """A hairline between rows in the text colour, faint, so it suits light and dark schemes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(1)

    def paintEvent(self, _event: QPaintEvent) -> None:
        colour = QColor(self.palette().color(QPalette.ColorRole.Text))
        colour.setAlpha(45)
        QPainter(self).fillRect(self.rect(), colour)


def link_colour(palette: QPalette) -> QColor:
    """The palette's link colour, lightened when a dark scheme leaves it too dark to read."""
    colour = palette.color(QPalette.ColorRole.Link)
    if is_dark(palette) and colour.lightness() < 140:
        colour = QColor(pick(("#1a5fb4", "#8ab4f8"), palette))
    return colour


def person_link(contact_id: int, name: str, extra: str = "") -> str:
    """Rich text: the name as a link (``contact:ID``) and plain extra text after it."""
    tail = f" <span>— {escape(extra)}</span>" if extra else ""
    colour = link_colour(QApplication.palette()).name()
    style = f"text-decoration:none; color:{colour}"
    link = f'<a href="contact:{contact_id}" style="{style}">{escape(name or "(no name)")}</a>'
    return f"<b>{link}</b>{tail}"


class CollapsedGroup(QWidget):
    """A line at the foot of a section that opens to rows kept out of the way.

    Used for thank-yous owed for meetings more than a week ago: still worth
    sending, but not mixed with today's. Closed until clicked.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QToolButton()
        self.toggle.setObjectName("group_toggle")
        self.toggle.setAutoRaise(True)  # flat: a line of text, not a pressed button, open or closed
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setCursor(Qt.CursorShape.PointingHandCursor)
        self.toggle.clicked.connect(lambda: self._opened(not self._open))
        self._open = False
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(18, 0, 0, 0)
        self.body_layout.setSpacing(0)
        self.body.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(Separator())
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.body)
        self.rows: list[TodayRow] = []

    def set_rows(self, rows: list[TodayRow], label: str) -> None:
        for old in self.rows:
            old.setParent(None)
            old.deleteLater()
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.rows = rows
        for index, row in enumerate(rows):
            if index:
                self.body_layout.addWidget(Separator())
            self.body_layout.addWidget(row)
        self.toggle.setText(label)
        self.setVisible(bool(rows))

    def _opened(self, open_: bool) -> None:
        self._open = open_
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.body.setVisible(open_)


class TodaySection(QFrame):
    """A titled card; ``set_rows`` fills it, and it hides when there is nothing to show."""

    link_activated = Signal(str)

    def __init__(self, key: str, title: str, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"section_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.heading = QLabel(title)
        self.heading.setFont(heading_font(self, 1.12))
        self.count = QLabel()
        set_muted(self.count)
        self.explanation = QLabel(explanation)
        self.explanation.setWordWrap(True)
        set_muted(self.explanation)
        self.more = QPushButton()
        self.more.setFlat(True)
        self.more.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more.clicked.connect(self._toggle)
        self.expanded = False
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addWidget(self.count)
        head.addStretch(1)
        head.addWidget(self.more)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.addLayout(head)
        layout.addWidget(self.explanation)
        layout.addLayout(self.rows_layout)
        self.group = CollapsedGroup()
        self.group.hide()
        layout.addWidget(self.group)
        self.rows: list[TodayRow] = []

    def set_rows(self, rows: list[TodayRow], later: list[TodayRow] = (), later_label: str = "") -> None:
        """The rows to act on now; ``later`` ones go under a collapsed ``later_label`` line."""
        self._set_main_rows(rows)
        for row in later:
            row.title.linkActivated.connect(self.link_activated.emit)
        self.group.set_rows(list(later), later_label)
        total = len(rows) + len(later)
        self.count.setText(f"({total})")
        self.setVisible(bool(total))

    def _set_main_rows(self, rows: list[TodayRow]) -> None:
        for old in self.rows:
            old.setParent(None)
            old.deleteLater()
        while self.rows_layout.count():
            item = self.rows_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.rows = rows
        for index, row in enumerate(rows):
            if index:
                self.rows_layout.addWidget(Separator())
            row.title.linkActivated.connect(self.link_activated.emit)
            self.rows_layout.addWidget(row)
        self._apply_limit()

    def _toggle(self) -> None:
        self.expanded = not self.expanded
        self._apply_limit()

    def _apply_limit(self) -> None:
        limit = len(self.rows) if self.expanded else VISIBLE_ROWS
        for index in range(self.rows_layout.count()):
            widget = self.rows_layout.itemAt(index).widget()
            # rows sit at even positions, separators at odd ones
            row_number = (index + 1) // 2
            widget.setVisible(row_number < limit)
        hidden = len(self.rows) - VISIBLE_ROWS
        self.more.setVisible(hidden > 0)
        self.more.setText("Show fewer" if self.expanded else f"Show all {len(self.rows)}")

    def row_titles(self) -> list[str]:
        """Plain names of the rows (for tests and accessibility)."""
        out = []
        for row in self.rows:
            doc = QTextDocument()
            doc.setHtml(row.title.text())
            out.append(doc.toPlainText())
        return out
