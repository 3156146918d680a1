"""Which bank questions fit one meeting: by tier, role, organization and history.

A question earns points for each reason it fits, and each reason is kept
in words so the UI can show *why* it is suggested:

* its tiers include the person's tier (a tier-specific question for another
  tier loses points: too broad or too prying for them);
* a tag matches their role, industry, organization or own tags
  (a manager → "manager", "hiring"; an engineer → "engineering"...);
* a question about an industry (any tag that is not a role word, such as
  "finance") is only for people in that industry: "hiring" alone must not
  bring "hiring in finance" to a software engineer;
* earlier meetings asked it and got no answer, or its finding is not
  validated yet (ask more people);
* one referral question is always worth having before you leave.

Questions already on the meeting or already answered by this person are
never suggested. Picking spreads over categories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...store.models import Contact, Meeting, MeetingQuestion, Organization, Question
from ..errors import NotFoundError
from ..lookups import live_meeting
from .questions import QuestionView, view

ROLE_TAGS = {
    "manager": ("manager", "hiring"),
    "head": ("manager", "hiring"),
    "director": ("manager", "hiring"),
    "vp": ("manager", "hiring"),
    "cto": ("manager", "hiring", "engineering"),
    "lead": ("manager",),
    "recruiter": ("hiring",),
    "talent": ("hiring",),
    "engineer": ("engineering",),
    "developer": ("engineering",),
    "founder": ("startup", "manager", "hiring"),
    "student": ("early-career",),
    "graduate": ("early-career",),
}
# Tags that describe a role or a situation; every other tag names a topic or an industry.
ROLE_VOCABULARY = frozenset(t for tags in ROLE_TAGS.values() for t in tags) | {"remote", "career-change"}


@dataclass
class SuggestedQuestion:
    question: QuestionView
    score: int
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question.to_dict(), "score": self.score, "reasons": self.reasons}


def _words(*texts: str) -> set[str]:
    return {w for t in texts for w in re.split(r"[^\w-]+", (t or "").casefold()) if w}


def person_tags(contact: Contact) -> set[str]:
    """Tags a question may carry that fit this person's role, industry and organization."""
    org = contact.organization if contact.organization_id else None
    words = _words(contact.title, contact.industry, org.industry if org else "", org.name if org else "")
    words |= {t.tag.name.casefold() for t in contact.contact_tags}
    tags = set(words)
    for word in words:
        tags.update(ROLE_TAGS.get(word, ()))
    if org is not None and org.is_target:
        tags.add("hiring")
    return tags


def suggest_questions(meeting_id: int, limit: int = 10) -> list[SuggestedQuestion]:
    """The ``limit`` best bank questions for this meeting, best first, with reasons."""
    meeting = live_meeting(meeting_id)
    return suggest_for_contact(meeting.contact_id, limit, meeting_id=meeting_id)


def suggest_for_contact(
    contact_id: int, limit: int = 10, meeting_id: int | None = None
) -> list[SuggestedQuestion]:
    """As :func:`suggest_questions`, for a person with no meeting planned yet."""
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise NotFoundError(f"no contact with id {contact_id}")
    on_meeting, answered_here = _already(contact_id, meeting_id)
    unanswered, answer_counts = _history()
    org_unanswered = _org_unanswered(contact)
    tags = person_tags(contact)
    scored: list[SuggestedQuestion] = []
    bank = Question.select().where(Question.retired == False).order_by(Question.position)  # noqa: E712
    for row in bank:
        if row.id in on_meeting or row.id in answered_here:
            continue
        if not _topic_fits(row, tags):
            continue
        scored.append(_score(row, contact, tags, unanswered, org_unanswered, answer_counts))
    return _spread(sorted(scored, key=lambda s: (-s.score, s.question.position)), limit)


def _score(
    row: Question,
    contact: Contact,
    tags: set[str],
    unanswered: set[int],
    org_unanswered: set[int],
    answer_counts: dict[int, int],
) -> SuggestedQuestion:
    score, reasons = 0, []
    tiers = row.tiers.split()
    if contact.tier in tiers:
        score += 3
        reasons.append(f"suits a {contact.tier} contact")
    elif tiers:
        score -= 4
    matched = set(row.tags.split()) & tags
    topics = sorted(matched - ROLE_VOCABULARY)
    roles = sorted(matched & ROLE_VOCABULARY)
    if topics:
        score += 3 * len(topics)
        reasons.append(f"about their field ({', '.join(topics)})")
    if roles:
        score += 2 * len(roles)
        reasons.append(f"fits their role ({', '.join(roles)})")
    if row.id in org_unanswered:
        score += 3
        reasons.append("no one at their organization has answered it yet")
    elif row.id in unanswered:
        score += 2
        reasons.append("left unanswered in an earlier meeting")
    count = answer_counts.get(row.id, 0)
    if 0 < count < 3:
        score += 1
        reasons.append(f"answered by {count} so far: ask more people")
    if row.category == "referrals":
        score += 1
        reasons.append("ask for introductions before you leave")
    return SuggestedQuestion(view(row), score, reasons)


def _topic_fits(row: Question, tags: set[str]) -> bool:
    """A question tagged with a topic (an industry) suits only people in it."""
    topics = set(row.tags.split()) - ROLE_VOCABULARY
    return not topics or bool(topics & tags)


def _spread(ranked: list[SuggestedQuestion], limit: int) -> list[SuggestedQuestion]:
    """Best first, but at most two per category until every category had its turn."""
    picked: list[SuggestedQuestion] = []
    per_category: dict[str, int] = {}
    rest: list[SuggestedQuestion] = []
    for item in ranked:
        cat = item.question.category
        if per_category.get(cat, 0) < 2:
            per_category[cat] = per_category.get(cat, 0) + 1
            picked.append(item)
        else:
            rest.append(item)
        if len(picked) >= limit:
            break
    picked.extend(rest[: max(0, limit - len(picked))])
    return sorted(picked, key=lambda s: (-s.score, s.question.position))[:limit]


def _already(contact_id: int, meeting_id: int | None) -> tuple[set[int], set[int]]:
    """(questions on this meeting, questions this person already answered)."""
    on_meeting: set[int] = set()
    if meeting_id is not None:
        on_meeting = {
            r.question_id
            for r in MeetingQuestion.select(MeetingQuestion.question).where(
                MeetingQuestion.meeting == meeting_id, MeetingQuestion.question.is_null(False)
            )
        }
    answered = {
        r.question_id
        for r in MeetingQuestion.select(MeetingQuestion.question)
        .join(Meeting)
        .where(Meeting.contact == contact_id, MeetingQuestion.answer != "", Meeting.deleted_at.is_null())
    }
    return on_meeting, answered


def _history() -> tuple[set[int], dict[int, int]]:
    """(questions asked in held meetings with no answer, answers per question)."""
    unanswered: set[int] = set()
    counts: dict[int, int] = {}
    rows = (
        MeetingQuestion.select(MeetingQuestion.question, MeetingQuestion.answer)
        .join(Meeting)
        .where(Meeting.status == "done", Meeting.deleted_at.is_null(), MeetingQuestion.question.is_null(False))
    )
    for r in rows:
        if r.answer:
            counts[r.question_id] = counts.get(r.question_id, 0) + 1
        else:
            unanswered.add(r.question_id)
    return unanswered - set(counts), counts


def _org_unanswered(contact: Contact) -> set[int]:
    """Questions asked of people at this organization that none of them answered."""
    if not contact.organization_id:
        return set()
    rows = (
        MeetingQuestion.select(MeetingQuestion.question, MeetingQuestion.answer)
        .join(Meeting)
        .join(Contact)
        .join(Organization)
        .where(
            Organization.id == contact.organization_id,
            Meeting.status == "done",
            Meeting.deleted_at.is_null(),
            MeetingQuestion.question.is_null(False),
        )
    )
    asked: set[int] = set()
    answered: set[int] = set()
    for r in rows:
        (answered if r.answer else asked).add(r.question_id)
    return asked - answered
