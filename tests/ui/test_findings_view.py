"""The findings view: answers side by side, marks, the validated badge and the conclusion."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_crm.services.research.findings import get_finding, list_findings
from desktop_crm.services.research.questions import get_question
from desktop_crm.ui.context import AppContext
from desktop_crm.ui.findings.view import FindingsView


@pytest.fixture
def view(qtbot, demo_db):
    widget = FindingsView(AppContext(demo_db))
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    return widget


def _unvalidated_with_three_answers() -> int:
    return next(f.question_id for f in list_findings() if f.counts.total >= 3 and not f.validated)


def test_the_list_shows_every_answered_question_with_its_counts(view):
    findings = list_findings()
    assert view.stack.currentWidget() is view.splitter
    assert [f.question_id for f in view.model.findings] == [f.question_id for f in findings]
    assert f"{len(findings)} questions answered" in view.summary.text()


def test_answers_sit_side_by_side_with_who_said_it(view):
    qid = _unvalidated_with_three_answers()
    assert view.select_question(qid)
    finding = get_finding(qid)
    cards = view.detail.cards
    assert len(cards) == len(finding.answers) >= 3
    assert cards[0].name.text() == finding.answers[0].contact_name
    assert finding.answers[0].organization in cards[0].where.text()
    assert cards[0].text.text() == finding.answers[0].answer
    assert len({c.geometry().y() for c in cards[:2]}) == 1  # two cards on one row


def test_three_agreeing_answers_validate_the_question(view, qtbot):
    qid = _unvalidated_with_three_answers()
    view.select_question(qid)
    assert view.detail.badge.isHidden()
    for card in view.detail.cards[:3]:
        if card.answer.agreement != "agree":
            with qtbot.waitSignal(view.context.data_changed):
                qtbot.mouseClick(card.buttons["agree"], Qt.MouseButton.LeftButton)
    finding = get_finding(qid)
    assert finding.counts.agree >= 3 and finding.validated
    assert not view.detail.badge.isHidden()
    row = view.model.row_of(qid)
    assert view.model.findings[row].validated  # the list row's bar and badge follow
    assert view.detail.cards[0].buttons["agree"].text() == "✓ Agrees"


def test_marking_an_answer_differ_is_stored(view, qtbot):
    qid = _unvalidated_with_three_answers()
    view.select_question(qid)
    card = view.detail.cards[0]
    target = "differ" if card.answer.agreement != "differ" else "open"
    qtbot.mouseClick(card.buttons[target], Qt.MouseButton.LeftButton)
    stored = [a for a in get_finding(qid).answers if a.meeting_question_id == card.answer.meeting_question_id]
    assert stored[0].agreement == target
    assert card.buttons[target].isChecked()


def test_write_a_conclusion_saved_on_the_question(view, qtbot):
    qid = _unvalidated_with_three_answers()
    view.select_question(qid)
    assert not view.detail.save_button.isEnabled()
    view.detail.conclusion.setPlainText("Most hires come through referrals: ask for introductions.")
    assert view.detail.save_button.isEnabled()
    with qtbot.waitSignal(view.context.data_changed):
        qtbot.mouseClick(view.detail.save_button, Qt.MouseButton.LeftButton)
    assert get_question(qid).conclusion == "Most hires come through referrals: ask for introductions."
    assert view.detail.saved_label.text() == "Conclusion saved"


def test_a_draft_conclusion_survives_marking_and_refresh(view, qtbot):
    qid = _unvalidated_with_three_answers()
    view.select_question(qid)
    view.detail.conclusion.setPlainText("draft in progress")
    card = view.detail.cards[1]
    other = "open" if card.answer.agreement != "open" else "agree"
    qtbot.mouseClick(card.buttons[other], Qt.MouseButton.LeftButton)
    view.refresh()
    assert view.selected_question_id() == qid
    assert view.detail.conclusion.toPlainText() == "draft in progress"


def test_category_and_state_filters(view):
    view.state_filter.setCurrentIndex(view.state_filter.findData("mixed"))
    assert view.model.findings and all(f.state == "mixed" for f in view.model.findings)
    view.category.setCurrentIndex(view.category.findData("referrals"))
    assert all(f.category == "referrals" and f.state == "mixed" for f in view.model.findings)


def test_empty_database_explains_where_findings_come_from(qtbot, db_path):
    widget = FindingsView(AppContext(db_path))
    qtbot.addWidget(widget)
    assert widget.stack.currentWidget() is widget.empty
    assert "No answers yet" in widget.empty.title.text()
    with qtbot.waitSignal(widget.context.view_requested) as blocker:
        widget.empty._buttons.itemAt(1).widget().click()
    assert blocker.args == ["meetings"]
