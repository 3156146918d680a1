"""Selecting rows never moves the table: the bulk actions live in a bar of fixed height."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop_crm.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_db):
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.show_view("contacts")
    qtbot.waitExposed(win)
    return win


def _table_origin(win: MainWindow) -> QPoint:
    return win.contacts.table.viewport().mapTo(win, QPoint(0, 0))


def _click_row(qtbot, win: MainWindow, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    table = win.contacts.table
    rect = table.visualRect(win.contacts.model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    qtbot.wait(10)


def test_rows_stay_put_when_the_selection_comes_and_goes(qtbot, window) -> None:
    contacts = window.contacts
    before = _table_origin(window)
    row_y = contacts.table.visualRect(contacts.model.index(4, 0)).y()
    _click_row(qtbot, window, 3)
    assert contacts.table.selected_count() == 1
    assert _table_origin(window) == before
    assert contacts.bulk_bar.action_row.isVisible()
    _click_row(qtbot, window, 4, Qt.KeyboardModifier.ControlModifier)  # lands on the row aimed at
    assert contacts.table.selected_count() == 2
    assert contacts.table.visualRect(contacts.model.index(4, 0)).y() == row_y
    contacts.table.clearSelection()
    assert not contacts.bulk_bar.action_row.isVisible()
    assert contacts.bulk_bar.hint.isVisible()
    assert _table_origin(window) == before
