"""Today's "Introductions to ask for": the same first step as the Network view, a draft, and the way on the map."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_crm.services.network import introductions_to_ask, path_to_person
from desktop_crm.ui.main_window import MainWindow


def test_today_lists_whom_to_ask_and_shows_the_way_on_the_map(qtbot, demo_db) -> None:
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    win.show()
    win.show_view("today")
    today = win.views["today"]
    section = today.sections["asks"]
    expected = introductions_to_ask(limit=5, drafts=False)
    qtbot.waitUntil(lambda: len(section.rows) == len(expected))  # filled after the first paint
    assert expected and len(section.rows) == len(expected)
    first, row = expected[0], section.rows[0]
    assert first.introducer.name in row.title.text()
    assert f"Ask them to introduce you to {first.introduce_to.name}" in row.detail.text()
    if first.target_kind == "person":
        assert path_to_person(first.target_id, count=1).paths[0].ids == first.path.ids

    qtbot.mouseClick(row.buttons["On the map"], Qt.MouseButton.LeftButton)
    network = win.views["network"]
    assert win.current_key == "network"
    assert network.path_result is not None and network.path_result.target_id == first.target_id
    assert network.path_result.paths[0].ids == first.path.ids
    assert network.canvas.item_for(first.introducer.id).path_step == 1
