"""Columns that size to their content within the view's width.

A :class:`ColumnFitter` measures the header labels and the cells of the rows
on screen only (never every row: a table may hold a million), then gives
each column what it needs. Extra room goes to the text columns; when there
is not enough, the text columns give up room in proportion to what they
asked for, never below their header's width, and the fixed ones (a tier
badge, a status, a date) keep theirs. Once the user drags a column edge the
fitter leaves the widths alone until "Reset columns" asks again.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QTreeView,
)

from ..plain_text import tip

CELL_PADDING = 8  # the delegate's own size hint leaves no air between columns
MAX_MEASURED_ROWS = 80


def header_width(view: QAbstractItemView, header: QHeaderView, column: int) -> int:
    """Room the header label needs, with the margins and the sort arrow."""
    text = str(view.model().headerData(column, header.orientation()) or "")
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) if header.isSortIndicatorShown() else 0
    return header.fontMetrics().horizontalAdvance(text) + 4 * margin + arrow + 4


def visible_rows(view: QAbstractItemView) -> list[QModelIndex]:
    """The first-column indexes of the rows on screen (and a few more when hidden)."""
    model = view.model()
    if isinstance(view, QTreeView):
        rows: list[QModelIndex] = []
        index = view.indexAt(view.viewport().rect().topLeft())
        if not index.isValid():
            index = model.index(0, 0)
        while index.isValid() and len(rows) < MAX_MEASURED_ROWS:
            rows.append(index.siblingAtColumn(0))
            index = view.indexBelow(index)
        return rows
    first = max(0, view.rowAt(0)) if isinstance(view, QTableView) else 0
    count = min(MAX_MEASURED_ROWS, model.rowCount() - first)
    return [model.index(first + n, 0) for n in range(max(0, count))]


def cell_width(view: QAbstractItemView, index: QModelIndex) -> int:
    """The width a cell asks for: its delegate's hint, or its text when the hint says less.

    (A hint set only to give rows a height, ``QSize(0, 26)``, says nothing of the width.)
    """
    option = QStyleOptionViewItem()
    option.font = view.font()
    option.fontMetrics = view.fontMetrics()
    delegate = view.itemDelegateForIndex(index)
    width = delegate.sizeHint(option, index).width()
    text = index.data()
    if isinstance(text, str) and text:
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font) if isinstance(font, QFont) else view.fontMetrics()
        longest = max(text.split("\n"), key=len)
        margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        width = max(width, metrics.horizontalAdvance(longest) + 2 * margin)  # as Qt's own delegate
    if isinstance(view, QTreeView) and index.column() == 0:
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width += view.indentation() * (depth + (1 if view.rootIsDecorated() else 0))
    return width + CELL_PADDING


def fit_widths(wanted: dict[int, int], floor: dict[int, int], flexible: set[int], available: int,
               keep: set[int] = frozenset()) -> dict[int, int]:
    """Widths that fill ``available``: extra to the flexible columns, or taken from them.

    Columns in ``keep`` (a name) give up room only after the other flexible
    ones reached their floor. Pure arithmetic, so it is tested without a window.
    """
    widths = dict(wanted)
    total = sum(widths.values())
    stretchy = [c for c in widths if c in flexible] or list(widths)
    if total <= available:
        extra = available - total
        share = sum(wanted[c] for c in stretchy) or 1
        for c in stretchy:
            widths[c] += extra * wanted[c] // share
        return widths
    deficit = total - available
    for group in ([c for c in stretchy if c not in keep], [c for c in stretchy if c in keep]):
        slack = {c: max(0, widths[c] - floor.get(c, 0)) for c in group}
        room = sum(slack.values())
        if room == 0 or deficit <= 0:
            continue
        take = min(deficit, room)
        for c in group:
            cut = min(slack[c], -(-take * slack[c] // room))
            widths[c] -= cut
            deficit -= cut
    return widths


class ColumnFitter(QObject):
    """Keeps ``view``'s columns fitted to content and width until the user resizes one."""

    def __init__(self, view: QAbstractItemView, flexible: Iterable[int] | None = None,
                 minimum: int = 60, header: QHeaderView | None = None, keep: Iterable[int] = ()) -> None:
        super().__init__(view)
        self.keep = set(keep)
        self.view = view
        self.header = header or (view.horizontalHeader() if isinstance(view, QTableView) else view.header())
        self.flexible = set(flexible) if flexible is not None else None
        self.minimum = minimum
        self.user_sized = False
        self._fitting = False
        self.header.setStretchLastSection(False)
        self.header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.header.sectionResized.connect(self._resized_by_user)
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.fit)
        self._viewport = view.viewport()  # compared by identity: the view may be mid-destruction
        self._viewport.installEventFilter(self)
        self.tips = ElidedTextTips(view)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.schedule)

    def schedule(self, *_args: object) -> None:
        self._timer.start()

    def reset(self) -> None:
        """Fit again from scratch (the "Reset columns" command)."""
        self.user_sized = False
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._viewport and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.schedule()
        return False

    def _resized_by_user(self, *_args: object) -> None:
        dragging = QGuiApplication.mouseButtons() & Qt.MouseButton.LeftButton
        if not self._fitting and self.header.underMouse() and dragging:
            self.user_sized = True

    def fit(self) -> None:
        if self.user_sized or self.view.model() is None:
            return
        columns = [c for c in range(self.header.count()) if not self.header.isSectionHidden(c)]
        if not columns:
            return
        rows = visible_rows(self.view)
        heads = {c: header_width(self.view, self.header, c) for c in columns}
        wanted = {}
        for c in columns:
            cells = [cell_width(self.view, r.siblingAtColumn(c)) for r in rows]
            wanted[c] = max([heads[c], self.minimum, *cells])
        flexible = set(columns) if self.flexible is None else self.flexible & set(columns)
        floor = {c: max(self.minimum, heads[c]) for c in columns}
        widths = fit_widths(wanted, floor, flexible, self.view.viewport().width(), self.keep)
        self._fitting = True
        try:
            for c, width in widths.items():
                self.header.resizeSection(c, width)
        finally:
            self._fitting = False


def is_elided(view: QAbstractItemView, index: QModelIndex) -> bool:
    """True when the cell's text needs more room than its column gives it."""
    return cell_width(view, index) - CELL_PADDING > view.visualRect(index).width()


class ElidedTextTips(QObject):
    """Hovering a cell whose text is cut short shows the whole text in a tooltip.

    A cell with its own tooltip keeps it; installed by every :class:`ColumnFitter`.
    """

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)
        view.setProperty("elidedTextTips", True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False  # (touches nothing else: the view may be mid-destruction)
        index = self.view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False
        text = index.data()
        if isinstance(text, str) and text and is_elided(self.view, index):
            QToolTip.showText(event.globalPos(), tip(text), self.view.viewport(), self.view.visualRect(index))
            return True
        return False
