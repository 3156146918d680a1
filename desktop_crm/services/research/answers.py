"""During and after a meeting: the questions chosen for it, their answers, and notes.

A meeting's questions are copies (``MeetingQuestion``) of bank questions,
or one-off questions typed for this person only (no bank question). Each
keeps its own text, so editing the bank never rewrites what was asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from peewee import JOIN, fn

from ...store.database import db
from ...store.models import MeetingQuestion, Question
from ..errors import NotFoundError, ValidationError
from ..lookups import live_meeting
from ..validation import clean_text


@dataclass
class MeetingQuestionView:
    id: int
    meeting_id: int
    question_id: int | None  # None = a one-off question
    text: str
    category: str
    position: int
    answer: str = ""
    agreement: str = "open"

    @property
    def one_off(self) -> bool:
        return self.question_id is None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["one_off"] = self.one_off
        return data


def meeting_questions(meeting_id: int) -> list[MeetingQuestionView]:
    """The questions of one meeting in the order they will be asked."""
    live_meeting(meeting_id)
    rows = (
        MeetingQuestion.select(MeetingQuestion, Question.category.alias("category"))
        .join(Question, JOIN.LEFT_OUTER, on=MeetingQuestion.question == Question.id)
        .where(MeetingQuestion.meeting == meeting_id)
        .order_by(MeetingQuestion.position, MeetingQuestion.id)
        .objects()
    )
    return [_view(r) for r in rows]


def add_meeting_questions(meeting_id: int, question_ids: Iterable[int]) -> list[MeetingQuestionView]:
    """Add bank questions to the end of a meeting's list; ones already on it are skipped."""
    live_meeting(meeting_id)
    ids = list(dict.fromkeys(question_ids))
    bank = {q.id: q for q in Question.select().where(Question.id.in_(ids))}
    missing = [i for i in ids if i not in bank]
    if missing:
        raise NotFoundError(f"no question with id {', '.join(map(str, missing))}")
    present = {
        r.question_id
        for r in MeetingQuestion.select(MeetingQuestion.question).where(
            MeetingQuestion.meeting == meeting_id
        )
    }
    position = _next_position(meeting_id)
    with db.atomic():
        for qid in ids:
            if qid in present:
                continue
            MeetingQuestion.create(meeting=meeting_id, question=qid, text=bank[qid].text, position=position)
            position += 1
    return meeting_questions(meeting_id)


def add_one_off_question(meeting_id: int, text: str) -> MeetingQuestionView:
    """A question for this person only; it stays out of the bank."""
    live_meeting(meeting_id)
    cleaned = clean_text(text)
    if not cleaned:
        raise ValidationError("question", "the question is empty")
    row = MeetingQuestion.create(
        meeting=meeting_id, question=None, text=cleaned, position=_next_position(meeting_id)
    )
    return get_meeting_question(row.id)


def remove_meeting_question(meeting_question_id: int) -> None:
    """Take a question off a meeting (its answer goes with it)."""
    if not MeetingQuestion.delete().where(MeetingQuestion.id == meeting_question_id).execute():
        raise NotFoundError(f"no meeting question with id {meeting_question_id}")


def reorder_meeting_questions(meeting_id: int, meeting_question_ids: Sequence[int]) -> list[MeetingQuestionView]:
    """Set the asking order; ids not listed keep their relative order after the listed ones."""
    current = [q.id for q in meeting_questions(meeting_id)]
    wanted = list(dict.fromkeys(meeting_question_ids))
    stray = [i for i in wanted if i not in current]
    if stray:
        raise ValidationError(
            "questions", f"id {', '.join(map(str, stray))} not on meeting {meeting_id}"
        )
    order = wanted + [i for i in current if i not in wanted]
    with db.atomic():
        for position, mq_id in enumerate(order):
            MeetingQuestion.update(position=position).where(MeetingQuestion.id == mq_id).execute()
    return meeting_questions(meeting_id)


def record_answer(meeting_question_id: int, answer: str) -> MeetingQuestionView:
    """What they said to this question (empty = not answered)."""
    row = _mq(meeting_question_id)
    row.answer = clean_text(answer)
    row.save()
    return get_meeting_question(row.id)


def record_answers(meeting_id: int, answers: Mapping[int, str]) -> list[MeetingQuestionView]:
    """Save a whole form of answers at once: {meeting question id: answer}."""
    current = {q.id for q in meeting_questions(meeting_id)}
    stray = [i for i in answers if i not in current]
    if stray:
        raise ValidationError("answers", f"id {', '.join(map(str, stray))} not on meeting {meeting_id}")
    with db.atomic():
        for mq_id, answer in answers.items():
            MeetingQuestion.update(answer=clean_text(answer)).where(MeetingQuestion.id == mq_id).execute()
    return meeting_questions(meeting_id)


def set_meeting_notes(meeting_id: int, notes: str) -> str:
    """Free notes for the meeting; returns what was stored."""
    meeting = live_meeting(meeting_id)
    meeting.notes = clean_text(notes)
    meeting.save()
    return meeting.notes


def get_meeting_question(meeting_question_id: int) -> MeetingQuestionView:
    row = _mq(meeting_question_id)
    category = row.question.category if row.question_id and row.question else ""
    row.category = category
    return _view(row)


def _view(row: MeetingQuestion) -> MeetingQuestionView:
    return MeetingQuestionView(
        id=row.id,
        meeting_id=row.meeting_id,
        question_id=row.question_id,
        text=row.text,
        category=getattr(row, "category", None) or "",
        position=row.position,
        answer=row.answer,
        agreement=row.agreement,
    )


def _next_position(meeting_id: int) -> int:
    last = (
        MeetingQuestion.select(fn.max(MeetingQuestion.position))
        .where(MeetingQuestion.meeting == meeting_id)
        .scalar()
    )
    return 0 if last is None else last + 1


def _mq(meeting_question_id: int) -> MeetingQuestion:
    row = MeetingQuestion.get_or_none(MeetingQuestion.id == meeting_question_id)
    if row is None:
        raise NotFoundError(f"no meeting question with id {meeting_question_id}")
    return row



@dataclass
class MeetingDetail:
    """Everything about one meeting, for its page: questions, introductions, actions."""

    meeting: Any  # MeetingView
    questions: list[MeetingQuestionView] = field(default_factory=list)
    introductions: list[Any] = field(default_factory=list)  # IntroductionView
    actions: list[Any] = field(default_factory=list)  # ActionView

    def to_dict(self) -> dict[str, Any]:
        return {
            "meeting": self.meeting.to_dict(),
            "questions": [q.to_dict() for q in self.questions],
            "introductions": [i.to_dict() for i in self.introductions],
            "actions": [a.to_dict() for a in self.actions],
        }


def get_meeting_detail(meeting_id: int) -> MeetingDetail:
    from ..meetings.actions import list_actions
    from ..meetings.introductions import list_introductions
    from ..meetings.lifecycle import get_meeting

    return MeetingDetail(
        meeting=get_meeting(meeting_id),
        questions=meeting_questions(meeting_id),
        introductions=list_introductions(meeting_id=meeting_id),
        actions=list_actions(meeting_id=meeting_id, open_only=False),
    )
