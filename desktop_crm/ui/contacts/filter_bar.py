"""The filter bar above the contact table: tier, status, tag, and "more filters".

It holds a :class:`ContactFilter` without the search text (the toolbar's
search box owns that) and emits ``filter_changed`` whenever it changes;
text fields wait a moment after the last keystroke, since a LIKE filter over
a million rows is a table scan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QDate, QSignalBlocker, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import STATUSES, TIER_HELP, TIER_LABELS, TIERS, status_label
from ...services.contacts.table import ContactFilter, completions
from ..widgets.date_time_fields import DateField
from ..widgets.dates import qdate_today

DEBOUNCE_MS = 300


class FilterBar(QWidget):
    filter_changed = Signal(object)  # ContactFilter (text left empty)
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 4)
        outer.setSpacing(6)
        outer.addLayout(self._first_row())
        self.more = QWidget()
        self.more.setLayout(self._second_row())
        self.more.setVisible(False)
        outer.addWidget(self.more)
        # On a narrow window the bar may clip rather than force the whole window wider.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._update_buttons()

    # --- building -------------------------------------------------------------
    def _first_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(QLabel("Tier:"))
        self.tier_buttons: dict[str, QToolButton] = {}
        for tier in TIERS:
            button = QToolButton()
            button.setText(TIER_LABELS[tier])
            button.setCheckable(True)
            button.setToolTip(TIER_HELP[tier])
            button.setAutoRaise(False)
            button.toggled.connect(self._emit)
            self.tier_buttons[tier] = button
            row.addWidget(button)
        row.addSpacing(10)
        self.status = QComboBox()
        self.status.setAccessibleName("Status filter")
        self.status.addItem("Any status", "")
        for status in STATUSES:
            self.status.addItem(status_label(status), status)
        self.status.currentIndexChanged.connect(self._emit)
        row.addWidget(self.status)
        self.tag = QComboBox()
        self.tag.setAccessibleName("Tag filter")
        self.tag.setMinimumContentsLength(10)
        self.tag.addItem("Any tag", "")
        self.tag.currentIndexChanged.connect(self._emit)
        row.addWidget(self.tag)
        self.more_button = QToolButton()
        self.more_button.setText("More filters")
        self.more_button.setCheckable(True)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.setArrowType(Qt.ArrowType.RightArrow)
        self.more_button.toggled.connect(self._toggle_more)
        row.addWidget(self.more_button)
        row.addStretch(1)
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.clicked.connect(self.clear)
        row.addWidget(self.clear_button)
        self.save_button = QPushButton("Save as smart list…")
        self.save_button.setToolTip("Keep these filters as a list in the navigation")
        self.save_button.clicked.connect(self.save_requested)
        row.addWidget(self.save_button)
        return row

    def _text_field(self, placeholder: str, kind: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        edit.setMinimumWidth(120)
        completer = QCompleter(QStringListModel([], edit), edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        edit.setCompleter(completer)
        edit.setProperty("completion_kind", kind)
        edit.textEdited.connect(lambda _text: self._timer.start())
        edit.editingFinished.connect(self._emit)
        return edit

    def _date_field(self, label: str, tooltip: str) -> tuple[QCheckBox, QDateEdit]:
        check = QCheckBox(label)
        check.setToolTip(tooltip)
        date = DateField("d MMM yyyy")
        date.setDate(qdate_today().addMonths(-3))
        date.setEnabled(False)
        check.toggled.connect(date.setEnabled)
        check.toggled.connect(self._emit)
        date.dateChanged.connect(lambda _d: self._emit() if check.isChecked() else None)
        return check, date

    def _second_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.organization = self._text_field("Organization", "organization")
        self.industry = self._text_field("Industry", "industry")
        self.location = self._text_field("Location", "location")
        for edit in (self.organization, self.industry, self.location):
            row.addWidget(edit, 1)
        self.after_check, self.after_date = self._date_field(
            "Contacted since", "People you contacted on or after this day"
        )
        self.before_check, self.before_date = self._date_field(
            "Not since", "People you contacted, but not since this day"
        )
        for widget in (self.after_check, self.after_date, self.before_check, self.before_date):
            row.addWidget(widget)
        self.upcoming = QCheckBox("Upcoming meeting")
        self.upcoming.setToolTip("Only people you have a planned meeting with")
        self.upcoming.toggled.connect(self._emit)
        row.addWidget(self.upcoming)
        self.gatekeepers = QCheckBox("Gatekeepers")
        self.gatekeepers.setToolTip("Only people marked as gatekeepers (they give many referrals)")
        self.gatekeepers.toggled.connect(self._emit)
        row.addWidget(self.gatekeepers)
        return row

    def _toggle_more(self, shown: bool) -> None:
        self.more.setVisible(shown)
        self.more_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if shown:
            self.refresh_choices()

    # --- reading and writing the filter ----------------------------------------
    def refresh_choices(self) -> None:
        """Reload tag names and completions (after an import or a new tag)."""
        current = self.tag.currentData()
        with QSignalBlocker(self.tag):
            self.tag.clear()
            self.tag.addItem("Any tag", "")
            for name in completions("tag"):
                self.tag.addItem(name, name)
            found = self.tag.findData(current)
            self.tag.setCurrentIndex(max(0, found))
        if self.more.isVisible():
            for edit in (self.organization, self.industry, self.location):
                model = edit.completer().model()
                if isinstance(model, QStringListModel):
                    model.setStringList(completions(edit.property("completion_kind")))

    def current(self) -> ContactFilter:
        def day(check: QCheckBox, edit: QDateEdit) -> dt.date | None:
            return edit.date().toPython() if check.isChecked() else None

        return ContactFilter(
            tiers=tuple(t for t, b in self.tier_buttons.items() if b.isChecked()),
            statuses=(self.status.currentData(),) if self.status.currentData() else (),
            tag=self.tag.currentData() or "",
            organization=self.organization.text().strip(),
            industry=self.industry.text().strip(),
            location=self.location.text().strip(),
            contacted_after=day(self.after_check, self.after_date),
            contacted_before=day(self.before_check, self.before_date),
            upcoming_meeting=self.upcoming.isChecked(),
            gatekeepers=self.gatekeepers.isChecked(),
        )

    def set_filter(self, flt: ContactFilter) -> None:
        """Show ``flt`` (a smart list) without emitting once per widget."""
        widgets = [*self.tier_buttons.values(), self.status, self.tag, self.organization,
                   self.industry, self.location, self.after_check, self.after_date,
                   self.before_check, self.before_date, self.upcoming, self.gatekeepers]
        blockers = [QSignalBlocker(w) for w in widgets]
        for tier, button in self.tier_buttons.items():
            button.setChecked(tier in flt.tiers)
        self.status.setCurrentIndex(max(0, self.status.findData(flt.statuses[0] if flt.statuses else "")))
        if flt.tag and self.tag.findData(flt.tag) < 0:
            self.tag.addItem(flt.tag, flt.tag)
        self.tag.setCurrentIndex(max(0, self.tag.findData(flt.tag)))
        self.organization.setText(flt.organization)
        self.industry.setText(flt.industry)
        self.location.setText(flt.location)
        for check, edit, value in (
            (self.after_check, self.after_date, flt.contacted_after),
            (self.before_check, self.before_date, flt.contacted_before),
        ):
            check.setChecked(value is not None)
            edit.setEnabled(value is not None)
            if value is not None:
                edit.setDate(QDate(value.year, value.month, value.day))
        self.upcoming.setChecked(flt.upcoming_meeting)
        self.gatekeepers.setChecked(flt.gatekeepers)
        del blockers
        extra = replace(flt, text="", tiers=(), statuses=(), tag="")
        if not extra.is_empty():
            self.more_button.setChecked(True)
        self._update_buttons()

    def clear(self) -> None:
        self.set_filter(ContactFilter())
        self._emit()

    def _emit(self) -> None:
        self._timer.stop()
        self._update_buttons()
        self.filter_changed.emit(self.current())

    def _update_buttons(self) -> None:
        active = not self.current().is_empty()
        self.clear_button.setEnabled(active)
