"""Ask for the profile the first time it is needed, not before and not twice.

An email draft signs with your name, and a prep sheet prints your pitch; with
an empty profile the first draft would be signed "(your name)" and the sheet
would silently drop the pitch. So the first draft and the first prep sheet
open the profile dialog, saying why, when those fields are empty. Once asked
(saved or not), the app does not ask again for that purpose.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...services.contacts.profile import get_profile
from ..context import AppContext
from ..widgets.settings import app_settings
from .dialog import ProfileDialog

NEEDED = {
    "draft": (("name",), "Your first email draft is signed with your name. How should it read?"),
    "prep": (("name", "pitch"), "Your first prep sheet prints your name and a short pitch. "
                                "Add them now (you can change them any time under File › Your profile…)."),
}


def missing_fields(purpose: str) -> list[str]:
    fields, _ = NEEDED[purpose]
    profile = get_profile()
    return [f for f in fields if not str(getattr(profile, f) or "").strip()]


def ask_for_profile_once(context: AppContext, parent: QWidget | None, purpose: str) -> bool:
    """Open the profile dialog if ``purpose`` ('draft' or 'prep') needs empty fields and
    was never asked about; True when the dialog was shown."""
    settings = app_settings()
    key = f"profile/asked_for_{purpose}"
    if not missing_fields(purpose) or settings.value(key, False) in (True, "true"):
        return False
    settings.setValue(key, True)
    dialog = ProfileDialog(context, parent, reason=NEEDED[purpose][1])
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
    return True
