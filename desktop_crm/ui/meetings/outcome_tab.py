"""The "During and after" page: answers, notes, introductions obtained, promises, thank-you.

Everything typed here waits for the dialog's Save, which hands it to
:func:`services.meetings.bundle.save_meeting` with the rest of the dialog:
introductions (creating or linking the new person), promised actions, notes
and the thank-you are written together with the meeting, or not at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services import meetings
from ...services.errors import ServiceError
from ...services.meetings import actions, introductions
from ...services.meetings.bundle import ActionEntry, IntroductionEntry
from ..plain_text import plain_label
from ..widgets.date_time_fields import DateField
from ..widgets.dates import qdate_today
from ..widgets.field_errors import FieldErrors
from ..widgets.layout import scroll_area
from ..widgets.theme import set_muted
from .contact_picker import ContactPicker
from .questions_tab import ChosenQuestion


@dataclass
class PendingIntroduction:
    """An introduction typed but not saved: an existing contact id, or a new person's fields."""

    label: str
    contact_id: int | None
    new_person: dict[str, Any] | None
    status: str


@dataclass
class PendingAction:
    text: str
    due: dt.date | None


class OutcomeTab(QWidget):
    """What happened in the meeting and what follows from it."""

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = errors
        self.pending_intros: list[PendingIntroduction] = []
        self.pending_actions: list[PendingAction] = []
        self._action_state: dict[int, bool] = {}
        self._thank_you_was = False

        self.answers_box = QGroupBox("Answers")
        self.answers_layout = QVBoxLayout(self.answers_box)
        self.answer_boxes: list[QPlainTextEdit] = []
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Anything else worth remembering: names mentioned, advice, mood…")
        self.notes.setMinimumHeight(70)
        self.thank_you = QCheckBox("Thank-you note sent")
        self.thank_you.setToolTip("Send it within a day of the meeting; Today reminds you until it is ticked")

        layout_inner = QVBoxLayout()
        layout_inner.addWidget(self.answers_box)
        notes_box = QGroupBox("Notes")
        QVBoxLayout(notes_box).addWidget(self.notes)
        layout_inner.addWidget(notes_box)
        layout_inner.addWidget(self._introductions_box())
        layout_inner.addWidget(self._actions_box())
        layout_inner.addWidget(self.thank_you)
        layout_inner.addStretch(1)

        body = QWidget()
        body.setLayout(layout_inner)
        self.scroll = scroll_area(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    # building ------------------------------------------------------------
    def _introductions_box(self) -> QGroupBox:
        box = QGroupBox("Introductions obtained")
        self.intro_list = QListWidget()
        self.intro_list.setMaximumHeight(96)
        self.intro_name = ContactPicker()
        self.intro_name.setPlaceholderText("Someone you know, or a new name…")
        self.intro_org = QLineEdit()
        self.intro_org.setPlaceholderText("Their organization (new person)")
        self.intro_status = QComboBox()
        self.intro_status.addItem("Promised", "promised")
        self.intro_status.addItem("Made", "made")
        self.add_intro_button = QPushButton("Add introduction")
        self.add_intro_button.clicked.connect(self._add_intro)
        row = QHBoxLayout()
        row.addWidget(self.intro_name, 3)
        row.addWidget(self.intro_org, 2)
        row.addWidget(self.intro_status)
        row.addWidget(self.add_intro_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.intro_list)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.errors.wrap("introduced", holder))
        hint = QLabel("A new name becomes a contact, introduced by the person you met.")
        set_muted(hint)
        layout.addWidget(hint)
        return box

    def _actions_box(self) -> QGroupBox:
        box = QGroupBox("Promised actions")
        self.action_list = QListWidget()
        self.action_list.setMaximumHeight(96)
        self.action_text = QLineEdit()
        self.action_text.setPlaceholderText("e.g. send them the article on grid storage")
        self.action_text.returnPressed.connect(self._add_action)
        self.action_due = DateField("d MMM yyyy")
        self.action_due.setDate(qdate_today().addDays(7))
        self.add_action_button = QPushButton("Add action")
        self.add_action_button.clicked.connect(self._add_action)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.action_text, 1)
        row.addWidget(QLabel("due"))
        row.addWidget(self.action_due)
        row.addWidget(self.add_action_button)
        holder = QWidget()
        holder.setLayout(row)
        layout = QVBoxLayout(box)
        layout.addWidget(self.action_list)
        layout.addWidget(self.errors.wrap("action", holder))
        return box

    # loading -------------------------------------------------------------
    def load_meeting(self, m: meetings.MeetingView) -> None:
        self.notes.setPlainText(m.notes)
        self._thank_you_was = m.thank_you_sent_at is not None
        self.thank_you.setChecked(self._thank_you_was)
        for intro in introductions.list_introductions(meeting_id=m.id):
            org = f" ({intro.introduced_organization})" if intro.introduced_organization else ""
            self.intro_list.addItem(f"{intro.introduced_name}{org} — {intro.status}")
        for action in actions.list_actions(meeting_id=m.id, open_only=False):
            item = QListWidgetItem(self._action_label(action.text, action.due_at))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if action.done else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, action.id)
            self._action_state[action.id] = action.done
            self.action_list.addItem(item)

    def show_answers(self, chosen: list[ChosenQuestion]) -> None:
        """One answer box per chosen question, in asking order (typed answers kept)."""
        while self.answers_layout.count():
            old = self.answers_layout.takeAt(0).widget()
            if old is not None:
                old.hide()  # gone at once: deleteLater waits for the event loop
                old.deleteLater()
        self.answer_boxes = []
        if not chosen:
            empty = QLabel("No questions chosen yet: pick them on the Questions page.")
            set_muted(empty)
            self.answers_layout.addWidget(empty)
            return
        for number, item in enumerate(chosen, start=1):
            box = QPlainTextEdit(item.answer)
            box.setObjectName(f"answer_{number}")
            box.setPlaceholderText("What they said (leave empty if not asked or not answered)")
            box.setTabChangesFocus(True)
            box.setFixedHeight(box.fontMetrics().lineSpacing() * 3 + 14)
            box.textChanged.connect(lambda item=item, box=box: setattr(item, "answer", box.toPlainText()))
            question = plain_label(f"{number}. {item.text}")
            question.setWordWrap(True)
            question.setBuddy(box)
            self.answers_layout.addWidget(question)
            self.answers_layout.addWidget(box)
            self.answers_layout.addSpacing(4)
            self.answer_boxes.append(box)

    @staticmethod
    def _action_label(text: str, due: dt.datetime | dt.date | None) -> str:
        return f"{text} (due {due:%d %b %Y})" if due else text

    # editing -------------------------------------------------------------
    def _add_intro(self) -> None:
        text = self.intro_name.text().strip()
        if not text:
            self.errors.label("introduced").setText("type the name of the person you will be introduced to")
            self.errors.label("introduced").show()
            return
        self.errors.label("introduced").hide()
        try:
            contact_id: int | None = self.intro_name.contact_id()
            new_person = None
        except ServiceError:  # nobody by that name (or several): a new person
            contact_id = None
            first, _, last = text.partition(" ")
            new_person = {"first_name": first, "last_name": last, "organization": self.intro_org.text()}
        status = self.intro_status.currentData()
        label = text + ("" if contact_id else " (new contact)")
        self.pending_intros.append(PendingIntroduction(label, contact_id, new_person, status))
        self.intro_list.addItem(f"{label} — {status}, saved with the meeting")
        self.intro_name.clear()
        self.intro_org.clear()

    def _add_action(self) -> None:
        text = " ".join(self.action_text.text().split())
        if not text:
            self.errors.label("action").setText("type what was promised")
            self.errors.label("action").show()
            return
        self.errors.label("action").hide()
        qd = self.action_due.date()
        due = dt.date(qd.year(), qd.month(), qd.day())
        self.pending_actions.append(PendingAction(text, due))
        self.action_list.addItem(self._action_label(text, due) + " — saved with the meeting")
        self.action_text.clear()

    def reveal(self, field: str) -> None:
        """Scroll so the error under ``field`` ('introduced' or 'action') is in view.

        Deferred a turn of the event loop: the label has only just been shown
        and the scroll area lays its page out on the next layout request.
        """
        label = self.errors.label(field)
        QTimer.singleShot(0, self, lambda: self.scroll.ensureWidgetVisible(label, 0, 24))

    # saving --------------------------------------------------------------
    def introduction_entries(self) -> list[IntroductionEntry]:
        return [IntroductionEntry(i.contact_id, i.new_person, i.status) for i in self.pending_intros]

    def action_entries(self) -> list[ActionEntry]:
        return [ActionEntry(a.text, a.due) for a in self.pending_actions]

    def actions_ticked(self) -> dict[int, bool]:
        """Existing actions whose tick changed: {action id: done}."""
        changed = {}
        for row in range(self.action_list.count()):
            item = self.action_list.item(row)
            action_id = item.data(Qt.ItemDataRole.UserRole)
            done = item.checkState() == Qt.CheckState.Checked
            if action_id is not None and self._action_state.get(action_id) != done:
                changed[action_id] = done
        return changed

    def thank_you_sent(self) -> bool | None:
        """The thank-you mark if the user changed it, else None (leave it)."""
        checked = self.thank_you.isChecked()
        return checked if checked != self._thank_you_was else None

    def saved(self) -> None:
        """Everything pending is now stored: nothing left to warn about on close."""
        self.pending_intros.clear()
        self.pending_actions.clear()
