"""Today: what needs doing now, in the order a day usually goes.

Upcoming meetings (prepare), meetings waiting for an outcome, thank-yous
due, follow-ups due, introductions promised, introductions to ask for
(from the one path service, as in the Network view), promised actions,
people to stop asking (dormant suggestions), and the rhythm of the last 12
weeks.
Everything comes from :func:`services.today.today`; the app never sends or
changes anything without a click.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import MEETING_KIND_LABELS
from ...services.errors import ServiceError
from ...services.meetings import actions, email_drafts, introductions, outreach
from ...services.meetings.local_time import utc_to_local
from ...services.today import Today, today
from ..context import AppContext
from ..meetings import commands
from ..widgets.empty_state import EmptyState
from ..widgets.layout import scroll_area
from ..widgets.theme import heading_font, set_muted
from .rhythm_chart import SERIES, RhythmChart, series_colour
from .section import TodayRow, TodaySection, person_link

SECTIONS = (
    ("upcoming", "Upcoming meetings", "The next two weeks. Print a prep sheet before each one."),
    ("outcome", "How did it go?", "These meetings have ended: record whether they happened."),
    ("thank_yous", "Thank-yous due", "Send a short thank-you within a day of each meeting."),
    ("follow_ups", "Follow-ups due", "No answer for a week: one polite follow-up is fine."),
    ("introductions", "Introductions promised", "People offered to introduce you and have not yet: a gentle reminder helps."),
    ("asks", "Introductions to ask for", "For each person or organization you target: the person you know who can introduce you, best first."),
    ("actions", "Promised actions", "What you said you would do, due this week or overdue."),
    ("dormant", "Time to stop asking", "Three requests went unanswered. Move them to dormant to stop the reminders, or choose Not now to keep asking for a while; nothing is sent."),
)


def _when(at: dt.datetime, tz: str) -> str:
    local = utc_to_local(at, tz)
    return f"{local:%a} {local.day} {local:%b} {local:%H:%M} {local.tzname()}"


def _day(at: dt.datetime, tz: str) -> str:
    local = utc_to_local(at, tz)
    return f"{local:%a} {local.day} {local:%b}"


def _overdue_label(count: int) -> str:
    notes = "thank-you" if count == 1 else "thank-yous"
    return f"Overdue: {count} {notes} for meetings more than a week ago"


def _hours(hours: float) -> str:
    """'5 h', '2 days' for a span of hours (absolute)."""
    hours = abs(hours)
    return f"{max(1, round(hours))} h" if hours < 48 else f"{round(hours / 24)} days"


class WeekTiles(QWidget):
    """This week's four counts, each with the colour of its series in the chart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(10)
        self.values: dict[str, QLabel] = {}
        for index, (key, label, _c) in enumerate(SERIES):
            number = QLabel("0")
            number.setObjectName(f"week_{key}")
            number.setFont(heading_font(self, 1.6))
            palette = number.palette()
            for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
                palette.setColor(role, series_colour(key, palette))
            number.setPalette(palette)
            caption = QLabel(label)
            set_muted(caption)
            box = QVBoxLayout()
            box.setSpacing(0)
            box.addWidget(number)
            box.addWidget(caption)
            grid.addLayout(box, index // 2, index % 2)
            self.values[key] = number

    def set_week(self, week: object) -> None:
        for key, label in self.values.items():
            label.setText(str(getattr(week, key)))


class TodayView(QWidget):
    """``TodayView(context)``; ``refresh()`` recomputes everything."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.data: Today | None = None
        self.last_dialog = None
        self.title = QLabel("Today")
        self.title.setFont(heading_font(self, 1.6))
        self.date_label = QLabel()
        set_muted(self.date_label)
        self.sections = {key: TodaySection(key, title, text) for key, title, text in SECTIONS}
        for section in self.sections.values():
            section.link_activated.connect(self._link)
        self.sections["asks"].set_rows([])  # hidden until filled, just after the first paint
        self.empty = EmptyState(
            "Nothing due today",
            "When you schedule meetings, log outreach or record introductions, what needs doing "
            "shows here: meetings to prepare, thank-yous to send, follow-ups and introductions to chase.",
        )
        self.empty.add_button("Schedule a meeting…", self._new_meeting, default=True)
        self.empty.add_button("Go to contacts", lambda: self.context.view_requested.emit("contacts"))
        self.chart = RhythmChart()
        self.tiles = WeekTiles()

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(20, 16, 20, 20)
        column.setSpacing(12)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addSpacing(10)
        head.addWidget(self.date_label)
        head.addStretch(1)
        refresh = QPushButton("Refresh")
        refresh.clicked.connect(self.refresh)
        head.addWidget(refresh)
        column.addLayout(head)
        column.addWidget(self._rhythm_card())
        column.addWidget(self.empty)
        for section in self.sections.values():
            column.addWidget(section)
        column.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll_area(body))
        self.refresh()

    def _rhythm_card(self) -> QFrame:
        card = QFrame()
        card.setObjectName("rhythm")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setBackgroundRole(QPalette.ColorRole.Base)
        card.setAutoFillBackground(True)
        heading = QLabel("Rhythm · last 12 weeks")
        heading.setFont(heading_font(self, 1.12))
        week_heading = QLabel("This week")
        week_heading.setFont(heading_font(self, 1.0))
        self.rhythm_note = QLabel()
        self.rhythm_note.setWordWrap(True)
        set_muted(self.rhythm_note)
        side = QVBoxLayout()
        side.addWidget(week_heading)
        side.addSpacing(4)
        side.addWidget(self.tiles)
        side.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(heading)
        left.addWidget(self.chart)
        left.addWidget(self.rhythm_note)
        row = QHBoxLayout(card)
        row.setContentsMargins(16, 12, 16, 12)
        row.addLayout(left, 1)
        row.addSpacing(20)
        row.addLayout(side)
        return card

    # loading -------------------------------------------------------------
    def refresh(self) -> None:
        self.data = data = today()
        now_local = utc_to_local(data.now, data.tz)
        self.date_label.setText(f"{now_local:%A} {now_local.day} {now_local:%B %Y}")
        self.chart.set_weeks(data.rhythm)
        self.tiles.set_week(data.this_week)
        quiet = not any(getattr(w, k) for w in data.rhythm for k, _l, _c in SERIES)
        self.rhythm_note.setText(
            "Your weekly rhythm shows here once you log outreach and meetings. A steady few each week beats bursts."
            if quiet
            else ""
        )
        self.rhythm_note.setVisible(quiet)
        rows = {
            "upcoming": [self._upcoming_row(m) for m in data.upcoming],
            "outcome": [self._outcome_row(m) for m in data.needs_outcome],
            "thank_yous": [self._thank_you_row(t) for t in data.thank_yous],
            "follow_ups": [self._follow_up_row(s) for s in data.follow_ups],
            "introductions": [self._introduction_row(i) for i in data.introductions_promised],
            "actions": [self._action_row(a) for a in data.actions],
            "dormant": [self._dormant_row(s) for s in data.dormant],
        }
        stale = [self._thank_you_row(t) for t in data.overdue_thank_yous]
        for key, section_rows in rows.items():
            if key == "thank_yous":
                self.sections[key].set_rows(section_rows, stale, _overdue_label(len(stale)))
            else:
                self.sections[key].set_rows(section_rows)
        self.empty.setVisible(not any(rows.values()) and not stale)
        # Who to ask next needs the network (networkx, the graph, a path per target):
        # after the rest has painted, so Today opens at once.
        QTimer.singleShot(0, self, self._fill_asks)

    def _fill_asks(self) -> None:
        self.sections["asks"].set_rows([self._ask_row(a) for a in self._asks()])

    # rows ------------------------------------------------------------------
    def _upcoming_row(self, m) -> TodayRow:  # noqa: ANN001 - MeetingView
        where = MEETING_KIND_LABELS.get(m.kind, m.kind) + (f", {m.place}" if m.place else "")
        detail = f"{_when(m.starts_at, m.tz)} · {where} · {m.minutes} min"
        return TodayRow(
            person_link(m.contact_id, m.contact_name, m.organization),
            detail,
            [
                ("Prep sheet", lambda: self.context.prep_sheet_requested.emit(m.id, m.contact_id),
                 "Print a one-page briefing for this meeting"),
                ("Open…", lambda: self._open_meeting(m.id), "See or edit the meeting and its questions"),
            ],
        )

    def _outcome_row(self, m) -> TodayRow:  # noqa: ANN001 - MeetingView
        return TodayRow(
            person_link(m.contact_id, m.contact_name, m.organization),
            f"Was planned for {_when(m.starts_at, m.tz)}",
            [
                ("Mark done", lambda: self._set_status(m.id, "done"), "It happened: a thank-you falls due"),
                ("No-show", lambda: self._set_status(m.id, "no_show"), "They did not come"),
                ("Open…", lambda: self._open_meeting(m.id, "outcome"), "Record answers and notes"),
            ],
        )

    def _thank_you_row(self, t) -> TodayRow:  # noqa: ANN001 - ThankYouDue
        m = t.meeting
        due = f"overdue by {_hours(t.hours_left)}" if t.overdue else f"due in {_hours(t.hours_left)}"
        return TodayRow(
            person_link(m.contact_id, m.contact_name, m.organization),
            f"Met {_day(m.starts_at, m.tz)} · {due}",
            [
                ("Draft…", lambda: self._draft(lambda: email_drafts.draft_thank_you(m.id), f"Thank-you to {m.contact_name}"),
                 "A thank-you note to copy or open in your mail app"),
                ("Mark sent", lambda: self._thank_you_sent(m.id), "You sent the thank-you note"),
            ],
        )

    def _follow_up_row(self, s) -> TodayRow:  # noqa: ANN001 - OutreachState
        left = outreach.ATTEMPT_LIMIT - s.unanswered_streak
        last = f"last on {s.last_attempt_at.day} {s.last_attempt_at:%b}" if s.last_attempt_at else ""
        detail = f"{s.unanswered_streak} unanswered, {last} · at most {left} more"
        return TodayRow(
            person_link(s.contact_id, s.contact_name),
            detail,
            [
                ("Draft…", lambda: self._draft(lambda: email_drafts.draft_follow_up(s.contact_id), f"Follow-up to {s.contact_name}"),
                 "A short, polite follow-up"),
                ("Log attempt…", lambda: self._log_outreach(s.contact_id), "Record the follow-up you sent"),
            ],
        )

    def _introduction_row(self, i) -> TodayRow:  # noqa: ANN001 - IntroductionView
        target = i.introduced_name + (f" ({i.introduced_organization})" if i.introduced_organization else "")
        return TodayRow(
            person_link(i.introducer_id, i.introducer_name),
            f"Promised to introduce you to {target} · {i.age_days} days ago",
            [
                ("Draft reminder…", lambda: self._draft(lambda: email_drafts.draft_introduction_request(i.id), f"Reminder to {i.introducer_name}"),
                 "A reminder with a three-line note they can forward"),
                ("Mark made", lambda: self._introduction_made(i.id), "They sent the introduction"),
            ],
        )

    def _action_row(self, a) -> TodayRow:  # noqa: ANN001 - ActionView
        due = f"due {a.due_at.day} {a.due_at:%b}" if a.due_at else "no date"
        who = person_link(a.contact_id, a.contact_name) if a.contact_id else ""
        title = f"{who} — {a.text}" if who else a.text
        return TodayRow(
            title,
            ("Overdue · " if a.overdue else "") + due,
            [("Done", lambda: self._action_done(a.id), "Mark this promise kept")],
        )

    def _dormant_row(self, s) -> TodayRow:  # noqa: ANN001 - OutreachState
        last = f", the last on {s.last_attempt_at.day} {s.last_attempt_at:%b}" if s.last_attempt_at else ""
        return TodayRow(
            person_link(s.contact_id, s.contact_name),
            f"{s.unanswered_streak} unanswered requests{last}",
            [
                ("Not now", lambda: self._snooze_dormant(s.contact_id),
                 f"Keep asking: hide this suggestion for {outreach.SNOOZE_DAYS} days"),
                ("Move to dormant", lambda: self._accept_dormant(s.contact_id), "Stop asking; nothing is sent"),
            ],
        )

    def _asks(self) -> list:
        """Who to ask next, from the one path service; skipped while a big network is not loaded yet."""
        from ...services.network.asks import todays_asks

        return todays_asks(drafts=False)  # Draft… writes the email when it is asked for

    def _ask_row(self, a) -> TodayRow:  # noqa: ANN001 - IntroductionAsk
        target = a.target + (" (organization)" if a.target_kind == "organization" else "")
        via = "" if a.introduce_to.name == a.target else f", who can take you to {a.target}"
        return TodayRow(
            person_link(a.introducer.id, a.introducer.name),
            f"Ask them to introduce you to {a.introduce_to.name}{via} · {a.why}",
            [
                ("Draft…", lambda: self._draft(
                    lambda: email_drafts.draft_introduction_ask(a.introducer.id, a.introduce_to.id),
                    f"Introduction request to {a.introducer.name}"),
                 f"Ask {a.introducer.name} to introduce you to {a.introduce_to.name}"),
                ("On the map", lambda: self._show_path(a.target_kind, a.target_id),
                 f"The warmest way to {target} in the Network view"),
            ],
        )

    def _show_path(self, kind: str, target_id: int) -> None:
        self.context.view_requested.emit("network")
        self.context.path_requested.emit(kind, target_id)

    # actions ---------------------------------------------------------------
    def _link(self, href: str) -> None:
        if href.startswith("contact:"):
            self.context.contact_selected.emit(int(href.split(":", 1)[1]))
            self.context.view_requested.emit("contacts")

    def _new_meeting(self) -> None:
        self.last_dialog = commands.open_meeting(self.context, self, on_done=self.refresh)

    def _open_meeting(self, meeting_id: int, page: str | None = None) -> None:
        self.last_dialog = commands.open_meeting(self.context, self, meeting_id=meeting_id, page=page, on_done=self.refresh)

    def _log_outreach(self, contact_id: int) -> None:
        self.last_dialog = commands.open_outreach(self.context, self, contact_id, on_done=self.refresh)

    def _draft(self, make, title: str) -> None:  # noqa: ANN001 - a callable returning a draft
        self.last_dialog = commands.open_draft(self, self.context, make, title)

    def _set_status(self, meeting_id: int, status: str) -> None:
        if commands.set_status(self, self.context, meeting_id, status):
            self.refresh()

    def _thank_you_sent(self, meeting_id: int) -> None:
        if commands.mark_thank_you_sent(self, self.context, meeting_id):
            self.refresh()

    def _run(self, fn, done_message: str) -> None:  # noqa: ANN001 - a no-argument callable
        try:
            fn()
        except ServiceError as exc:
            commands.report(self, self.context, exc)
            return
        self.context.data_changed.emit()
        self.context.status_message.emit(done_message)
        self.refresh()

    def _introduction_made(self, introduction_id: int) -> None:
        self._run(lambda: introductions.set_introduction_status(introduction_id, "made"), "Introduction marked as made.")

    def _action_done(self, action_id: int) -> None:
        self._run(lambda: actions.complete_action(action_id), "Action done.")

    def _accept_dormant(self, contact_id: int) -> None:
        self._run(lambda: outreach.accept_dormant(contact_id), "Moved to dormant; no more reminders for them.")

    def _snooze_dormant(self, contact_id: int) -> None:
        self._run(lambda: outreach.snooze_dormant(contact_id),
                  f"Not now: Today will ask again in {outreach.SNOOZE_DAYS} days if they stay silent.")
