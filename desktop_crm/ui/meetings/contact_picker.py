"""A line edit that finds a person by name as you type (full-text search, accents folded).

The completer's list is refilled from ``services.contacts.search`` on each edit, so
it stays fast however many contacts there are; the chosen person is kept
by id, and a typed name that was never picked is resolved on save.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from ...services.contacts import get_contact
from ...services.contacts.resolve import resolve_contact
from ...services.contacts.search import search_contacts
from ...services.errors import ServiceError, ValidationError


def contact_label(name: str, organization: str) -> str:
    return f"{name} — {organization}" if organization else name


class ContactPicker(QLineEdit):
    """Type a name, pick from the list; ``contact_id()`` says who (or raises at field 'contact')."""

    contact_changed = Signal(int)  # 0 when cleared

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Type a name…")
        self.setClearButtonEnabled(True)
        self._ids: dict[str, int] = {}
        self._chosen: int | None = None
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.activated[str].connect(self._picked)
        self.setCompleter(completer)
        self.textEdited.connect(self._refill)

    def set_contact(self, contact_id: int) -> None:
        person = get_contact(contact_id)
        label = contact_label(person.full_name, person.organization)
        self._ids[label] = contact_id
        self._chosen = contact_id
        self.setText(label)
        self.contact_changed.emit(contact_id)

    def _refill(self, text: str) -> None:
        self._chosen = None
        if len(text.strip()) < 1:
            self._model.setStringList([])
            self.contact_changed.emit(0)
            return
        people = search_contacts(text.split(" — ")[0], limit=20)
        labels = [contact_label(p.full_name, p.organization) for p in people]
        self._ids.update({label: p.id for label, p in zip(labels, people, strict=True)})
        self._model.setStringList(labels)

    def _picked(self, label: str) -> None:
        if label in self._ids:
            self._chosen = self._ids[label]
            self.contact_changed.emit(self._chosen)

    def contact_id(self) -> int:
        """The chosen person's id; a typed name is resolved, else ValidationError('contact')."""
        if self._chosen is not None:
            return self._chosen
        text = self.text().strip()
        if text in self._ids:
            return self._ids[text]
        if not text:
            raise ValidationError("contact", "choose the person you are meeting")
        try:
            return resolve_contact(text.split(" — ")[0])
        except ValidationError:
            raise
        except ServiceError as exc:  # not found, or several people: say it at the field
            raise ValidationError("contact", str(exc)) from None
