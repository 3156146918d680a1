"""``contacts add|list|show|edit|delete|restore``, ``search`` and ``tags``."""

from __future__ import annotations

import argparse

from ..domain import TIERS
from ..services.contacts import (
    count_contacts,
    create_contact,
    get_contact,
    list_contacts,
    trash,
    update_contact,
)
from ..services.contacts.resolve import resolve_contact
from ..services.contacts.search import search_contacts
from ..services.views import ContactView
from . import numbers
from .output import emit_json, emit_table, info


def _add_field_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--first-name", dest="first_name")
    parser.add_argument("--last-name", dest="last_name")
    parser.add_argument("--email", action="append", help="repeat for several")
    parser.add_argument("--phone", action="append", help="repeat for several")
    parser.add_argument("--organization")
    parser.add_argument("--title")
    parser.add_argument("--industry")
    parser.add_argument("--location")
    parser.add_argument("--linkedin", dest="linkedin_url")
    parser.add_argument("--how-met", dest="how_met")
    parser.add_argument("--notes")
    parser.add_argument("--interests")
    parser.add_argument("--tier", choices=TIERS, type=str.lower)
    parser.add_argument("--status")
    parser.add_argument("--gatekeeper", dest="is_gatekeeper", action=argparse.BooleanOptionalAction)
    parser.add_argument("--tag", action="append", help="repeat for several")
    parser.add_argument("--json", action="store_true", help="print the contact as JSON")


def register(sub: argparse._SubParsersAction) -> None:
    contacts = sub.add_parser("contacts", help="add, list, show, edit, delete, restore contacts")
    csub = contacts.add_subparsers(dest="action", required=True, metavar="ACTION")

    add = csub.add_parser("add", help="add a contact")
    _add_field_options(add)
    add.set_defaults(handler=cmd_add)

    lst = csub.add_parser("list", help="list contacts")
    lst.add_argument("--limit", type=numbers.count, default=100)
    lst.add_argument("--offset", type=numbers.offset, default=0)
    lst.add_argument("--trash", action="store_true", help="list the contacts in the trash")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)

    show = csub.add_parser("show", help="show one contact")
    show.add_argument("person", help="id, full name, or a unique part of it")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)

    edit = csub.add_parser("edit", help="change fields of a contact")
    edit.add_argument("person", help="id, full name, or a unique part of it")
    _add_field_options(edit)
    edit.add_argument(
        "--if-version", dest="if_version", type=numbers.version, metavar="N",
        help="save only if the contact is still at version N ('contacts show' prints it); "
        "if it changed since, say what changed and save nothing",
    )
    edit.set_defaults(handler=cmd_edit)

    delete = csub.add_parser("delete", help="move contacts to the trash")
    delete.add_argument("people", nargs="+", help="ids or names")
    delete.set_defaults(handler=cmd_delete)

    restore = csub.add_parser("restore", help="bring contacts back from the trash")
    restore.add_argument("people", nargs="+", help="ids or names")
    restore.set_defaults(handler=cmd_restore)

    search = sub.add_parser("search", help="full-text search over names, organizations, titles, emails, notes")
    search.add_argument("query")
    search.add_argument("--limit", type=numbers.count, default=50)
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=cmd_search)


def _fields(args: argparse.Namespace) -> dict:
    data = {}
    for key in (
        "first_name", "last_name", "organization", "title", "industry", "location",
        "linkedin_url", "how_met", "notes", "interests", "tier", "status", "is_gatekeeper",
    ):
        value = getattr(args, key, None)
        if value is not None:
            data[key] = value
    if args.email is not None:
        data["emails"] = args.email
    if args.phone is not None:
        data["phones"] = args.phone
    if args.tag is not None:
        data["tags"] = args.tag
    return data


def _print_contact(contact: ContactView, as_json: bool) -> None:
    if as_json:
        emit_json(contact.to_dict())
        return
    print(f"{contact.full_name}  (id {contact.id})")
    for label, value in (
        ("Organization", contact.organization),
        ("Title", contact.title),
        ("Tier", contact.tier + (", gatekeeper" if contact.is_gatekeeper else "")),
        ("Status", contact.status.replace("_", " ")),
        ("Industry", contact.industry),
        ("Location", contact.location),
        ("Emails", ", ".join(e["email"] for e in contact.emails)),
        ("Phones", ", ".join(p["e164"] or p["raw"] for p in contact.phones)),
        ("LinkedIn", contact.linkedin_url),
        ("Tags", ", ".join(contact.tags)),
        ("How met", contact.how_met),
        ("Interests", contact.interests),
        ("Notes", contact.notes),
        ("In trash since", contact.deleted_at),
        ("Version", contact.version),
    ):
        if value:
            print(f"  {label + ':':<15} {value}")


def _rows(contacts: list[ContactView]) -> list[list]:
    return [[c.id, c.full_name, c.organization, c.title, c.tier, c.primary_email] for c in contacts]


def cmd_add(args: argparse.Namespace) -> int:
    contact = create_contact(_fields(args))
    if args.json:
        emit_json(contact.to_dict())
    else:
        info(f"Added {contact.full_name} (id {contact.id}).")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    contacts = list_contacts(limit=args.limit, offset=args.offset, trashed=args.trash)
    if args.json:
        emit_json([c.to_dict() for c in contacts])
    else:
        emit_table(["id", "name", "organization", "title", "tier", "email"], _rows(contacts))
        total = count_contacts(trashed=args.trash)
        info(f"{len(contacts)} of {total} contact(s){' in the trash' if args.trash else ''}.")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    _print_contact(get_contact(resolve_contact(args.person)), args.json)
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    contact_id = resolve_contact(args.person)
    fields = _fields(args)
    if not fields:
        raise SystemExit("contacts edit: nothing to change; give at least one field option")
    contact = update_contact(contact_id, fields, expected_version=args.if_version)
    if args.json:
        emit_json(contact.to_dict())
    else:
        info(f"Saved {contact.full_name} (id {contact.id}).")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    ids = [resolve_contact(p) for p in args.people]
    trash.trash_contacts(ids)
    info(f"Moved {len(ids)} contact(s) to the trash; 'contacts restore' brings them back.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    ids = [resolve_contact(p, include_trashed=True) for p in args.people]
    count = trash.restore_contacts(ids)
    info(f"Restored {count} contact(s).")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    contacts = search_contacts(args.query, limit=args.limit)
    if args.json:
        emit_json([c.to_dict() for c in contacts])
    else:
        emit_table(["id", "name", "organization", "title", "tier", "email"], _rows(contacts))
        info(f"{len(contacts)} match(es) for '{args.query}'.")
    return 0
