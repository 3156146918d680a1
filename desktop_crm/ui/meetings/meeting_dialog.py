"""Schedule or edit one informational interview, and record how it went.

Four pages: the meeting itself, the chosen questions, what happened during
and after, and email drafts. Nothing is written until Save, and Save writes
all of it in one transaction (:mod:`services.meetings.bundle`) or nothing:
every part is validated first and each message appears under its field.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...services import meetings
from ...services.errors import ServiceError
from ...services.meetings.bundle import save_meeting
from ..context import AppContext
from ..profile.prompt import ask_for_profile_once
from ..widgets.field_errors import FieldError, FieldErrors
from ..widgets.unsaved import AsksBeforeDiscarding
from .drafts_tab import DraftsTab
from .outcome_tab import OutcomeTab
from .questions_tab import QuestionsTab
from .schedule_tab import ScheduleTab

PAGES = ("meeting", "questions", "outcome", "emails")


class MeetingDialog(AsksBeforeDiscarding, QDialog):
    """``MeetingDialog(context, contact_id=None, meeting_id=None)``; ``meeting_id`` edits.

    Closing with anything typed and not saved (Esc, Cancel, the close button)
    asks Save / Discard / Cancel.
    """

    unsaved_text = "This meeting has changes that are not saved. Save them before closing?"

    def __init__(
        self,
        context: AppContext,
        contact_id: int | None = None,
        meeting_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.meeting_id = meeting_id
        self.loaded: meetings.MeetingView | None = None
        self.errors = FieldErrors()
        self.schedule = ScheduleTab(self.errors)
        self.questions = QuestionsTab()
        self.outcome = OutcomeTab(self.errors)
        self.drafts = DraftsTab()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.schedule, "Meeting")
        self.tabs.addTab(self.questions, "Questions")
        self.tabs.addTab(self.outcome, "During and after")
        self.tabs.addTab(self.drafts, "Emails")
        self.tabs.currentChanged.connect(self._page_shown)
        self.general_error = FieldError()  # messages that belong to no one field
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.schedule.contact.contact_changed.connect(self._contact_changed)
        self.resize(760, 640)
        if meeting_id is not None:
            self._load(meeting_id)
        else:
            self.setWindowTitle("Schedule a meeting")
            if contact_id:
                self.schedule.contact.set_contact(contact_id)
                self.schedule.when.setFocus()
        self.mark_clean()

    def _load(self, meeting_id: int) -> None:
        m = meetings.get_meeting(meeting_id)
        self.loaded = m  # saves go "from" its version: a change made elsewhere is never overwritten
        self.setWindowTitle(f"Meeting with {m.contact_name}")
        # The chosen questions first: setting the meeting's person (contact_changed)
        # builds the suggestions, which leave out the questions already chosen.
        self.questions.load_meeting(meeting_id)
        self.schedule.set_meeting(m)
        self.outcome.load_meeting(m)
        if m.status == "done":
            self.tabs.setCurrentWidget(self.outcome)

    def show_page(self, page: str) -> None:
        """Open on a page: 'meeting', 'questions', 'outcome' or 'emails'."""
        self.tabs.setCurrentIndex(PAGES.index(page))

    def _contact_changed(self, contact_id: int) -> None:
        self.questions.set_contact(contact_id)
        self.drafts.set_subject(contact_id, self.meeting_id)

    def _page_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.drafts and ask_for_profile_once(self.context, self, "draft"):
            self.drafts.refresh()  # signed with the name just given
        if self.tabs.widget(index) is self.outcome:
            self.outcome.show_answers(self.questions.chosen)

    # saving --------------------------------------------------------------
    def save(self) -> None:
        """Validate and write everything in one transaction; on an error show it and stay open."""
        self.errors.clear()
        self.general_error.hide()
        try:
            contact_id = self.schedule.contact.contact_id()
            view = save_meeting(
                contact_id,
                self.meeting_id,
                self.schedule.values(),
                questions=self.questions.entries(),
                notes=self.outcome.notes.toPlainText(),
                introductions=self.outcome.introduction_entries(),
                actions=self.outcome.action_entries(),
                thank_you_sent=self.outcome.thank_you_sent(),
                actions_done=self.outcome.actions_ticked(),
                expected_version=self.loaded.version if self.loaded is not None else None,
                base=self.loaded,
            )
        except ServiceError as exc:
            self._show_error(exc)
            return
        self.meeting_id = view.id
        self.outcome.saved()
        self.mark_clean()
        self.context.data_changed.emit()
        self.context.status_message.emit("Meeting saved.")
        self.accept()

    def _show_error(self, exc: ServiceError) -> None:
        leftover = self.errors.show(exc)
        pages = (
            (self.schedule, ("contact", "when", "tz", "minutes", "kind", "status")),
            (self.outcome, ("introduced", "action")),
        )
        for page, fields in pages:
            shown = [f for f in fields if self.errors.message(f)]
            if shown:
                self.tabs.setCurrentWidget(page)
                if page is self.outcome:
                    self.outcome.reveal(shown[0])
                break
        if leftover:
            self.general_error.setText(leftover)
            self.general_error.show()

    def form_state(self) -> tuple[Any, ...]:
        """Everything Save would write, plus text typed into the add-a-line fields."""
        return (
            self.schedule.contact.text(),
            self.schedule.values(),
            self.questions.entries(),
            self.questions.one_off.text(),
            self.outcome.notes.toPlainText(),
            self.outcome.introduction_entries(),
            self.outcome.intro_name.text(),
            self.outcome.action_entries(),
            self.outcome.action_text.text(),
            self.outcome.thank_you_sent(),
            self.outcome.actions_ticked(),
        )
