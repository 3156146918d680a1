"""The wide-angle bar: within N steps, industry, location, organization, tier; any or all.

Emits the filter the user composed; the view runs it and hides the people
who do not match.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...services.network.wide_angle import MAX_STEPS, WideAngleFilter

TIER_CHOICES = (("Any tier", ""), ("Primary", "primary"), ("Bridge", "bridge"), ("Target", "target"))


def _editable_combo(placeholder: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.lineEdit().setPlaceholderText(placeholder)
    combo.lineEdit().setClearButtonEnabled(True)
    combo.setMinimumContentsLength(10)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.completer().setFilterMode(combo.completer().filterMode().MatchContains)
    return combo


class WideAngleBar(QWidget):
    applied = Signal(object)  # WideAngleFilter
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.steps = QSpinBox()
        self.steps.setRange(1, MAX_STEPS)
        self.steps.setValue(2)
        self.steps.setSuffix(" steps")
        self.steps.setToolTip("How far from you: 1 = people you know, 2 = the people they know, …")
        self.industry = _editable_combo("Industry")
        self.location = _editable_combo("Location")
        self.organization = _editable_combo("Organization")
        self.tier = QComboBox()
        for label, value in TIER_CHOICES:
            self.tier.addItem(label, value)
        self.match = QComboBox()
        self.match.addItem("Match all", False)
        self.match.addItem("Match any", True)
        self.match.setToolTip("Industry, location and organization: all must match, or any one")
        self.apply_button = QPushButton("Filter")
        self.apply_button.setDefault(False)
        self.clear_button = QPushButton("Clear")
        self.clear_button.setEnabled(False)
        layout.addWidget(QLabel("Wide angle: within"))
        layout.addWidget(self.steps)
        for widget in (self.industry, self.location, self.organization):
            layout.addWidget(widget, 1)
        for widget in (self.tier, self.match, self.apply_button, self.clear_button):
            layout.addWidget(widget)
        self.apply_button.clicked.connect(self.apply)
        self.clear_button.clicked.connect(self.clear)
        for combo in (self.industry, self.location, self.organization):
            combo.lineEdit().returnPressed.connect(self.apply)

    def set_choices(self, choices: dict[str, list[str]]) -> None:
        for key, combo in (("industry", self.industry), ("location", self.location), ("organization", self.organization)):
            text = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(choices.get(key, []))
            combo.setCurrentIndex(-1)
            combo.setEditText(text)
            combo.blockSignals(False)

    def current_filter(self) -> WideAngleFilter:
        return WideAngleFilter(
            max_steps=self.steps.value(),
            industry=self.industry.currentText(),
            location=self.location.currentText(),
            organization=self.organization.currentText(),
            tier=self.tier.currentData() or "",
            match_any=bool(self.match.currentData()),
        )

    def apply(self) -> None:
        flt = self.current_filter()
        if flt.cleaned().is_empty:
            self.clear()
            return
        self.clear_button.setEnabled(True)
        self.applied.emit(flt)

    def clear(self) -> None:
        for combo in (self.industry, self.location, self.organization):
            combo.setCurrentIndex(-1)
            combo.setEditText("")
        self.tier.setCurrentIndex(0)
        self.clear_button.setEnabled(False)
        self.cleared.emit()
