"""Add, edit and remove relationships, one at a time or "these people all work with X".

People are typed, not picked from a list of everyone (the network may hold
100,000 people): the field completes from a search as you type, accepts
"me" for you, and names the matches when what was typed fits several.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import RELATIONSHIP_KIND_LABELS, RELATIONSHIP_KINDS, STRENGTH_LABELS, STRENGTHS
from ...services.conflicts import EditConflict
from ...services.contacts import get_contact
from ...services.contacts.resolve import resolve_contact
from ...services.contacts.search import search_contacts
from ...services.errors import ServiceError, ValidationError
from ...services.network.relationships import (
    ME_WORDS,
    add_relationship,
    bulk_link,
    list_relationships,
    remove_relationship,
    update_relationship,
)
from ...services.views import RelationshipView
from ..context import AppContext
from ..plain_text import plain_label
from ..widgets.conflict_dialog import THEIRS, ConflictDialog
from ..widgets.theme import set_error_style, set_muted
from ..widgets.unsaved import AsksBeforeDiscarding

ID_SUFFIX = re.compile(r"\(id (\d+)\)\s*$")


class PersonField(QLineEdit):
    """A person by name (completed from a search), id, or "me"."""

    def __init__(self, allow_me: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.allow_me = allow_me
        self.setPlaceholderText("Name, or “me”" if allow_me else "Name")
        self.setClearButtonEnabled(True)
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.textEdited.connect(self._suggest)

    def _suggest(self, text: str) -> None:
        if len(text.strip()) < 2:
            return
        try:
            found = search_contacts(text, limit=15)
        except ServiceError:
            return
        self._model.setStringList(
            [f"{c.full_name}{' — ' + c.organization if c.organization else ''} (id {c.id})" for c in found]
        )

    def set_person(self, contact_id: int | None, name: str) -> None:
        self.setText("me" if contact_id is None else f"{name} (id {contact_id})")

    def person(self) -> int | None:
        """The contact id typed (None = you); a ServiceError says what is wrong."""
        return self.person_from_text(self.text(), self.allow_me)

    @staticmethod
    def person_from_text(text: str, allow_me: bool = True) -> int | None:
        text = text.strip()
        if not text:
            raise ValidationError("person", "is empty: type a name" + (" or “me”" if allow_me else ""))
        if text.casefold() in ME_WORDS:
            if not allow_me:
                raise ValidationError("person", "must be one of your contacts, not you")
            return None
        match = ID_SUFFIX.search(text)
        return resolve_contact(match.group(1) if match else text)


def _combo(labels: dict[str, str], values: tuple[str, ...], default: str) -> QComboBox:
    combo = QComboBox()
    for value in values:
        combo.addItem(labels.get(value, value), value)
    combo.setCurrentIndex(values.index(default))
    return combo


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    set_error_style(label)
    label.hide()
    return label


class RelationshipDialog(AsksBeforeDiscarding, QDialog):
    """Record who knows whom. With ``contact_id``, lists that person's relationships to edit.

    Escape, Close and the window's close button ask before dropping what was typed.
    """

    unsaved_text = "You have typed a relationship that is not saved. Save it before closing?"

    def __init__(self, context: AppContext, contact_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.contact_id = contact_id
        self.editing: RelationshipView | None = None
        self.changed = False
        self.setWindowTitle("Relationships")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.existing = QTreeWidget()
        self.existing.setHeaderLabels(["Knows", "Kind", "Strength", "How"])
        self.existing.setRootIsDecorated(False)
        self.existing.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.existing.setMaximumHeight(150)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setEnabled(False)
        self.existing_box = QWidget()
        box = QVBoxLayout(self.existing_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.existing_title = plain_label()
        box.addWidget(self.existing_title)
        box.addWidget(self.existing)
        row = QHBoxLayout()
        hint = QLabel("Select one to edit it below.")
        set_muted(hint)
        self.new_button = QPushButton("New")
        self.new_button.setToolTip("Stop editing and record a new relationship")
        self.new_button.setEnabled(False)
        row.addWidget(hint, 1)
        row.addWidget(self.new_button)
        row.addWidget(self.remove_button)
        box.addLayout(row)
        layout.addWidget(self.existing_box)

        self.mode = plain_label("New relationship")
        self.mode.setWordWrap(True)
        layout.addWidget(self.mode)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._single_form(), "One relationship")
        self.tabs.addTab(self._bulk_form(), "Several people, one person")
        layout.addWidget(self.tabs)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.existing.currentItemChanged.connect(self._edit_existing)
        self.remove_button.clicked.connect(self.remove_selected)
        self.new_button.clicked.connect(self.start_new)
        self._prefill()
        self.mark_clean()

    def form_state(self) -> tuple:
        """What Save would write, from both tabs."""
        return (self.person_a.text(), self.person_b.text(), self.kind.currentData(), self.strength.currentData(),
                self.how.text(), self.since.text(), self.bulk_people.toPlainText(), self.bulk_target.text(),
                self.bulk_kind.currentData(), self.bulk_strength.currentData(), self.bulk_how.text())

    def _single_form(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.person_a = PersonField()
        self.person_b = PersonField()
        self.kind = _combo(RELATIONSHIP_KIND_LABELS, RELATIONSHIP_KINDS, "friend")
        self.strength = _combo(STRENGTH_LABELS, STRENGTHS, "known")
        self.how = QLineEdit()
        self.how.setPlaceholderText("e.g. worked together at Helios 2018-2021")
        self.since = QLineEdit()
        self.since.setPlaceholderText("e.g. 2019")
        self.single_error = _error_label()
        form.addRow("Person", self.person_a)
        form.addRow("knows", self.person_b)
        form.addRow("Kind", self.kind)
        form.addRow("Strength", self.strength)
        form.addRow("How", self.how)
        form.addRow("Since", self.since)
        form.addRow(self.single_error)
        return page

    def _bulk_form(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.bulk_people = QPlainTextEdit()
        self.bulk_people.setPlaceholderText("One name or id per line")
        self.bulk_people.setMaximumHeight(120)
        self.bulk_target = PersonField(allow_me=True)
        self.bulk_kind = _combo(RELATIONSHIP_KIND_LABELS, RELATIONSHIP_KINDS, "colleague")
        self.bulk_strength = _combo(STRENGTH_LABELS, STRENGTHS, "known")
        self.bulk_how = QLineEdit()
        self.bulk_how.setPlaceholderText("e.g. same team at Northwind")
        self.bulk_error = _error_label()
        form.addRow("These people", self.bulk_people)
        form.addRow("all know", self.bulk_target)
        form.addRow("Kind", self.bulk_kind)
        form.addRow("Strength", self.bulk_strength)
        form.addRow("How", self.bulk_how)
        form.addRow(self.bulk_error)
        return page

    def _prefill(self) -> None:
        if self.contact_id is None:
            self.existing_box.hide()
            self.person_a.setText("me")
            return
        contact = get_contact(self.contact_id)
        self.setWindowTitle(f"Relationships of {contact.full_name}")
        self.person_a.set_person(contact.id, contact.full_name)
        self.bulk_target.set_person(contact.id, contact.full_name)
        self._load_existing()
        self.person_b.setFocus()

    def _load_existing(self) -> None:
        self.existing.clear()
        rels = list_relationships(self.contact_id) if self.contact_id is not None else []
        for rel in rels:
            other = rel.person_b if rel.person_a_id == self.contact_id else rel.person_a
            kind = RELATIONSHIP_KIND_LABELS.get(rel.kind, rel.kind).split(" (")[0]
            item = QTreeWidgetItem([other, kind, rel.strength.title(), rel.how])
            item.setData(0, Qt.ItemDataRole.UserRole, rel)
            self.existing.addTopLevelItem(item)
        self.existing_title.setText(f"{len(rels)} relationship(s) recorded" if rels else "No relationships recorded yet.")
        self.existing.setVisible(bool(rels))
        # Nothing is being edited until the user picks a row (focus would pick the first).
        self.existing.setCurrentItem(None)
        self.existing.clearSelection()

    def start_new(self) -> None:
        self.existing.setCurrentItem(None)
        self.existing.clearSelection()
        self._edit_existing(None)

    def _edit_existing(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        self.remove_button.setEnabled(item is not None)
        self.new_button.setEnabled(item is not None)
        if item is None:
            self.editing = None
            self.mode.setText("New relationship")
            self.person_a.setEnabled(True)
            self.person_b.setEnabled(True)
            if self.contact_id is not None:
                contact = get_contact(self.contact_id)
                self.person_a.set_person(contact.id, contact.full_name)
            self.person_b.clear()
            self.how.clear()
            self.since.clear()
            self.mark_clean()
            return
        rel: RelationshipView = item.data(0, Qt.ItemDataRole.UserRole)
        self.editing = rel
        self.mode.setText(f"Editing: {rel.person_a} — {rel.person_b}")
        self.tabs.setCurrentIndex(0)
        self.person_a.set_person(rel.person_a_id, rel.person_a)
        self.person_b.set_person(rel.person_b_id, rel.person_b)
        self.person_a.setEnabled(False)
        self.person_b.setEnabled(False)
        self.kind.setCurrentIndex(RELATIONSHIP_KINDS.index(rel.kind) if rel.kind in RELATIONSHIP_KINDS else 0)
        self.strength.setCurrentIndex(STRENGTHS.index(rel.strength) if rel.strength in STRENGTHS else 1)
        self.how.setText(rel.how)
        self.since.setText(rel.since)
        self.mark_clean()

    # --- saving ------------------------------------------------------------------------------

    def save(self) -> None:
        ok = self.save_single() if self.tabs.currentIndex() == 0 else self.save_bulk()
        if ok:
            self.accept()

    def _save_edit(self) -> None:
        """Save the fields typed since loading, from the loaded version; on a change made
        on another machine, ask per field ("Changed on another machine") and save the
        choice. Going back raises the conflict, shown under the form; nothing is lost."""
        assert self.editing is not None
        typed = {"kind": self.kind.currentData(), "strength": self.strength.currentData(),
                 "how": self.how.text(), "since": self.since.text()}
        changes = {k: v for k, v in typed.items() if v != getattr(self.editing, k)}
        try:
            self.editing = update_relationship(self.editing.id, changes, self.editing.version, self.editing)
        except EditConflict as conflict:
            dialog = ConflictDialog(conflict, self)
            try:
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    raise
                kept = {k: v for k, v in changes.items() if dialog.choices().get(k) != THEIRS}
            finally:
                dialog.deleteLater()
            self.editing = update_relationship(self.editing.id, kept, conflict.their_version)

    def save_single(self) -> bool:
        self.single_error.hide()
        try:
            if self.editing is not None:
                self._save_edit()
            else:
                a = self._field(self.person_a, "Person")
                b = self._field(self.person_b, "Knows")
                if a is None and b is None:
                    raise ValidationError("Knows", "one of the two must be a contact, not you")
                add_relationship(a, b, self.kind.currentData(), self.strength.currentData(), self.how.text(), self.since.text())
        except ServiceError as exc:
            self.single_error.setText(str(exc))
            self.single_error.show()
            return False
        self.changed = True
        return True

    def save_bulk(self) -> bool:
        self.bulk_error.hide()
        lines = [line.strip() for line in self.bulk_people.toPlainText().splitlines()]
        problems: list[str] = []
        people: list[int] = []
        for number, line in enumerate(lines, 1):
            if not line:
                continue
            try:
                person = PersonField.person_from_text(line)
                if person is None:
                    problems.append(f"line {number}: “me” cannot be in the list; use the field below")
                else:
                    people.append(person)
            except ServiceError as exc:
                problems.append(f"line {number}: {exc}")
        try:
            target = self._field(self.bulk_target, "All know")
        except ServiceError as exc:
            problems.append(str(exc))
            target = None
        if not people and not problems:
            problems.append("These people: type at least one name, one per line")
        if problems:
            self.bulk_error.setText("\n".join(problems))
            self.bulk_error.show()
            return False
        try:
            bulk_link(
                dict.fromkeys(people), target, self.bulk_kind.currentData(), self.bulk_strength.currentData(),
                self.bulk_how.text(),
            )
        except ServiceError as exc:
            self.bulk_error.setText(str(exc))
            self.bulk_error.show()
            return False
        self.changed = True
        return True

    @staticmethod
    def _field(field: PersonField, label: str) -> int | None:
        try:
            return field.person()
        except ValidationError as exc:
            raise ValidationError(label, exc.message) from None
        except ServiceError as exc:
            raise ValidationError(label, str(exc)) from None

    def remove_selected(self) -> None:
        item = self.existing.currentItem()
        if item is None:
            return
        rel: RelationshipView = item.data(0, Qt.ItemDataRole.UserRole)
        remove_relationship(rel.id)
        self.changed = True
        self.context.status_message.emit(f"Removed: {rel.person_a} — {rel.person_b} (restore it from the trash).")
        self.existing.setCurrentItem(None)
        self._load_existing()

    def reject(self) -> None:
        """Ask before dropping typed input; closing after a removal still reports a
        change, so the views reload."""
        if self.is_dirty():
            answer = self.ask_unsaved()
            if answer == QMessageBox.StandardButton.Save:
                self.save()  # closes on success
                return
            if answer != QMessageBox.StandardButton.Discard:
                return
        if self.changed:
            self.accept()
        else:
            QDialog.reject(self)
