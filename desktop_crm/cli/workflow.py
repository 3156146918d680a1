"""``meetings``, ``outreach``, ``questions``, ``today``, ``ics`` and ``profile`` commands.

Thin wrappers over the workflow services: parse, call, print. Errors the
user can fix come back as ServiceError and become one line on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..domain import MEETING_KINDS, OUTREACH_CHANNELS, QUESTION_CATEGORIES
from ..services import meetings
from ..services.contacts.profile import PROFILE_FIELDS, get_profile, update_profile
from ..services.contacts.resolve import resolve_contact
from ..services.meetings import outreach
from ..services.meetings.local_time import parse_day, system_zone_name
from ..services.research import questions
from ..services.research.answers import get_meeting_detail
from . import numbers
from .output import emit_json, emit_table, info
from .workflow_today import print_today


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the top-level parser."""
    _register_meetings(sub)
    _register_outreach(sub)
    _register_questions(sub)
    today = sub.add_parser("today", help="what needs doing now: meetings, thank-yous, follow-ups")
    today.add_argument("--tz", help="zone for the weekly counts (default: this computer's)")
    today.add_argument("--json", action="store_true")
    today.set_defaults(handler=cmd_today)
    ics = sub.add_parser("ics", help="export meetings to a calendar file")
    isub = ics.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = isub.add_parser("export", help="write upcoming meetings (or one) as .ics")
    export.add_argument("--out", help="file to write (default: print to stdout)")
    export.add_argument("--force", action="store_true",
                        help="replace --out if it exists (never the database or its backups)")
    export.add_argument("--meeting", type=numbers.row_id, action="append", metavar="ID", help="repeat for several")
    export.set_defaults(handler=cmd_ics_export)
    _register_profile(sub)


def _register_meetings(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("meetings", help="schedule, list, show and close meetings")
    msub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = msub.add_parser("add", help="schedule a meeting")
    add.add_argument("--contact", required=True, help="id, full name, or a unique part of it")
    add.add_argument("--when", required=True, help="local wall time, e.g. 2026-12-01T10:00")
    add.add_argument("--tz", help="IANA zone of --when, e.g. Europe/Berlin (default: this computer's)")
    add.add_argument("--minutes", type=numbers.count, default=meetings.DEFAULT_MINUTES)
    add.add_argument("--kind", choices=MEETING_KINDS, default="coffee", type=str.lower)
    add.add_argument("--place", default="")
    add.add_argument("--learn", default="", help="what you want to learn")
    add.add_argument("--reveal", default="", help="what you want them to know about you")
    add.add_argument("--ask", default="", help="the outcome you will ask for")
    add.add_argument(
        "--status", default="planned", type=str.lower, choices=("planned", "done", "cancelled", "no-show"),
        help="record a meeting already held with done (refused for a future time)",
    )
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_meetings_add)
    lst = msub.add_parser("list", help="upcoming meetings (--all: every meeting)")
    lst.add_argument("--all", action="store_true", help="past, cancelled and done meetings too")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_meetings_list)
    show = msub.add_parser("show", help="one meeting with its questions, introductions, actions")
    show.add_argument("id", type=numbers.row_id)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_meetings_show)
    done = msub.add_parser("done", help="mark a meeting as held (a thank-you falls due)")
    done.add_argument("id", type=numbers.row_id)
    done.set_defaults(handler=cmd_meetings_done)


def _register_outreach(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("outreach", help="log requests for a meeting")
    osub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    log = osub.add_parser("log", help="record one attempt (nothing is sent)")
    log.add_argument("--contact", required=True, help="id, full name, or a unique part of it")
    log.add_argument("--channel", required=True, choices=OUTREACH_CHANNELS, type=str.lower)
    log.add_argument("--answered", action="store_true", help="they replied")
    log.add_argument("--on", help="date of the attempt, e.g. 2026-11-20 (default: now)")
    log.add_argument("--message", default="")
    log.add_argument("--json", action="store_true")
    log.set_defaults(handler=cmd_outreach_log)


def _register_questions(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("questions", help="the question bank")
    qsub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    lst = qsub.add_parser("list", help="list questions")
    lst.add_argument("--category", choices=QUESTION_CATEGORIES, type=str.lower)
    lst.add_argument("--retired", action="store_true", help="include retired questions")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_questions_list)
    add = qsub.add_parser("add", help="add a question of your own")
    add.add_argument("text")
    add.add_argument("--category", required=True, choices=QUESTION_CATEGORIES, type=str.lower)
    add.add_argument("--tag", action="append", default=[], help="repeat for several")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_questions_add)


def _register_profile(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("profile", help="your name, pitch and targets")
    psub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    show = psub.add_parser("show", help="print your profile")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_profile_show)
    put = psub.add_parser("set", help="change fields of your profile")
    for name in PROFILE_FIELDS:
        put.add_argument(f"--{name.replace('_', '-')}", dest=name)
    put.add_argument(
        "--if-version", dest="if_version", type=numbers.version, metavar="N",
        help="save only if the profile is still at version N ('profile show' prints it)",
    )
    put.set_defaults(handler=cmd_profile_set)


def _meeting_rows(items: list[meetings.MeetingView]) -> list[list]:
    return [[m.id, m.local_label, m.minutes, m.kind, m.contact_name, m.organization, m.status] for m in items]


def cmd_meetings_add(args: argparse.Namespace) -> int:
    contact_id = resolve_contact(args.contact)
    data = {
        "when": args.when,
        "tz": args.tz or system_zone_name(),
        "minutes": args.minutes,
        "kind": args.kind,
        "place": args.place,
        "objective_learn": args.learn,
        "objective_reveal": args.reveal,
        "objective_ask": args.ask,
        "status": args.status,
    }
    meeting = meetings.schedule_meeting(contact_id, data)
    if args.json:
        emit_json(meeting.to_dict())
    else:
        info(f"Scheduled meeting {meeting.id}: {meeting.contact_name}, {meeting.local_label}, {meeting.minutes} min.")
    return 0


def cmd_meetings_list(args: argparse.Namespace) -> int:
    items = meetings.list_meetings() if args.all else meetings.upcoming_meetings(days=None)
    if args.json:
        emit_json([m.to_dict() for m in items])
        return 0
    emit_table(["id", "when", "min", "kind", "with", "organization", "status"], _meeting_rows(items))
    info(f"{len(items)} meeting(s){'' if args.all else ' coming up'}.")
    return 0


def cmd_meetings_show(args: argparse.Namespace) -> int:
    detail = get_meeting_detail(args.id)
    if args.json:
        emit_json(detail.to_dict())
        return 0
    m = detail.meeting
    print(f"Meeting {m.id}: {m.contact_name}" + (f" ({m.organization})" if m.organization else ""))
    for label, value in (
        ("When", f"{m.local_label}, {m.minutes} minutes"),
        ("Kind", m.kind),
        ("Place", m.place),
        ("Status", m.status.replace("_", "-")),
        ("Learn", m.objective_learn),
        ("Reveal", m.objective_reveal),
        ("Ask", m.objective_ask),
        ("Thank-you", _thank_you_line(m)),
        ("Notes", m.notes),
    ):
        if value:
            print(f"  {label + ':':<11} {value}")
    for q in detail.questions:
        print(f"  Q{q.position + 1}. {q.text}")
        if q.answer:
            print(f"      → {q.answer}")
    for i in detail.introductions:
        print(f"  Introduction: {i.introduced_name} ({i.status})")
    for a in detail.actions:
        print(f"  Action: {a.text}{' (done)' if a.done else ''}")
    return 0


def _thank_you_line(m: meetings.MeetingView) -> str:
    if m.thank_you_sent_at:
        return f"sent {m.thank_you_sent_at:%Y-%m-%d}"
    if m.thank_you_due_at:
        return f"due by {m.thank_you_due_at:%Y-%m-%d %H:%M} UTC"
    return ""


def cmd_meetings_done(args: argparse.Namespace) -> int:
    m = meetings.mark_done(args.id)
    info(f"Meeting {m.id} with {m.contact_name} marked done; thank-you due by {m.thank_you_due_at:%Y-%m-%d %H:%M} UTC.")
    return 0


def cmd_outreach_log(args: argparse.Namespace) -> int:
    contact_id = resolve_contact(args.contact)
    on = parse_day(args.on, "--on") if args.on else None
    logged = outreach.log_attempt(contact_id, args.channel, args.answered, on, args.message)
    if args.json:
        emit_json(logged.to_dict())
        return 0
    info(f"Logged {logged.attempt.channel} attempt {logged.attempt.id} to {logged.state.contact_name}.")
    if logged.state.limit_reached:
        print(logged.state.advice)
    return 0


def cmd_questions_list(args: argparse.Namespace) -> int:
    items = questions.list_questions(category=args.category, include_retired=args.retired)
    if args.json:
        emit_json([q.to_dict() for q in items])
        return 0
    emit_table(["id", "category", "question", "tags"], [[q.id, q.category, q.text, " ".join(q.tags)] for q in items])
    info(f"{len(items)} question(s).")
    return 0


def cmd_questions_add(args: argparse.Namespace) -> int:
    q = questions.add_question(args.text, args.category, tags=args.tag)
    if args.json:
        emit_json(q.to_dict())
    else:
        info(f"Added question {q.id} to {q.category_label}.")
    return 0


def cmd_today(args: argparse.Namespace) -> int:
    from ..services.network.asks import todays_asks
    from ..services.today import today

    result = today(tz=args.tz)
    asks = todays_asks()
    if args.json:
        emit_json(result.to_dict() | {"introductions_to_ask": [a.to_dict() for a in asks]})
    else:
        print_today(result, asks)
    return 0


def cmd_ics_export(args: argparse.Namespace) -> int:
    # Here, not at the top: icalendar costs every other command 35 ms of start-up.
    from ..services.exporting import calendar as calendar_export

    if args.out:
        path, count = calendar_export.write_ics(Path(args.out), args.meeting, replace=args.force)
        info(f"Wrote {count} meeting(s) to {path}.")
    else:
        sys.stdout.buffer.write(calendar_export.export_ics(args.meeting))
        sys.stdout.flush()
    return 0


def cmd_profile_show(args: argparse.Namespace) -> int:
    profile = get_profile()
    if args.json:
        emit_json(profile.to_dict())
        return 0
    for key, value in profile.to_dict().items():
        print(f"{key.replace('_', ' ').capitalize() + ':':<19} {value}")
    return 0


def cmd_profile_set(args: argparse.Namespace) -> int:
    changes = {k: getattr(args, k) for k in PROFILE_FIELDS if getattr(args, k) is not None}
    if not changes:
        raise SystemExit("profile set: nothing to change; give at least one option, e.g. --pitch TEXT")
    update_profile(changes, expected_version=args.if_version)
    info(f"Saved your profile ({', '.join(changes)}).")
    return 0
