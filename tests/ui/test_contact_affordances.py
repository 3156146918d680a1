"""Everyday moves on a person: the row menu, tier and status in the detail pane, prep sheet,
find a way, and a detail pane that never shows a trashed person or 'No one selected' wrongly."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel

from desktop_crm.services.contacts import get_contact
from desktop_crm.ui.contacts.model import ID_ROLE
from desktop_crm.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_db):
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.show_view("contacts")
    return win


def _menu_actions(menu) -> dict[str, object]:
    found = {}
    for action in menu.actions():
        if action.menu():
            found[action.text()] = action.menu()
        elif action.text():
            found[action.text()] = action
    return found


def test_the_row_menu_offers_every_everyday_action(window):
    contacts = window.contacts
    contacts.table.select_row(2)
    menu = contacts.row_menu(contacts.table.current_contact_id())
    labels = [a.text() for a in menu.actions() if a.text()]
    for expected in ("Open", "Edit…", "Set tier", "Tag…", "Schedule meeting…", "Log outreach…",
                     "Prep sheet…", "Find a way…", "Move to trash"):
        assert expected in labels


def test_set_tier_from_the_row_menu_changes_the_person(window):
    contacts = window.contacts
    contacts.table.select_row(2)
    person = contacts.table.current_contact_id()
    new_tier = "target" if get_contact(person).tier != "target" else "primary"
    tiers = _menu_actions(contacts.row_menu(person))["Set tier"]
    next(a for a in tiers.actions() if a.text().lower() == new_tier).trigger()
    assert get_contact(person).tier == new_tier


def test_move_to_trash_from_the_row_menu_leaves_no_live_buttons(window):
    contacts = window.contacts
    contacts.table.select_row(2)
    person = contacts.table.current_contact_id()
    _menu_actions(contacts.row_menu(person))["Move to trash"].trigger()
    assert get_contact(person).deleted_at is not None
    assert contacts.detail.contact_id != person
    contacts.detail.show_contact(person)  # e.g. opened from elsewhere
    assert contacts.detail.currentIndex() == contacts.detail.PAGE_MESSAGE
    assert "in the trash" in contacts.detail.message.title.text()
    assert contacts.detail.contact_id is None


def test_prep_sheet_and_find_a_way_from_the_menu_reach_the_window(qtbot, window):
    contacts = window.contacts
    contacts.table.select_row(1)
    person = contacts.table.current_contact_id()
    actions = _menu_actions(contacts.row_menu(person))
    with qtbot.waitSignal(window.context.find_way_requested, timeout=1000) as found:
        actions["Find a way…"].trigger()
    assert found.args == [person]
    assert window.current_key == "network"
    window.show_view("contacts")
    received = []
    window.context.prep_sheet_requested.disconnect()
    window.context.prep_sheet_requested.connect(lambda m, c: received.append((m, c)))
    actions["Prep sheet…"].trigger()
    contacts.detail.dialog_buttons["prep"].click()
    assert received == [(0, person), (0, person)]


def test_tier_and_status_change_from_the_detail_pane(qtbot, window):
    contacts = window.contacts
    contacts.table.select_row(0)
    person = contacts.table.current_contact_id()
    detail = contacts.detail
    tier_index = detail.tier_choice.findData("bridge" if get_contact(person).tier != "bridge" else "target")
    detail.tier_choice.setCurrentIndex(tier_index)
    detail.tier_choice.activated.emit(tier_index)
    status_index = detail.status_choice.findData("dormant")
    detail.status_choice.setCurrentIndex(status_index)
    detail.status_choice.activated.emit(status_index)
    person_now = get_contact(person)
    assert person_now.tier == detail.tier_choice.itemData(tier_index)
    assert person_now.status == "dormant"
    window.undo()  # each change is one undoable step
    assert get_contact(person).status != "dormant"


def test_several_selected_people_are_not_called_no_one(window):
    contacts = window.contacts
    table = contacts.table
    table.selectionModel().clearSelection()
    for row in (1, 2, 3):
        table.selectionModel().select(contacts.model.index(row, 0),
                                      QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert contacts.detail.currentIndex() == contacts.detail.PAGE_MESSAGE
    assert contacts.detail.message.title.text() == "3 people selected"
    table.select_row(4)
    assert contacts.detail.currentIndex() == contacts.detail.PAGE_PERSON
    assert contacts.detail.contact_id == contacts.model.index(4, 0).data(ID_ROLE)


def test_plurals_in_the_status_line(qtbot, window):
    texts = []
    window.contacts.status_changed.connect(texts.append)
    window.search.setText("Zieliński-nobody-else")
    window.search.setText("")
    name = window.contacts.model.index(0, 0).data().replace(" ★", "")
    window.search.setText(name)
    shown = window.contacts.model.total
    assert texts[-1].startswith(f"{shown:,} {'person matches' if shown == 1 else 'people match'}")


def test_the_window_title_names_the_app_once(window):
    assert window.windowTitle().count("Desktop CRM") <= 1
