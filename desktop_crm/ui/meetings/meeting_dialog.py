"""Schedule or edit one informational interview, and record how it went.

Four pages: the meeting itself, the chosen questions, what happened during
and after, and email drafts. Nothing is written until Save, and Save writes
all of it in one transaction (:mod:`services.meetings.bundle`) or nothing:
every part is validated first and each message appears under its field.
"""

from __future__ import annotations

import dataclasses
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...services import meetings
from ...services.conflicts import EditConflict
from ...services.errors import ServiceError
from ...services.meetings.bundle import save_meeting
from ..context import AppContext
from ..database_errors import UNREACHABLE, unsaved_message
from ..profile.prompt import ask_for_profile_once
from ..widgets.conflict_dialog import THEIRS, ConflictDialog
from ..widgets.field_errors import FieldError, FieldErrors
from ..widgets.unsaved import AsksBeforeDiscarding
from .drafts_tab import DraftsTab
from .outcome_tab import OutcomeTab
from .questions_tab import QuestionsTab
from .schedule_tab import ScheduleTab

PAGES = ("meeting", "questions", "outcome", "emails")

# The meeting's fields as "Changed on another machine" names them.
CONFLICT_LABELS = {
    "starts_at": "Starts (UTC)",
    "tz": "Time zone",
    "minutes": "Minutes",
    "objective_learn": "To learn",
    "objective_reveal": "To reveal",
    "objective_ask": "To ask",
}


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
        """Validate and write everything in one transaction; on an error show it and stay open.

        A meeting saved on another machine since it was loaded shows both versions
        side by side ("Changed on another machine"); the user's choices are then
        saved from the other machine's version. A database that cannot be reached
        (a dropped server connection) is said under the form, which keeps everything.
        """
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
        except EditConflict as conflict:
            if self._resolve(conflict):
                self.save()
            return
        except ServiceError as exc:
            self._show_error(exc)
            return
        except UNREACHABLE as exc:
            self._show_general(unsaved_message(exc) or str(exc))
            return
        self.meeting_id = view.id
        self.outcome.saved()
        self.mark_clean()
        self.context.data_changed.emit()
        self.context.status_message.emit("Meeting saved.")
        self.accept()

    def ask_conflict(self, conflict: EditConflict) -> dict[str, str] | None:
        """The user's choice per field ("mine" or "theirs"), or None to go back to editing."""
        dialog = ConflictDialog(conflict, self, labels=CONFLICT_LABELS)
        try:
            return dialog.choices() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def _resolve(self, conflict: EditConflict) -> bool:
        """Ask per field; True: save again from the other machine's version.

        Fields where the user took theirs show the saved value; the others keep
        what was typed. The form's base moves to the saved values for the
        conflicting fields only and keeps the version it was loaded at, so the next
        save still merges: a field only the other machine changed is kept as they
        saved it, and a third change to a chosen field asks again. Going back
        leaves the form as it was.
        """
        choices = self.ask_conflict(conflict)
        if choices is None or self.loaded is None or self.meeting_id is None:
            self._show_general(
                f"{str(conflict)[:1].upper()}{str(conflict)[1:]} Your edits are still here; "
                "Save again to choose field by field.")
            return False
        saved = meetings.get_meeting(self.meeting_id)
        taken = [f.field for f in conflict.fields if choices.get(f.field) == THEIRS]
        for key in sorted(taken, key=lambda k: k != "tz"):  # the zone before the time shown in it
            self._put_saved(key, saved)
        self.loaded = dataclasses.replace(
            self.loaded, **{f.field: getattr(saved, f.field) for f in conflict.fields})
        return True

    def _put_saved(self, key: str, saved: meetings.MeetingView) -> None:
        """Show the other machine's value of one meeting field in the form."""
        schedule = self.schedule
        if key == "tz":
            schedule.zone.setCurrentText(saved.tz)
        elif key == "starts_at":
            try:
                zone = ZoneInfo(schedule.zone.currentText().strip() or saved.tz)
            except (ValueError, KeyError):  # a zone name being typed: theirs as they see it
                zone = ZoneInfo(saved.tz)
            schedule.set_wall_time(saved.local_start.astimezone(zone).replace(tzinfo=None))
        elif key == "minutes":
            schedule.minutes.setValue(saved.minutes)
        elif key in ("kind", "status"):
            combo = getattr(schedule, key)
            combo.setCurrentIndex(max(0, combo.findData(getattr(saved, key))))
        elif key == "place":
            schedule.place.setText(saved.place)
        elif key in ("objective_learn", "objective_reveal", "objective_ask"):
            box = {"objective_learn": schedule.learn, "objective_reveal": schedule.reveal,
                   "objective_ask": schedule.ask}[key]
            box.setPlainText(getattr(saved, key))
        elif key == "notes":
            self.outcome.notes.setPlainText(saved.notes)

    def _show_general(self, text: str) -> None:
        self.general_error.setText(text)
        self.general_error.show()

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
