"""Validation messages shown under the field they are about, as the services name them.

Services raise ``ValidationError(field, message)`` (or several at once); a
form registers each input under the service's field name, and this shows
the message right below that input, so the user sees what and where.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...services.errors import ServiceError, ValidationError, ValidationErrors
from ..widgets.theme import set_error_style


class FieldErrors:
    """Maps service field names to inputs and the error label under each."""

    def __init__(self) -> None:
        self._inputs: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}

    def wrap(self, field: str, widget: QWidget, *aliases: str) -> QWidget:
        """The input with a hidden error label below it; put this in the layout."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = QLabel()
        label.setObjectName(f"error_{field}")
        label.setWordWrap(True)
        set_error_style(label)
        label.hide()
        layout.addWidget(label)
        for name in (field, *aliases):
            self._inputs[name] = widget
            self._labels[name] = label
        return box

    def label(self, field: str) -> QLabel:
        return self._labels[field]

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.hide()

    def show(self, error: ServiceError) -> str:
        """Show ``error`` at its field(s); return the text of those with no field here."""
        if isinstance(error, ValidationErrors):
            items = list(error.errors)
        elif isinstance(error, ValidationError):
            items = [error]
        else:
            return str(error)
        leftover: list[str] = []
        first: QWidget | None = None
        for item in items:
            label = self._labels.get(item.field)
            if label is None:
                leftover.append(str(item))
                continue
            label.setText(item.message)
            label.show()
            first = first or self._inputs[item.field]
        if first is not None:
            first.setFocus()
        return "; ".join(leftover)

    def message(self, field: str) -> str:
        """The message shown at ``field`` ('' when none): what tests and screen readers read."""
        label = self._labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""
