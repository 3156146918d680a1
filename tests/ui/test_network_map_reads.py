"""The map reads at a glance: names never overlap, a selection and a path stand out,
guesses can be answered, the side panel is never cut, and real imports fill it."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication

from desktop_crm.services import importing
from desktop_crm.services.contacts import create_contact
from desktop_crm.services.network import get_graph
from desktop_crm.services.network.relationships import find_relationship
from desktop_crm.store.database import db
from desktop_crm.store.models import Contact
from desktop_crm.ui.context import AppContext
from desktop_crm.ui.network import view as view_module
from desktop_crm.ui.network.items import FADED_OPACITY, PATH_COLOURS
from desktop_crm.ui.network.view import NetworkView


@pytest.fixture
def view(demo_db, qtbot):
    widget = NetworkView(AppContext(demo_db))
    qtbot.addWidget(widget)
    widget.resize(1100, 740)  # the view's share of a 1280x800 window
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    return widget


def label_rects(view: NetworkView) -> list[tuple[str, QRectF]]:
    """Where each visible name is painted, in viewport pixels."""
    canvas = view.canvas
    out = []
    for item in canvas.nodes.values():
        label = item.label
        if item.isVisible() and label.isVisible():
            transform = label.deviceTransform(canvas.viewportTransform())
            out.append((label.text, transform.mapRect(label.boundingRect())))
    return out


def overlapping(rects: list[tuple[str, QRectF]]) -> list[tuple[str, str]]:
    return [(a, b) for (a, ra), (b, rb) in itertools.combinations(rects, 2) if ra.intersects(rb)]


def test_no_two_names_overlap_at_any_zoom(view) -> None:
    canvas = view.canvas
    seen = []
    for factor in (1.0, 0.4, 2.5, 2.0, 3.0):
        canvas.zoom_by(factor)
        rects = label_rects(view)
        assert overlapping(rects) == []
        seen.append(len(rects))
    assert seen[2] > seen[1]  # zoomed in, more names fit
    assert "Alex Morgan" in {text for text, _ in label_rects(view)}  # you, always


def test_selecting_someone_lights_their_ties_and_fades_the_rest(view) -> None:
    canvas = view.canvas
    person = max(get_graph().graph[0], key=lambda n: len(get_graph().graph[n]))
    item = canvas.item_for(person)
    item.setSelected(True)
    neighbours = set(get_graph().graph[person]) | {person}
    assert canvas.edge_layer.dimmed
    assert all(e.focus for e in canvas.edges if person in (e.a.node_id, e.b.node_id))
    assert not any(e.focus for e in canvas.edges if person not in (e.a.node_id, e.b.node_id))
    faded = {n for n, i in canvas.nodes.items() if i.opacity() < 1}
    assert faded and not (faded & neighbours)
    assert all(canvas.nodes[n].opacity() == pytest.approx(FADED_OPACITY) for n in faded)
    canvas.scene().clearSelection()
    assert not canvas.edge_layer.dimmed and all(i.opacity() == 1 for i in canvas.nodes.values())


def test_a_chosen_path_is_drawn_alone_numbered_and_labelled(view, qtbot) -> None:
    target = Contact.select().where(Contact.tier == "target").order_by(Contact.id).first()
    view.find_box.setText(target.full_name)
    view.find()
    result = view.path_result
    assert result is not None and len(result.paths) >= 2
    canvas = view.canvas
    first = result.paths[0].ids
    assert [canvas.item_for(n).path_step for n in first] == [None, *range(1, len(first))]
    assert all(canvas.item_for(n).radius >= 13 for n in first[1:])
    names = {text for text, _ in label_rects(view)}
    assert {canvas.item_for(n).node.name for n in first} <= names
    assert all(canvas.item_for(n).opacity() < 1 for n in canvas.nodes if n not in first)
    assert overlapping(label_rects(view)) == []
    view.paths_panel.paths.setCurrentRow(1)
    second = result.paths[1].ids
    assert [canvas.item_for(n).path_step for n in second] == [None, *range(1, len(second))]
    assert all(canvas.item_for(n).path_step is None for n in set(first) - set(second))
    # All at once: each path in its own colour, none numbered.
    canvas.highlight_paths([p.ids for p in result.paths])
    colours = {canvas.item_for(p.ids[-2]).path_colour for p in result.paths if len(p.ids) > 2}
    assert len(colours) > 1 and colours <= set(PATH_COLOURS)
    assert all(item.path_step is None for item in canvas.nodes.values())


def test_double_click_shows_the_neighbourhood_and_everyone_comes_back(view, qtbot) -> None:
    person = sorted(get_graph().graph[0])[0]
    view.show_neighbourhood(person)
    within = view.canvas.neighbourhood(person, 2)
    assert view.centre == person and view.canvas.visible_ids() == within
    assert len(within) < len(view.canvas.nodes)
    assert "Neighbourhood (2 steps)" in view.status.text() and view.everyone_button.isVisible()
    qtbot.mouseClick(view.everyone_button, Qt.MouseButton.LeftButton)
    assert view.canvas.visible_ids() == set(view.canvas.nodes) and not view.everyone_button.isVisible()


def test_side_panel_titles_and_names_are_never_cut(view) -> None:
    for index in range(view.tabs.count()):
        button = view.tabs.button(index)
        assert button.width() >= button.fontMetrics().horizontalAdvance(button.text())
    for panel in (view.gatekeepers_panel, view.reach_panel):
        view.tabs.setCurrentWidget(panel)
        tree = panel.tree
        assert tree.textElideMode() == Qt.TextElideMode.ElideNone
        items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        items += [item.child(c) for item in list(items) for c in range(item.childCount())]
        assert items
        for item in items:
            for column in range(tree.columnCount()):
                text = item.text(column)
                needed = tree.fontMetrics().horizontalAdvance(text)
                assert tree.header().sectionSize(column) >= needed, (text, column)


def colleagues_view(db_path, qtbot, *others: str) -> tuple[NetworkView, int, list[int]]:
    """You know Ana (close); she and ``others`` work at Helios. The view, Ana, the others."""
    from desktop_crm.services.network.relationships import add_relationship

    ana = create_contact({"first_name": "Ana", "last_name": "Silva", "organization": "Helios"}).id
    ids = [create_contact({"first_name": first, "last_name": "Berg", "organization": "Helios"}).id
           for first in others]
    add_relationship(None, ana, "friend", "close")
    widget = NetworkView(AppContext(db_path))
    qtbot.addWidget(widget)
    widget.resize(1100, 740)
    widget.show()
    widget.refresh()
    return widget, ana, ids


def test_guesses_are_shown_and_can_be_confirmed_or_dismissed(db_path, qtbot) -> None:
    widget, ana, (tom, una) = colleagues_view(db_path, qtbot, "Tom", "Una")
    widget.select_person(ana)
    panel = widget.person_panel
    assert panel.warmth.text() == "Your tie: warm: close, nothing recorded yet"
    rows = [panel.guesses.item(i).text() for i in range(panel.guesses.count())]
    assert rows == ["Tom Berg — both at Helios", "Una Berg — both at Helios"]
    panel.guesses.setCurrentRow(0)
    qtbot.mouseClick(panel.confirm_button, Qt.MouseButton.LeftButton)
    assert find_relationship(ana, tom) is not None
    assert [panel.guesses.item(i).text() for i in range(panel.guesses.count())] == ["Una Berg — both at Helios"]
    panel.guesses.setCurrentRow(0)
    qtbot.mouseClick(panel.dismiss_button, Qt.MouseButton.LeftButton)
    assert panel.guesses.count() == 0 and not panel.guesses.isVisible()
    assert find_relationship(ana, una) is None


def test_ask_next_lists_whom_to_ask_and_draws_the_path(view, qtbot) -> None:
    view.tabs.setCurrentWidget(view.asks_panel)
    panel = view.asks_panel
    assert panel.list.count() >= 3
    ask = panel.asks[0]
    assert panel.list.item(0).text() == f"{ask.target}: ask {ask.introducer.name}"
    assert [view.canvas.item_for(n).path_step for n in ask.path.ids] == [None, *range(1, len(ask.path.ids))]
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().startswith(f"Subject: Would you introduce me to {ask.introduce_to.name.split()[0]}?")


def test_a_big_map_is_laid_out_in_a_worker(demo_db, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(view_module, "SYNC_MAP_NODES", 10)
    widget = NetworkView(AppContext(demo_db))
    qtbot.addWidget(widget)
    widget.refresh()
    assert widget.status.text() == "Laying out the map…"
    qtbot.waitUntil(lambda: len(widget.canvas.nodes) == len(get_graph().graph), timeout=15000)
    assert "Showing 200 of 200 people" in widget.status.text()


def _linkedin(path: Path, people: int) -> Path:
    rows = "".join(
        f"Person{i},Test{i},https://www.linkedin.com/in/p{i},,Org {i % 6},Engineer,0{1 + i % 9} Mar 2023\r\n"
        for i in range(people))
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    path.write_bytes(("\ufeffNotes:\r\n\"Emails may be missing.\"\r\n\r\n" + header + rows).encode("utf-8"))
    return path


def test_a_fresh_linkedin_import_fills_the_map(db_path, tmp_path, qtbot) -> None:
    importing.import_file(_linkedin(tmp_path / "Connections.csv", 30))
    widget = NetworkView(AppContext(db_path))
    qtbot.addWidget(widget)
    widget.resize(1100, 740)
    widget.show()
    widget.refresh()
    assert widget.stack.currentWidget() is widget.canvas
    assert len(widget.canvas.nodes) == 31
    assert "Showing 30 of 30 people" in widget.status.text()
    widget.tabs.setCurrentWidget(widget.reach_panel)
    assert widget.reach_panel.tree.topLevelItem(0).text(1) == "30"
    assert not widget.connect_banner.isVisible()


def test_older_imports_are_offered_a_connection_once(db_path, tmp_path, qtbot) -> None:
    result = importing.import_file(_linkedin(tmp_path / "Connections.csv", 5), ties=importing.TieChoice("none"))
    db.execute_sql("UPDATE import_batch SET summary = '{}' WHERE id = ?", (result.batch_id,))
    widget = NetworkView(AppContext(db_path))
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    assert widget.connect_banner.isVisible() and "5 people" in widget.connect_text.text()
    assert widget.stack.currentWidget() is widget.empty
    qtbot.mouseClick(widget.connect_button, Qt.MouseButton.LeftButton)
    assert not widget.connect_banner.isVisible()
    assert widget.stack.currentWidget() is widget.canvas and len(widget.canvas.nodes) == 6


def test_a_path_resting_on_a_guess_can_be_answered_from_find_a_way(db_path, qtbot) -> None:
    widget, ana, (tom,) = colleagues_view(db_path, qtbot, "Tom")
    widget.find_person(tom)
    panel = widget.paths_panel
    assert panel.guess.isVisible() and panel.guess.text() == "A guess: Ana Silva probably knows Tom Berg (both at Helios)."
    assert [e.inferred for e in widget.canvas.guesses if e.highlighted] == [True]  # drawn dashed, on top
    qtbot.mouseClick(panel.confirm_button, Qt.MouseButton.LeftButton)
    assert find_relationship(ana, tom) is not None
    assert widget.path_result.found and not widget.path_result.uses_inferred
    assert not panel.guess.isVisible()
