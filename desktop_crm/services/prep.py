"""Prep sheets: gather everything one briefing prints, from the database.

The reports layer draws a :class:`~desktop_crm.reports.PrepSheetData` and
knows nothing of the database; this module fills it, for a meeting or for
a contact with no meeting yet. Every piece is optional: a contact with no
organization, no relationships and no history still gives a sheet (the
renderer leaves empty sections out), and the warmest path falls back to
direct relationships if the network service fails.

Times: a meeting is printed in its own zone (``Meeting.tz``) via zoneinfo,
so a call with Berlin at 09:30 prints 09:30 wherever the user is.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Sequence

from ..reports.prep_data import (
    Connection,
    Interaction,
    Objectives,
    PathStep,
    Person,
    PrepSheetData,
)
from ..reports.prep_data import Meeting as MeetingData
from ..store.models import (
    Contact,
    ContactEmail,
    ContactPhone,
    Introduction,
    Meeting,
    MeetingQuestion,
    Organization,
    OutreachAttempt,
    Question,
    Relationship,
    utcnow,
)
from .errors import NotFoundError
from .meeting_time import system_zone_name, utc_to_local, zone
from .network.paths import PathStep as NetworkStep
from .network.paths import Person as NetworkPerson
from .profile import ProfileView, get_profile

log = logging.getLogger(__name__)

DEFAULT_ASK = "Before you leave: who else should I talk to? Ask for two or three introductions."
QUESTIONS_WITHOUT_MEETING = 8
MAX_CANDIDATES = 6
MAX_LEARNINGS = 8
_SPLIT = re.compile(r"\s*[,;\n]\s*")


# -- public API ----------------------------------------------------------------------
def prep_for_meeting(meeting_id: int) -> PrepSheetData:
    """The sheet for one meeting (planned or held): its time, place,
    objectives and chosen questions, plus everything about the person."""
    meeting = Meeting.get_or_none((Meeting.id == meeting_id) & Meeting.deleted_at.is_null())
    if meeting is None:
        raise NotFoundError(f"no meeting with id {meeting_id}")
    return _assemble(_live_contact(meeting.contact_id), meeting, get_profile())


def prep_for_contact(contact_id: int, use_next_meeting: bool = True) -> PrepSheetData:
    """The sheet for a person: for their next planned meeting when there is
    one (and ``use_next_meeting``), else a sheet with no time and place and
    suggested questions, to prepare before asking for the meeting."""
    contact = _live_contact(contact_id)
    meeting = next_meeting(contact_id) if use_next_meeting else None
    return _assemble(contact, meeting, get_profile())


def next_meeting(contact_id: int, now: dt.datetime | None = None) -> Meeting | None:
    """This person's soonest planned meeting that has not ended yet."""
    now = now or utcnow()
    rows = (Meeting.select()
            .where(Meeting.contact == contact_id, Meeting.status == "planned",
                   Meeting.deleted_at.is_null(), Meeting.starts_at >= now - dt.timedelta(hours=8))
            .order_by(Meeting.starts_at))
    return next((m for m in rows if m.starts_at + dt.timedelta(minutes=m.minutes) > now), None)


def week_bounds(now: dt.datetime | None = None, tz: str | None = None) -> tuple[dt.datetime, dt.datetime]:
    """Naive-UTC [Monday 00:00, next Monday 00:00) of the local week holding ``now``."""
    zi = zone(tz or system_zone_name())
    local = (now or utcnow()).replace(tzinfo=dt.UTC).astimezone(zi)
    monday = local.date() - dt.timedelta(days=local.weekday())
    start = dt.datetime.combine(monday, dt.time(), tzinfo=zi)
    end = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(), tzinfo=zi)
    return (start.astimezone(dt.UTC).replace(tzinfo=None),
            end.astimezone(dt.UTC).replace(tzinfo=None))


def week_meeting_ids(now: dt.datetime | None = None, tz: str | None = None) -> list[int]:
    """Planned meetings of the current local week (Monday to Sunday in
    ``tz``, default this computer's zone) that have not ended yet, soonest
    first: the "print this week's sheets" batch."""
    now = now or utcnow()
    start, end = week_bounds(now, tz)
    rows = (Meeting.select(Meeting.id, Meeting.starts_at, Meeting.minutes)
            .join(Contact, on=Meeting.contact == Contact.id)
            .where(Meeting.status == "planned", Meeting.deleted_at.is_null(),
                   Contact.deleted_at.is_null(), Meeting.starts_at >= start,
                   Meeting.starts_at < end)
            .order_by(Meeting.starts_at, Meeting.id))
    return [m.id for m in rows if m.starts_at + dt.timedelta(minutes=m.minutes) > now]


def build_batch(meeting_ids: Sequence[int]) -> list[PrepSheetData]:
    """One sheet per meeting, in the order given (the profile is read once)."""
    profile = get_profile()
    sheets = []
    for meeting_id in meeting_ids:
        meeting = Meeting.get_or_none((Meeting.id == meeting_id) & Meeting.deleted_at.is_null())
        if meeting is None:
            raise NotFoundError(f"no meeting with id {meeting_id}")
        sheets.append(_assemble(_live_contact(meeting.contact_id), meeting, profile))
    return sheets


def sheet_file_name(data: PrepSheetData, on: dt.date | None = None) -> str:
    """``prep-jurgen-schafer-2024-05-14.pdf``: the meeting's day, else ``on``
    (default today); only safe file-name characters."""
    day = data.meeting.starts_local.date() if data.meeting and data.meeting.starts_local else (
        on or dt.date.today())
    from .resolve import fold  # local: only file names need it
    slug = re.sub(r"[^a-z0-9]+", "-", fold(data.person.name)).strip("-")[:40] or "contact"
    return f"prep-{slug}-{day.isoformat()}.pdf"


# -- assembly ----------------------------------------------------------------------
def _assemble(contact: Contact, meeting: Meeting | None, profile: ProfileView) -> PrepSheetData:
    org = contact.organization if contact.organization_id else None
    intros = _introductions_to(contact.id)
    data = PrepSheetData(
        person=_person(contact, org),
        connection=Connection(introduced_by=_introduced_by(intros), path=_path(contact, intros)),
        meeting=_meeting(meeting) if meeting is not None else None,
        objectives=_objectives(meeting, profile),
        pitch=profile.pitch,
        shared_interests=_interests(contact, profile),
        talking_points=_talking_points(contact, org, profile),
        past_interactions=_history(contact.id, meeting.id if meeting else None),
        org_learnings=_org_learnings(contact, org),
        questions=_questions(contact, meeting),
        ask=(meeting.objective_ask if meeting is not None else "") or DEFAULT_ASK,
        intro_candidates=_candidates(contact, org, profile),
        you_name=profile.name or "You",
    )
    return data


def _live_contact(contact_id: int) -> Contact:
    contact = Contact.get_or_none((Contact.id == contact_id) & Contact.deleted_at.is_null())
    if contact is None:
        raise NotFoundError(f"no contact with id {contact_id}")
    return contact


def _person(contact: Contact, org: Organization | None) -> Person:
    email = (ContactEmail.select(ContactEmail.email).where(ContactEmail.contact == contact.id)
             .order_by(ContactEmail.position, ContactEmail.id).first())
    phone = (ContactPhone.select(ContactPhone.raw).where(ContactPhone.contact == contact.id)
             .order_by(ContactPhone.position, ContactPhone.id).first())
    return Person(name=contact.full_name, title=contact.title,
                  organization=org.name if org is not None else "", tier=contact.tier,
                  location=contact.location, email=email.email if email else "",
                  phone=phone.raw if phone else "", linkedin_url=contact.linkedin_url)


def _name(contact: Contact | None) -> str:
    return contact.full_name if contact is not None else ""


def _introductions_to(contact_id: int) -> list[Introduction]:
    """Live introductions of this person to you by someone, newest first."""
    return list(Introduction.select(Introduction, Contact)
                .join(Contact, on=Introduction.introducer == Contact.id)
                .where(Introduction.introduced == contact_id, Introduction.status != "declined",
                       Contact.deleted_at.is_null())
                .order_by(Introduction.date.desc(), Introduction.id.desc()))


def _introduced_by(intros: list[Introduction]) -> str | None:
    """Who introduced you (several are joined with "and")."""
    names = list(dict.fromkeys(i.introducer.full_name for i in intros if i.introducer.full_name))
    return " and ".join(names[:2]) or None


def _path(contact: Contact, intros: list[Introduction]) -> list[PathStep]:
    """The warmest path from you. When that is only the "introduced" tie an
    introduction created, the path through the introducer tells more (whom
    to thank, whose name to mention), so it is drawn instead."""
    steps = _warmest(contact)
    if intros and len(steps) <= 1 and _only_introduced(contact.id):
        introducer = intros[0].introducer
        via = _warmest(introducer)
        if via and all(s.name != contact.full_name for s in via):
            return [*via, PathStep(contact.full_name, "introduced you")]
    return steps


def _only_introduced(contact_id: int) -> bool:
    """Whether your only direct tie to them is (at most) the introduction."""
    mine = Relationship.get_or_none(Relationship.deleted_at.is_null()
                                    & Relationship.person_a.is_null()
                                    & (Relationship.person_b == contact_id))
    return mine is None or mine.kind == "introduced_by"


def _warmest(contact: Contact) -> list[PathStep]:
    """The network service's warmest path; on any failure there (a graph
    still being built, a bug), your direct ties instead."""
    try:
        from .network.paths import path_to_person  # local: the graph is heavy to import
        result = path_to_person(contact.id, count=1)
        return [PathStep(s.person.name, s.tie) for s in result.paths[0].steps] \
            if result.paths else []
    except Exception:  # noqa: BLE001 - the sheet must print without the network feature
        log.warning("warmest path to contact %s failed; using direct ties", contact.id,
                    exc_info=True)
    return _direct_path(contact)


def _tie(kind: str, strength: str) -> str:
    return NetworkStep(NetworkPerson(0, ""), kind or "other", strength or "known").tie


def _direct_path(contact: Contact) -> list[PathStep]:
    """You -> them if you know them, else You -> a friend -> them."""
    alive = Relationship.deleted_at.is_null()
    mine = Relationship.get_or_none(alive & Relationship.person_a.is_null()
                                    & (Relationship.person_b == contact.id))
    if mine is not None:
        return [PathStep(contact.full_name, _tie(mine.kind, mine.strength))]
    friends = {r.person_b_id: r for r in Relationship.select().where(
        alive, Relationship.person_a.is_null())}
    for rel in Relationship.select().where(
            alive, (Relationship.person_a == contact.id) | (Relationship.person_b == contact.id)):
        other = rel.person_b_id if rel.person_a_id == contact.id else rel.person_a_id
        if other in friends:
            first = friends[other]
            return [PathStep(_name(Contact.get_or_none(Contact.id == other)),
                             _tie(first.kind, first.strength)),
                    PathStep(contact.full_name, _tie(rel.kind, rel.strength))]
    return []


def _meeting(meeting: Meeting) -> MeetingData:
    local = utc_to_local(meeting.starts_at, meeting.tz or "UTC")
    return MeetingData(starts_local=local, tz_name=meeting.tz or "UTC", minutes=meeting.minutes,
                       kind=meeting.kind, place=meeting.place)


def _objectives(meeting: Meeting | None, profile: ProfileView) -> Objectives:
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


def _targets_sentence(profile: ProfileView) -> str:
    parts = []
    if profile.target_roles:
        parts.append(f"Looking for {profile.target_roles}")
    if profile.target_industries:
        parts.append(f"in {profile.target_industries}")
    if profile.target_places:
        parts.append(f"({profile.target_places})")
    return " ".join(parts)


def _split(text: str) -> list[str]:
    return [p for p in _SPLIT.split(text or "") if p.strip()]


def _target_words(profile: ProfileView) -> set[str]:
    return {w.casefold() for w in _split(
        " ,".join((profile.target_industries, profile.target_places, profile.target_roles)))}


def _interests(contact: Contact, profile: ProfileView) -> list[str]:
    """Their interests (shared passions are the talking points), then their
    tags that match your targets."""
    items = _split(contact.interests)
    targets = _target_words(profile)
    tags = [t.tag.name for t in contact.contact_tags]
    items += [t for t in tags if t.casefold() in targets]
    return list(dict.fromkeys(items))


def _talking_points(contact: Contact, org: Organization | None, profile: ProfileView) -> list[str]:
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


def _history(contact_id: int, current_meeting: int | None) -> list[Interaction]:
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
        dated.append((o.at, Interaction(_local_day(o.at, tz), o.channel, summary)))
    for i in (Introduction.select().where(
            (Introduction.introduced == contact_id) | (Introduction.introducer == contact_id))):
        if i.introduced_id == contact_id:
            who = _name(Contact.get_or_none(Contact.id == i.introducer_id)) or "You"
            text = f"{who} introduced you ({i.status})"
        else:
            text = f"Introduced you to {_name(Contact.get_or_none(Contact.id == i.introduced_id))}" \
                   f" ({i.status})"
        dated.append((i.date, Interaction(_local_day(i.date, tz), "introduction",
                                          f"{text}: {i.note}" if i.note else text)))
    dated.sort(key=lambda item: item[0], reverse=True)
    return [interaction for _, interaction in dated]


def _org_learnings(contact: Contact, org: Organization | None) -> list[str]:
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


def _questions(contact: Contact, meeting: Meeting | None) -> list[str]:
    """The meeting's chosen questions in order; for a person with no meeting,
    suggested ones (by tier, role and history), else the bank's first for
    their tier."""
    if meeting is not None:
        rows = (MeetingQuestion.select().where(MeetingQuestion.meeting == meeting.id)
                .order_by(MeetingQuestion.position, MeetingQuestion.id))
        return [q for q in (mq.text or (mq.question.text if mq.question_id else "")
                            for mq in rows) if q]
    try:
        from .question_suggestions import suggest_for_contact
        return [s.question.text for s in suggest_for_contact(contact.id, QUESTIONS_WITHOUT_MEETING)]
    except Exception:  # noqa: BLE001 - suggestions are a nicety; the bank always works
        log.warning("question suggestions failed for contact %s", contact.id, exc_info=True)
    bank = (Question.select().where(Question.retired == False)  # noqa: E712
            .order_by(Question.position, Question.id))
    fits = [q.text for q in bank if not q.tiers or contact.tier in q.tiers.split()]
    return fits[:QUESTIONS_WITHOUT_MEETING]


def _candidates(contact: Contact, org: Organization | None, profile: ProfileView) -> list[str]:
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
    return list(Contact.select().where(Contact.id.in_(list(ids)), Contact.deleted_at.is_null()))


def _label(person: Contact, org: Organization | None) -> str:
    detail = ", ".join(x for x in (person.title, org.name if org else "") if x)
    return f"{person.full_name} ({detail})" if detail else person.full_name


__all__ = [
    "DEFAULT_ASK",
    "build_batch",
    "next_meeting",
    "prep_for_contact",
    "prep_for_meeting",
    "sheet_file_name",
    "week_bounds",
    "week_meeting_ids",
]
