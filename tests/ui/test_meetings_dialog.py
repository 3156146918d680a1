"""The meeting dialog: schedule through it, record the outcome, and refuse bad input at the field."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from desktop_crm import clock
from desktop_crm.services import meetings
from desktop_crm.services.contacts import create_contact, get_contact
from desktop_crm.services.meetings import actions, introductions
from desktop_crm.services.network.relationships import find_relationship
from desktop_crm.services.research import answers
from desktop_crm.ui.context import AppContext
from desktop_crm.ui.meetings.dialogs import MeetingDialog


@pytest.fixture
def context(demo_db):
    return AppContext(demo_db)


@pytest.fixture
def person() -> int:
    return create_contact({"first_name": "Testa", "last_name": "Quinlan", "organization": "Acme Grid"}).id


def _save(qtbot, dialog: QDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def _set_when(dialog: MeetingDialog, day: dt.date, hour: int, minute: int = 0) -> None:
    dialog.schedule.set_wall_time(dt.datetime.combine(day, dt.time(hour, minute)))


def test_scheduling_saves_the_meeting_its_zone_and_questions(qtbot, context, person):
    dialog = MeetingDialog(context, contact_id=person)
    qtbot.addWidget(dialog)
    day = clock.today() + dt.timedelta(days=3)
    _set_when(dialog, day, 9, 30)
    dialog.schedule.zone.setCurrentText("Asia/Tokyo")
    qtbot.keyClicks(dialog.schedule.place, "Blue Bottle, Shibuya")
    dialog.schedule.kind.setCurrentIndex(dialog.schedule.kind.findData("video"))
    qtbot.keyClicks(dialog.schedule.ask, "Two introductions")
    dialog.show_page("questions")
    assert dialog.questions.suggestion_list.count() > 0
    dialog.questions.suggestion_list.setCurrentRow(0)
    qtbot.mouseClick(dialog.questions.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.questions.one_off, "How did the Acme grid project start?")
    qtbot.mouseClick(dialog.questions.add_one_off_button, Qt.MouseButton.LeftButton)
    # Put the one-off question first.
    dialog.questions.chosen_list.setCurrentRow(1)
    qtbot.mouseClick(dialog.questions.up_button, Qt.MouseButton.LeftButton)

    with qtbot.waitSignal(context.data_changed, timeout=2000):
        _save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    [saved] = meetings.list_meetings(contact_id=person)
    assert saved.tz == "Asia/Tokyo"
    assert (saved.local_start.date(), saved.local_start.hour, saved.local_start.minute) == (day, 9, 30)
    assert saved.starts_at == dt.datetime.combine(day, dt.time(0, 30))  # 09:30 JST is 00:30 UTC
    assert (saved.kind, saved.place, saved.minutes, saved.objective_ask) == ("video", "Blue Bottle, Shibuya", 30, "Two introductions")
    asked = answers.meeting_questions(saved.id)
    assert [q.text for q in asked][0] == "How did the Acme grid project start?"
    assert asked[0].one_off and not asked[1].one_off
    assert get_contact(person).status == "scheduled"


def test_a_typed_name_is_resolved_without_picking_from_the_list(qtbot, context, person):
    dialog = MeetingDialog(context)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.schedule.contact, "Testa Quinlan")
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(meetings.list_meetings(contact_id=person)) == 1


def test_no_person_is_refused_at_the_contact_field_and_nothing_is_saved(qtbot, context):
    before = len(meetings.list_meetings())
    dialog = MeetingDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    _save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.isVisible()
    assert "Choose the person" in dialog.errors.message("contact")
    assert len(meetings.list_meetings()) == before


def test_an_unknown_name_is_refused_at_the_contact_field(qtbot, context):
    dialog = MeetingDialog(context)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.schedule.contact, "Zzyzx Nobody")
    _save(qtbot, dialog)
    assert "Zzyzx Nobody" in dialog.errors.message("contact")


def test_a_time_skipped_by_the_clocks_is_refused_at_the_when_field(qtbot, context, person):
    dialog = MeetingDialog(context, contact_id=person)
    qtbot.addWidget(dialog)
    dialog.show()
    _set_when(dialog, dt.date(2027, 3, 28), 2, 30)  # Europe/Berlin springs forward at 02:00
    dialog.schedule.zone.setCurrentText("Europe/Berlin")
    dialog.show_page("questions")
    _save(qtbot, dialog)
    assert "does not exist in Europe/Berlin" in dialog.errors.message("when")
    assert dialog.tabs.currentWidget() is dialog.schedule  # brought back to the field
    assert meetings.list_meetings(contact_id=person) == []


def test_an_unknown_zone_is_refused_at_the_when_row(qtbot, context, person):
    dialog = MeetingDialog(context, contact_id=person)
    qtbot.addWidget(dialog)
    dialog.schedule.zone.setCurrentText("Mars/Olympus")
    _save(qtbot, dialog)
    assert "Mars/Olympus" in dialog.errors.message("tz")
    assert meetings.list_meetings(contact_id=person) == []


def test_a_future_meeting_cannot_be_saved_as_done(qtbot, context, person):
    dialog = MeetingDialog(context, contact_id=person)
    qtbot.addWidget(dialog)
    dialog.schedule.status.setCurrentIndex(dialog.schedule.status.findData("done"))
    _save(qtbot, dialog)
    assert "has not started yet" in dialog.errors.message("status")
    assert meetings.list_meetings(contact_id=person) == []


def test_recording_the_outcome_saves_answers_introductions_actions_and_thank_you(qtbot, context, person):
    held = meetings.schedule_meeting(person, {"when": clock.utcnow() - dt.timedelta(days=1), "tz": "UTC"})
    answers.add_one_off_question(held.id, "What surprised you in your first year?")
    meetings.mark_done(held.id)
    dialog = MeetingDialog(context, meeting_id=held.id)
    qtbot.addWidget(dialog)
    assert dialog.tabs.currentWidget() is dialog.outcome  # a held meeting opens on its outcome
    dialog.outcome.show_answers(dialog.questions.chosen)
    qtbot.keyClicks(dialog.outcome.answer_boxes[0], "How slow procurement is.")
    qtbot.keyClicks(dialog.outcome.notes, "Mentioned a grid-storage team.")
    qtbot.keyClicks(dialog.outcome.intro_name, "Brand Newperson")
    qtbot.keyClicks(dialog.outcome.intro_org, "Storage Co")
    qtbot.mouseClick(dialog.outcome.add_intro_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.outcome.action_text, "Send the storage article")
    qtbot.mouseClick(dialog.outcome.add_action_button, Qt.MouseButton.LeftButton)
    dialog.outcome.thank_you.setChecked(True)
    _save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert answers.meeting_questions(held.id)[0].answer == "How slow procurement is."
    assert meetings.get_meeting(held.id).notes == "Mentioned a grid-storage team."
    assert meetings.get_meeting(held.id).thank_you_sent_at is not None
    [intro] = introductions.list_introductions(meeting_id=held.id)
    assert (intro.introducer_id, intro.introduced_name, intro.introduced_organization) == (
        person, "Brand Newperson", "Storage Co",
    )
    assert find_relationship(None, intro.introduced_id).kind == "introduced_by"
    [action] = actions.list_actions(meeting_id=held.id)
    assert action.text == "Send the storage article" and action.due_at is not None
    assert get_contact(person).status == "thanked"


def test_an_empty_introduction_name_is_refused_at_its_field(qtbot, context, person):
    dialog = MeetingDialog(context, contact_id=person)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_page("outcome")
    qtbot.mouseClick(dialog.outcome.add_intro_button, Qt.MouseButton.LeftButton)
    assert "name of the person" in dialog.errors.message("introduced")
    assert dialog.outcome.pending_intros == []


class _MailCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))


def test_email_drafts_copy_to_the_clipboard_and_open_a_mailto_url(qtbot, context, person):
    held = meetings.schedule_meeting(person, {"when": clock.utcnow() - dt.timedelta(hours=3), "tz": "UTC"})
    meetings.mark_done(held.id)
    dialog = MeetingDialog(context, meeting_id=held.id)
    qtbot.addWidget(dialog)
    dialog.show_page("emails")
    dialog.drafts.select("thank_you")
    panel = dialog.drafts.panel
    assert "Testa" in panel.body_edit.toPlainText()
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().startswith("Subject: ")
    catcher = _MailCatcher()
    QDesktopServices.setUrlHandler("mailto", catcher, "open")
    try:
        qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("mailto")
    assert catcher.urls and catcher.urls[0].startswith("mailto:")
    assert "subject=" in catcher.urls[0]
    dialog.drafts.select("introduction_request")
    assert not panel.copy_button.isEnabled()  # nobody promised an introduction yet
    assert "not promised an introduction" in panel.body_edit.toPlainText()


def test_a_refused_introduction_saves_nothing_and_keeps_what_was_typed(qtbot, context, person):
    before = len(meetings.list_meetings())
    dialog = MeetingDialog(context, contact_id=person)
    qtbot.addWidget(dialog)
    _set_when(dialog, clock.today() - dt.timedelta(days=1), 10)
    dialog.schedule.status.setCurrentIndex(dialog.schedule.status.findData("done"))
    qtbot.keyClicks(dialog.questions.one_off, "How did the Acme grid project start?")
    qtbot.mouseClick(dialog.questions.add_one_off_button, Qt.MouseButton.LeftButton)
    dialog.show_page("outcome")
    qtbot.keyClicks(dialog.outcome.intro_name, "Testa Quinlan")  # the person being met
    qtbot.mouseClick(dialog.outcome.add_intro_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.outcome.action_text, "Send the storage article")
    qtbot.mouseClick(dialog.outcome.add_action_button, Qt.MouseButton.LeftButton)
    dialog.show_page("meeting")
    _save(qtbot, dialog)

    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "the person you are meeting" in dialog.errors.message("introduced")
    assert dialog.tabs.currentWidget() is dialog.outcome
    assert len(meetings.list_meetings()) == before  # not even the meeting itself
    assert actions.list_actions(contact_id=person, open_only=False) == []
    assert get_contact(person).status == "to_contact"
    assert len(dialog.outcome.pending_intros) == 1 and len(dialog.outcome.pending_actions) == 1
    assert [q.text for q in dialog.questions.chosen] == ["How did the Acme grid project start?"]


def test_questions_already_chosen_are_not_suggested_again(qtbot, demo_db) -> None:
    from desktop_crm.services import meetings
    from desktop_crm.services.research import answers
    from desktop_crm.store.models import Meeting
    from desktop_crm.ui.context import AppContext
    from desktop_crm.ui.meetings.dialogs import MeetingDialog

    for row in Meeting.select():
        chosen = {q.question_id for q in answers.meeting_questions(row.id)}
        dialog = MeetingDialog(AppContext(demo_db), meeting_id=row.id)
        qtbot.addWidget(dialog)
        suggested = {
            dialog.questions.suggestion_list.item(i).data(0x0100)[0]
            for i in range(dialog.questions.suggestion_list.count())
        }
        assert not chosen & suggested, meetings.get_meeting(row.id).contact_name
