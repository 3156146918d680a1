"""Escape, Cancel and the close button never throw typed work away: every form dialog asks."""

from __future__ import annotations

import pytest
from modal_helpers import answer_next_modal  # tests/ui helper
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

from desktop_crm.services import meetings
from desktop_crm.services.contacts import create_contact, organizations
from desktop_crm.services.contacts.profile import get_profile
from desktop_crm.services.meetings import outreach
from desktop_crm.services.meetings.email_drafts import EmailDraft
from desktop_crm.ui.context import AppContext
from desktop_crm.ui.meetings.dialogs import MeetingDialog
from desktop_crm.ui.meetings.email_draft import EmailDraftDialog
from desktop_crm.ui.meetings.outreach_dialog import OutreachDialog
from desktop_crm.ui.organizations.editor import OrganizationDialog
from desktop_crm.ui.profile.dialog import ProfileDialog

Button = QMessageBox.StandardButton


@pytest.fixture
def context(demo_db):
    return AppContext(demo_db)


@pytest.fixture
def person() -> int:
    return create_contact({"first_name": "Esca", "last_name": "Pe", "organization": "Keyboard Ltd"}).id


def _press_escape(qtbot, dialog: QDialog, answer: Button) -> list[str]:
    asked = answer_next_modal(lambda box: box.button(answer).click())
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    return asked


def _fill_meeting(qtbot, dialog: MeetingDialog) -> None:
    qtbot.keyClicks(dialog.schedule.place, "Cafe Einstein")
    qtbot.keyClicks(dialog.schedule.learn, "How the grid team hires")
    qtbot.keyClicks(dialog.schedule.ask, "Two introductions")
    dialog.schedule.zone.setFocus()


def test_escape_in_the_meeting_dialog_asks_and_cancel_keeps_everything(qtbot, context, person):
    dialog = MeetingDialog(context, contact_id=person)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill_meeting(qtbot, dialog)
    asked = _press_escape(qtbot, dialog, Button.Cancel)
    assert asked and "not saved" in asked[0]
    assert dialog.isVisible()
    assert dialog.schedule.place.text() == "Cafe Einstein"
    assert dialog.schedule.ask.toPlainText() == "Two introductions"
    assert meetings.list_meetings(contact_id=person) == []


def test_escape_then_save_writes_the_meeting(qtbot, context, person):
    dialog = MeetingDialog(context, contact_id=person)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill_meeting(qtbot, dialog)
    _press_escape(qtbot, dialog, Button.Save)
    assert not dialog.isVisible()
    [saved] = meetings.list_meetings(contact_id=person)
    assert (saved.place, saved.objective_ask) == ("Cafe Einstein", "Two introductions")


def test_cancel_button_then_discard_closes_without_saving(qtbot, context, person):
    dialog = MeetingDialog(context, contact_id=person)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill_meeting(qtbot, dialog)
    asked = answer_next_modal(lambda box: box.button(Button.Discard).click())
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert asked and not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert meetings.list_meetings(contact_id=person) == []


def test_the_window_close_button_asks_too(qtbot, context, person):
    dialog = MeetingDialog(context, contact_id=person)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill_meeting(qtbot, dialog)
    asked = answer_next_modal(lambda box: box.button(Button.Cancel).click())
    dialog.close()
    assert asked and dialog.isVisible()


def test_an_untouched_dialog_closes_on_escape_without_asking(qtbot, context, person):
    dialog = MeetingDialog(context, contact_id=person)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.is_dirty()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_an_opened_meeting_is_clean_until_edited(qtbot, context, person):
    meeting = MeetingDialog(context, contact_id=person)
    qtbot.addWidget(meeting)
    meeting.schedule.place.setText("Zoom")
    meeting.save()
    again = MeetingDialog(context, meeting_id=meeting.meeting_id)
    qtbot.addWidget(again)
    assert not again.is_dirty()
    again.outcome.notes.setPlainText("They liked the project")
    assert again.is_dirty()


def test_profile_escape_asks_and_cancel_keeps_the_text(qtbot, context):
    dialog = ProfileDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.pitch.clear()
    qtbot.keyClicks(dialog.pitch, "Data engineer moving into energy.")
    asked = _press_escape(qtbot, dialog, Button.Cancel)
    assert asked and dialog.isVisible()
    _press_escape(qtbot, dialog, Button.Save)
    assert get_profile().pitch == "Data engineer moving into energy."


def test_organization_escape_asks(qtbot, demo_db):
    dialog = OrganizationDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Escape Works GmbH")
    asked = _press_escape(qtbot, dialog, Button.Discard)
    assert asked and not dialog.isVisible()
    assert all(o.name != "Escape Works GmbH" for o in organizations.list_organizations())


def test_outreach_escape_asks_and_save_logs_the_attempt(qtbot, context, person):
    dialog = OutreachDialog(context, person)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.message, "Hello, could we talk for 20 minutes?")
    asked = _press_escape(qtbot, dialog, Button.Save)
    assert asked and not dialog.isVisible()
    assert outreach.outreach_state(person).unanswered_streak == 1


def test_an_edited_email_draft_asks_until_it_is_copied(qtbot, demo_db):
    draft = EmailDraft(template="thank_you", to="a@example.com", subject="Thanks", body="Thank you for the coffee.")
    dialog = EmailDraftDialog(draft)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.panel.body_edit, " It helped a lot.")
    asked = _press_escape(qtbot, dialog, Button.Cancel)
    assert asked and "Discard your edits" in asked[0] and dialog.isVisible()
    dialog.panel.copy()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_relationship_escape_asks_cancel_keeps_and_save_records(qtbot, context, person):
    from desktop_crm.services.network.relationships import find_relationship
    from desktop_crm.ui.network.dialogs import RelationshipDialog

    other = create_contact({"first_name": "Rel", "last_name": "Ation"}).id
    dialog = RelationshipDialog(context, contact_id=person)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.person_b.set_person(other, "Rel Ation")
    qtbot.keyClicks(dialog.how, "same climbing club")
    asked = _press_escape(qtbot, dialog, Button.Cancel)
    assert asked and dialog.isVisible() and dialog.how.text() == "same climbing club"
    asked = _press_escape(qtbot, dialog, Button.Save)
    assert asked and not dialog.isVisible()
    assert find_relationship(person, other).how == "same climbing club"


def test_an_untouched_relationship_dialog_closes_without_asking(qtbot, context, person):
    from desktop_crm.ui.network.dialogs import RelationshipDialog

    dialog = RelationshipDialog(context, contact_id=person)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
