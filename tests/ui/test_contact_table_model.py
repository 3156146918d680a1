"""The lazy table model: Qt's model checks, windowed paging, sorting by header click."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_crm.services.contacts.bulk import bulk_create_contacts
from desktop_crm.services.contacts.table import ContactFilter, TableSpec
from desktop_crm.ui.contacts.model import ID_ROLE, MAX_PAGES, PAGE, ContactTableModel
from desktop_crm.ui.contacts.table import ContactTable
from desktop_crm.ui.widgets.badges import TIER_ROLE


def _people(n: int) -> list[int]:
    return bulk_create_contacts(
        [{"first_name": f"F{i:05d}", "last_name": f"L{i:05d}", "organization": f"Org {i % 7}",
          "tier": ("primary", "bridge", "target")[i % 3]} for i in range(n)]
    )


def test_model_passes_qt_model_tester(qtmodeltester, demo_db) -> None:
    model = ContactTableModel()
    qtmodeltester.check(model, force_py=True)
    model.set_filter(ContactFilter(tiers=("target",)))
    qtmodeltester.check(model, force_py=True)


def test_rows_are_read_in_pages_and_memory_stays_bounded(db_path) -> None:
    ids = _people(PAGE * (MAX_PAGES + 5) + 17)
    model = ContactTableModel()
    assert model.rowCount() == len(ids)
    assert model.cached_pages() == 1  # only the first page at open
    last = model.index(model.rowCount() - 1, 0)
    assert model.data(last) == f"F{len(ids) - 1:05d} L{len(ids) - 1:05d}"
    for row in range(0, model.rowCount(), PAGE):
        assert model.data(model.index(row, 0), ID_ROLE) == ids[row]
    assert model.cached_pages() <= MAX_PAGES


def test_tier_column_carries_the_tier_for_the_badge(db_path) -> None:
    _people(3)
    model = ContactTableModel()
    tier_col = model.column_index("tier")
    assert [model.data(model.index(r, tier_col), TIER_ROLE) for r in range(3)] == ["primary", "bridge", "target"]
    assert model.data(model.index(0, tier_col)) == "Primary"


def test_clicking_a_header_sorts_in_sqlite_and_email_is_not_sortable(qtbot, db_path) -> None:
    _people(30)
    model = ContactTableModel()
    table = ContactTable(model)
    qtbot.addWidget(table)
    org = model.column_index("organization")
    table.horizontalHeader().sectionClicked.emit(org)
    table.sortByColumn(org, Qt.SortOrder.DescendingOrder)
    assert model.spec.sort == "organization" and model.spec.descending
    assert model.data(model.index(0, org)) == "Org 6"
    email = model.column_index("email")
    table.sortByColumn(email, Qt.SortOrder.AscendingOrder)
    assert model.spec.sort == "organization"
    assert table.horizontalHeader().sortIndicatorSection() == org


def test_select_all_gives_every_id_without_reading_every_page(qtbot, db_path) -> None:
    ids = _people(PAGE * 6)
    model = ContactTableModel(spec=TableSpec(sort="name", descending=True))
    table = ContactTable(model)
    qtbot.addWidget(table)
    table.selectAll()
    assert table.selected_count() == len(ids)
    assert sorted(table.selected_ids()) == sorted(ids)
    assert model.cached_pages() <= 2
