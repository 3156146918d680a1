"""Validation messages shown under the form field they are about.

Services raise ``ValidationError(field, message)`` (or several at once) and
name the field that is wrong; forms in every view put the message right
below that input, so the user sees what and where. Two shapes, both shared:

* :class:`FieldError` labels that a form keeps in a dict and fills with
  :func:`show_errors` (questions, findings, organizations);
* :class:`FieldErrors`, which wraps each input with its own hidden label and
  maps service field names (and aliases) to them (meetings, profile).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...services.errors import ServiceError, ValidationError, ValidationErrors
from .theme import set_error_style


class FieldError(QLabel):
    """Hidden until :meth:`show_message`; word-wrapped so long messages never clip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        set_error_style(self)
        self.hide()

    def show_message(self, message: str) -> None:
        """Show the message as a sentence (services write them in lower case, for 'field: msg')."""
        message = message.strip()
        self.setText(message[:1].upper() + message[1:])
        self.setVisible(bool(message))

    def clear_message(self) -> None:
        self.show_message("")


def with_error_below(widget: QWidget, error: QLabel) -> QWidget:
    """``widget`` with its error label right under it, as one form cell."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(error)
    return box


def messages_by_field(error: ServiceError) -> dict[str, str]:
    """{field: message} for a service error; errors without a field go under ``""``."""
    if isinstance(error, ValidationErrors):
        return error.by_field
    if isinstance(error, ValidationError):
        return {error.field: error.message}
    return {"": str(error)}


def show_errors(labels: dict[str, FieldError], error: ServiceError, fallback: str) -> None:
    """Put each message under its field; unknown fields go to ``fallback``'s label."""
    for label in labels.values():
        label.clear_message()
    for field, message in messages_by_field(error).items():
        target = labels.get(field) or labels[fallback]
        text = message if field in labels or not field else f"{field}: {message}"
        existing = "" if target.isHidden() else target.text()
        target.show_message(f"{existing}\n{text}".strip())


class FieldErrors:
    """Maps service field names to inputs and the error label under each."""

    def __init__(self) -> None:
        self._inputs: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}

    def wrap(self, field: str, widget: QWidget, *aliases: str) -> QWidget:
        """The input with a hidden error label below it; put this in the layout."""
        label = QLabel()
        label.setObjectName(f"error_{field}")
        label.setWordWrap(True)
        set_error_style(label)
        label.hide()
        box = with_error_below(widget, label)
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
            label.setText(item.message[:1].upper() + item.message[1:])  # a sentence under the field
            label.show()
            first = first or self._inputs[item.field]
        if first is not None:
            first.setFocus()
        return "; ".join(leftover)

    def show_all(self, error: ServiceError, general: QLabel) -> None:
        """Show ``error`` at its fields, and what belongs to none of them in ``general``."""
        leftover = self.show(error)
        if leftover:
            general.setText(leftover)
            general.show()

    def message(self, field: str) -> str:
        """The message shown at ``field`` ('' when none): what tests and screen readers read."""
        label = self._labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""
