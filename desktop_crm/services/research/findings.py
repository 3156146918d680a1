"""Findings: the answers to one question across meetings, side by side.

This is the research half of informational interviewing. For each bank
question the user sees who answered what (with their tier and
organization), marks each answer as agreeing, differing or open, and writes
a conclusion. A question answered alike by :data:`VALIDATED_AT` or more
people is *validated*; otherwise the advice is to ask more people.

One-off questions belong to a single meeting and are not part of findings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from peewee import JOIN

from ...domain import AGREEMENTS
from ...store.models import Contact, Meeting, MeetingQuestion, Organization, Question
from ..errors import NotFoundError, ValidationError
from ..validation import clean_text
from .questions import update_question, validate_category

VALIDATED_AT = 3


@dataclass
class FindingAnswer:
    meeting_question_id: int
    meeting_id: int
    contact_id: int
    contact_name: str
    tier: str
    organization: str
    met_at: dt.datetime  # naive UTC start of the meeting
    answer: str
    agreement: str  # agree | differ | open

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["met_at"] = self.met_at.isoformat()
        return data


@dataclass
class FindingCounts:
    """Numbers for the small bar: agreeing / differing / open answers."""

    agree: int = 0
    differ: int = 0
    open: int = 0

    @property
    def total(self) -> int:
        return self.agree + self.differ + self.open

    def to_dict(self) -> dict[str, int]:
        return {**asdict(self), "total": self.total}


@dataclass
class Finding:
    question_id: int
    text: str
    category: str
    conclusion: str
    counts: FindingCounts
    answers: list[FindingAnswer] = field(default_factory=list)  # empty in summaries

    @property
    def validated(self) -> bool:
        return self.counts.agree >= VALIDATED_AT

    @property
    def state(self) -> str:
        """validated | mixed (people differ) | gathering (too few answers) | unanswered."""
        if self.validated:
            return "validated"
        if not self.counts.total:
            return "unanswered"
        return "mixed" if self.counts.differ else "gathering"

    def to_dict(self) -> dict[str, Any]:
        return {
            "question_id": self.question_id,
            "text": self.text,
            "category": self.category,
            "conclusion": self.conclusion,
            "counts": self.counts.to_dict(),
            "validated": self.validated,
            "state": self.state,
            "answers": [a.to_dict() for a in self.answers],
        }


def _answer_rows(question_ids: list[int] | None = None) -> list[Any]:
    query = (
        MeetingQuestion.select(
            MeetingQuestion,
            Meeting.starts_at.alias("met_at"),
            Contact.id.alias("person_id"),
            Contact.first_name,
            Contact.last_name,
            Contact.tier,
            Organization.name.alias("org_name"),
        )
        .join(Meeting)
        .join(Contact)
        .join(Organization, JOIN.LEFT_OUTER, on=Contact.organization == Organization.id)
        .where(
            MeetingQuestion.question.is_null(False),
            MeetingQuestion.answer != "",
            Meeting.deleted_at.is_null(),
        )
        .order_by(Meeting.starts_at, MeetingQuestion.id)
    )
    if question_ids is not None:
        query = query.where(MeetingQuestion.question.in_(question_ids))
    return list(query.dicts())


def _answer(row: dict[str, Any]) -> FindingAnswer:
    name = " ".join(p for p in (row["first_name"], row["last_name"]) if p)
    return FindingAnswer(
        meeting_question_id=row["id"],
        meeting_id=row["meeting"],
        contact_id=row["person_id"],
        contact_name=name,
        tier=row["tier"],
        organization=row["org_name"] or "",
        met_at=row["met_at"],
        answer=row["answer"],
        agreement=row["agreement"],
    )


def _counts(answers: list[FindingAnswer]) -> FindingCounts:
    counts = FindingCounts()
    for a in answers:
        key = a.agreement if a.agreement in AGREEMENTS else "open"
        setattr(counts, key, getattr(counts, key) + 1)
    return counts


def list_findings(
    category: str | None = None, answered_only: bool = True, with_answers: bool = False
) -> list[Finding]:
    """One finding per bank question in bank order (retired ones only if answered)."""
    query = Question.select().order_by(Question.position, Question.id)
    if category:
        query = query.where(Question.category == validate_category(category))
    by_question: dict[int, list[FindingAnswer]] = {}
    for row in _answer_rows():
        by_question.setdefault(row["question"], []).append(_answer(row))
    out = []
    for q in query:
        answers = by_question.get(q.id, [])
        if (answered_only or q.retired) and not answers:
            continue
        out.append(
            Finding(q.id, q.text, q.category, q.conclusion, _counts(answers), answers if with_answers else [])
        )
    return out


def get_finding(question_id: int) -> Finding:
    """One question with every answer, oldest meeting first."""
    q = Question.get_or_none(Question.id == question_id)
    if q is None:
        raise NotFoundError(f"no question with id {question_id}")
    answers = [_answer(r) for r in _answer_rows([question_id])]
    return Finding(q.id, q.text, q.category, q.conclusion, _counts(answers), answers)


def set_conclusion(question_id: int, text: str) -> Finding:
    """What the user concludes from the answers (stored on the question)."""
    update_question(question_id, {"conclusion": clean_text(text)})
    return get_finding(question_id)


def set_agreement(meeting_question_id: int, agreement: str) -> FindingAnswer:
    """Mark one answer as agreeing, differing, or open."""
    value = clean_text(agreement).lower()
    if value not in AGREEMENTS:
        raise ValidationError("agreement", f"'{agreement}' is not one of: {', '.join(AGREEMENTS)}")
    row = MeetingQuestion.get_or_none(MeetingQuestion.id == meeting_question_id)
    if row is None:
        raise NotFoundError(f"no meeting question with id {meeting_question_id}")
    if row.question_id is None:
        raise ValidationError("agreement", "a one-off question is not part of findings")
    if not row.answer:
        raise ValidationError("agreement", "this question has no answer yet; record one first")
    row.agreement = value
    row.save()
    match = [a for a in get_finding(row.question_id).answers if a.meeting_question_id == row.id]
    if not match:
        raise NotFoundError(f"meeting question {meeting_question_id} belongs to a meeting in the trash")
    return match[0]


def findings_summary() -> dict[str, int]:
    """How the research stands: questions validated, mixed, still gathering."""
    summary = {"validated": 0, "mixed": 0, "gathering": 0}
    for f in list_findings():
        summary[f.state] = summary.get(f.state, 0) + 1
    return summary
