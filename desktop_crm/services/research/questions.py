"""The question bank: list, add, edit, retire and reorder questions.

The built-in questions are seeded from ``resources/questions/questions.json``
by :mod:`desktop_crm.services.database.setup`; the user's own sit beside them. A
retired question is hidden from the bank and from suggestions but kept, so
past meetings and findings still show it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from peewee import fn

from ...domain import QUESTION_CATEGORIES, QUESTION_CATEGORY_LABELS, TIERS
from ...store.database import db
from ...store.models import Question
from ..errors import NotFoundError, ValidationError, ValidationErrors
from ..validation import clean_text


@dataclass
class QuestionView:
    id: int
    text: str
    category: str
    tags: list[str] = field(default_factory=list)
    tiers: list[str] = field(default_factory=list)  # empty = suits any tier
    builtin: bool = False
    retired: bool = False
    position: int = 0
    conclusion: str = ""
    created_at: dt.datetime | None = None

    @property
    def category_label(self) -> str:
        return QUESTION_CATEGORY_LABELS.get(self.category, self.category)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["created_at"] = self.created_at.isoformat() if self.created_at else None
        data["category_label"] = self.category_label
        return data


def validate_category(value: str) -> str:
    text = clean_text(value).lower().replace(" ", "_").replace("-", "_")
    by_label = {label.casefold().replace(" ", "_"): key for key, label in QUESTION_CATEGORY_LABELS.items()}
    text = by_label.get(text, text)
    if text not in QUESTION_CATEGORIES:
        raise ValidationError(
            "category", f"'{value}' is not one of: {', '.join(QUESTION_CATEGORIES)}"
        )
    return text


def _tags(values: Iterable[str] | str | None) -> list[str]:
    items = values.split() if isinstance(values, str) else list(values or ())
    out: list[str] = []
    for item in items:
        tag = clean_text(item).lower().replace(" ", "-")
        if tag and tag not in out:
            out.append(tag)
    return out


def _tiers(values: Iterable[str] | str | None) -> list[str]:
    tiers = _tags(values)
    for tier in tiers:
        if tier not in TIERS:
            raise ValidationError("tiers", f"'{tier}' is not one of: {', '.join(TIERS)}")
    return tiers


def _clean(data: Mapping[str, Any], partial: bool) -> dict[str, Any]:
    errors: list[ValidationError] = []
    clean: dict[str, Any] = {}
    if not partial or "text" in data:
        text = clean_text(data.get("text"))
        if not text:
            errors.append(ValidationError("text", "the question is empty"))
        elif len(text) > 500:
            errors.append(ValidationError("text", f"is {len(text)} characters; keep it under 500"))
        clean["text"] = text
    if not partial or "category" in data:
        try:
            clean["category"] = validate_category(data.get("category") or "advice")
        except ValidationError as exc:
            errors.append(exc)
    if "tags" in data:
        clean["tags"] = " ".join(_tags(data["tags"]))
    if "tiers" in data:
        try:
            clean["tiers"] = " ".join(_tiers(data["tiers"]))
        except ValidationError as exc:
            errors.append(exc)
    if "conclusion" in data:
        clean["conclusion"] = clean_text(data["conclusion"])
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
    return clean


def add_question(
    text: str, category: str, tags: Iterable[str] = (), tiers: Iterable[str] = ()
) -> QuestionView:
    """A question of the user's own, placed last in the bank."""
    clean = _clean({"text": text, "category": category, "tags": tags, "tiers": tiers}, False)
    duplicate = Question.get_or_none(
        (fn.lower(Question.text) == clean["text"].lower()) & (Question.retired == False)  # noqa: E712
    )
    if duplicate is not None:
        raise ValidationError("text", f"the bank already has this question (id {duplicate.id})")
    last = Question.select(fn.max(Question.position)).scalar() or 0
    row = Question.create(**clean, builtin=False, position=last + 1)
    return get_question(row.id)


def update_question(question_id: int, changes: Mapping[str, Any]) -> QuestionView:
    """Edit text, category, tags, tiers or conclusion; only the keys given change."""
    row = _row(question_id)
    clean = _clean(changes, partial=True)
    for key, value in clean.items():
        setattr(row, key, value)
    row.save()
    return get_question(question_id)


def retire_question(question_id: int, retired: bool = True) -> QuestionView:
    """Hide a question from the bank and suggestions (``retired=False`` brings it back)."""
    row = _row(question_id)
    row.retired = retired
    row.save()
    return get_question(question_id)


def reorder_bank(question_ids: Sequence[int]) -> None:
    """Put these questions first, in this order; the rest keep their order after them."""
    wanted = list(dict.fromkeys(question_ids))
    known = {q.id for q in Question.select(Question.id).where(Question.id.in_(wanted))}
    missing = [i for i in wanted if i not in known]
    if missing:
        raise NotFoundError(f"no question with id {', '.join(map(str, missing))}")
    rest = [
        q.id
        for q in Question.select(Question.id)
        .where(Question.id.not_in(wanted))
        .order_by(Question.position, Question.id)
    ]
    with db.atomic():
        for position, qid in enumerate(wanted + rest):
            Question.update(position=position).where(Question.id == qid).execute()


def get_question(question_id: int) -> QuestionView:
    return view(_row(question_id))


def list_questions(
    category: str | None = None,
    include_retired: bool = False,
    text: str | None = None,
    tag: str | None = None,
) -> list[QuestionView]:
    """The bank in its order, filtered by category, a text fragment or one tag."""
    query = Question.select()
    if category:
        query = query.where(Question.category == validate_category(category))
    if not include_retired:
        query = query.where(Question.retired == False)  # noqa: E712
    if text:
        query = query.where(Question.text.contains(clean_text(text)))
    rows = [view(r) for r in query.order_by(Question.position, Question.id)]
    if tag:
        wanted = clean_text(tag).lower()
        rows = [q for q in rows if wanted in q.tags]
    return rows


def categories() -> list[tuple[str, str]]:
    """(key, label) for every category, in the order DOMAIN.md lists them."""
    return [(key, QUESTION_CATEGORY_LABELS[key]) for key in QUESTION_CATEGORIES]


def view(row: Question) -> QuestionView:
    return QuestionView(
        id=row.id,
        text=row.text,
        category=row.category,
        tags=row.tags.split(),
        tiers=row.tiers.split(),
        builtin=row.builtin,
        retired=row.retired,
        position=row.position,
        conclusion=row.conclusion,
        created_at=row.created_at,
    )


def _row(question_id: int) -> Question:
    row = Question.get_or_none(Question.id == question_id)
    if row is None:
        raise NotFoundError(f"no question with id {question_id}")
    return row
