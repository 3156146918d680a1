"""The relationship dialog: add one, refuse an ambiguous name, bulk "all work with X", edit, remove."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from desktop_crm.services.contacts import create_contact
from desktop_crm.services.network.relationships import (
    add_relationship,
    find_relationship,
    list_relationships,
)
from desktop_crm.ui.context import AppContext
from desktop_crm.ui.network.dialogs import RelationshipDialog


@pytest.fixture
def people(db_path) -> dict[str, int]:
    names = [("Ana", "Silva"), ("Ana", "Souza"), ("Ben", "Okafor"), ("Cy", "Lund"), ("Dee", "Marsh")]
    return {f"{f} {last}": create_contact({"first_name": f, "last_name": last}).id for f, last in names}


def make(db_path, qtbot, contact_id=None) -> RelationshipDialog:
    dialog = RelationshipDialog(AppContext(db_path), contact_id=contact_id)
    qtbot.addWidget(dialog)
    return dialog


def save(qtbot, dialog: RelationshipDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_add_you_know_someone(db_path, people, qtbot) -> None:
    dialog = make(db_path, qtbot)
    assert dialog.person_a.text() == "me"
    qtbot.keyClicks(dialog.person_b, "Ben Okafor")
    dialog.strength.setCurrentIndex(dialog.strength.findData("close"))
    dialog.kind.setCurrentIndex(dialog.kind.findData("colleague"))
    qtbot.keyClicks(dialog.how, "worked at Helios")
    save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    rel = find_relationship(None, people["Ben Okafor"])
    assert (rel.kind, rel.strength, rel.how) == ("colleague", "close", "worked at Helios")


def test_ambiguous_name_is_refused_listing_the_matches(db_path, people, qtbot) -> None:
    dialog = make(db_path, qtbot)
    dialog.person_b.setText("Ana")
    save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    error = dialog.single_error.text()
    assert error.startswith("Knows:") and "Ana Silva" in error and "Ana Souza" in error
    assert list_relationships() == []


def test_completion_offers_people_with_their_id(db_path, people, qtbot) -> None:
    dialog = make(db_path, qtbot)
    qtbot.keyClicks(dialog.person_b, "ana")
    offered = dialog.person_b._model.stringList()
    assert f"Ana Silva (id {people['Ana Silva']})" in offered
    dialog.person_b.setText(offered[0])
    assert dialog.person_b.person() in (people["Ana Silva"], people["Ana Souza"])


def test_bulk_these_people_all_work_with_x(db_path, people, qtbot) -> None:
    dialog = make(db_path, qtbot, contact_id=people["Dee Marsh"])
    dialog.tabs.setCurrentIndex(1)
    assert dialog.bulk_target.text() == f"Dee Marsh (id {people['Dee Marsh']})"
    dialog.bulk_people.setPlainText("Ana Silva\nBen Okafor\n\nCy Lund\n")
    save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    rels = list_relationships(people["Dee Marsh"])
    assert {r.person_a_id for r in rels} == {people["Ana Silva"], people["Ben Okafor"], people["Cy Lund"]}
    assert {r.kind for r in rels} == {"colleague"}


def test_bulk_names_each_bad_line(db_path, people, qtbot) -> None:
    dialog = make(db_path, qtbot)
    dialog.tabs.setCurrentIndex(1)
    dialog.bulk_people.setPlainText("Ben Okafor\nAna\nNobody Here")
    dialog.bulk_target.setText("Cy Lund")
    save(qtbot, dialog)
    error = dialog.bulk_error.text()
    assert "line 2:" in error and "Ana Silva" in error
    assert "line 3:" in error and "no contact matches 'Nobody Here'" in error
    assert list_relationships() == []


def test_edit_and_remove_existing_relationships(db_path, people, qtbot) -> None:
    rel = add_relationship(people["Ana Silva"], people["Ben Okafor"], "friend", "known")
    dialog = make(db_path, qtbot, contact_id=people["Ana Silva"])
    assert dialog.existing.topLevelItemCount() == 1
    assert dialog.existing.topLevelItem(0).text(0) == "Ben Okafor"
    dialog.existing.setCurrentItem(dialog.existing.topLevelItem(0))
    assert not dialog.person_b.isEnabled()
    dialog.strength.setCurrentIndex(dialog.strength.findData("close"))
    save(qtbot, dialog)
    assert find_relationship(people["Ana Silva"], people["Ben Okafor"]).strength == "close"

    again = make(db_path, qtbot, contact_id=people["Ana Silva"])
    again.existing.setCurrentItem(again.existing.topLevelItem(0))
    qtbot.mouseClick(again.remove_button, Qt.MouseButton.LeftButton)
    assert find_relationship(people["Ana Silva"], people["Ben Okafor"]) is None
    assert rel.id and again.existing.topLevelItemCount() == 0
    again.reject()
    assert again.result() == QDialog.DialogCode.Accepted  # a change was made: callers reload
