"""Where the main window finds each view and dialog, loaded lazily.

A feature's widgets live in their own sub-package; the window asks here and
shows an empty state when a feature is not built. Constructor conventions:

* views: ``View(context: AppContext, parent=None)`` with ``refresh()``,
  called when the view is shown and on ``context.data_changed``;
* dialogs: the keyword arguments listed in :data:`DIALOGS`, plus ``parent``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# (key, navigation label, module, class)
VIEWS: tuple[tuple[str, str, str, str], ...] = (
    ("today", "Today", "desktop_crm.ui.today.view", "TodayView"),
    ("contacts", "Contacts", "desktop_crm.ui.contacts.view", "ContactsView"),
    ("network", "Network", "desktop_crm.ui.network.view", "NetworkView"),
    ("meetings", "Meetings", "desktop_crm.ui.meetings.view", "MeetingsView"),
    ("questions", "Questions", "desktop_crm.ui.questions.view", "QuestionsView"),
    ("findings", "Findings", "desktop_crm.ui.findings.view", "FindingsView"),
    ("organizations", "Organizations", "desktop_crm.ui.organizations.view", "OrganizationsView"),
    ("trash", "Trash", "desktop_crm.ui.trash.view", "TrashView"),
)

# key -> (module, class, keyword arguments after ``context``)
DIALOGS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "meeting": ("desktop_crm.ui.meetings.dialogs", "MeetingDialog", ("contact_id", "meeting_id")),
    "outreach": ("desktop_crm.ui.meetings.dialogs", "OutreachDialog", ("contact_id",)),
    "relationship": ("desktop_crm.ui.network.dialogs", "RelationshipDialog", ("contact_id",)),
    "import": ("desktop_crm.ui.importer.dialog", "ImportDialog", ("path",)),
    "prep": ("desktop_crm.ui.prep.preview", "PrepPreviewDialog", ("meeting_id", "contact_id")),
    "profile": ("desktop_crm.ui.profile.dialog", "ProfileDialog", ()),
}


def load_class(module: str, name: str) -> type[Any] | None:
    """The class, or None when its feature module does not exist yet."""
    try:
        loaded = import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None
        raise
    return getattr(loaded, name, None)


def dialog_class(key: str) -> type[Any] | None:
    module, name, _ = DIALOGS[key]
    return load_class(module, name)
