"""The prep sheet's sections, one function each: objectives, interests and talking
points, past interactions, what others there said, questions, whom to ask for.

Part of :mod:`desktop_crm.services.prep`, which assembles them. Each takes
rows already read (the contact, their organization, your profile) and
returns plain strings or :mod:`~desktop_crm.reports.prep_data` records.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable

from peewee import JOIN

from ...reports.prep_data import Interaction, Objectives
from ...store.models import (
    Contact,
    Introduction,
    Meeting,
    MeetingQuestion,
    Organization,
    OutreachAttempt,
    Question,
    Relationship,
    utcnow,
)
from ..contacts.profile import ProfileView
from ..meetings.local_time import system_zone_name, utc_to_local
from .path import name_of

log = logging.getLogger(__name__)

QUESTIONS_WITHOUT_MEETING = 8
MAX_CANDIDATES = 6
MAX_LEARNINGS = 8
_SPLIT = re.compile(r"\s*[,;\n]\s*")
CHANNEL_WORDS = {"email": "email", "linkedin": "LinkedIn message", "phone": "phone call", "letter": "letter",
                 "in-person": "in person"}  # brand names keep their capitals in a sentence


def objectives(meeting: Meeting | None, profile: ProfileView) -> Objectives:
    """The meeting's own objectives; where it has none, your general ones
    (what you want to learn) and your targets (what you want them to know)."""
    learn = meeting.objective_learn if meeting is not None else ""
    reveal = meeting.objective_reveal if meeting is not None else ""
    ask = meeting.objective_ask if meeting is not None else ""
    if not (learn or reveal or ask):
        learn = profile.objectives
    if not reveal:
        reveal = _targets_sentence(profile)
    return Objectives(learn=learn, reveal=reveal, ask=ask)


def _mid_sentence(text: str) -> str:
    """'Energy' reads 'energy' inside a sentence; 'AI', 'UX Research' and 'Berlin'-like names keep
    their capitals only when more than the first letter is capitalised."""
    text = text.strip()
    if len(text) > 1 and text[0].isupper() and text[1:] == text[1:].lower():
        return text[0].lower() + text[1:]
    return text


def _either(items: list[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


_REMOTE = {"remote", "remotely", "anywhere"}


def _targets_sentence(profile: ProfileView) -> str:
    """Your targets as you would say them: "I'm looking for a role as data engineering lead
    in energy or software, based in Berlin or Copenhagen, or remote." """
    roles = [_mid_sentence(r) for r in _split(profile.target_roles)]
    industries = [_mid_sentence(i) for i in _split(profile.target_industries)]
    places = _split(profile.target_places)
    remote = any(p.casefold() in _REMOTE for p in places)
    places = [p for p in places if p.casefold() not in _REMOTE]
    if not (roles or industries or places or remote):
        return ""
    sentence = "I'm looking for " + (f"a role as {_either(roles)}" if roles else "my next role")
    if industries:
        sentence += f" in {_either(industries)}"
    if places and remote:
        sentence += f", based in {_either(places)}, or remote"
    elif places:
        sentence += f", based in {_either(places)}"
    elif remote:
        sentence += ", remote"
    return sentence + "."


def _split(text: str) -> list[str]:
    return [p for p in _SPLIT.split(text or "") if p.strip()]


def _target_words(profile: ProfileView) -> set[str]:
    return {w.casefold() for w in _split(
        " ,".join((profile.target_industries, profile.target_places, profile.target_roles)))}


def interests(contact: Contact, profile: ProfileView) -> list[str]:
    """Their interests (shared passions are the talking points), then their
    tags that match your targets."""
    items = _split(contact.interests)
    targets = _target_words(profile)
    tags = [t.tag.name for t in contact.contact_tags]
    items += [t for t in tags if t.casefold() in targets]
    return list(dict.fromkeys(items))


def talking_points(contact: Contact, org: Organization | None, profile: ProfileView) -> list[str]:
    points = []
    if contact.how_met:
        points.append(f"How you met: {contact.how_met}")
    targets = _target_words(profile)
    industry = contact.industry or (org.industry if org is not None else "")
    if industry and industry.casefold() in targets:
        points.append(f"Works in {industry}, one of your target industries")
    if org is not None and org.is_target:
        points.append(f"{org.name} is one of your target companies")
    place = contact.location or (org.location if org is not None else "")
    if place and place.casefold() in targets:
        points.append(f"Based in {place}, where you want to work")
    if contact.notes:
        points.append(contact.notes)
    return points


def _local_day(at: dt.datetime | None, tz: str) -> dt.date | None:
    return utc_to_local(at, tz).date() if at is not None else None


def history(contact_id: int, current_meeting: int | None) -> list[Interaction]:
    """Earlier meetings, outreach and introductions, newest first."""
    tz = system_zone_name()
    dated: list[tuple[dt.datetime, Interaction]] = []
    for m in Meeting.select().where(Meeting.contact == contact_id, Meeting.deleted_at.is_null(),
                                    Meeting.id != (current_meeting or 0),
                                    Meeting.starts_at < utcnow()):
        summary = m.notes or {"done": "Met", "cancelled": "Cancelled", "no_show": "No-show"}.get(
            m.status, "Planned")
        dated.append((m.starts_at, Interaction(_local_day(m.starts_at, m.tz), f"{m.kind} meeting",
                                               summary)))
    for o in OutreachAttempt.select().where(OutreachAttempt.contact == contact_id):
        answer = "answered" if o.answered else "no answer"
        summary = f"{answer}: {o.message}" if o.message else answer.capitalize()
        dated.append((o.at, Interaction(_local_day(o.at, tz), CHANNEL_WORDS.get(o.channel, o.channel), summary)))
    for i in (Introduction.select().where(
            (Introduction.introduced == contact_id) | (Introduction.introducer == contact_id))):
        if i.introduced_id == contact_id:
            who = name_of(Contact.get_or_none(Contact.id == i.introducer_id)) or "You"
            text = f"{who} introduced you ({i.status})"
        else:
            text = f"Introduced you to {name_of(Contact.get_or_none(Contact.id == i.introduced_id))}" \
                   f" ({i.status})"
        dated.append((i.date, Interaction(_local_day(i.date, tz), "introduction",
                                          f"{text}: {i.note}" if i.note else text)))
    dated.sort(key=lambda item: item[0], reverse=True)
    return [interaction for _, interaction in dated]


def org_learnings(contact: Contact, org: Organization | None) -> list[str]:
    """What others at the same organization told you: answers from your
    held meetings with them, newest first, plus your notes on the company.
    An answer several people gave prints once, with all their names: that
    is a finding worth trusting."""
    if org is None:
        return []
    out = [org.notes] if org.notes else []
    rows = (MeetingQuestion.select(MeetingQuestion.answer, Contact.first_name, Contact.last_name)
            .join(Meeting).join(Contact)
            .where(Contact.organization == org.id, Contact.id != contact.id,
                   Meeting.deleted_at.is_null(), Meeting.status == "done",
                   MeetingQuestion.answer != "")
            .order_by(Meeting.starts_at.desc(), MeetingQuestion.position)
            .limit(200))
    who: dict[str, list[str]] = {}
    for mq in rows:
        names = who.setdefault(" ".join(mq.answer.split()), [])
        name = mq.meeting.contact.full_name
        if name not in names:
            names.append(name)
    for answer, names in list(who.items())[:MAX_LEARNINGS]:
        out.append(f"{answer} ({', '.join(names)})" if names else answer)
    return out


def questions(contact: Contact, meeting: Meeting | None) -> list[str]:
    """The meeting's chosen questions in order; for a person with no meeting,
    suggested ones (by tier, role and history), else the bank's first for
    their tier."""
    if meeting is not None:
        rows = (MeetingQuestion.select().where(MeetingQuestion.meeting == meeting.id)
                .order_by(MeetingQuestion.position, MeetingQuestion.id))
        return [q for q in (mq.text or (mq.question.text if mq.question_id else "")
                            for mq in rows) if q]
    try:
        from ..research.suggestions import suggest_for_contact
        return [s.question.text for s in suggest_for_contact(contact.id, QUESTIONS_WITHOUT_MEETING)]
    except Exception:  # noqa: BLE001 - suggestions are a nicety; the bank always works
        log.warning("question suggestions failed for contact %s", contact.id, exc_info=True)
    bank = (Question.select().where(Question.retired == False)  # noqa: E712
            .order_by(Question.position, Question.id))
    fits = [q.text for q in bank if not q.tiers or contact.tier in q.tiers.split()]
    return fits[:QUESTIONS_WITHOUT_MEETING]


def candidates(contact: Contact, org: Organization | None, profile: ProfileView) -> list[str]:
    """People this person knows whom you could ask them to introduce: those
    at their organization or a target company first, then those in their
    industry or yours, closest ties first. People you already know are left
    out: you need no introduction to them."""
    alive = Relationship.deleted_at.is_null()
    known_to_you = {r.person_b_id for r in Relationship.select(Relationship.person_b)
                    .where(alive, Relationship.person_a.is_null())}
    ties: dict[int, str] = {}
    for rel in Relationship.select().where(
            alive, (Relationship.person_a == contact.id) | (Relationship.person_b == contact.id)):
        other = rel.person_b_id if rel.person_a_id == contact.id else rel.person_a_id
        if other is not None and other != contact.id and other not in known_to_you:
            ties.setdefault(other, rel.strength)
    if not ties:
        return []
    targets = _target_words(profile)
    industry = (contact.industry or (org.industry if org is not None else "")).casefold()
    ranked = []
    for person in _people(ties):
        p_org = person.organization if person.organization_id else None
        p_industry = (person.industry or (p_org.industry if p_org else "")).casefold()
        near = 0 if (org is not None and person.organization_id == org.id) or (
            p_org is not None and p_org.is_target) else 1 if p_industry and (
            p_industry == industry or p_industry in targets) else 2
        strength = {"close": 0, "known": 1}.get(ties[person.id], 2)
        ranked.append((near, strength, person.sort_name, _label(person, p_org)))
    ranked.sort()
    return [item[3] for item in ranked[:MAX_CANDIDATES]]


def _people(ids: Iterable[int]) -> list[Contact]:
    """Live contacts with their organization read in the same query."""
    return list(Contact.select(Contact, Organization)
                .join(Organization, JOIN.LEFT_OUTER, on=Contact.organization == Organization.id)
                .where(Contact.id.in_(list(ids)), Contact.deleted_at.is_null()))


def _label(person: Contact, org: Organization | None) -> str:
    detail = ", ".join(x for x in (person.title, org.name if org else "") if x)
    return f"{person.full_name} ({detail})" if detail else person.full_name
