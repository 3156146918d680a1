""""Changed on another machine": both versions side by side, the user chooses per field.

Shown when a save meets a row another copy of the app saved since the form
was loaded (``services.conflicts.EditConflict``). Only the fields both sides
changed are listed; fields only one side changed were merged by the service.
Nothing is decided for the user: each row starts on "keep mine" (what they
typed is never dropped without a click) and "Back to editing" leaves the
form exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...services.conflicts import EditConflict, shown
from .theme import heading_font, set_muted

MINE, THEIRS = "mine", "theirs"


def _label(field: str) -> str:
    return field.replace("_", " ").replace("is gatekeeper", "gatekeeper").replace("url", "URL").capitalize()


def _value(value: object) -> str:
    text = shown(value)
    return text if text else "(empty)"


class ConflictDialog(QDialog):
    """``ConflictDialog(conflict).choices()`` -> {field: "mine" | "theirs"} once accepted."""

    def __init__(self, conflict: EditConflict, parent: QWidget | None = None, labels: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setWindowTitle("Changed on another machine")
        self.setModal(True)
        outer = QVBoxLayout(self)
        title = QLabel("Changed on another machine")
        title.setFont(heading_font(self, 1.2))
        outer.addWidget(title)
        intro = QLabel(
            f"{conflict.what[:1].upper() + conflict.what[1:]} was saved elsewhere while you were editing "
            f"(you started from version {conflict.your_version}; it is now version "
            f"{conflict.their_version}). Nothing has been overwritten. Changes to other fields "
            "were combined; for each field below, choose which value to keep."
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        for column, text in enumerate(("Field", "Yours (not saved yet)", "Saved on the other machine")):
            head = QLabel(text)
            head.setFont(heading_font(self, 1.0))
            grid.addWidget(head, 0, column)
        self.groups: dict[str, QButtonGroup] = {}
        self.mine_buttons: dict[str, QRadioButton] = {}
        self.theirs_buttons: dict[str, QRadioButton] = {}
        for row, field in enumerate(conflict.fields, start=1):
            grid.addWidget(QLabel((labels or {}).get(field.field, _label(field.field))), row, 0)
            mine = QRadioButton(_value(field.mine))
            theirs = QRadioButton(_value(field.theirs))
            for button in (mine, theirs):
                button.setToolTip(button.text())
            mine.setAccessibleName(f"Keep mine: {field.field}")
            theirs.setAccessibleName(f"Take theirs: {field.field}")
            mine.setChecked(True)
            group = QButtonGroup(self)
            group.addButton(mine)
            group.addButton(theirs)
            self.groups[field.field] = group
            self.mine_buttons[field.field] = mine
            self.theirs_buttons[field.field] = theirs
            grid.addWidget(mine, row, 1)
            grid.addWidget(theirs, row, 2)
        outer.addLayout(grid)
        note = QLabel("Until you save, the other machine's version stays as it is.")
        set_muted(note)
        outer.addWidget(note)
        self.buttons = QDialogButtonBox()
        self.keep_all = QPushButton("Keep all mine")
        self.take_all = QPushButton("Take all theirs")
        self.keep_all.clicked.connect(lambda: self.choose_all(MINE))
        self.take_all.clicked.connect(lambda: self.choose_all(THEIRS))
        self.buttons.addButton(self.keep_all, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.take_all, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = self.buttons.addButton("Save with these choices", QDialogButtonBox.ButtonRole.AcceptRole)
        self.back_button = self.buttons.addButton("Back to editing", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

    def choose_all(self, side: str) -> None:
        for field in self.groups:
            (self.mine_buttons if side == MINE else self.theirs_buttons)[field].setChecked(True)

    def choices(self) -> dict[str, str]:
        return {field: THEIRS if self.theirs_buttons[field].isChecked() else MINE for field in self.groups}


class ResolvesConflicts:
    """For an edit dialog whose ``values()`` is a dict of its fields: on a conflict, ask,
    then move the form onto the saved version, keeping what the user typed in every
    field they touched unless they took theirs for it."""

    loaded_values: dict[str, Any]

    def ask_conflict(self, conflict: EditConflict) -> dict[str, str] | None:
        """The user's choice per field ("mine" or "theirs"), or None to go back to editing."""
        dialog = ConflictDialog(conflict, self)  # type: ignore[arg-type]
        try:
            return dialog.choices() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def rebase(self, conflict: EditConflict, reload: Callable[[], None],
               put: Callable[[dict[str, Any]], None]) -> bool:
        """Ask; on a choice ``reload()`` the saved version into the form, ``put`` back the
        typed values kept, and return True (save again). False: back to editing, form as it was."""
        choices = self.ask_conflict(conflict)
        if choices is None:
            return False
        typed = self.values()  # type: ignore[attr-defined]
        touched = {key for key, value in typed.items() if value != self.loaded_values.get(key)}
        reload()
        put({key: typed[key] for key in touched if choices.get(key) != THEIRS})
        return True
