"""The prep preview's left column: paper, sections, the week's batch, and their memory.

A mixin for :class:`~desktop_crm.ui.prep.preview.PrepPreviewDialog`. Every
change calls the dialog's ``_changed`` (which saves the choices and
re-renders); the choices come back the next time the preview opens.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...reports import SECTIONS, default_paper_for_locale
from ..widgets.settings import app_settings
from ..widgets.theme import set_muted
from .output import SETTINGS_GROUP

PAPERS = (("a4", "A4"), ("letter", "US Letter"))


class SettingsPanelMixin:
    """Builds the settings column and keeps its choices in the app settings."""

    def _settings_panel(self) -> QWidget:
        panel = QWidget()
        panel.setFixedWidth(300)
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        page = QGroupBox("Page")
        form = QFormLayout(page)
        self.paper = QComboBox()
        for key, label in PAPERS:
            self.paper.addItem(label, key)
        self.paper.currentIndexChanged.connect(self._changed)
        form.addRow("Paper:", self.paper)
        self.room = QCheckBox("Room to write (more lines)")
        self.room.setToolTip("More lines under each question; the sheet may run past two pages.")
        self.room.toggled.connect(self._changed)
        form.addRow(self.room)
        column.addWidget(page)
        sections = QGroupBox("Sections")
        box = QVBoxLayout(sections)
        box.setSpacing(3)
        self.section_boxes: dict[str, QCheckBox] = {}
        for key, label in SECTIONS:
            check = QCheckBox(label)
            check.setChecked(True)
            check.toggled.connect(self._changed)
            self.section_boxes[key] = check
            box.addWidget(check)
        self.empty_note = QLabel("")  # which sections print nothing, and what would fill them
        self.empty_note.setWordWrap(True)
        set_muted(self.empty_note)
        self.empty_note.hide()
        box.addWidget(self.empty_note)
        column.addWidget(sections)
        batch = QGroupBox("Batch")
        batch_box = QVBoxLayout(batch)
        self.week = QCheckBox("All planned meetings this week")
        self.week.toggled.connect(self._changed)
        self.week_note = QLabel("")
        self.week_note.setWordWrap(True)
        set_muted(self.week_note)
        batch_box.addWidget(self.week)
        batch_box.addWidget(self.week_note)
        column.addWidget(batch)
        column.addStretch(1)
        return panel

    # -- settings ------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = app_settings()
        paper = settings.value(f"{SETTINGS_GROUP}/paper", default_paper_for_locale())
        widgets = [self.paper, self.room, *self.section_boxes.values()]
        for widget in widgets:
            widget.blockSignals(True)
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))
        self.room.setChecked(_bool(settings.value(f"{SETTINGS_GROUP}/room_to_write", False)))
        off = settings.value(f"{SETTINGS_GROUP}/sections_off", "") or ""
        for key in str(off).split():
            if key in self.section_boxes:
                self.section_boxes[key].setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)

    def _save_settings(self) -> None:
        settings = app_settings()
        settings.setValue(f"{SETTINGS_GROUP}/paper", self.paper.currentData())
        settings.setValue(f"{SETTINGS_GROUP}/room_to_write", self.room.isChecked())
        settings.setValue(f"{SETTINGS_GROUP}/sections_off", " ".join(
            key for key, box in self.section_boxes.items() if not box.isChecked()))



    def _show_empty_sections(self, missing: dict[str, str]) -> None:
        """Mark the sections this sheet leaves out for lack of data, and say why."""
        for key, box in self.section_boxes.items():
            box.setToolTip(missing.get(key, ""))
            label = box.text().removesuffix(" (empty)")
            box.setText(label + (" (empty)" if key in missing else ""))
        self.empty_note.setText("Left out, nothing to print yet:\n" + "\n".join(f"• {why}" for why in missing.values())
                                if missing else "")
        self.empty_note.setVisible(bool(missing))


def _bool(value: object) -> bool:
    return value in (True, "true", "1", 1)
