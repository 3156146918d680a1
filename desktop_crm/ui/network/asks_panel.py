"""The "Ask next" page: for each target, the person you know who can introduce you.

It shows plain data from :func:`desktop_crm.services.network.introductions_to_ask`;
choosing one draws its path on the map (the view listens to ``ask_selected``)
and shows the three-sentence email to copy.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.network.asks import IntroductionAsk
from ..plain_text import tip
from ..widgets.theme import heading_font, set_muted

EMPTY = (
    "Nothing to ask yet. Mark the people you want to meet as Target (or an organization as a "
    "target), and record who knows them: import a friend's shared export as \u201csomeone else's "
    "contacts\u201d, or add relationships. The best person to ask appears here."
)


class AsksPanel(QWidget):
    ask_selected = Signal(int)  # index into ``asks``

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.asks: list[IntroductionAsk] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(6)
        title = QLabel("Introductions to ask for")
        title.setFont(heading_font(self, 1.15))
        self.explain = QLabel(EMPTY)
        self.explain.setWordWrap(True)
        set_muted(self.explain)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        self.email = QPlainTextEdit()
        self.email.setReadOnly(True)
        self.copy_button = QPushButton("Copy email")
        self.copy_button.setToolTip("Copy the draft introduction request to the clipboard")
        for widget in (title, self.explain, self.list, self.why, self.email, self.copy_button):
            layout.addWidget(widget)
        self.list.currentRowChanged.connect(self._chosen)
        self.copy_button.clicked.connect(self.copy_email)
        self.show_asks([])

    def show_asks(self, asks: list[IntroductionAsk]) -> None:
        self.asks = list(asks)
        self.list.blockSignals(True)
        self.list.clear()
        for ask in self.asks:
            item = QListWidgetItem(f"{ask.target}: ask {ask.introducer.name}")
            item.setToolTip(tip(ask.path.describe()))
            self.list.addItem(item)
        self.list.blockSignals(False)
        found = bool(self.asks)
        self.explain.setText(
            "Best first: the warmest way in, and bridges who know people there. "
            "Choose one to see its path on the map." if found else EMPTY)
        for widget in (self.list, self.why, self.email, self.copy_button):
            widget.setVisible(found)
        if found:
            self.list.setCurrentRow(0)

    def _chosen(self, row: int) -> None:
        if not 0 <= row < len(self.asks):
            return
        ask = self.asks[row]
        self.why.setText(f"{ask.path.describe()}\nWhy {ask.introducer.name}: {ask.why}.")
        self.email.setPlainText(f"Subject: {ask.email_subject}\n\n{ask.email_body}".strip())
        self.ask_selected.emit(row)

    def copy_email(self) -> None:
        QGuiApplication.clipboard().setText(self.email.toPlainText())
