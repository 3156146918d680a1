"""The meeting and outreach dialogs, where :mod:`desktop_crm.ui.registry` looks for them."""

from __future__ import annotations

from .email_draft import EmailDraftDialog
from .meeting_dialog import MeetingDialog
from .outreach_dialog import OutreachDialog

__all__ = ["EmailDraftDialog", "MeetingDialog", "OutreachDialog"]
