"""The Today view: what is due, driven end to end with real dialogs and a real database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_crm import clock
from desktop_crm.services import meetings
from desktop_crm.services.contacts import create_contact, get_contact
from desktop_crm.services.meetings import outreach
from desktop_crm.ui.context import AppContext
from desktop_crm.ui.meetings.dialogs import MeetingDialog, OutreachDialog
from desktop_crm.ui.today.view import TodayView


def _utcnow() -> dt.datetime:
    return clock.utcnow()


@pytest.fixture
def context(demo_db):
    return AppContext(demo_db)


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _row(view: TodayView, section: str, name: str):
    """The row for ``name``, with its section expanded so the row can be clicked."""
    view.show()
    card = view.sections[section]
    if not card.expanded and card.more.isVisible():
        card.more.click()
    return next(r for r in card.rows if name in r.title.text())


def test_a_meeting_scheduled_in_the_dialog_shows_in_upcoming(qtbot, context):
    person = create_contact({"first_name": "Uma", "last_name": "Upcoming"}).id
    dialog = MeetingDialog(context, contact_id=person)
    qtbot.addWidget(dialog)
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    view = TodayView(context)
    qtbot.addWidget(view)
    assert "Uma Upcoming" in view.sections["upcoming"].row_titles()
    [meeting] = meetings.list_meetings(contact_id=person)
    with qtbot.waitSignal(context.prep_sheet_requested, timeout=1000) as blocker:
        _click(qtbot, _row(view, "upcoming", "Uma Upcoming").buttons["Prep sheet"])
    assert blocker.args == [meeting.id, person]


def test_marking_done_makes_a_thank_you_due_and_mark_sent_clears_it(qtbot, context):
    person = create_contact({"first_name": "Theo", "last_name": "Thanks"}).id
    meetings.schedule_meeting(person, {"when": _utcnow() - dt.timedelta(hours=2), "tz": "UTC"})
    view = TodayView(context)
    qtbot.addWidget(view)
    assert "Theo Thanks" in view.sections["outcome"].row_titles()
    assert "Theo Thanks" not in view.sections["thank_yous"].row_titles()
    with qtbot.waitSignal(context.data_changed, timeout=1000):
        _click(qtbot, _row(view, "outcome", "Theo Thanks").buttons["Mark done"])
    assert "Theo Thanks" not in view.sections["outcome"].row_titles()
    row = _row(view, "thank_yous", "Theo Thanks")
    assert "due in" in row.detail.text()
    _click(qtbot, row.buttons["Draft…"])
    assert "Theo" in view.last_dialog.panel.body_edit.toPlainText()
    view.last_dialog.reject()
    _click(qtbot, _row(view, "thank_yous", "Theo Thanks").buttons["Mark sent"])
    assert "Theo Thanks" not in view.sections["thank_yous"].row_titles()
    assert get_contact(person).status == "thanked"


def test_three_unanswered_attempts_suggest_dormant_and_accepting_sets_it(qtbot, context):
    person = create_contact({"first_name": "Dora", "last_name": "Silent"}).id
    for days_ago in (20, 10):
        outreach.log_attempt(person, "email", on=_utcnow() - dt.timedelta(days=days_ago))
    dialog = OutreachDialog(context, person)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "2 unanswered" in dialog.state_label.text()
    assert dialog.banner.isHidden()
    dialog.channel.setCurrentIndex(dialog.channel.findData("linkedin"))
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert dialog.banner.isVisible() and dialog.isVisible()  # stays open to suggest, never acts
    assert "3 unanswered" in dialog.banner.text.text()
    assert get_contact(person).status == "asked"
    assert outreach.list_attempts(person)[0].channel == "linkedin"
    _click(qtbot, dialog.banner.dismiss_button)  # "Not now" changes nothing
    assert get_contact(person).status == "asked"

    view = TodayView(context)
    qtbot.addWidget(view)
    assert "Dora Silent" in view.sections["dormant"].row_titles()
    with qtbot.waitSignal(context.data_changed, timeout=1000):
        _click(qtbot, _row(view, "dormant", "Dora Silent").buttons["Move to dormant"])
    assert get_contact(person).status == "dormant"
    assert "Dora Silent" not in view.sections["dormant"].row_titles()


def test_the_outreach_dialog_can_accept_dormant_itself(qtbot, context):
    person = create_contact({"first_name": "Ned", "last_name": "Noreply"}).id
    for days_ago in (30, 20):
        outreach.log_attempt(person, "email", on=_utcnow() - dt.timedelta(days=days_ago))
    dialog = OutreachDialog(context, person)
    qtbot.addWidget(dialog)
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    _click(qtbot, dialog.banner.accept_button)
    assert get_contact(person).status == "dormant"


def test_an_answered_attempt_closes_the_dialog_without_a_suggestion(qtbot, context):
    person = create_contact({"first_name": "Ava", "last_name": "Answers"}).id
    dialog = OutreachDialog(context, person)
    qtbot.addWidget(dialog)
    dialog.answered.setChecked(True)
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert dialog.result() == dialog.DialogCode.Accepted
    assert outreach.list_attempts(person)[0].answered


def test_long_sections_show_five_rows_until_show_all(qtbot, context):
    view = TodayView(context)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    section = next(s for s in view.sections.values() if len(s.rows) > 5)
    assert [r.isVisible() for r in section.rows].count(True) == 5
    _click(qtbot, section.more)
    assert all(r.isVisible() for r in section.rows)
    assert view.empty.isHidden()


def test_an_empty_database_says_nothing_is_due_and_hides_every_section(qtbot, db_path):
    context = AppContext(db_path)
    view = TodayView(context)
    qtbot.addWidget(view)
    view.show()
    assert view.empty.isVisible()
    assert "Nothing due" in view.empty.title.text()
    assert not any(s.isVisible() for s in view.sections.values())
    assert view.rhythm_note.isVisible()
    with qtbot.waitSignal(context.view_requested, timeout=1000) as blocker:
        _click(qtbot, next(b for b in view.empty.findChildren(type(view.sections["upcoming"].more)) if "contacts" in b.text()))
    assert blocker.args == ["contacts"]


def test_this_weeks_counts_follow_the_logged_outreach(qtbot, db_path):
    person = create_contact({"first_name": "Wes", "last_name": "Week"}).id
    outreach.log_attempt(person, "email", answered=True)
    outreach.log_attempt(person, "phone")
    view = TodayView(AppContext(db_path))
    qtbot.addWidget(view)
    assert view.tiles.values["outreach"].text() == "2"
    assert view.tiles.values["answers"].text() == "1"
    assert view.chart.weeks[-1].outreach == 2
    assert view.chart.week_at(view.chart.width() - 10) is view.chart.weeks[-1]


def test_not_now_hides_a_dormant_suggestion_without_changing_the_person(qtbot, context):
    person = create_contact({"first_name": "Kip", "last_name": "Keepasking"}).id
    for days_ago in (30, 20, 10):
        outreach.log_attempt(person, "email", on=_utcnow() - dt.timedelta(days=days_ago))
    view = TodayView(context)
    qtbot.addWidget(view)
    row = _row(view, "dormant", "Kip Keepasking")
    with qtbot.waitSignal(context.data_changed, timeout=1000):
        _click(qtbot, row.buttons["Not now"])
    assert "Kip Keepasking" not in view.sections["dormant"].row_titles()
    assert get_contact(person).status == "asked"
    assert outreach.dormant_snoozed_until(person) > _utcnow() + dt.timedelta(days=29)
    view.refresh()
    assert "Kip Keepasking" not in view.sections["dormant"].row_titles()


def test_thank_yous_over_a_week_old_wait_under_a_collapsed_overdue_line(qtbot, context):
    fresh = create_contact({"first_name": "Fran", "last_name": "Fresh"}).id
    stale = create_contact({"first_name": "Stan", "last_name": "Stale"}).id
    for person, ago in ((fresh, dt.timedelta(hours=3)), (stale, dt.timedelta(days=12))):
        m = meetings.schedule_meeting(person, {"when": _utcnow() - ago, "tz": "UTC"})
        meetings.mark_done(m.id)
    view = TodayView(context)
    qtbot.addWidget(view)
    view.show()
    section = view.sections["thank_yous"]
    assert "Fran Fresh" in section.row_titles() and "Stan Stale" not in section.row_titles()
    group = section.group
    assert group.isVisible() and not group.body.isVisible()
    assert group.toggle.text().startswith("Overdue: ")
    stan = next(r for r in group.rows if "Stan Stale" in r.title.text())
    _click(qtbot, group.toggle)
    assert group.body.isVisible() and stan.isVisible()
    assert "overdue by" in stan.detail.text()
    with qtbot.waitSignal(context.data_changed, timeout=1000):
        _click(qtbot, stan.buttons["Mark sent"])
    assert all("Stan Stale" not in r.title.text() for r in view.sections["thank_yous"].group.rows)
    assert get_contact(stale).status == "thanked"
