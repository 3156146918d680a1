"""The detail panel beside the table: who the person is, how to reach them,
whom they know, and everything that happened with them (the timeline).

Tier and status change right here (each change one undoable step); a person
in the trash and a selection of several people each get a page of their own,
so no live button ever acts on someone who is gone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ...domain import STATUSES, TIER_LABELS, TIERS, status_label
from ...services.contacts import get_contact
from ...services.contacts.timeline import contact_timeline
from ...services.errors import NotFoundError
from ...services.network.relationships import list_relationships
from ...services.views import ContactView
from ..long_text import LongTextViewer, one_line, preview, size_words
from ..plain_text import escape, make_plain, tip
from ..widgets.badges import TierBadge
from ..widgets.empty_state import EmptyState
from ..widgets.feature_dialogs import available, unavailable_tooltip
from ..widgets.layout import scrolling_column
from ..widgets.theme import heading_font, set_muted

SHOW_NOTES = "desktop-crm:show-notes"  # the link under a long note's start

KIND_LABELS = {
    "outreach": "Outreach",
    "meeting": "Meeting",
    "introduction": "Introduction",
    "edit": "Edit",
    "import": "Import",
    "merge": "Merge",
    "added": "Added",
}


class ContactDetail(QStackedWidget):
    """Shows one contact; ``show_contact(None)`` shows what to do instead."""

    edit_requested = Signal(int)
    dialog_requested = Signal(str, int)  # registry dialog key, contact id
    prep_requested = Signal(int)
    find_way_requested = Signal(int)
    field_change_requested = Signal(int, str, str)  # contact id, "tier" or "status", new value

    PAGE_EMPTY, PAGE_PERSON, PAGE_MESSAGE = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contact_id: int | None = None
        self.empty = EmptyState(
            "No one selected",
            "Select a person in the table to see their profile, how you are connected, "
            "and every email, meeting and introduction with them.",
        )
        self.addWidget(self.empty)
        scroll, self.body = scrolling_column((16, 14, 16, 14), 10)
        self._build_header()
        self._build_actions()
        self._build_info()
        self._build_lists()
        self.addWidget(scroll)
        self.message = EmptyState("", "")  # a person in the trash, or several people selected
        self.addWidget(self.message)
        self.setMinimumWidth(280)

    # --- building -------------------------------------------------------------
    def _build_header(self) -> None:
        self.name = QLabel()
        self.name.setFont(heading_font(self, 1.45))
        self.name.setWordWrap(True)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.role = QLabel()
        self.role.setWordWrap(True)
        set_muted(self.role)
        badges = QHBoxLayout()
        make_plain(self.name, self.role)
        badges.setSpacing(6)
        self.tier = TierBadge()
        self.status = QLabel()  # the status as text, kept for the trash note
        self.status.hide()
        self.tier_choice = QComboBox()
        self.tier_choice.setToolTip("Primary: people you know · Bridge: can advise and refer · Target: can hire you")
        for tier in TIERS:
            self.tier_choice.addItem(TIER_LABELS[tier], tier)
        self.status_choice = QComboBox()
        self.status_choice.setToolTip("Where they are in your pipeline")
        for status in STATUSES:
            self.status_choice.addItem(status_label(status), status)
        for combo in (self.tier_choice, self.status_choice):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.tier_choice.activated.connect(lambda _i: self._choice_made("tier", self.tier_choice))
        self.status_choice.activated.connect(lambda _i: self._choice_made("status", self.status_choice))
        self.gatekeeper = QLabel("★ Gatekeeper")
        self.gatekeeper.setToolTip("Gives many referrals")
        for widget in (self.tier, self.tier_choice, self.status_choice, self.gatekeeper):
            badges.addWidget(widget)
        badges.addStretch(1)
        self.body.addWidget(self.name)
        self.body.addWidget(self.role)
        self.body.addLayout(badges)

    def _build_actions(self) -> None:
        row = QGridLayout()
        row.setSpacing(6)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Change any field (Enter)")
        self.edit_button.clicked.connect(lambda: self.contact_id and self.edit_requested.emit(self.contact_id))
        row.addWidget(self.edit_button, 0, 0)
        self.dialog_buttons: dict[str, QPushButton] = {}
        for number, (key, label) in enumerate((("outreach", "Log outreach…"), ("meeting", "Schedule meeting…"),
                                               ("relationship", "Add relationship…"), ("prep", "Prep sheet…")),
                                              start=1):
            button = QPushButton(label)
            if key == "prep":
                button.clicked.connect(lambda _=False: self.contact_id and self.prep_requested.emit(self.contact_id))
            else:
                button.clicked.connect(lambda _=False, k=key: self.contact_id and self.dialog_requested.emit(k, self.contact_id))
            self.dialog_buttons[key] = button
            row.addWidget(button, number // 2, number % 2)
        self.find_button = QPushButton("Find a way…")
        self.find_button.setToolTip("The warmest path from you to them, on the Network view")
        self.find_button.clicked.connect(lambda: self.contact_id and self.find_way_requested.emit(self.contact_id))
        row.addWidget(self.find_button, 2, 1)
        row.setColumnStretch(2, 1)
        self.body.addLayout(row)
        self.refresh_availability()

    def refresh_availability(self) -> None:
        for key, button in self.dialog_buttons.items():
            ok = available(key)
            button.setEnabled(ok)
            button.setToolTip("" if ok else unavailable_tooltip(key))

    def _build_info(self) -> None:
        self.info = QFormLayout()
        self.info.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.info.setVerticalSpacing(4)
        self.info_labels: dict[str, QLabel] = {}
        self._notes = ""
        for key, label in (("emails", "Email"), ("phones", "Phone"), ("linkedin", "LinkedIn"),
                           ("location", "Location"), ("industry", "Industry"), ("tags", "Tags"),
                           ("how_met", "How you met"), ("interests", "Interests"), ("notes", "Notes")):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            value.linkActivated.connect(self._link)  # mailto, LinkedIn, or the whole note
            self.info_labels[key] = value
            self.info.addRow(label, value)
        self.body.addLayout(self.info)

    def _section(self, title: str) -> QLabel:
        label = QLabel(title)
        label.setFont(heading_font(self, 1.1))
        return label

    def _build_lists(self) -> None:
        self.body.addWidget(self._section("Knows"))
        self.relations = QLabel()
        self.relations.setWordWrap(True)
        self.body.addWidget(self.relations)
        self.body.addWidget(self._section("Timeline"))
        self.timeline = QTreeWidget()
        self.timeline.setColumnCount(2)
        self.timeline.setHeaderLabels(["When", "What"])
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setWordWrap(True)  # the details read whole, on a second line
        self.timeline.setMinimumHeight(200)
        header = self.timeline.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)  # at most 200 short rows
        header.setStretchLastSection(True)
        self.timeline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.addWidget(self.timeline, 1)

    # --- showing ----------------------------------------------------------------
    def show_contact(self, contact_id: int | None) -> None:
        self.contact_id = contact_id
        if contact_id is None:
            self.setCurrentIndex(self.PAGE_EMPTY)
            return
        try:
            contact = get_contact(contact_id)
        except NotFoundError:
            self.contact_id = None
            self.setCurrentIndex(self.PAGE_EMPTY)
            return
        if contact.deleted_at:
            self.contact_id = None  # no button may act on someone in the trash
            self.message.set_text(f"{contact.full_name or 'This person'} is in the trash",
                                  "Ctrl+Z brings them back, or restore them from the Trash view.")
            self.setCurrentIndex(self.PAGE_MESSAGE)
            return
        self._fill(contact)
        self.setCurrentIndex(self.PAGE_PERSON)

    def show_selection(self, count: int) -> None:
        """Several people selected: say so, and where their shared actions are."""
        self.contact_id = None
        self.message.set_text(f"{count:,} people selected",
                              "Tag them, change their tier or status, export or move them to the trash "
                              "with the bar above the table, or right-click the selection.")
        self.setCurrentIndex(self.PAGE_MESSAGE)

    def _choice_made(self, field: str, combo: QComboBox) -> None:
        if self.contact_id is not None:
            self.field_change_requested.emit(self.contact_id, field, combo.currentData())

    def _fill(self, c: ContactView) -> None:
        self.name.setText(c.full_name or "(no name)")
        role = " at ".join(p for p in (c.title, c.organization) if p)
        self.role.setText(role or "No title or organization yet")
        self.tier.set_tier(c.tier)
        self.tier.hide()  # the choice below shows the tier and changes it
        self.status.setText(status_label(c.status))
        self.tier_choice.setCurrentIndex(max(0, self.tier_choice.findData(c.tier)))
        self.status_choice.setCurrentIndex(max(0, self.status_choice.findData(c.status)))
        self.gatekeeper.setVisible(c.is_gatekeeper)
        emails = "<br>".join(
            f'<a href="mailto:{escape(e["email"])}">{escape(e["email"])}</a>'
            + (f" ({escape(e['label'])})" if e["label"] else "") for e in c.emails
        )
        phones = "<br>".join(
            escape(p["raw"]) + (f" ({escape(p['label'])})" if p["label"] else "") for p in c.phones
        )
        link = c.linkedin_url
        linkedin = f'<a href="{escape(link)}">{escape(link.split("/in/")[-1].strip("/") or link)}</a>' if link.startswith("http") else escape(link)
        values = {
            "emails": emails, "phones": phones, "linkedin": linkedin,
            "location": escape(preview(c.location)[0]), "industry": escape(preview(c.industry)[0]),
            "tags": escape(", ".join(c.tags)), "how_met": escape(preview(c.how_met)[0]),
            "interests": escape(preview(c.interests)[0]), "notes": self._notes_html(c.notes),
        }

        for key, label in self.info_labels.items():
            label.setText(values[key])
            label.setVisible(bool(values[key]))
            self.info.labelForField(label).setVisible(bool(values[key]))
        self._fill_relations(c.id)
        self._fill_timeline(c.id)

    def _notes_html(self, notes: str) -> str:
        """The start of the notes; a long note opens whole, part by part, from a link
        (a label lays out all its text: seconds per megabyte)."""
        self._notes = notes
        head, cut = preview(notes)
        shown = escape(head).replace("\n", "<br>")
        if cut:
            shown += (f'…<br><a href="{SHOW_NOTES}">Show the whole note '
                      f"({size_words(notes)})…</a>")
        return shown

    def _link(self, url: str) -> None:
        if url == SHOW_NOTES:
            viewer = LongTextViewer(f"Notes: {self.name.text()}", self._notes, self)
            viewer.exec()
            viewer.deleteLater()
        else:
            QDesktopServices.openUrl(QUrl(url))

    def _fill_relations(self, contact_id: int) -> None:
        lines = []
        for rel in list_relationships(contact_id)[:30]:
            other = rel.person_b if rel.person_a_id == contact_id else rel.person_a
            kind = rel.kind.replace("_", " ")
            lines.append(f"{escape(other)} <span>— {kind}, {rel.strength}</span>")
        self.relations.setText("<br>".join(lines) if lines else "No relationships recorded yet.")
        if not lines:
            set_muted(self.relations)
        else:
            self.relations.setPalette(self.palette())

    def _fill_timeline(self, contact_id: int) -> None:
        self.timeline.clear()
        items = []
        for entry in contact_timeline(contact_id):
            when = entry.at.strftime("%d %b %Y") if entry.at else ""
            detail = one_line(" ".join(entry.detail.split()))
            item = QTreeWidgetItem([when, entry.title + (f"\n{detail}" if detail else "")])
            item.setToolTip(1, tip(KIND_LABELS.get(entry.kind, entry.kind) + (
                f"\n{preview(entry.detail)[0]}" if entry.detail else "")))
            if entry.upcoming:
                font = item.font(1)
                font.setBold(True)
                item.setFont(1, font)
            items.append(item)
        self.timeline.addTopLevelItems(items)
