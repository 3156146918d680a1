"""The main window on real databases: search, filters, bulk actions, trash, undo, navigation."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QItemSelectionModel, QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget

from desktop_crm.services.contacts import count_contacts, get_contact
from desktop_crm.store.models import Contact
from desktop_crm.ui import registry
from desktop_crm.ui.contacts.model import ID_ROLE
from desktop_crm.ui.main_window import MainWindow
from desktop_crm.ui.widgets.empty_state import EmptyState


def answer_next_modal(handler: Callable[[QWidget], None]) -> None:
    def poll(left: int = 200) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            handler(dialog)
        elif left:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)


@pytest.fixture
def window(qtbot, demo_db):
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    win.show()
    win.show_view("contacts")
    return win


def select_rows(win: MainWindow, rows: list[int]) -> list[int]:
    table = win.contacts.table
    table.selectionModel().clearSelection()
    for row in rows:
        table.selectionModel().select(
            win.contacts.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    return [win.contacts.model.index(r, 0).data(ID_ROLE) for r in rows]


def test_typing_in_search_narrows_the_table(qtbot, window) -> None:
    model = window.contacts.model
    everyone = model.rowCount()
    qtbot.keyClicks(window.search, "mull")  # accents folded: finds Müller
    assert 0 < model.rowCount() < everyone
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert all("Müller" in n for n in names)
    window.search.setText("Müll")  # (QTest types ASCII only)
    assert model.rowCount() == len(names)
    window.search.clear()
    qtbot.keyClicks(window.search, "zzzz")
    assert model.rowCount() == 0
    assert window.contacts.table_stack.currentWidget() is window.contacts.no_matches
    window.contacts.no_matches.findChildren(type(window.contacts.filter_bar.clear_button))[0].click()
    assert window.search.text() == "" and model.rowCount() == everyone


def test_ctrl_f_focuses_search_and_escape_clears_it(qtbot, window) -> None:
    window.find_action.trigger()
    assert window.search.hasFocus() or QApplication.focusWidget() is window.search
    window.search.setText("abc")
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""


def test_filter_bar_narrows_by_tier_status_and_more(qtbot, window) -> None:
    bar, model = window.contacts.filter_bar, window.contacts.model
    everyone = model.rowCount()
    qtbot.mouseClick(bar.tier_buttons["target"], Qt.MouseButton.LeftButton)
    targets = model.rowCount()
    assert 0 < targets < everyone
    tier_col = model.column_index("tier")
    assert {model.index(r, tier_col).data() for r in range(targets)} == {"Target"}
    bar.status.setCurrentIndex(bar.status.findData("asked"))
    assert all(model.index(r, model.column_index("status")).data() == "Asked" for r in range(model.rowCount()))
    bar.more_button.setChecked(True)
    bar.status.setCurrentIndex(0)
    bar.location.setText("Berlin")
    bar.location.editingFinished.emit()
    assert all(model.row_at(r).location == "Berlin" for r in range(model.rowCount()))
    bar.clear()
    assert model.rowCount() == everyone


def test_bulk_set_tier_then_undo_with_ctrl_z(qtbot, window) -> None:
    ids = select_rows(window, [0, 1, 2])
    before = [get_contact(i).tier for i in ids]
    assert window.contacts.bulk_bar.isVisible()
    window.contacts.bulk_bar.tier_button.menu().actions()[2].trigger()  # Target
    assert [get_contact(i).tier for i in ids] == ["target"] * 3
    assert "Set tier to Target for 3 contacts" in window.statusBar().currentMessage()
    assert window.undo_action.isEnabled()
    qtbot.keyClick(window.contacts.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [get_contact(i).tier for i in ids] == before
    assert window.statusBar().currentMessage().startswith("Undone: Set tier")


def test_bulk_tag_through_the_dialog(qtbot, window) -> None:
    ids = select_rows(window, [3, 4])

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("coffee-2024")
        dialog.accept()

    answer_next_modal(fill)
    window.contacts.bulk_bar.tag_requested.emit()
    assert all("coffee-2024" in get_contact(i).tags for i in ids)


def test_delete_key_trashes_and_the_trash_view_restores(qtbot, window) -> None:
    live = count_contacts()
    ids = select_rows(window, [5, 6])
    window.contacts.table.setFocus()
    qtbot.keyClick(window.contacts.table, Qt.Key.Key_Delete)
    assert count_contacts() == live - 2
    assert window.contacts.model.rowCount() == live - 2
    window.show_view("trash")
    trash_view = window.current_widget()
    assert trash_view.model.rowCount() == 2
    trash_view.table.selectAll()
    trash_view.restore_button.click()
    assert count_contacts() == live
    assert all(get_contact(i).deleted_at is None for i in ids)
    assert trash_view.stack.currentWidget() is trash_view.empty


def test_export_selection_writes_csv(qtbot, window, tmp_path) -> None:
    ids = select_rows(window, [0, 1])
    out = tmp_path / "two.csv"
    window.contacts.export_selection(str(out))
    lines = out.read_text("utf-8-sig").splitlines()
    assert len(lines) == 3 and get_contact(ids[0]).first_name in lines[1]


def test_save_a_smart_list_and_open_it_from_the_navigation(qtbot, window) -> None:
    qtbot.mouseClick(window.contacts.filter_bar.tier_buttons["bridge"], Qt.MouseButton.LeftButton)
    bridges = window.contacts.model.rowCount()

    def name_it(dialog: QWidget) -> None:
        dialog.setTextValue("Bridges to call")
        dialog.accept()

    answer_next_modal(name_it)
    window.contacts.filter_bar.save_button.click()
    contacts_item = window.navigation.items["contacts"]
    assert contacts_item.child(0).text(0) == "Bridges to call"
    window.contacts.clear_filters()
    assert window.contacts.model.rowCount() > bridges
    window.navigation.setCurrentItem(contacts_item.child(0))
    assert window.contacts.model.rowCount() == bridges
    assert window.contacts.filter_bar.tier_buttons["bridge"].isChecked()


def test_every_navigation_entry_shows_a_view_or_says_what_it_is_for(qtbot, window) -> None:
    for key, label, module, name in registry.VIEWS:
        window.show_view(key)
        widget = window.current_widget()
        if registry.load_class(module, name) is None:
            assert isinstance(widget, EmptyState)
            assert label in widget.title.text()
            assert "later version" not in widget.text.text()
            assert widget.findChildren(type(window.contacts.filter_bar.clear_button))


def test_dropping_a_file_asks_for_an_import(qtbot, window, tmp_path) -> None:
    file = tmp_path / "connections.csv"
    file.write_text("First Name,Last Name\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(file))])
    requested: list[str] = []
    window.context.import_requested.disconnect()
    window.context.import_requested.connect(requested.append)
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: requested == [str(file)], timeout=1000)


def test_contact_selected_signal_shows_that_person(qtbot, window) -> None:
    target = Contact.select().order_by(Contact.id.desc()).first()
    window.show_view("trash")
    window.context.contact_selected.emit(target.id)
    assert window.current_key == "contacts"
    assert window.contacts.table.current_contact_id() == target.id
    assert window.contacts.detail.name.text() == target.full_name


def test_a_big_bulk_action_runs_in_a_worker_thread_and_undoes(qtbot, window, monkeypatch) -> None:
    from desktop_crm.ui.widgets import worker

    monkeypatch.setattr(worker, "INLINE_BELOW", 0)  # treat the demo's 200 rows as "big"
    window.contacts.table.selectAll()
    window.contacts.bulk_bar.status_requested.emit("dormant")
    assert {c.status for c in Contact.select()} == {"dormant"}
    assert "200 contacts" in window.statusBar().currentMessage()
    window.undo()
    assert "dormant" not in {c.status for c in Contact.select().limit(50)}
