"""On a big table the first rows come before the count: the status line says 'Counting…' until it arrives."""

from __future__ import annotations

import pytest

from desktop_crm.services.contacts.bulk import bulk_create_contacts
from desktop_crm.services.contacts.table import ContactFilter
from desktop_crm.ui.contacts import model as model_module
from desktop_crm.ui.contacts.model import PAGE, ContactTableModel
from desktop_crm.ui.main_window import MainWindow


@pytest.fixture
def many(db_path, monkeypatch) -> list[int]:  # noqa: D103
    monkeypatch.setattr(model_module, "COUNT_LATER_ABOVE", 10)  # this small table counts as big
    return bulk_create_contacts([
        {"first_name": f"F{i:04d}", "last_name": f"Zürich{i:04d}", "tier": ("primary", "target")[i % 2],
         "location": ("Zürich", "Bern")[i % 3 == 0]}
        for i in range(3 * PAGE + 11)
    ])


def test_the_first_page_is_shown_then_the_rows_the_count_finds_are_added(qtbot, many) -> None:
    model = ContactTableModel()
    with qtbot.waitSignal(model.count_known, timeout=10_000):
        model.set_filter(ContactFilter(tiers=("target",)))
        assert model.counting
        assert model.rowCount() == PAGE
        assert model.data(model.index(0, 0)) == "F0001 Zürich0001"
    assert not model.counting
    assert model.rowCount() == len(many[1::2])
    last = model.index(model.rowCount() - 1, 0)
    assert model.data(last) == f"F{len(many) - 1 if (len(many) - 1) % 2 else len(many) - 2:04d} Zürich" \
        f"{len(many) - 1 if (len(many) - 1) % 2 else len(many) - 2:04d}"


def test_a_short_result_needs_no_count(qtbot, many) -> None:
    model = ContactTableModel()
    model.set_filter(ContactFilter(text="Zürich0007"))
    assert not model.counting
    assert model.rowCount() == 1


def test_a_newer_filter_ignores_the_older_count(qtbot, many) -> None:
    model = ContactTableModel()
    model.set_filter(ContactFilter(tiers=("target",)))
    with qtbot.waitSignal(model.count_known, timeout=10_000):
        model.set_filter(ContactFilter(location="zurich"))
    qtbot.wait(50)
    assert model.rowCount() == sum(1 for i in range(len(many)) if i % 3)


def test_the_status_line_says_counting_then_the_number(qtbot, many, db_path) -> None:
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    view = window.contacts
    with qtbot.waitSignal(view.model.count_known, timeout=10_000):
        view.filter_bar.set_filter(ContactFilter(location="ZURICH"))
        view._apply()
        assert "Counting people who match near ZURICH…" in window.counts.text()
    qtbot.waitUntil(lambda: "match near ZURICH" in window.counts.text() and "Counting" not in window.counts.text())
    expected = sum(1 for i in range(len(many)) if i % 3)
    assert f"{expected:,} people match near ZURICH" in window.counts.text()
    assert view.model.rowCount() == expected
