"""A realistic sample network, reproducible from a seed, so every view has something to show.

About 200 people in the three tiers, 30 organizations in several industries
and cities, relationships reaching the second and third degree,
introductions, outreach, and past and upcoming meetings with answers.
Dates are placed around "now" so the Today view is never empty.
"""

from __future__ import annotations

import datetime as dt
import random

from ...store.contact_dates import refresh_contact_dates
from ...store.database import db
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
from ..contacts.bulk import bulk_create_contacts, bulk_create_relationships, ensure_organizations
from ..contacts.profile import update_profile
from .setup import ensure_defaults

FIRST = (
    "Ana Jürgen François Mei Sipho Priya Lars Aoife Tomás Yuki Olga Kwame Léa Mateo Ingrid "
    "Rahul Chloé Dmitri Amara Björn Sofía Hiroshi Zainab Noah Élodie Arjun Freya Luca Nadia "
    "Oskar Grace Ravi Camille Emeka Hana Pablo Astrid Farid Maya Søren Leila Diego Ines Kofi "
    "Nora Wei Elif Hugo Yara Malik Clara Tariq Eva Jonas Aisha Marek Zoë Andrés Ilse"
).split()
LAST = (
    "Silva Müller Dubois Chen Ndlovu Sharma Nilsson Byrne García Tanaka Ivanova Mensah Moreau "
    "Rossi Larsen Patel Lefèvre Petrov Okafor Lindqvist Hernández Sato Haddad Cohen Girard Iyer "
    "Jensen Bianchi Kowalski O'Brien Nakamura Fischer Novak Costa Schmidt Khan Wójcik Ferreira "
    "Yilmaz Visser Ahmed Kim Horvat Nguyen Andersen Mbeki Ortiz Zhang Becker Laurent"
).split()
ORGS = [
    ("Northwind Analytics", "Software", "Berlin"),
    ("Helios Energy", "Energy", "Hamburg"),
    ("Banque Lumière", "Finance", "Paris"),
    ("Maple Health", "Healthcare", "Toronto"),
    ("Quantum Ledger", "Finance", "London"),
    ("BrightPath Learning", "Education", "Boston"),
    ("Fjord Robotics", "Manufacturing", "Oslo"),
    ("Sakura Mobility", "Automotive", "Tokyo"),
    ("Atlas Biotech", "Biotech", "Boston"),
    ("Crescent Design Studio", "Design", "Lisbon"),
    ("Redwood Cloud", "Software", "San Francisco"),
    ("Alpine Insurance", "Finance", "Zürich"),
    ("Kestrel Logistics", "Logistics", "Rotterdam"),
    ("Lumen Games", "Media", "Montréal"),
    ("Greenfield Foods", "Consumer goods", "Copenhagen"),
    ("City of Berlin Digital", "Public sector", "Berlin"),
    ("Orbit Satellite", "Aerospace", "Toulouse"),
    ("Nimbus Security", "Software", "Tel Aviv"),
    ("Harbor Capital", "Finance", "New York"),
    ("Vega Pharma", "Biotech", "Basel"),
    ("Pioneer Wind", "Energy", "Aarhus"),
    ("Mosaic Media", "Media", "London"),
    ("Cobalt Consulting", "Consulting", "Munich"),
    ("Tidewater University", "Education", "Edinburgh"),
    ("Sunrise Retail", "Retail", "Madrid"),
    ("Ironbridge Engineering", "Manufacturing", "Birmingham"),
    ("Polar Data", "Software", "Helsinki"),
    ("Jade Markets", "Finance", "Singapore"),
    ("Beacon Health Tech", "Healthcare", "Amsterdam"),
    ("Summit Ventures", "Finance", "San Francisco"),
]
TITLES = {
    "primary": ["Software Engineer", "Teacher", "Nurse", "Product Designer", "Accountant", "Student"],
    "bridge": ["Senior Engineer", "Recruiter", "Consultant", "Product Manager", "Data Scientist", "Analyst"],
    "target": ["Engineering Manager", "Head of Data", "VP Product", "Director of Engineering", "CTO", "Hiring Manager"],
}
INTERESTS = ["climbing", "jazz", "chess", "sailing", "cooking", "marathons", "photography", "open source", "cycling", "board games"]
HOW = ["university", "former colleague", "neighbour", "conference", "meetup", "sports club", "family friend"]


def build_demo(seed: int = 7, people: int = 200, now: dt.datetime | None = None) -> dict[str, int]:
    """Fill an empty database with the sample network; return what was made."""
    rng = random.Random(seed)
    now = now or utcnow()
    ensure_defaults()
    update_profile(
        {
            "name": "Alex Morgan",
            "email": "alex.morgan@example.com",
            "pitch": "I'm a data engineer with six years in logistics software, moving into climate "
            "tech. I build reliable data platforms and I like teams that ship.",
            "target_roles": "Data engineering lead, analytics engineering",
            "target_industries": "Energy, Software",
            "target_places": "Berlin, Copenhagen, remote",
            "objectives": "Understand how energy companies staff data teams; meet two hiring managers.",
        }
    )
    with db.atomic():
        org_ids = ensure_organizations(name for name, _, _ in ORGS)
        orgs = []
        for name, industry, city in ORGS:
            oid = org_ids[name.casefold()]
            Organization.update(
                industry=industry, location=city, is_target=industry in ("Energy", "Software")
            ).where(Organization.id == oid).execute()
            orgs.append((oid, name, industry, city))
        records, tiers = [], []
        for i in range(people):
            tier = "primary" if i < people * 0.2 else "bridge" if i < people * 0.65 else "target"
            first, last = rng.choice(FIRST), rng.choice(LAST)
            _, org, industry, city = rng.choice(orgs)
            email_user = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
            records.append(
                {
                    "first_name": first,
                    "last_name": last,
                    "organization": org,
                    "title": rng.choice(TITLES[tier]),
                    "industry": industry,
                    "location": city,
                    "tier": tier,
                    "how_met": rng.choice(HOW) if tier == "primary" else "",
                    "interests": ", ".join(rng.sample(INTERESTS, 2)),
                    "emails": [("work", f"{email_user}{i}@example.com")] if rng.random() < 0.8 else [],
                    "phones": [("mobile", f"+49 30 {rng.randint(1000000, 9999999)}")] if rng.random() < 0.4 else [],
                    "tags": rng.sample(["alumni", "climate", "data", "mentor", "recruiter", "remote"], rng.randint(0, 2)),
                    "linkedin_url": f"https://www.linkedin.com/in/{email_user}-{i}",
                    "sources": "demo",
                }
            )
            tiers.append(tier)
        ids = bulk_create_contacts(records)
        by_tier = {t: [cid for cid, tt in zip(ids, tiers, strict=True) if tt == t] for t in ("primary", "bridge", "target")}
        rels = _relationships(rng, by_tier)
        bulk_create_relationships(rels)
        gatekeepers = rng.sample(by_tier["bridge"], 3)
        Contact.update(is_gatekeeper=True).where(Contact.id.in_(gatekeepers[:1])).execute()
        intros = _introductions(rng, by_tier, gatekeepers, now)
        meetings = _meetings(rng, by_tier, now)
        outreach = _outreach(rng, by_tier, now)
        refresh_contact_dates()
    return {
        "contacts": len(ids),
        "organizations": len(orgs),
        "relationships": len(rels),
        "introductions": intros,
        "meetings": meetings,
        "outreach": outreach,
    }


def _relationships(rng: random.Random, by_tier: dict[str, list[int]]) -> list[tuple]:
    rels: list[tuple] = []
    seen: set[tuple] = set()

    def add(a: int | None, b: int, kind: str, strength: str) -> None:
        key = (a, b) if a is None else tuple(sorted((a, b)))
        if a != b and key not in seen:
            seen.add(key)
            rels.append((a, b, kind, strength))

    for cid in by_tier["primary"]:
        add(None, cid, rng.choice(["friend", "colleague", "family", "alumni"]), rng.choice(["close", "close", "known"]))
    for cid in by_tier["bridge"]:
        for friend in rng.sample(by_tier["primary"], 2):
            add(friend, cid, rng.choice(["colleague", "alumni", "friend"]), rng.choice(["close", "known", "acquaintance"]))
    for cid in by_tier["target"]:
        for bridge in rng.sample(by_tier["bridge"], 2):
            add(bridge, cid, rng.choice(["colleague", "reports_to", "alumni"]), rng.choice(["known", "acquaintance"]))
        if rng.random() < 0.3:
            add(rng.choice(by_tier["target"]), cid, "colleague", "known")
    for cid in rng.sample(by_tier["bridge"], len(by_tier["bridge"]) // 4):
        add(None, cid, "introduced_by", "acquaintance")
    return rels


def _introductions(rng: random.Random, by_tier: dict[str, list[int]], gatekeepers: list[int], now: dt.datetime) -> int:
    count = 0
    for introducer in gatekeepers + rng.sample(by_tier["primary"], 6):
        for introduced in rng.sample(by_tier["bridge"] + by_tier["target"], rng.randint(1, 4)):
            if introduced == introducer:
                continue
            status = rng.choice(["met", "made", "promised"])
            Introduction.create(
                introducer=introducer,
                introduced=introduced,
                date=now - dt.timedelta(days=rng.randint(3, 80)),
                status=status,
            )
            if status != "promised":
                Relationship.get_or_create(
                    person_a=None, person_b=introduced, defaults={"kind": "introduced_by", "strength": "acquaintance"}
                )
            count += 1
    return count


def _meetings(rng: random.Random, by_tier: dict[str, list[int]], now: dt.datetime) -> int:
    questions = list(Question.select().where(Question.retired == False))  # noqa: E712
    answers = [
        "Most hires come through referrals from the team.",
        "Strong SQL and one cloud platform matter more than any degree.",
        "The team values people who can explain trade-offs to non-engineers.",
        "Budget cycles start in January; roles open in February.",
        "They rarely post senior roles publicly.",
    ]
    people = rng.sample(by_tier["bridge"], 14) + rng.sample(by_tier["target"], 6)
    count = 0
    for index, cid in enumerate(people):
        past = index < 12
        # Two recent meetings still owe a thank-you; the older ones were thanked.
        days_ago = 1 if index < 2 else rng.randint(3, 80)
        starts = now + dt.timedelta(days=(-days_ago if past else rng.randint(1, 13)))
        # Office hours in Berlin (UTC+1): 08:00-16:30 UTC.
        starts = starts.replace(hour=rng.randint(8, 15), minute=rng.choice([0, 30]), second=0)
        meeting = Meeting.create(
            contact=cid,
            starts_at=starts,
            tz="Europe/Berlin",
            minutes=rng.choice([20, 30, 30, 45]),
            kind=rng.choice(["coffee", "video", "office", "phone"]),
            place=rng.choice(["Café Einstein", "Zoom", "Their office", "Phone", "Oslo Kaffebar"]),
            objective_learn="How their team hires and what skills matter most",
            objective_reveal="My move from logistics data to energy data",
            objective_ask="Two introductions to people on data teams",
            status="done" if past else "planned",
            thank_you_sent_at=(starts + dt.timedelta(hours=20)) if past and index >= 2 else None,
        )
        for position, question in enumerate(rng.sample(questions, 5)):
            MeetingQuestion.create(
                meeting=meeting,
                question=question,
                text=question.text,
                position=position,
                answer=rng.choice(answers) if past else "",
                agreement=rng.choice(["agree", "agree", "differ", "open"]) if past else "open",
            )
        Contact.update(status="met" if past else "scheduled").where(Contact.id == cid).execute()
        count += 1
    return count


def _outreach(rng: random.Random, by_tier: dict[str, list[int]], now: dt.datetime) -> int:
    count = 0
    for cid in rng.sample(by_tier["bridge"] + by_tier["target"], 40):
        attempts = rng.randint(1, 3)
        answered_at = rng.choice([None, None, attempts - 1])
        for n in range(attempts):
            OutreachAttempt.create(
                contact=cid,
                at=now - dt.timedelta(days=rng.randint(1, 84)),
                channel=rng.choice(["email", "linkedin", "email", "phone"]),
                answered=answered_at == n,
            )
            count += 1
        Contact.update(status="asked").where(Contact.id == cid, Contact.status == "to_contact").execute()
    return count


def demo_is_stale(now: dt.datetime | None = None) -> bool:
    """True when the sample network has nothing ahead of it: no planned meeting
    from now on. A demo built months ago has slid into the past and shows an
    empty Today; ``rebuild_demo`` lays it around now again."""
    now = now or utcnow()
    if not Contact.select().exists():
        return False
    upcoming = Meeting.select().where(
        Meeting.status == "planned", Meeting.starts_at >= now, Meeting.deleted_at.is_null()
    )
    return not upcoming.exists()


def rebuild_demo(now: dt.datetime | None = None) -> dict[str, int]:
    """Empty the open (demo) database and build the sample network around now,
    in one transaction: a failure leaves the old demo as it was."""
    from ...store.dump import replace_all

    with db.atomic():
        replace_all({})
        return build_demo(now=now)
