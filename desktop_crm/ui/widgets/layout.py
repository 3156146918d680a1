"""The few layout shapes every view repeats, so they stay alike across the app.

A view page has the same margins everywhere; list-beside-detail views use a
splitter whose panes cannot be collapsed to nothing; side panels scroll
without a frame of their own.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QVBoxLayout, QWidget

PAGE_MARGINS = (12, 10, 12, 10)
PAGE_SPACING = 8


def page_layout(page: QWidget, spacing: int = PAGE_SPACING) -> QVBoxLayout:
    """The vertical layout of a view page, with the app's page margins."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(*PAGE_MARGINS)
    layout.setSpacing(spacing)
    return layout


def side_by_side(left: QWidget, right: QWidget, stretch: tuple[int, int] = (3, 2),
                 sizes: Sequence[int] = ()) -> QSplitter:
    """A horizontal splitter, list on the left and detail on the right; neither
    pane can be dragged shut (a collapsed pane looks like a missing feature)."""
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    if sizes:
        splitter.setSizes(list(sizes))
    return splitter


def scroll_area(body: QWidget | None = None) -> QScrollArea:
    """A frameless scroll area that resizes its widget (``body``, when given)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    if body is not None:
        scroll.setWidget(body)
    return scroll


def scrolling_column(margins: tuple[int, int, int, int], spacing: int) -> tuple[QScrollArea, QVBoxLayout]:
    """A scrolling panel and the column inside it to fill (side panels, details)."""
    body = QWidget()
    column = QVBoxLayout(body)
    column.setContentsMargins(*margins)
    column.setSpacing(spacing)
    return scroll_area(body), column
