"""What the Meetings and Today views both do to a meeting: open it, change its status,
export it, draft an email. Each reports a user error in a message box and
announces success on the status bar; each tells the app that data changed.

Dialogs open window-modal with ``open()`` (not ``exec()``), so the event
loop keeps running: tests drive them, and the caller refreshes on finish.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from ...services import meetings
from ...services.errors import ServiceError
from ...services.exporting import calendar as calendar_export
from ...services.meetings.email_drafts import EmailDraft
from ..context import AppContext
from ..plain_text import as_typed
from ..profile.prompt import ask_for_profile_once
from .email_draft import EmailDraftDialog
from .meeting_dialog import MeetingDialog
from .outreach_dialog import OutreachDialog

STATUS_DONE_MESSAGES = {
    "done": "Marked done: send your thank-you within a day.",
    "cancelled": "Meeting cancelled.",
    "no_show": "Marked as a no-show.",
    "planned": "Meeting planned again.",
}


def report(parent: QWidget, context: AppContext, exc: ServiceError) -> None:
    context.status_message.emit(str(exc))
    QMessageBox.warning(parent, "Desktop CRM", as_typed(str(exc)))


def _show(dialog: QDialog, on_done: Callable[[], None] | None) -> QDialog:
    if on_done is not None:
        dialog.finished.connect(lambda _result: on_done())
    dialog.finished.connect(lambda _result: dialog.deleteLater())
    dialog.open()
    return dialog


def open_meeting(
    context: AppContext,
    parent: QWidget,
    meeting_id: int | None = None,
    contact_id: int | None = None,
    page: str | None = None,
    on_done: Callable[[], None] | None = None,
) -> MeetingDialog:
    dialog = MeetingDialog(context, contact_id=contact_id, meeting_id=meeting_id, parent=parent)
    if page:
        dialog.show_page(page)
    _show(dialog, on_done)
    return dialog


def open_outreach(
    context: AppContext, parent: QWidget, contact_id: int, on_done: Callable[[], None] | None = None
) -> OutreachDialog:
    dialog = OutreachDialog(context, contact_id, parent=parent)
    _show(dialog, on_done)
    return dialog


def open_draft(parent: QWidget, context: AppContext, make: Callable[[], EmailDraft], title: str) -> EmailDraftDialog | None:
    ask_for_profile_once(context, parent, "draft")  # the first draft needs a name to sign with
    try:
        draft = make()
    except ServiceError as exc:
        report(parent, context, exc)
        return None
    dialog = EmailDraftDialog(draft, title, parent=parent)
    _show(dialog, None)
    return dialog


def set_status(parent: QWidget, context: AppContext, meeting_id: int, status: str) -> bool:
    """planned | done | cancelled | no_show, with the service's rules; True when it worked."""
    try:
        meetings.set_status(meeting_id, status)
    except ServiceError as exc:
        report(parent, context, exc)
        return False
    context.data_changed.emit()
    context.status_message.emit(STATUS_DONE_MESSAGES.get(status, "Meeting saved."))
    return True


def mark_thank_you_sent(parent: QWidget, context: AppContext, meeting_id: int) -> bool:
    try:
        meetings.mark_thank_you_sent(meeting_id)
    except ServiceError as exc:
        report(parent, context, exc)
        return False
    context.data_changed.emit()
    context.status_message.emit("Thank-you marked as sent.")
    return True


def export_ics(
    parent: QWidget, context: AppContext, meeting_ids: list[int] | None, path: str | None = None
) -> Path | None:
    """Write an .ics file (the given meetings, or all upcoming when None); ask where if no path."""
    if path is None:
        suggested = "meeting.ics" if meeting_ids and len(meeting_ids) == 1 else "upcoming-meetings.ics"
        path, _ = QFileDialog.getSaveFileName(
            parent, "Export to calendar", str(Path.home() / suggested), "Calendar files (*.ics)"
        )
        if not path:
            return None
    if not path.lower().endswith(".ics"):
        path += ".ics"
    try:
        target, count = calendar_export.write_ics(path, meeting_ids)
    except (ServiceError, OSError) as exc:
        message = f"Could not write {path}: {exc}"
        context.status_message.emit(message)
        QMessageBox.warning(parent, "Export to calendar", as_typed(message))
        return None
    context.status_message.emit(f"{count} meeting(s) exported to {target}.")
    return target
