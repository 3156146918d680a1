"""'Changed on another machine': the editor's save over a change made elsewhere asks, per field."""

from __future__ import annotations

from collections.abc import Callable

from meeting_helpers import open_meeting
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from desktop_crm.services.conflicts import EditConflict, FieldConflict
from desktop_crm.services.contacts import create_contact, get_contact, update_contact
from desktop_crm.ui.contacts.editor import ContactEditor
from desktop_crm.ui.widgets.conflict_dialog import MINE, THEIRS, ConflictDialog


def _answer_conflict(handler: Callable[[ConflictDialog], None]) -> list[ConflictDialog]:
    """Call ``handler`` with the conflict dialog once the editor shows it (it is modal)."""
    seen: list[ConflictDialog] = []

    def poll(left: int = 300) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ConflictDialog):
            seen.append(dialog)
            handler(dialog)
        elif left:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)
    return seen


def _edited_elsewhere(qtbot):
    contact = create_contact({"first_name": "Ada", "last_name": "Byron", "title": "Analyst", "location": "Leeds"})
    editor = ContactEditor(contact.id)
    qtbot.addWidget(editor)
    editor.fields["title"].setText("Lead Analyst")  # typed here ...
    editor.notes.setPlainText("Prefers mornings")
    update_contact(contact.id, {"title": "Data Engineer", "location": "York"})  # ... saved there
    return contact, editor


def test_both_versions_side_by_side_and_keeping_mine_per_field(qtbot, db_path) -> None:
    contact, editor = _edited_elsewhere(qtbot)

    def keep_mine(dialog: ConflictDialog) -> None:
        assert dialog.windowTitle() == "Changed on another machine"
        assert [f.field for f in dialog.conflict.fields] == ["title"]
        assert dialog.mine_buttons["title"].text() == "Lead Analyst"
        assert dialog.theirs_buttons["title"].text() == "Data Engineer"
        assert dialog.mine_buttons["title"].isChecked()  # nothing typed is dropped without a click
        dialog.save_button.click()

    seen = _answer_conflict(keep_mine)
    with qtbot.waitSignal(editor.saved, timeout=3000):
        editor.buttons.button(editor.buttons.StandardButton.Save).click()
    assert seen
    saved = get_contact(contact.id)
    # mine where I chose it, theirs merged where only they changed, my untouched-by-them field kept
    assert (saved.title, saved.location, saved.notes) == ("Lead Analyst", "York", "Prefers mornings")


def test_taking_theirs_keeps_their_value_and_my_other_edits(qtbot, db_path) -> None:
    contact, editor = _edited_elsewhere(qtbot)
    _answer_conflict(lambda dialog: (dialog.take_all.click(), dialog.save_button.click()))
    with qtbot.waitSignal(editor.saved, timeout=3000):
        editor.buttons.button(editor.buttons.StandardButton.Save).click()
    saved = get_contact(contact.id)
    assert (saved.title, saved.location, saved.notes) == ("Data Engineer", "York", "Prefers mornings")


def test_back_to_editing_writes_nothing_and_keeps_what_was_typed(qtbot, db_path) -> None:
    contact, editor = _edited_elsewhere(qtbot)
    seen = _answer_conflict(lambda dialog: dialog.back_button.click())
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: bool(seen) and not editor.banner.isHidden(), timeout=3000)
    assert "changed on another machine" in editor.banner.text()
    assert editor.fields["title"].text() == "Lead Analyst"
    assert editor.notes.toPlainText() == "Prefers mornings"
    saved = get_contact(contact.id)
    assert (saved.title, saved.notes) == ("Data Engineer", "")
    assert editor.result() == 0  # not accepted: the editor stays open


def test_the_dialog_chooses_per_field_or_overall(qtbot) -> None:
    conflict = EditConflict(
        "contact Ada Byron (id 3)", 3, 4, 6,
        [FieldConflict("title", "Lead Analyst", "Data Engineer"),
         FieldConflict("emails", [("work", "ada@old.example")], [("work", "ada@new.example")])],
    )
    dialog = ConflictDialog(conflict)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "version 4" in texts and "version 6" in texts and "Nothing has been overwritten" in texts
    assert dialog.theirs_buttons["emails"].text() == "ada@new.example (work)"
    assert dialog.choices() == {"title": MINE, "emails": MINE}
    dialog.theirs_buttons["emails"].click()
    assert dialog.choices() == {"title": MINE, "emails": THEIRS}
    dialog.take_all.click()
    assert dialog.choices() == {"title": THEIRS, "emails": THEIRS}
    dialog.keep_all.click()
    assert dialog.choices() == {"title": MINE, "emails": MINE}


def test_the_organization_editor_asks_too(qtbot, db_path) -> None:
    from desktop_crm.services.contacts.organizations import (
        create_organization,
        get_organization,
        update_organization,
    )
    from desktop_crm.ui.organizations.editor import OrganizationDialog

    org = create_organization({"name": "Maple Health", "industry": "Health"})
    dialog = OrganizationDialog(org.id)
    qtbot.addWidget(dialog)
    dialog.industry.setText("Healthcare software")
    dialog.notes.setPlainText("Hiring in spring")
    update_organization(org.id, {"industry": "Biotech", "location": "Leeds"})
    seen = _answer_conflict(lambda d: d.save_button.click())
    assert dialog.save()
    assert seen and [f.field for f in seen[0].conflict.fields] == ["industry"]
    saved = get_organization(org.id)
    assert (saved.industry, saved.location, saved.notes) == ("Healthcare software", "Leeds", "Hiring in spring")


def test_the_profile_dialog_asks_too(qtbot, db_path) -> None:
    from desktop_crm.services.contacts.profile import get_profile, update_profile
    from desktop_crm.ui.context import AppContext
    from desktop_crm.ui.profile.dialog import ProfileDialog

    update_profile({"name": "Sam", "pitch": "Data person"})
    dialog = ProfileDialog(AppContext(db_path))
    qtbot.addWidget(dialog)
    dialog.inputs["pitch"].setPlainText("Data person moving into climate")
    dialog.inputs["target_places"].setText("Leeds")
    update_profile({"pitch": "Analyst", "target_roles": "Data engineer"})  # another copy
    seen = _answer_conflict(lambda d: (d.take_all.click(), d.save_button.click()))
    dialog.save()
    qtbot.waitUntil(lambda: bool(seen))
    saved = get_profile()
    assert (saved.pitch, saved.target_roles, saved.target_places) == ("Analyst", "Data engineer", "Leeds")


def test_the_relationship_editor_asks_too(qtbot, db_path) -> None:
    from desktop_crm.services.network.relationships import (
        add_relationship,
        get_relationship,
        update_relationship,
    )
    from desktop_crm.ui.context import AppContext
    from desktop_crm.ui.network.dialogs import RelationshipDialog

    a = create_contact({"first_name": "Ana", "last_name": "Silva"}).id
    b = create_contact({"first_name": "Ben", "last_name": "Okafor"}).id
    rel = add_relationship(a, b, "colleague", "known", "worked at Helios")
    dialog = RelationshipDialog(AppContext(db_path), contact_id=a)
    qtbot.addWidget(dialog)
    dialog.existing.setCurrentItem(dialog.existing.topLevelItem(0))
    assert dialog.editing is not None and dialog.editing.id == rel.id
    dialog.how.setText("worked at Helios, 2 years")
    dialog.since.setText("university")
    update_relationship(rel.id, {"how": "met at a conference", "strength": "close"})  # elsewhere
    seen = _answer_conflict(lambda d: (d.theirs_buttons["how"].click(), d.save_button.click()))
    assert dialog.save_single()
    assert seen and [f.field for f in seen[0].conflict.fields] == ["how"]
    saved = get_relationship(rel.id)
    assert (saved.how, saved.strength, saved.since) == ("met at a conference", "close", "university")


def _meeting_edited_elsewhere(qtbot, db_path, now):
    """A meeting open in the dialog with typed place, notes and objective; another copy
    saves the place, the notes and the objective to learn meanwhile."""
    from desktop_crm.services.meetings import update_meeting
    from desktop_crm.services.meetings.bundle import save_meeting

    meeting, cid, dialog = open_meeting(qtbot, db_path, now)
    dialog.schedule.place.setText("Library")
    dialog.schedule.ask.setPlainText("Two introductions")
    dialog.outcome.notes.setPlainText("Bring the portfolio")
    update_meeting(meeting.id, {"place": "Station", "objective_learn": "How teams are formed"})
    save_meeting(cid, meeting.id, {}, notes="Ask about the reorg")  # another copy's notes
    return meeting, dialog


def test_the_meeting_dialog_shows_both_versions_and_keeps_mine_per_field(qtbot, db_path, now) -> None:
    from desktop_crm.services.meetings import get_meeting

    meeting, dialog = _meeting_edited_elsewhere(qtbot, db_path, now)

    def choose(d: ConflictDialog) -> None:
        assert d.windowTitle() == "Changed on another machine"
        assert [f.field for f in d.conflict.fields] == ["place", "notes"]
        assert (d.mine_buttons["place"].text(), d.theirs_buttons["place"].text()) == ("Library", "Station")
        assert d.theirs_buttons["notes"].text() == "Ask about the reorg"
        d.theirs_buttons["notes"].click()  # theirs for the notes, mine for the place
        d.save_button.click()

    seen = _answer_conflict(choose)
    dialog.save()
    assert seen and dialog.result() == QDialog.DialogCode.Accepted
    saved = get_meeting(meeting.id)
    assert (saved.place, saved.notes) == ("Library", "Ask about the reorg")
    # merged: my objective to ask, their objective to learn
    assert (saved.objective_ask, saved.objective_learn) == ("Two introductions", "How teams are formed")


def test_the_meeting_dialog_takes_all_theirs_overall(qtbot, db_path, now) -> None:
    from desktop_crm.services.meetings import get_meeting

    meeting, dialog = _meeting_edited_elsewhere(qtbot, db_path, now)
    seen = _answer_conflict(lambda d: (d.take_all.click(), d.save_button.click()))
    dialog.save()
    assert seen and dialog.result() == QDialog.DialogCode.Accepted
    saved = get_meeting(meeting.id)
    assert (saved.place, saved.notes, saved.objective_ask) == ("Station", "Ask about the reorg", "Two introductions")


def test_the_meeting_dialog_back_to_editing_writes_nothing_and_keeps_the_form(qtbot, db_path, now) -> None:
    from desktop_crm.services.meetings import get_meeting

    meeting, dialog = _meeting_edited_elsewhere(qtbot, db_path, now)
    seen = _answer_conflict(lambda d: d.back_button.click())
    dialog.save()
    assert seen and dialog.result() != QDialog.DialogCode.Accepted
    assert "changed on another machine" in dialog.general_error.text()
    assert "Library" in dialog.general_error.text() and "Station" in dialog.general_error.text()
    assert dialog.schedule.place.text() == "Library"
    assert dialog.outcome.notes.toPlainText() == "Bring the portfolio"
    assert dialog.schedule.ask.toPlainText() == "Two introductions"
    saved = get_meeting(meeting.id)
    assert (saved.place, saved.notes, saved.objective_ask) == ("Station", "Ask about the reorg", "")
