"""The surround of one organization: who you know there, whom you met, who
introduced you, and the gaps to close, each with the move that closes it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...services.errors import NotFoundError
from ...services.research.surround import Gap, Surround, SurroundPerson, surround
from ..plain_text import make_plain, plain_label, tip
from ..widgets.badges import TIER_ROLE, TierBadgeDelegate
from ..widgets.columns import ColumnFitter
from ..widgets.dates import local_date
from ..widgets.empty_state import EmptyState
from ..widgets.layout import scrolling_column
from ..widgets.theme import heading_font, set_muted

ID_ROLE = Qt.ItemDataRole.UserRole


def contact_state(person: SurroundPerson) -> str:
    """How far you have come with this person, in words."""
    if person.met and person.last_met_at:
        return f"Met {local_date(person.last_met_at)}"
    if person.next_meeting_at and person.next_meeting_at > clock.utcnow():
        return f"Meeting {local_date(person.next_meeting_at)}"
    if person.you_know:
        return "You know them"
    return "Not in touch yet"


GAP_MOVES = {
    "no_one_met": "meeting",  # people are known here but unmet: ask one of them
    "nobody_here": "network",
    "no_target_tier": "network",
    "nobody_on_team": "network",
    "few_people": "network",
}


def gap_action(gap: Gap) -> str:
    """Which move closes a gap, by its code: 'meeting' or 'network' (find a way in)."""
    return GAP_MOVES.get(gap.code, "network")


def best_person_to_meet(people: list[SurroundPerson]) -> SurroundPerson | None:
    """Whom to ask first: someone you know, not met yet, the most senior tier first."""
    order = {"target": 0, "bridge": 1, "primary": 2}
    unmet = [p for p in people if not p.met]
    unmet.sort(key=lambda p: (not p.you_know, order.get(p.tier, 3), p.name.casefold()))
    return unmet[0] if unmet else None


class SurroundPanel(QStackedWidget):
    """``show_organization(id)`` fills it; signals ask the view to act."""

    edit_requested = Signal(int)
    find_way_requested = Signal(int)
    meeting_requested = Signal(int)  # contact id
    person_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: Surround | None = None
        self.empty = EmptyState("No organization selected",
                                "Pick an organization to see who you know there, whom you met, and what is missing.")
        self.addWidget(self.empty)
        scroll, self.body = scrolling_column((16, 12, 16, 12), 8)
        self._build_header()
        self._build_gaps()
        self._build_people()
        self.addWidget(scroll)
        self.setMinimumWidth(380)

    # --- building -------------------------------------------------------------
    def _section(self, text: str) -> QLabel:
        self.body.addSpacing(6)
        label = QLabel(text)
        label.setFont(heading_font(self, 1.08))
        return label

    def _build_header(self) -> None:
        self.name = QLabel()
        self.name.setFont(heading_font(self, 1.4))
        self.name.setWordWrap(True)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.where.setOpenExternalLinks(True)
        set_muted(self.where)
        self.numbers = QLabel()
        self.numbers.setWordWrap(True)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(lambda: self.data and self.edit_requested.emit(self.data.organization_id))
        self.find_button = QPushButton("Find a way in")
        self.find_button.setToolTip("Open the network to find who could introduce you here")
        self.find_button.clicked.connect(lambda: self.data and self.find_way_requested.emit(self.data.organization_id))
        self.meeting_button = QPushButton("New meeting…")
        self.meeting_button.clicked.connect(self._meeting_clicked)
        for button in (self.edit_button, self.find_button, self.meeting_button):
            row.addWidget(button)
        row.addStretch(1)
        for widget in (self.name, self.where, self.numbers):
            self.body.addWidget(widget)
        self.body.addLayout(row)

    def _build_gaps(self) -> None:
        self.body.addWidget(self._section("Gaps"))
        self.gaps_box = QVBoxLayout()
        self.gaps_box.setSpacing(4)
        self.body.addLayout(self.gaps_box)

    def _build_people(self) -> None:
        self.body.addWidget(self._section("People here"))
        self.people = QTreeWidget()
        self.people.setColumnCount(5)
        self.people.setHeaderLabels(["Name", "Title", "Tier", "Where you are", "Introduced by"])
        self.people.setRootIsDecorated(False)
        self.people.setAlternatingRowColors(True)
        self.people.setUniformRowHeights(True)
        self.people.setItemDelegateForColumn(2, TierBadgeDelegate(self.people))
        self.people_fitter = ColumnFitter(self.people, flexible={0, 1, 3, 4}, keep={0})
        self.people.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.people.itemActivated.connect(self._activated)
        self.people.currentItemChanged.connect(lambda *_: self._update_meeting_button())
        self.no_people = QLabel()
        self.no_people.setWordWrap(True)
        set_muted(self.no_people)
        self.body.addWidget(self.people)
        self.body.addWidget(self.no_people)
        self.body.addWidget(self._section("Who introduced you"))
        self.introducers = QLabel()
        self.introducers.setWordWrap(True)
        self.introducers.setTextFormat(Qt.TextFormat.PlainText)
        self.body.addWidget(self.introducers)
        make_plain(self.name, self.where, self.no_people)
        self.body.addStretch(1)

    # --- showing --------------------------------------------------------------
    def show_organization(self, org_id: int | None) -> None:
        if org_id is None:
            self.data = None
            self.setCurrentWidget(self.empty)
            return
        try:
            self.data = surround(org_id)
        except NotFoundError:
            self.data = None
            self.setCurrentWidget(self.empty)
            return
        self._fill_header(self.data)
        self._fill_gaps(self.data)
        self._fill_people(self.data)
        self.setCurrentIndex(1)

    def _fill_header(self, s: Surround) -> None:
        self.name.setText(("★ " if s.is_target else "") + s.name)
        self.name.setToolTip("A target company" if s.is_target else "")
        parts = [p for p in (s.industry, s.location) if p]
        self.where.setText(" · ".join(parts) or "No industry or location yet: Edit… to add them")
        target_tier = sum(p.tier == "target" for p in s.people)
        self.numbers.setText(
            f"{s.known} {'person' if s.known == 1 else 'people'} known · {s.met} met · "
            f"{target_tier} who can hire or decide"
        )

    def _fill_gaps(self, s: Surround) -> None:
        while self.gaps_box.count():
            item = self.gaps_box.takeAt(0)
            if item.widget():
                item.widget().hide()
                item.widget().deleteLater()
        self.gap_rows: list[tuple[QLabel, QPushButton]] = []
        if not s.gaps:
            done = QLabel("Well surrounded: you have met people here, including someone who can hire.")
            done.setWordWrap(True)
            self.gaps_box.addWidget(done)
            return
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(QSize(16, 16))
        for gap in s.gaps:
            row = QWidget()
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(8)
            mark = QLabel()
            mark.setPixmap(icon)
            mark.setAlignment(Qt.AlignmentFlag.AlignTop)
            text = plain_label(gap.message)
            text.setObjectName(f"gap_{gap.code}")
            text.setWordWrap(True)
            action = gap_action(gap)
            button = QPushButton("New meeting…" if action == "meeting" else "Find a way in")
            if action == "meeting":
                button.clicked.connect(self._meeting_clicked)
            else:
                button.clicked.connect(lambda: self.data and self.find_way_requested.emit(self.data.organization_id))
            layout.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
            layout.addWidget(text, 1)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.gaps_box.addWidget(row)
            self.gap_rows.append((text, button))

    def _fill_people(self, s: Surround) -> None:
        self.people.clear()
        for p in s.people:
            item = QTreeWidgetItem([p.name, p.title, "", contact_state(p), ", ".join(p.introduced_by)])
            item.setData(0, ID_ROLE, p.contact_id)
            item.setData(2, TIER_ROLE, p.tier)
            item.setToolTip(0, "Double-click to open this person")
            if p.on_team:
                item.setToolTip(1, tip(f"{p.title}: on the team you are aiming for"))
            if p.met:
                font = item.font(3)
                font.setBold(True)
                item.setFont(3, font)
            item.setSizeHint(0, QSize(0, self._row_height()))
            item.setToolTip(4, tip(item.text(4)))
            item.setToolTip(1, item.toolTip(1) or tip(p.title))
            self.people.addTopLevelItem(item)
        shown_rows = min(max(len(s.people), 3), 12)
        frame = 2 * self.people.frameWidth()
        self.people.setFixedHeight(self.people.header().sizeHint().height() + shown_rows * (self._row_height() + 1) + frame)
        self.people.setVisible(bool(s.people))
        self.no_people.setVisible(not s.people)
        self.no_people.setText("Nobody here yet. Add a person with this organization, "
                               "or use Find a way in to see who could introduce you.")
        self.introducers.setText(
            "\n".join(f"{name}: {count} {'person' if count == 1 else 'people'} here" for _, name, count in s.introducers)
            or "No introductions here yet. Ask the people you meet whom else you should talk to."
        )
        self._update_meeting_button()

    def _row_height(self) -> int:
        """Tall enough for the tier pill, which is a line of text plus its padding."""
        return self.fontMetrics().height() + 12

    # --- acting ----------------------------------------------------------------
    def selected_person_id(self) -> int | None:
        item = self.people.currentItem()
        return int(item.data(0, ID_ROLE)) if item is not None else None

    def meeting_person(self) -> SurroundPerson | None:
        """The selected person, or else the best one to meet next."""
        if self.data is None:
            return None
        chosen = self.selected_person_id()
        if chosen is not None:
            return next((p for p in self.data.people if p.contact_id == chosen), None)
        return best_person_to_meet(self.data.people)

    def _update_meeting_button(self) -> None:
        person = self.meeting_person()
        self.meeting_button.setEnabled(person is not None)
        self.meeting_button.setToolTip(
            tip(f"Schedule an informational interview with {person.name}") if person
            else "Add someone at this organization first"
        )

    def _meeting_clicked(self) -> None:
        person = self.meeting_person()
        if person is not None:
            self.meeting_requested.emit(person.contact_id)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.person_activated.emit(int(item.data(0, ID_ROLE)))
