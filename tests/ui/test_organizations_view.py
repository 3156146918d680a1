"""The organizations view: the table, the surround panel, its gaps and actions, editing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop_crm.services.contacts.organizations import (
    create_organization,
    get_organization,
    list_organizations,
)
from desktop_crm.services.research.surround import coverage_overview, surround
from desktop_crm.ui.context import AppContext
from desktop_crm.ui.organizations.editor import OrganizationDialog
from desktop_crm.ui.organizations.view import OrganizationsView


@pytest.fixture
def view(qtbot, demo_db):
    widget = OrganizationsView(AppContext(demo_db))
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    return widget


def _tree_names(view: OrganizationsView) -> list[str]:
    people = view.panel.people
    return [people.topLevelItem(i).text(0) for i in range(people.topLevelItemCount())]


def test_the_table_lists_every_organization_with_people_and_met_counts(view):
    orgs = list_organizations()
    met = {row.organization_id: row.met for row in coverage_overview(targets_only=False)}
    assert view.proxy.rowCount() == len(orgs)
    by_id = {row.id: row for row in view.model.rows}
    for org in orgs:
        assert by_id[org.id].people == org.contact_count
        assert by_id[org.id].met == met[org.id]
    assert f"{len(orgs)} of {len(orgs)} organizations" in view.count_label.text()


def test_the_surround_panel_shows_the_people_gaps_and_introducers(view):
    org = max(coverage_overview(targets_only=False), key=lambda r: (r.met, r.known))
    assert view.select_organization(org.organization_id)
    expected = surround(org.organization_id)
    assert _tree_names(view) == [p.name for p in expected.people]
    met_rows = [view.panel.people.topLevelItem(i).text(3) for i, p in enumerate(expected.people) if p.met]
    assert met_rows and all(text.startswith("Met ") for text in met_rows)
    assert [text.text() for text, _ in view.panel.gap_rows] == [g.message for g in expected.gaps]
    assert [text.objectName() for text, _ in view.panel.gap_rows] == [f"gap_{g.code}" for g in expected.gaps]
    for _, name, _count in expected.introducers:
        assert name in view.panel.introducers.text()
    assert f"{expected.met} met" in view.panel.numbers.text()


def test_an_organization_with_nobody_shows_that_gap_and_a_way_in(view, qtbot):
    org = create_organization({"name": "Acme Robotics", "industry": "Robotics", "is_target": True})
    view.refresh()
    assert view.select_organization(org.id)
    assert view.panel.people.isHidden() and not view.panel.no_people.isHidden()
    text, button = view.panel.gap_rows[0]
    assert text.text().startswith("Nobody here yet")
    assert button.text() == "Find a way in"
    with qtbot.waitSignal(view.context.view_requested) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["network"]
    assert not view.panel.meeting_button.isEnabled()


def test_no_one_met_offers_a_meeting_with_someone_you_know(view, qtbot):
    org = next(r for r in coverage_overview(targets_only=False) if r.known and not r.met)
    view.select_organization(org.organization_id)
    button = next(b for text, b in view.panel.gap_rows if text.objectName() == "gap_no_one_met")
    assert button.text() == "New meeting…"
    view.panel.meeting_requested.disconnect(view.new_meeting)  # keep the meeting dialog out of the test
    with qtbot.waitSignal(view.panel.meeting_requested) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    people = surround(org.organization_id).people
    chosen = next(p for p in people if p.contact_id == blocker.args[0])
    assert not chosen.met and chosen.you_know == any(p.you_know for p in people)


def test_double_clicking_a_person_opens_them_in_contacts(view, qtbot):
    org = next(r for r in coverage_overview(targets_only=False) if r.known)
    view.select_organization(org.organization_id)
    item = view.panel.people.topLevelItem(0)
    with qtbot.waitSignal(view.context.contact_selected) as blocker:
        view.panel.people.itemActivated.emit(item, 0)
    assert blocker.args == [surround(org.organization_id).people[0].contact_id]


def test_edit_an_organization_through_the_view(view, qtbot):
    org = list_organizations()[0]
    view.select_organization(org.id)

    def fill_and_save() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, OrganizationDialog)
        dialog.industry.setText("Insurance")
        dialog.website.setText("alpine.example")
        dialog.is_target.setChecked(True)
        dialog.save_button.click()

    QTimer.singleShot(0, fill_and_save)
    with qtbot.waitSignal(view.context.data_changed):
        qtbot.mouseClick(view.panel.edit_button, Qt.MouseButton.LeftButton)
    saved = get_organization(org.id)
    assert (saved.industry, saved.website, saved.is_target) == ("Insurance", "alpine.example", True)
    assert view.selected_id() == org.id
    assert view.panel.name.text() == f"★ {org.name}"


def test_the_editor_refuses_bad_fields_at_the_field(qtbot, demo_db):
    first, second = list_organizations()[:2]
    dialog = OrganizationDialog(first.id)
    qtbot.addWidget(dialog)
    dialog.name.setText("")
    assert not dialog.save()
    assert "needs a name" in dialog.errors["name"].text()
    dialog.name.setText(second.name.upper())
    dialog.website.setText("not a website")
    assert not dialog.save()
    assert "already called" in dialog.errors["name"].text()
    assert "not a web address" in dialog.errors["website"].text()
    assert get_organization(first.id).name == first.name


def test_new_organization_dialog_creates_one(qtbot, demo_db):
    dialog = OrganizationDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Zephyr Labs")
    dialog.location.setText("Lyon")
    assert dialog.save()
    assert dialog.saved is not None and get_organization(dialog.saved.id).location == "Lyon"


def test_filters_by_text_and_targets(view):
    view.targets_only.setChecked(True)
    shown = [view.proxy.index(i, 0).data() for i in range(view.proxy.rowCount())]
    assert shown and all(name.endswith(" ★") for name in shown)  # a target carries its star
    assert {name.removesuffix(" ★") for name in shown} == {o.name for o in list_organizations() if o.is_target}
    view.search.setText("no such company anywhere")
    assert view.table_stack.currentWidget() is view.no_match
    view.clear_filter()
    assert view.proxy.rowCount() == len(list_organizations())


def test_empty_database_explains_what_to_do(qtbot, db_path):
    widget = OrganizationsView(AppContext(db_path))
    qtbot.addWidget(widget)
    assert widget.stack.currentWidget() is widget.empty
    assert "No organizations yet" in widget.empty.title.text()


def test_a_hidden_view_reloads_when_shown_again(view, qtbot):
    view.hide()
    org = create_organization({"name": "Late Arrival Ltd"})
    view.refresh()  # hidden: deferred
    assert view.model.row_of(org.id) == -1
    view.show()
    assert view.model.row_of(org.id) >= 0


def test_gap_buttons_follow_the_code_not_the_wording():
    from desktop_crm.services.research.surround import Gap
    from desktop_crm.ui.organizations.surround_panel import gap_action

    assert gap_action(Gap("no_one_met", "You have not met anybody here, yet.")) == "meeting"
    assert gap_action(Gap("few_people", "No one met… only kidding: too few people.")) == "network"
    assert {gap_action(Gap(code, "")) for code in ("nobody_here", "no_target_tier", "nobody_on_team")} == {"network"}
