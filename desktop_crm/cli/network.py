"""``relationships add|list|remove``, ``path``, ``gatekeepers``, ``reach`` and ``wide-angle``."""

from __future__ import annotations

import argparse

from ..domain import RELATIONSHIP_KINDS, STRENGTHS, TIERS
from ..services import network  # lazy package: networkx loads only when a command uses it
from ..services.contacts.organizations import resolve_organization
from ..services.contacts.resolve import resolve_contact
from ..services.errors import NotFoundError, ValidationError
from ..services.network.relationships import (
    ME_WORDS,
    add_relationship,
    find_relationship,
    get_relationship,
    list_relationships,
    remove_relationship,
)
from ..services.views import RelationshipView
from . import numbers
from .output import emit_json, emit_table, info

NO_GATEKEEPERS = (
    "No gatekeepers stand out yet. They rise from the introductions people make for you and from "
    "the people they know: record introductions, add who knows whom, or import a friend's shared "
    "export (desktop-crm import FILE --of NAME) to see who bridges into their circles."
)


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the top-level parser."""
    rel = sub.add_parser("relationships", help="who knows whom: add, list, remove relationships")
    rsub = rel.add_subparsers(dest="action", required=True, metavar="ACTION")

    add = rsub.add_parser("add", help="record that A knows B ('me' for you)")
    add.add_argument("a", metavar="A", help="id, name, or 'me'")
    add.add_argument("b", metavar="B", help="id, name, or 'me'")
    add.add_argument("--kind", default="other", help=f"one of: {', '.join(RELATIONSHIP_KINDS)}")
    add.add_argument("--strength", default="known", choices=STRENGTHS, type=str.lower)
    add.add_argument("--how", default="", help="how they know each other")
    add.add_argument("--since", default="", help="since when, e.g. 2019")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_add)

    lst = rsub.add_parser("list", help="list relationships (all, one person's, or 'me')")
    lst.add_argument("person", nargs="?", help="id, name, or 'me'")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)

    rm = rsub.add_parser("remove", help="move a relationship to the trash: by its id, or by A B")
    rm.add_argument("target", nargs="+", metavar="ID | A B")
    rm.set_defaults(handler=cmd_remove)

    connect = rsub.add_parser(
        "connect-imported",
        help="once, for imports made before ties existed: tie you to every imported person with no tie yet")
    connect.add_argument("--json", action="store_true")
    connect.set_defaults(handler=cmd_connect_imported)

    inf = rsub.add_parser("inferred", help="people who probably know each other (colleagues, shared labels)")
    inf.add_argument("person", help="id or name")
    inf.add_argument("--limit", type=_positive, default=50)
    inf.add_argument("--json", action="store_true")
    inf.set_defaults(handler=cmd_inferred)

    confirm = rsub.add_parser("confirm", help="an inferred tie is right: record that A knows B")
    confirm.add_argument("a", metavar="A", help="id or name")
    confirm.add_argument("b", metavar="B", help="id or name")
    confirm.add_argument("--json", action="store_true")
    confirm.set_defaults(handler=cmd_confirm)

    dismiss = rsub.add_parser("dismiss", help="an inferred tie is wrong: never suggest it again")
    dismiss.add_argument("a", metavar="A", help="id or name")
    dismiss.add_argument("b", metavar="B", help="id or name")
    dismiss.set_defaults(handler=cmd_dismiss)

    path = sub.add_parser("path", help="telephoto: the warmest ways to reach a person or an organization")
    goal = path.add_mutually_exclusive_group(required=True)
    goal.add_argument("--to", metavar="NAME", help="a person: id, full name or a unique part")
    goal.add_argument("--org", metavar="NAME", help="an organization: id, name or a unique part")
    path.add_argument("--count", type=_positive, default=3, help="how many distinct paths (default 3)")
    path.add_argument("--json", action="store_true")
    path.set_defaults(handler=cmd_path)

    asks = sub.add_parser("introductions-to-ask",
                          help="per target person or organization, the best person you know to ask")
    asks.add_argument("--limit", type=_positive, default=20)
    asks.add_argument("--json", action="store_true")
    asks.set_defaults(handler=cmd_asks)

    gk = sub.add_parser("gatekeepers", help="people who open the most doors, ranked from your data")
    gk.add_argument("--limit", type=_positive, default=20)
    gk.add_argument("--json", action="store_true")
    gk.set_defaults(handler=cmd_gatekeepers)

    reach = sub.add_parser("reach", help="how many people are one, two and three steps away")
    reach.add_argument("--json", action="store_true")
    reach.set_defaults(handler=cmd_reach)

    wide = sub.add_parser("wide-angle", help="everyone within N steps in an industry, place, organization or tier")
    wide.add_argument("--steps", type=int, default=2, choices=(1, 2, 3))
    wide.add_argument("--industry", default="")
    wide.add_argument("--location", default="")
    wide.add_argument("--organization", default="")
    wide.add_argument("--tier", default="", choices=("", *TIERS), type=str.lower)
    wide.add_argument("--any", dest="match_any", action="store_true",
                      help="match any of industry/location/organization instead of all")
    wide.add_argument("--limit", type=_positive, default=200)
    wide.add_argument("--json", action="store_true")
    wide.set_defaults(handler=cmd_wide_angle)


def _positive(text: str) -> int:
    return numbers.whole_number(1, 1_000_000, "a whole number")(text)


def _person(text: str) -> int | None:
    """A contact id for a name or id; None for 'me'."""
    if text.strip().casefold() in ME_WORDS:
        return None
    return resolve_contact(text)


def _print_relationships(rels: list[RelationshipView], as_json: bool) -> None:
    if as_json:
        emit_json([r.to_dict() for r in rels])
        return
    emit_table(
        ["id", "A", "B", "kind", "strength", "how", "since"],
        [[r.id, r.person_a, r.person_b, r.kind.replace("_", " "), r.strength, r.how, r.since] for r in rels],
    )


def cmd_add(args: argparse.Namespace) -> int:
    a, b = _person(args.a), _person(args.b)
    if a is None and b is None:
        raise ValidationError("person", "'me' twice: give at least one contact")
    rel = add_relationship(a, b, args.kind, args.strength, args.how, args.since)
    if args.json:
        emit_json(rel.to_dict())
    else:
        verb = "know" if rel.person_a_id is None else "knows"
        info(
            f"Saved: {rel.person_a} {verb} {rel.person_b} "
            f"({rel.strength}, {rel.kind.replace('_', ' ')}), id {rel.id}."
        )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    if args.person is None:
        rels = list_relationships()
    elif args.person.strip().casefold() in ME_WORDS:
        rels = list_relationships(me=True)
    else:
        rels = list_relationships(resolve_contact(args.person))
    _print_relationships(rels, args.json)
    if not args.json:
        info(f"{len(rels)} relationship(s).")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    target = args.target
    if len(target) == 1:
        if not target[0].isdigit():
            raise ValidationError("relationship", f"'{target[0]}' is not an id; give an id, or two people A B")
        rel = get_relationship(int(target[0]))
    elif len(target) == 2:
        a, b = _person(target[0]), _person(target[1])
        if b is None:
            a, b = b, a
        if b is None:
            raise ValidationError("person", "'me' twice: give at least one contact")
        found = find_relationship(a, b)
        if found is None:
            raise NotFoundError(f"no relationship between '{target[0]}' and '{target[1]}'")
        rel = get_relationship(found.id)
    else:
        raise ValidationError("relationship", "give one id, or two people A B")
    remove_relationship(rel.id)
    info(f"Removed: {rel.person_a} — {rel.person_b} (id {rel.id}).")
    return 0


def cmd_connect_imported(args: argparse.Namespace) -> int:
    from ..services import importing

    batch, made = importing.connect_imported()
    if args.json:
        emit_json({"batch": batch, "ties": made})
    else:
        info(f"Connected you to {made} imported people (import {batch}); "
             f"undo with: {importing.undo_command(batch)}")
    return 0


def _contact_pair(args: argparse.Namespace) -> tuple[int, int]:
    a, b = _person(args.a), _person(args.b)
    if a is None or b is None:
        raise ValidationError("person", "inferred ties are between two contacts, not you")
    return a, b


def cmd_inferred(args: argparse.Namespace) -> int:
    from ..services.contacts import get_contacts
    from ..services.network.guesses import inferred_ties

    person = resolve_contact(args.person)
    guesses = inferred_ties(person, args.limit)
    names = {c.id: c.full_name for c in get_contacts([g[0] for g in guesses])}
    if args.json:
        emit_json([{"id": other, "name": names.get(other, ""), "why": why, "inferred": True}
                   for other, why in guesses])
        return 0
    emit_table(["id", "probably knows", "why"], [[o, names.get(o, ""), why] for o, why in guesses])
    info(f"{len(guesses)} inferred tie(s): confirm with 'relationships confirm A B', "
         "or dismiss with 'relationships dismiss A B'.")
    return 0


def cmd_confirm(args: argparse.Namespace) -> int:
    from ..services.network.guesses import confirm_inferred

    rel = confirm_inferred(*_contact_pair(args))
    if args.json:
        emit_json(rel.to_dict())
    else:
        info(f"Saved: {rel.person_a} knows {rel.person_b} ({rel.how}), id {rel.id}.")
    return 0


def cmd_dismiss(args: argparse.Namespace) -> int:
    from ..services.network.guesses import dismiss_inferred

    a, b = _contact_pair(args)
    dismiss_inferred(a, b)
    info("Dismissed: that tie will not be suggested again.")
    return 0


def cmd_path(args: argparse.Namespace) -> int:
    if args.to is not None:
        result = network.path_to_person(resolve_contact(args.to), count=args.count)
    else:
        result = network.path_to_organization(resolve_organization(args.org), count=args.count)
    if args.json:
        emit_json(result.to_dict())
        return 0
    if not result.found:
        print(result.message)
        for s in result.suggestions:
            print(f"  - {s.person.name} ({s.steps} step{'s' if s.steps != 1 else ''} away) {s.reason}")
        return 0
    print(f"Warmest ways to {result.target}:")
    for index, path in enumerate(result.paths, 1):
        print(f"  {index}. {path.describe()}")
    if result.uses_inferred:
        print()
        print(f"Note: {result.message}")
    print()
    print(f"First step: {result.first_ask}")
    if result.email_body:
        print()
        print(f"Draft email — Subject: {result.email_subject}")
        print()
        print(result.email_body.rstrip())
    return 0


def cmd_asks(args: argparse.Namespace) -> int:
    asks = network.introductions_to_ask(limit=args.limit)
    if args.json:
        emit_json([a.to_dict() for a in asks])
        return 0
    if not asks:
        print("No introductions to ask for yet: mark people or organizations as targets, "
              "and record who knows them (import a friend's export with 'import FILE --of NAME').")
        return 0
    for index, ask in enumerate(asks, 1):
        print(f"{index}. {ask.target}: ask {ask.introducer.name} to introduce you to {ask.introduce_to.name}")
        print(f"   {ask.path.describe()}")
        print(f"   Why {ask.introducer.name.split()[0]}: {ask.why}.")
    info("Draft emails: add --json, or use Find a way in the Network view.")
    return 0


def cmd_gatekeepers(args: argparse.Namespace) -> int:
    ranked = network.rank_gatekeepers(limit=args.limit)
    if args.json:
        emit_json([g.to_dict() for g in ranked])
        return 0
    if not ranked:
        print(NO_GATEKEEPERS)
        return 0
    emit_table(
        ["rank", "id", "name", "organization", "score", "intros", "meetings", "bridges", "flagged"],
        [
            [i, g.person.id, g.person.name, g.person.organization, f"{g.score:.0f}", g.introductions,
             g.meetings, g.links_to, "yes" if g.flagged else ""]
            for i, g in enumerate(ranked, 1)
        ],
    )
    info("Score: introductions given 40%, meetings that came of them 30%, betweenness in your network 30%.")
    return 0


def cmd_reach(args: argparse.Namespace) -> int:
    reach = network.compute_reach()
    if args.json:
        emit_json(reach.to_dict())
        return 0
    emit_table(
        ["steps", "people", *TIERS, "top industries"],
        [
            [level.steps, level.people, *(level.by_tier.get(t, 0) for t in TIERS),
             ", ".join(f"{name} {n}" for name, n in level.by_industry[:3])]
            for level in reach.levels
        ],
    )
    print()
    print(f"Estimated contact pool: {reach.estimated_pool:,}. {reach.assumptions}")
    return 0


def cmd_wide_angle(args: argparse.Namespace) -> int:
    flt = network.WideAngleFilter(args.steps, args.industry, args.location, args.organization, args.tier, args.match_any)
    if flt.is_empty:
        raise ValidationError("filter", "give at least one of --industry, --location, --organization, --tier")
    hits = network.wide_angle(flt, limit=args.limit)
    if args.json:
        emit_json([h.to_dict() for h in hits])
        return 0
    emit_table(
        ["steps", "id", "name", "organization", "industry", "location", "tier", "ask"],
        [[h.steps, h.person.id, h.person.name, h.person.organization, h.person.industry,
          h.person.location, h.person.tier, "" if h.steps == 1 else h.via] for h in hits],
    )
    info(f"{len(hits)} people within {args.steps} step(s).")
    return 0
