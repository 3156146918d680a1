"""The profile is asked for the first time it is needed, and the prep preview says what is empty."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from desktop_crm.services.contacts import create_contact
from desktop_crm.services.contacts.profile import get_profile
from desktop_crm.services.meetings import email_drafts
from desktop_crm.ui.context import AppContext
from desktop_crm.ui.meetings import commands
from desktop_crm.ui.prep.preview import PrepPreviewDialog
from desktop_crm.ui.profile.dialog import ProfileDialog
from desktop_crm.ui.widgets.settings import app_settings


@pytest.fixture
def context(db_path):
    return AppContext(db_path)


@pytest.fixture
def person(db_path) -> int:
    return create_contact({"first_name": "Ana", "last_name": "Souza", "emails": [{"email": "ana@example.com"}]}).id


def _fill_profile_when_it_opens(name: str, seen: list[str]) -> None:
    def poll(left: int = 300) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ProfileDialog):
            seen.append("asked")
            dialog.name.setText(name)
            dialog.save()
        elif left:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)


def test_the_first_draft_asks_for_your_name_and_signs_with_it(qtbot, context, person):
    seen: list[str] = []
    _fill_profile_when_it_opens("Alex Morgan", seen)
    holder = QDialog()
    qtbot.addWidget(holder)
    dialog = commands.open_draft(holder, context, lambda: email_drafts.draft_meeting_request(person), "Ask Ana")
    qtbot.addWidget(dialog)
    assert seen == ["asked"]
    assert get_profile().name == "Alex Morgan"
    body = dialog.panel.body_edit.toPlainText()
    assert "Alex Morgan" in body and "(your name)" not in body
    assert app_settings().value("profile/asked_for_draft") in (True, "true")


def test_it_asks_only_once(qtbot, context, person):
    app_settings().setValue("profile/asked_for_draft", True)
    holder = QDialog()
    qtbot.addWidget(holder)
    dialog = commands.open_draft(holder, context, lambda: email_drafts.draft_meeting_request(person), "Ask Ana")
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and get_profile().name == ""


def test_the_prep_preview_names_the_empty_sections_and_why(qtbot, context, person):
    preview = PrepPreviewDialog(context, contact_id=person)
    qtbot.addWidget(preview)
    note = preview.empty_note.text()
    assert "Your pitch: your profile has none yet" in note
    assert preview.section_boxes["pitch"].text().endswith("(empty)")
    assert "Your profile" in preview.section_boxes["pitch"].toolTip()
