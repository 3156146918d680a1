"""How warm a tie is: the strength the user set, plus what happened, fading with time.

The formula (also in ``docs/network.md``)::

    warmth = max(0, label + sum(points(event) * decay(age of event)))
    decay(age) = 0.75 * max(0, 1 - age / 2 years) + 0.25 * max(0, 1 - age / 6 years)
    cost of the tie on a path = 1 + 3 * exp(-warmth / 4)

``label``: close 6, known 3, acquaintance 1. Events on your tie to a person:
a meeting held +3, a thank-you sent +1, an outreach answered +1.5, one left
unanswered -0.5, an introduction they made for you +2, their being
introduced to you +1. An introduction X made to Y also warms the tie X-Y
(+2). The decay follows the shape of DotAlign's published relationship
score: three quarters of an event's weight fade over two years, the last
quarter over six. Why a cost that falls off exponentially: the first
meeting matters more than the fifth, and no tie becomes free.

So two people tied to you as "known": the one you met last month costs
about 1.7 to go through, the other about 2.4, and the path finder asks the
first. An inferred tie (a guess) costs 4.5, more than any real tie.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ... import clock
from ...store import tie_facts

LABEL_POINTS = {"close": 6.0, "known": 3.0, "acquaintance": 1.0}
EVENT_POINTS = {
    "meeting": 3.0,
    "thank_you": 1.0,
    "answered": 1.5,
    "unanswered": -0.5,
    "introduced_you": 2.0,  # they introduced you to someone
    "introduced_to_you": 1.0,  # someone (or you yourself) brought them to you
    "introduced_them": 2.0,  # on the tie between an introducer and the person introduced
}
SHORT_DAYS, LONG_DAYS = 730.0, 2190.0
INFERRED_COST = 4.5
LEVELS = ((7.5, "very warm"), (5.0, "warm"), (2.5, "cool"), (0.0, "cold"))
NUMBER_WORDS = {1: "once", 2: "twice"}


def decay(age_days: float) -> float:
    """Weight left of an event ``age_days`` old: 1 today, 0.25 after two years, 0 after six."""
    age = max(0.0, age_days)
    return 0.75 * max(0.0, 1 - age / SHORT_DAYS) + 0.25 * max(0.0, 1 - age / LONG_DAYS)


def tie_cost(warmth: float) -> float:
    """What going through a tie of this warmth costs on a path (1 to 4)."""
    return 1.0 + 3.0 * math.exp(-max(0.0, warmth) / 4.0)


def label_cost(strength: str) -> float:
    return tie_cost(LABEL_POINTS.get(strength, LABEL_POINTS["known"]))


def level(warmth: float) -> str:
    for floor, word in LEVELS:
        if warmth >= floor:
            return word
    return "cold"


def _as_datetime(value: object) -> dt.datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    try:
        return dt.datetime.fromisoformat(str(value)).replace(tzinfo=None)
    except ValueError:
        return None


@dataclass
class TieHistory:
    """What happened between you and one person, for the words and the score."""

    meetings: list[dt.datetime] = field(default_factory=list)
    thank_yous: int = 0
    answered: int = 0
    unanswered: int = 0
    introductions_given: int = 0
    introduced_to_you: bool = False
    points: float = 0.0
    last: dt.datetime | None = None

    def add(self, kind: str, when: dt.datetime | None, now: dt.datetime) -> None:
        if when is None:
            return
        self.points += EVENT_POINTS[kind] * decay((now - when).total_seconds() / 86400)
        if kind != "unanswered" and (self.last is None or when > self.last):
            self.last = when


@dataclass
class Warmth:
    score: float
    level: str
    text: str  # "warm: met twice, last in October"


def your_histories(contact_id: int | None = None) -> dict[int, TieHistory]:
    """Contact id -> what happened with them (everyone, or one contact)."""
    now = clock.utcnow()
    out: dict[int, TieHistory] = defaultdict(TieHistory)
    for cid, when in tie_facts.meetings_held(contact_id):
        moment = _as_datetime(when)
        if moment is not None and moment <= now:
            out[cid].meetings.append(moment)
            out[cid].add("meeting", moment, now)
    for cid, when in tie_facts.thank_yous(contact_id):
        out[cid].thank_yous += 1
        out[cid].add("thank_you", _as_datetime(when), now)
    for cid, when, answered in tie_facts.outreach(contact_id):
        history = out[cid]
        if answered:
            history.answered += 1
        else:
            history.unanswered += 1
        history.add("answered" if answered else "unanswered", _as_datetime(when), now)
    for introducer, introduced, when in tie_facts.introductions(contact_id):
        moment = _as_datetime(when)
        if introducer is not None and (contact_id is None or introducer == contact_id):
            out[introducer].introductions_given += 1
            out[introducer].add("introduced_you", moment, now)
        if contact_id is None or introduced == contact_id:
            out[introduced].introduced_to_you = True
            out[introduced].add("introduced_to_you", moment, now)
    return dict(out)


def introduction_points() -> dict[tuple[int, int], float]:
    """(lower id, higher id) -> points an introduction added to the tie between introducer and introduced."""
    now = clock.utcnow()
    out: dict[tuple[int, int], float] = defaultdict(float)
    for introducer, introduced, when in tie_facts.introductions():
        moment = _as_datetime(when)
        if introducer is None or moment is None or introducer == introduced:
            continue
        pair = (min(introducer, introduced), max(introducer, introduced))
        out[pair] += EVENT_POINTS["introduced_them"] * decay((now - moment).total_seconds() / 86400)
    return dict(out)


def warmth_of(strength: str, history: TieHistory | None) -> float:
    return max(0.0, LABEL_POINTS.get(strength, LABEL_POINTS["known"]) + (history.points if history else 0.0))


def describe(strength: str | None, history: TieHistory | None) -> Warmth:
    """The warmth of your tie to someone in words: "warm: met twice, last in October".

    ``strength`` None means you have no tie of your own to them (yet).
    """
    history = history or TieHistory()
    score = warmth_of(strength or "acquaintance", history) if strength else max(0.0, history.points)
    facts = list(_facts(history))
    if not facts:
        if strength is None:
            return Warmth(score, "no tie", "not someone you know yet")
        facts = [f"{strength}, nothing recorded yet"]
    word = level(score)
    return Warmth(score, word, f"{word}: {', '.join(facts)}")


def _facts(history: TieHistory) -> Iterable[str]:
    today = clock.today()
    if history.meetings:
        count = len(history.meetings)
        times = NUMBER_WORDS.get(count, f"{count} times")
        last = max(history.meetings)
        yield f"met {times}, last in {_month(last, today)}"
    if history.thank_yous:
        yield "thank-you sent" if history.thank_yous == 1 else f"{history.thank_yous} thank-yous sent"
    asked = history.answered + history.unanswered
    if asked:
        if history.answered:
            yield f"answered {history.answered} of {asked} messages" if asked > 1 else "answered your message"
        else:
            yield "your message went unanswered" if asked == 1 else f"{asked} messages unanswered"
    if history.introductions_given:
        people = "person" if history.introductions_given == 1 else "people"
        yield f"introduced you to {history.introductions_given} {people}"
    if history.introduced_to_you:
        yield "introduced to you"


def _month(when: dt.datetime, today: dt.date) -> str:
    """'October' within the last eleven months, else 'October 2024'."""
    months_ago = (today.year - when.year) * 12 + today.month - when.month
    return when.strftime("%B") if 0 <= months_ago < 11 else when.strftime("%B %Y")
