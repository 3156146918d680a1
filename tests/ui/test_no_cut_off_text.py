"""Every view at the default 1280x800 on the demo network shows its text whole.

The walk looks at the views' own widgets: labels, buttons, combo boxes, tab
titles, header sections and the cells on screen. A cell may be cut short only
when hovering it shows the whole text (the view installs ElidedTextTips or the
cell has its own tooltip); long text elsewhere must wrap.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTreeView,
    QWidget,
)

from desktop_crm.ui import registry
from desktop_crm.ui.main_window import MainWindow
from desktop_crm.ui.widgets.columns import is_elided, visible_rows

SLACK = 2  # pixels of rounding between a font's advance and a widget's width


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.isVisible() and widget.width() > 0 and not widget.visibleRegion().isEmpty()


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text or label.wordWrap() or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    if label.textFormat() == Qt.TextFormat.RichText or (text.lstrip().startswith("<") and ">" in text):
        return None  # rich text labels in the views wrap or are single links
    shown = text.replace("&&", "\0").replace("&", "").replace("\0", "&")  # mnemonics are not drawn
    needed = max(QFontMetrics(label.font()).horizontalAdvance(line) for line in shown.split("\n"))
    if needed > label.contentsRect().width() + SLACK:
        return f"label {text!r} needs {needed}px, has {label.contentsRect().width()}px"
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    if not button.text():
        return None
    if button.sizeHint().width() > button.width() + SLACK:
        return f"button {button.text()!r} needs {button.sizeHint().width()}px, has {button.width()}px"
    return None


def _combo_problem(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text or combo.isEditable():
        return None
    needed = QFontMetrics(combo.font()).horizontalAdvance(text)
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    room = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    ).width()
    if needed > room + SLACK:
        return f"combo box {text!r} needs {needed}px, has about {room}px"
    return None


def _tab_problems(bar: QTabBar) -> list[str]:
    problems = []
    for i in range(bar.count()):
        rect = bar.tabRect(i)
        if rect.isEmpty() or not bar.rect().contains(rect.center()):
            continue  # scrolled out of the bar: reached with the arrows
        needed = QFontMetrics(bar.font()).horizontalAdvance(bar.tabText(i)) + 12
        if needed > rect.width() + SLACK:
            problems.append(f"tab {bar.tabText(i)!r} needs {needed}px, has {rect.width()}px")
    return problems


def _header_problems(view: QAbstractItemView, header: QHeaderView) -> list[str]:
    """A header label cut by its section or by the edge of the view."""
    problems = []
    model = view.model()
    metrics = QFontMetrics(header.font())
    for section in range(header.count()):
        start = header.sectionViewportPosition(section)
        if header.isSectionHidden(section) or start >= header.width():
            continue
        shown = min(start + header.sectionSize(section), header.width()) - max(start, 0)
        text = str(model.headerData(section, header.orientation()) or "")
        if text and metrics.horizontalAdvance(text) + 8 > shown + SLACK:
            problems.append(f"header {text!r} shows {shown}px")
    return problems


def _wrapped_height(view: QAbstractItemView, index: QModelIndex, width: int) -> int:
    metrics = QFontMetrics(index.data(Qt.ItemDataRole.FontRole) or view.font())
    flags = int(Qt.TextFlag.TextWordWrap)
    return metrics.boundingRect(0, 0, max(1, width), 100000, flags, str(index.data() or "")).height()


def _cell_problems(view: QAbstractItemView) -> list[str]:
    """Cells cut by their column (with no tooltip to read them), by the view's edge, or wrapped too short."""
    problems = []
    tips = bool(view.property("elidedTextTips"))
    viewport = view.viewport().rect()
    header = view.header() if isinstance(view, QTreeView) else getattr(view, "horizontalHeader", lambda: None)()
    columns = header.count() if header is not None else 1
    for row in visible_rows(view):
        for column in range(columns):
            index: QModelIndex = row.siblingAtColumn(column)
            rect = view.visualRect(index)
            if rect.isEmpty() or not viewport.intersects(rect) or not isinstance(index.data(), str) or not index.data():
                continue
            shown = rect.intersected(viewport)
            if shown.width() < rect.width() - SLACK:
                problems.append(f"cell {index.data()!r} cut by the edge of the view")
            elif isinstance(view, QTreeView) and view.wordWrap() and index.column() == 0 and (
                "\n" in index.data() or len(index.data()) > 30
            ):
                if _wrapped_height(view, index, rect.width() - 12) > rect.height() + SLACK:
                    problems.append(f"cell {index.data()!r} wraps past its row")
            elif is_elided(view, index) and not (tips or index.data(Qt.ItemDataRole.ToolTipRole)):
                problems.append(f"cell {index.data()!r} cut to {rect.width()}px")
    return problems


def cut_off_text(root: QWidget) -> list[str]:
    """Every piece of visible text under ``root`` that does not fit and has no way to read it whole."""
    problems: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _shown(widget, root):
            continue
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
        elif isinstance(widget, QAbstractButton):
            problem = _button_problem(widget)
        elif isinstance(widget, QComboBox):
            problem = _combo_problem(widget)
        else:
            problem = None
        if problem:
            problems.append(f"{type(widget).__name__} {widget.objectName()}: {problem}")
        if isinstance(widget, QTabBar):
            problems.extend(_tab_problems(widget))
        if isinstance(widget, QAbstractItemView):
            for header in widget.findChildren(QHeaderView):
                if header.orientation() == Qt.Orientation.Horizontal and _shown(header, root):
                    problems.extend(_header_problems(widget, header))
            problems.extend(_cell_problems(widget))
    return problems


@pytest.fixture
def window(qtbot, demo_db):
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.mark.parametrize("key", [key for key, *_ in registry.VIEWS])
def test_no_view_cuts_its_text_short_at_1280x800(qtbot, window, key):
    window.show_view(key)
    if key == "contacts":
        window.views[key].table.select_row(0)  # the detail pane and the bulk bar too
    qtbot.wait(50)  # columns fit on the next turn of the event loop
    problems = cut_off_text(window.views[key])
    assert not problems, "\n".join(problems)


def test_the_walk_finds_a_cut_label(qtbot):
    """The check itself: a label narrower than its text is reported."""
    holder = QWidget()
    qtbot.addWidget(holder)
    label = QLabel("A label far too long for forty pixels", holder)
    label.setGeometry(0, 0, 40, 20)
    holder.show()
    qtbot.waitExposed(holder)
    assert any("far too long" in p for p in cut_off_text(holder))
