"""The profile dialog: saved and read back; a bad email refused at its field with nothing saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from desktop_crm.services.contacts.profile import get_profile, update_profile
from desktop_crm.ui.context import AppContext
from desktop_crm.ui.profile.dialog import ProfileDialog


def _save(qtbot, dialog: ProfileDialog) -> None:
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_profile_is_saved_and_read_back(qtbot, db_path):
    context = AppContext(db_path)
    dialog = ProfileDialog(context)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Robin Ortiz")
    qtbot.keyClicks(dialog.email, "robin@Example.ORG")
    qtbot.keyClicks(dialog.pitch, "Ten years in logistics data; moving into energy.")
    qtbot.keyClicks(dialog.target_roles, "data engineer")
    qtbot.keyClicks(dialog.target_industries, "energy")
    qtbot.keyClicks(dialog.target_places, "Berlin, remote")
    qtbot.keyClicks(dialog.objectives, "Meet three people a week")
    assert dialog.pitch_count.text().startswith("8 words")
    with qtbot.waitSignal(context.data_changed, timeout=1000):
        _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = get_profile()
    assert (saved.name, saved.email, saved.target_places) == ("Robin Ortiz", "robin@example.org", "Berlin, remote")
    assert saved.pitch == "Ten years in logistics data; moving into energy."
    again = ProfileDialog(context)
    qtbot.addWidget(again)
    assert again.values()["objectives"] == "Meet three people a week"
    assert again.email.text() == "robin@example.org"


def test_a_bad_email_is_shown_at_the_field_and_nothing_is_saved(qtbot, db_path):
    update_profile({"name": "Before", "email": "before@example.com"})
    dialog = ProfileDialog(AppContext(db_path))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("After")
    dialog.email.setText("not-an-address")
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert "not a valid email address" in dialog.errors.message("email")
    assert dialog.email.hasFocus() or dialog.focusWidget() is dialog.email
    assert (get_profile().name, get_profile().email) == ("Before", "before@example.com")
