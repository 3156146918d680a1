"""A red line under a form field, filled from the services' ValidationError.

The services name the field that is wrong; a form maps those names to the
labels beneath its fields, so the message appears where the user looks.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ...services.errors import ServiceError, ValidationError, ValidationErrors
from ..widgets.theme import set_error_style


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
