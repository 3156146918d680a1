"""The detail panel beside the table: who the person is, how to reach them,
whom they know, and everything that happened with them (the timeline)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ...services.contact_table import status_label
from ...services.contacts import get_contact
from ...services.errors import NotFoundError
from ...services.relationships import list_relationships
from ...services.timeline import contact_timeline
from ...services.views import ContactView
from ..long_text import LongTextViewer, one_line, preview, size_words
from ..plain_text import make_plain, tip
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


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ContactDetail(QStackedWidget):
    """Shows one contact; ``show_contact(None)`` shows what to do instead."""

    edit_requested = Signal(int)
    dialog_requested = Signal(str, int)  # registry dialog key, contact id
    prep_requested = Signal(int)

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
        self.status = QLabel()
        self.gatekeeper = QLabel("★ Gatekeeper")
        self.gatekeeper.setToolTip("Gives many referrals")
        for widget in (self.tier, self.status, self.gatekeeper):
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
                                               ("relationship", "Add relationship…")), start=1):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, k=key: self.contact_id and self.dialog_requested.emit(k, self.contact_id))
            self.dialog_buttons[key] = button
            row.addWidget(button, number // 2, number % 2)
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
        self.timeline.setColumnCount(3)
        self.timeline.setHeaderLabels(["When", "What", "Details"])
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setUniformRowHeights(True)
        self.timeline.setMinimumHeight(200)
        header = self.timeline.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 95)
        header.resizeSection(1, 230)
        header.setStretchLastSection(True)
        self.timeline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.timeline.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.body.addWidget(self.timeline, 1)

    # --- showing ----------------------------------------------------------------
    def show_contact(self, contact_id: int | None) -> None:
        self.contact_id = contact_id
        if contact_id is None:
            self.setCurrentIndex(0)
            return
        try:
            contact = get_contact(contact_id)
        except NotFoundError:
            self.contact_id = None
            self.setCurrentIndex(0)
            return
        self._fill(contact)
        self.setCurrentIndex(1)

    def _fill(self, c: ContactView) -> None:
        self.name.setText(c.full_name or "(no name)")
        role = " at ".join(p for p in (c.title, c.organization) if p)
        self.role.setText(role or "No title or organization yet")
        self.tier.set_tier(c.tier)
        self.status.setText(status_label(c.status) + (" · in the trash" if c.deleted_at else ""))
        self.gatekeeper.setVisible(c.is_gatekeeper)
        emails = "<br>".join(
            f'<a href="mailto:{_html_escape(e["email"])}">{_html_escape(e["email"])}</a>'
            + (f" ({_html_escape(e['label'])})" if e["label"] else "") for e in c.emails
        )
        phones = "<br>".join(
            _html_escape(p["raw"]) + (f" ({_html_escape(p['label'])})" if p["label"] else "") for p in c.phones
        )
        link = c.linkedin_url
        linkedin = f'<a href="{_html_escape(link)}">{_html_escape(link.split("/in/")[-1].strip("/") or link)}</a>' if link.startswith("http") else _html_escape(link)
        values = {
            "emails": emails, "phones": phones, "linkedin": linkedin,
            "location": _html_escape(preview(c.location)[0]), "industry": _html_escape(preview(c.industry)[0]),
            "tags": _html_escape(", ".join(c.tags)), "how_met": _html_escape(preview(c.how_met)[0]),
            "interests": _html_escape(preview(c.interests)[0]), "notes": self._notes_html(c.notes),
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
        shown = _html_escape(head).replace("\n", "<br>")
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
            lines.append(f"{_html_escape(other)} <span>— {kind}, {rel.strength}</span>")
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
            item = QTreeWidgetItem([when, entry.title, one_line(entry.detail.replace("\n", " "))])
            item.setToolTip(1, KIND_LABELS.get(entry.kind, entry.kind))
            item.setToolTip(2, tip(preview(entry.detail)[0]))
            if entry.upcoming:
                font = item.font(1)
                font.setBold(True)
                item.setFont(1, font)
            items.append(item)
        self.timeline.addTopLevelItems(items)
