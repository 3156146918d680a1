"""The "Emails" page: drafts for this person from the editable templates.

Meeting request and follow-up need only the person; the thank-you needs the
saved meeting; the introduction request needs an introduction this person
promised. When one is missing the page says what to do instead.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from ...services.errors import ServiceError
from ...services.meetings import email_drafts, introductions
from ...services.meetings.email_drafts import EmailDraft
from .email_draft import EmailDraftPanel

KINDS = (
    ("meeting_request", "Meeting request"),
    ("thank_you", "Thank-you"),
    ("introduction_request", "Introduction request"),
    ("follow_up", "Follow-up"),
)


class DraftsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contact_id: int | None = None
        self.meeting_id: int | None = None
        self.kind = QComboBox()
        for key, label in KINDS:
            self.kind.addItem(label, key)
        self.introduction = QComboBox()
        self.introduction.setToolTip("Which promised introduction to ask about")
        self.panel = EmailDraftPanel()
        self.panel.form.insertRow(0, "Draft:", self.kind)
        self.panel.form.insertRow(1, "Introduction:", self.introduction)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.introduction.currentIndexChanged.connect(lambda _i: self.refresh())

    def set_subject(self, contact_id: int | None, meeting_id: int | None) -> None:
        """Whom the drafts are for; refills the list of their promised introductions."""
        self.contact_id, self.meeting_id = contact_id or None, meeting_id
        self.introduction.blockSignals(True)
        self.introduction.clear()
        if self.contact_id:
            for intro in introductions.list_introductions(introducer_id=self.contact_id):
                if intro.status in ("promised", "made"):
                    self.introduction.addItem(f"{intro.introduced_name} ({intro.status})", intro.id)
        self.introduction.blockSignals(False)
        self.refresh()

    def select(self, kind: str) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.refresh()

    def refresh(self) -> None:
        kind = self.kind.currentData()
        self.panel.form.setRowVisible(self.introduction, kind == "introduction_request")
        self.introduction.setEnabled(self.introduction.count() > 0)
        draft, why = self._draft(kind)
        self.panel.set_draft(draft, why)

    def _draft(self, kind: str) -> tuple[EmailDraft | None, str]:
        if not self.contact_id:
            return None, "Choose the person on the Meeting page first."
        try:
            if kind == "meeting_request":
                return email_drafts.draft_meeting_request(self.contact_id), ""
            if kind == "follow_up":
                return email_drafts.draft_follow_up(self.contact_id), ""
            if kind == "thank_you":
                if self.meeting_id is None:
                    return None, "Save the meeting first; the thank-you refers to when you met."
                return email_drafts.draft_thank_you(self.meeting_id), ""
            intro_id = self.introduction.currentData()
            if intro_id is None:
                return None, (
                    "This person has not promised an introduction yet. Record one under "
                    "'Introductions obtained' and save, then draft the reminder here."
                )
            return email_drafts.draft_introduction_request(intro_id), ""
        except ServiceError as exc:
            return None, str(exc)
