"""The side panel's pages, chosen with buttons that wrap onto two rows.

A tab bar would cut six titles to "Gatekeep…" in the 350 pixels beside the
map at the default window size; buttons in rows keep every title whole.
It is still a :class:`QTabWidget` (its own bar hidden), so the view uses
the usual ``currentWidget``/``setCurrentWidget``/``currentChanged``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

PER_ROW = 3


class SideTabs(QWidget):
    """A QTabWidget whose titles are a grid of toggle buttons above the pages."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = QTabWidget()
        self.pages.tabBar().hide()
        self.pages.setDocumentMode(True)
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 4)
        self._grid.setSpacing(4)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._group.idClicked.connect(self.pages.setCurrentIndex)
        self.pages.currentChanged.connect(self._sync)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self._grid)
        layout.addWidget(self.pages, 1)
        # The view talks to this as to a QTabWidget.
        self.currentChanged = self.pages.currentChanged
        self.currentWidget = self.pages.currentWidget
        self.setCurrentWidget = self.pages.setCurrentWidget
        self.currentIndex = self.pages.currentIndex
        self.setCurrentIndex = self.pages.setCurrentIndex
        self.count = self.pages.count
        self.widget = self.pages.widget
        self.indexOf = self.pages.indexOf

    def addTab(self, widget: QWidget, title: str) -> int:  # noqa: N802 - QTabWidget's name
        index = self.pages.addTab(widget, title)
        button = QToolButton()
        button.setText(title)
        button.setCheckable(True)
        button.setAutoRaise(False)
        button.setMinimumHeight(26)
        button.setSizePolicy(button.sizePolicy().horizontalPolicy().Expanding,
                             button.sizePolicy().verticalPolicy())
        self._group.addButton(button, index)
        self._grid.addWidget(button, index // PER_ROW, index % PER_ROW)
        if index == self.pages.currentIndex():
            button.setChecked(True)
        return index

    def button(self, index: int) -> QToolButton:
        return self._group.button(index)  # type: ignore[return-value]

    def tabText(self, index: int) -> str:  # noqa: N802 - QTabWidget's name
        return self.pages.tabText(index)

    def _sync(self, index: int) -> None:
        button = self._group.button(index)
        if button is not None:
            button.setChecked(True)
