"""Opening another feature's dialog (meeting, outreach, relationship, import, prep, profile).

The dialogs come from :mod:`desktop_crm.ui.registry`; a feature not built
into this copy has no class, so buttons that need it are disabled with a
tooltip saying what they would do, instead of failing when clicked.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from .. import registry

PURPOSE = {
    "meeting": "Schedule an informational interview",
    "outreach": "Log an email, message or call asking for a meeting",
    "relationship": "Record who this person knows",
    "import": "Import contacts from a LinkedIn, Google, Outlook or vCard file",
    "prep": "Print a one-page briefing to take to the meeting",
    "profile": "Your background pitch, target roles and objectives",
}


def available(key: str) -> bool:
    return registry.dialog_class(key) is not None


def unavailable_tooltip(key: str) -> str:
    return f"{PURPOSE.get(key, key)}. This copy of Desktop CRM does not include it."


def open_dialog(key: str, context: Any, parent: QWidget | None = None, **kwargs: Any) -> int | None:
    """Run the dialog modally; return its result, or None when it is not available."""
    cls = registry.dialog_class(key)
    if cls is None:
        return None
    _, _, names = registry.DIALOGS[key]
    arguments = {name: kwargs.get(name) for name in names}
    dialog: QDialog = cls(context, **arguments, parent=parent)
    try:
        return int(dialog.exec())
    finally:
        dialog.deleteLater()
