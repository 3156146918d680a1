"""Editors for the several-valued fields of the contact editor: emails, phones, tags."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..widgets.theme import set_error_style


class LabelledValues(QWidget):
    """Rows of (label, value) with a remove button each and an "Add" button below.

    ``show_errors({0: "…"})`` puts a message under the row it is about.
    """

    changed = Signal()

    def __init__(self, noun: str, labels: list[str], placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.noun = noun
        self._labels = labels
        self._placeholder = placeholder
        self.rows: list[tuple[QComboBox, QLineEdit, QToolButton, QLabel]] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(2)
        self._grid.setColumnStretch(1, 1)
        outer.addLayout(self._grid)
        self.add_button = QPushButton(f"Add {noun}")
        self.add_button.clicked.connect(lambda: self.add_row("", "", focus=True))
        outer.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def add_row(self, label: str = "", value: str = "", focus: bool = False) -> QLineEdit:
        combo = QComboBox()
        combo.setEditable(True)
        combo.addItems(self._labels)
        combo.setCurrentText(label or self._labels[0])
        combo.setMaximumWidth(110)
        combo.setAccessibleName(f"{self.noun} label")
        edit = QLineEdit(value)
        edit.setPlaceholderText(self._placeholder)
        edit.setAccessibleName(self.noun)
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip(f"Remove this {self.noun}")
        remove.setAutoRaise(True)
        error = QLabel()
        error.setWordWrap(True)
        error.setVisible(False)
        set_error_style(error)
        entry = (combo, edit, remove, error)
        remove.clicked.connect(lambda: self._remove(entry))
        edit.textChanged.connect(self.changed)
        combo.currentTextChanged.connect(self.changed)
        self.rows.append(entry)
        self._relayout()
        if focus:
            edit.setFocus()
        self.changed.emit()
        return edit

    def _remove(self, entry: tuple) -> None:
        self.rows.remove(entry)
        for widget in entry:
            widget.setParent(None)
            widget.deleteLater()
        self._relayout()
        self.changed.emit()

    def _relayout(self) -> None:
        for number, (combo, edit, remove, error) in enumerate(self.rows):
            self._grid.addWidget(combo, number * 2, 0)
            self._grid.addWidget(edit, number * 2, 1)
            self._grid.addWidget(remove, number * 2, 2)
            self._grid.addWidget(error, number * 2 + 1, 1, 1, 2)

    def values(self) -> list[dict[str, str]]:
        return [
            {"label": combo.currentText().strip(), "value": edit.text().strip()}
            for combo, edit, _, _ in self.rows
            if edit.text().strip()
        ]

    def set_values(self, pairs: list[tuple[str, str]]) -> None:
        for entry in list(self.rows):
            self._remove(entry)
        for label, value in pairs:
            self.add_row(label, value)

    def show_errors(self, by_row: dict[int, str]) -> None:
        """Errors by position among the non-empty rows (how the service numbers them)."""
        filled = [entry for entry in self.rows if entry[1].text().strip()]
        for entry in self.rows:
            entry[3].setVisible(False)
        for number, message in by_row.items():
            if 0 <= number < len(filled):
                filled[number][3].setText(message)
                filled[number][3].setVisible(True)


class TagEdit(QLineEdit):
    """Comma-separated tags, completing the tag being typed from the existing ones."""

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("climate, mentor, alumni")
        self._completer = QCompleter(QStringListModel(names, self), self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setWidget(self)
        self._completer.activated.connect(self._insert)
        self.textEdited.connect(self._complete)

    def _current_token(self) -> str:
        return self.text()[: self.cursorPosition()].split(",")[-1].strip()

    def _complete(self, _text: str) -> None:
        token = self._current_token()
        if not token:
            self._completer.popup().hide()
            return
        self._completer.setCompletionPrefix(token)
        if self._completer.completionCount():
            self._completer.complete()

    def _insert(self, name: str) -> None:
        head = self.text()[: self.cursorPosition()]
        tail = self.text()[self.cursorPosition():]
        parts = head.split(",")
        parts[-1] = (" " if len(parts) > 1 else "") + name
        self.setText(",".join(parts) + ", " + tail.lstrip(", "))

    def tags(self) -> list[str]:
        return [t.strip() for t in self.text().split(",") if t.strip()]

    def set_tags(self, tags: list[str]) -> None:
        self.setText(", ".join(tags))
