"""The question bank view, driven like a user: add, edit, retire, reorder, filter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_crm.services.research.questions import add_question, list_questions
from desktop_crm.ui.context import AppContext
from desktop_crm.ui.questions.view import QuestionsView


@pytest.fixture
def view(qtbot, demo_db):
    context = AppContext(demo_db)
    widget = QuestionsView(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def _item_texts(view: QuestionsView) -> list[str]:
    tree = view.tree
    return [
        tree.topLevelItem(i).child(j).text(0)
        for i in range(tree.topLevelItemCount())
        for j in range(tree.topLevelItem(i).childCount())
    ]


def test_the_bank_is_grouped_by_the_nine_categories_with_human_names(view):
    groups = [view.tree.topLevelItem(i).text(0) for i in range(view.tree.topLevelItemCount())]
    assert len(groups) == 9
    assert groups[0].startswith("Career path") and any(g.startswith("Skills and hiring") for g in groups)
    assert len(_item_texts(view)) == len(list_questions())


def test_add_a_question_through_the_editor(view, qtbot):
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    editor = view.editor
    editor.text.setPlainText("Which teams here hire people from consulting?")
    editor.category.setCurrentIndex(editor.category.findData("skills_hiring"))
    editor.tags.setText("hiring consulting")
    editor.tier_boxes["target"].setChecked(True)
    with qtbot.waitSignal(view.context.data_changed):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = [q for q in list_questions() if q.text.startswith("Which teams here hire")]
    assert len(saved) == 1
    assert saved[0].category == "skills_hiring"
    assert saved[0].tags == ["hiring", "consulting"] and saved[0].tiers == ["target"]
    assert view.selected_id() == saved[0].id
    assert "Which teams here hire people from consulting?" in _item_texts(view)


def test_an_empty_question_is_refused_at_its_field(view, qtbot):
    before = len(list_questions(include_retired=True))
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.editor.save_button, Qt.MouseButton.LeftButton)
    assert not view.editor.errors["text"].isHidden()
    assert "empty" in view.editor.errors["text"].text()
    assert len(list_questions(include_retired=True)) == before


def test_a_duplicate_question_is_refused_at_its_field(view, qtbot):
    existing = list_questions()[0]
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    view.editor.text.setPlainText(existing.text.upper())
    qtbot.mouseClick(view.editor.save_button, Qt.MouseButton.LeftButton)
    assert "already has this question" in view.editor.errors["text"].text()


def test_edit_a_question_text_and_tiers(view, qtbot):
    target = list_questions()[2]
    assert view.select_question(target.id)
    view.editor.text.setPlainText("What would you tell yourself on your first day here?")
    view.editor.tier_boxes["bridge"].setChecked(True)
    assert view.editor.save_button.isEnabled()
    qtbot.mouseClick(view.editor.save_button, Qt.MouseButton.LeftButton)
    again = [q for q in list_questions() if q.id == target.id][0]
    assert again.text == "What would you tell yourself on your first day here?"
    assert "bridge" in again.tiers
    assert not view.editor.dirty


def test_retire_hides_the_question_and_show_retired_brings_it_back(view, qtbot):
    target = list_questions()[0]
    view.select_question(target.id)
    with qtbot.waitSignal(view.context.data_changed):
        qtbot.mouseClick(view.editor.retire_button, Qt.MouseButton.LeftButton)
    assert target.id not in [q.id for q in list_questions()]
    assert target.text not in _item_texts(view)
    view.show_retired.setChecked(True)
    assert target.text in _item_texts(view)
    assert view.select_question(target.id)
    assert view.tree.currentItem().font(0).italic()
    assert view.editor.retire_button.text() == "Bring back"
    qtbot.mouseClick(view.editor.retire_button, Qt.MouseButton.LeftButton)
    assert target.id in [q.id for q in list_questions()]


def test_move_up_reorders_within_the_category(view, qtbot):
    career = [q for q in list_questions() if q.category == "career_path"]
    first, second = career[0], career[1]
    view.select_question(second.id)
    assert view.up_button.isEnabled()
    qtbot.mouseClick(view.up_button, Qt.MouseButton.LeftButton)
    order = [q.id for q in list_questions() if q.category == "career_path"]
    assert order[:2] == [second.id, first.id]
    assert view.selected_id() == second.id
    assert not view.up_button.isEnabled()  # now first in its category


def test_filters_by_tag_and_tier(view):
    view.tag_filter.setCurrentIndex(view.tag_filter.findData("hiring"))
    shown = set(view.visible_ids)
    assert shown and shown == {q.id for q in list_questions(tag="hiring")}
    view.tier_filter.setCurrentIndex(view.tier_filter.findData("target"))
    assert view.visible_ids and all("target" in q.tiers and "hiring" in q.tags
                                    for q in list_questions() if q.id in view.visible_ids)


def test_a_filter_with_no_match_explains_and_clears(view, qtbot):
    view.search.setText("zzz no such question")
    assert view.stack.currentWidget() is view.empty
    assert "No questions match" in view.empty.title.text()
    view.clear_filters()
    assert view.stack.currentWidget() is view.tree
    assert view.search.text() == ""


def test_refresh_keeps_the_selection_and_a_question_added_elsewhere_appears(view):
    target = list_questions()[5]
    view.select_question(target.id)
    added = add_question("What is one thing you wish candidates asked you?", "advice")
    view.refresh()
    assert view.selected_id() == target.id
    assert added.id in view.visible_ids


def test_empty_bank_explains_what_to_do(qtbot, db_path):
    from desktop_crm.services.research.questions import retire_question

    for q in list_questions():
        retire_question(q.id)
    widget = QuestionsView(AppContext(db_path))
    qtbot.addWidget(widget)
    assert widget.stack.currentWidget() is widget.empty
    assert "empty" in widget.empty.title.text()
