"""The contact editor: saving, errors shown at the field, the unsaved-changes question."""

from __future__ import annotations

from modal_helpers import answer_next_modal  # tests/ui helper
from PySide6.QtWidgets import QMessageBox

from desktop_crm.services.contacts import count_contacts, get_contact
from desktop_crm.services.undo import last_step, undo_last
from desktop_crm.store.models import Contact
from desktop_crm.ui.contacts.editor import ContactEditor


def test_editing_and_saving_changes_the_contact_and_is_undoable(qtbot, demo_db) -> None:
    contact = Contact.select().order_by(Contact.id).first()
    editor = ContactEditor(contact.id)
    qtbot.addWidget(editor)
    assert editor.fields["first_name"].text() == contact.first_name
    editor.fields["title"].clear()
    qtbot.keyClicks(editor.fields["title"], "Head of Climate Data")
    editor.tags.setText("mentor, climate")
    editor.phones.add_row("mobile", "+33 1 23 45 67 89")
    with qtbot.waitSignal(editor.saved, timeout=2000):
        editor.buttons.button(editor.buttons.StandardButton.Save).click()
    saved = get_contact(contact.id)
    assert saved.title == "Head of Climate Data"
    assert saved.tags == ["climate", "mentor"]
    assert saved.phones[-1]["e164"] == "+33123456789"
    assert last_step().label.startswith("Edited")
    undo_last()
    assert get_contact(contact.id).title == contact.title


def test_new_contact_with_a_new_organization(qtbot, db_path) -> None:
    editor = ContactEditor(None)
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor.fields["first_name"], "Amara")
    qtbot.keyClicks(editor.organization, "Solar Co-op")
    assert editor.org_hint.text().startswith("New organization")
    editor.emails.rows[0][1].setText("amara@example.org")
    assert editor.save()
    view = get_contact(editor.contact_id)
    assert (view.first_name, view.organization, view.emails[0]["email"]) == ("Amara", "Solar Co-op", "amara@example.org")


def test_validation_errors_show_at_the_field_and_nothing_is_saved(qtbot, db_path) -> None:
    editor = ContactEditor(None)
    qtbot.addWidget(editor)
    editor.show()
    editor.emails.rows[0][1].setText("alex@")
    editor.phones.add_row("mobile", "call me")
    before = count_contacts()
    assert editor.save() is False
    assert count_contacts() == before
    assert editor.isVisible()
    name_error = editor.errors["name"]
    assert name_error.isVisible() and "first or last name" in name_error.text()
    email_error = editor.emails.rows[0][3]
    assert email_error.isVisible() and "not a valid email" in email_error.text()
    phone_error = editor.phones.rows[0][3]
    assert phone_error.isVisible() and "no digits" in phone_error.text()
    assert "Nothing was saved" in editor.banner.text()
    # fixing the fields clears the messages and saves
    editor.fields["last_name"].setText("Morgan")
    editor.emails.rows[0][1].setText("alex@example.com")
    editor.phones.rows[0][1].setText("")
    assert editor.save()
    assert not name_error.isVisible()
    assert count_contacts() == before + 1


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_editing(qtbot, demo_db) -> None:
    contact = Contact.select().first()
    editor = ContactEditor(contact.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.fields["title"].setText("Changed")
    asked = answer_next_modal(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    editor.reject()
    assert asked and "Save the changes" in asked[0]
    assert editor.isVisible()
    asked = answer_next_modal(lambda box: box.button(QMessageBox.StandardButton.Discard).click())
    editor.close()
    assert asked and not editor.isVisible()
    assert get_contact(contact.id).title == contact.title


def test_closing_and_choosing_save_saves(qtbot, demo_db) -> None:
    contact = Contact.select().first()
    editor = ContactEditor(contact.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.fields["location"].setText("Lisbon")
    answer_next_modal(lambda box: box.button(QMessageBox.StandardButton.Save).click())
    editor.reject()
    assert get_contact(contact.id).location == "Lisbon"


def test_closing_without_changes_does_not_ask(qtbot, demo_db) -> None:
    editor = ContactEditor(Contact.select().first().id)
    qtbot.addWidget(editor)
    editor.show()
    editor.reject()
    assert not editor.isVisible()
