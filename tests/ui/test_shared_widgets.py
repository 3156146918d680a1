"""Shared widget helpers: the unsaved-changes question, layouts, error cells, the wait cursor."""

from __future__ import annotations

import pytest
from modal_helpers import answer_next_modal  # tests/ui helper
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QWidget

from desktop_crm.ui.widgets.busy import busy
from desktop_crm.ui.widgets.field_errors import with_error_below
from desktop_crm.ui.widgets.layout import page_layout, side_by_side
from desktop_crm.ui.widgets.prompts import may_leave


def _leave(qtbot, button: QMessageBox.StandardButton, save_ok: bool = True) -> tuple[bool, list[str], int]:
    parent = QWidget()
    qtbot.addWidget(parent)
    saves: list[int] = []
    seen = answer_next_modal(lambda box: box.button(button).click())
    left = may_leave(parent, True, "Unsaved", "Save first?", lambda: saves.append(1) or save_ok)
    return left, seen, len(saves)


def test_nothing_unsaved_leaves_without_asking(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    assert may_leave(parent, False, "t", "x", lambda: pytest.fail("must not save")) is True


def test_cancel_stays_discard_leaves_and_save_leaves_only_when_it_worked(qtbot) -> None:
    assert _leave(qtbot, QMessageBox.StandardButton.Cancel) == (False, ["Save first?"], 0)
    assert _leave(qtbot, QMessageBox.StandardButton.Discard) == (True, ["Save first?"], 0)
    assert _leave(qtbot, QMessageBox.StandardButton.Save) == (True, ["Save first?"], 1)
    assert _leave(qtbot, QMessageBox.StandardButton.Save, save_ok=False) == (False, ["Save first?"], 1)


def test_side_by_side_panes_cannot_be_collapsed(qtbot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    layout = page_layout(page)
    splitter = side_by_side(QLabel("list"), QLabel("detail"), (2, 3), (200, 300))
    layout.addWidget(splitter)
    assert splitter.count() == 2 and not splitter.childrenCollapsible()
    assert layout.contentsMargins().left() == 12


def test_error_label_sits_under_its_field(qtbot) -> None:
    edit, error = QLineEdit(), QLabel("Required")
    cell = with_error_below(edit, error)
    qtbot.addWidget(cell)
    cell.show()
    assert error.parent() is cell and edit.parent() is cell
    assert error.geometry().top() >= edit.geometry().bottom()


def test_busy_restores_the_cursor_even_when_the_call_fails(qtbot) -> None:
    @busy
    def broken() -> None:
        assert QGuiApplication.overrideCursor().shape() == Qt.CursorShape.WaitCursor
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        broken()
    assert QGuiApplication.overrideCursor() is None
    assert broken.__name__ == "broken"
