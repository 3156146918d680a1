"""``prep``: print the briefing for a meeting, a person, or this week's meetings as a PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import (
    atomic,
    clock,
    reports,  # lazy package: reportlab loads only when a sheet is rendered
)
from ..services.contacts.resolve import resolve_contact
from ..services.errors import NotFoundError, ServiceError, ValidationError
from ..services.exporting.files import check_target
from . import numbers
from .output import info

PAPERS = ("a4", "letter")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``prep`` to the top-level parser."""
    prep = sub.add_parser(
        "prep",
        help="print a prep sheet (PDF) for a meeting, a person, or this week's meetings",
        description="Write a one- or two-page PDF briefing to bring to an informational interview. "
        "--contact uses the person's next planned meeting when there is one.",
    )
    which = prep.add_mutually_exclusive_group(required=True)
    which.add_argument("--meeting", type=_meeting_id, metavar="ID", help="meeting id")
    which.add_argument("--contact", metavar="NAME", help="id, full name, or a unique part of it")
    which.add_argument("--week", action="store_true",
                       help="all planned meetings of the current week in one PDF")
    prep.add_argument("--out", metavar="FILE.pdf",
                      help="where to write (default: prep-<name>-<date>.pdf in this folder)")
    prep.add_argument("--paper", choices=PAPERS, type=str.lower,
                      help=f"paper size (default from your locale: {reports.default_paper_for_locale()})")
    prep.add_argument("--room-to-write", action="store_true",
                      help="more lines under each question; the sheet may run past two pages")
    prep.set_defaults(handler=cmd_prep)


def _meeting_id(text: str) -> int:
    """argparse type: a meeting id (exit 2 with a hint otherwise)."""
    return numbers.whole_number(1, numbers.LARGEST_ID, "a meeting id")(text)


def cmd_prep(args: argparse.Namespace) -> int:
    from ..services.prep import (
        build_batch,
        prep_for_contact,
        prep_for_meeting,
        sheet_file_name,
        week_meeting_ids,
    )

    options = reports.PrepOptions(paper=args.paper or reports.default_paper_for_locale(),
                          room_to_write=args.room_to_write)
    if args.week:
        ids = week_meeting_ids()
        if not ids:
            raise NotFoundError("no planned meetings this week (nothing to print)")
        sheets = build_batch(ids)
        pdf = reports.render_batch(sheets, options)
        default = f"prep-week-{_day(sheets[0])}.pdf"
        label = f"{len(sheets)} prep sheet{'s' if len(sheets) != 1 else ''}"
    else:
        if args.meeting is not None:
            data = prep_for_meeting(args.meeting)
        else:
            data = prep_for_contact(resolve_contact(args.contact))
        pdf = reports.render_prep_sheet(data, options)
        default = sheet_file_name(data)
        label = f"prep sheet for {data.person.name or 'the contact'}"
    target = _target(args.out, default)
    _write(target, pdf)
    info(f"Wrote {label} on {'A4' if options.paper == 'a4' else 'Letter'} paper.")
    print(target)
    return 0


def _day(data: reports.PrepSheetData) -> str:
    start = data.meeting.starts_local if data.meeting else None
    return (start.date() if start else clock.today()).isoformat()


def _target(out: str | None, default: str) -> Path:
    """The file to write: ``--out`` (a folder gets the default name), else
    the default name in the current folder. Refuses what cannot be a PDF path."""
    if not out:
        return Path.cwd() / default
    path = Path(out).expanduser()
    if path.is_dir():
        return path / default
    if not path.parent.exists():
        raise ValidationError("--out", f"folder '{path.parent}' does not exist")
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    return check_target(path, replace=True)  # never the database or its backups


def _write(target: Path, pdf: bytes) -> None:
    """Write whole (:mod:`desktop_crm.atomic`), so a viewer never opens half a PDF."""
    try:
        atomic.write_atomic(target, pdf)
    except OSError as exc:
        raise ServiceError(f"cannot write '{target}': {exc.strerror or exc}") from None
