"""Email drafts from editable templates, and the mailto: link that opens them.

Templates live in ``resources/templates/`` (``string.Template`` syntax; the
placeholders are listed in that folder's README.md). The user may edit a
template: the edited copy is kept in the data folder and wins over the
shipped one until reset. Nothing is ever sent: a draft is copied to the
clipboard or opened in the mail app by the UI.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ...paths import data_dir
from ...resources import resource_path
from ...store.models import Contact, ContactEmail, Introduction, Meeting, utcnow
from ..contacts.profile import get_profile
from ..errors import NotFoundError, ValidationError
from .local_time import utc_to_local

TEMPLATES = {
    "meeting_request": "Meeting request",
    "follow_up": "Follow-up",
    "thank_you": "Thank-you",
    "introduction_ask": "Ask for an introduction",
    "introduction_request": "Introduction request",
    "introduction_forwardable": "Introduction to forward",
}
PLACEHOLDERS = frozenset(
    "contact_first_name contact_name your_name your_pitch organization target_name "
    "target_first_name target_organization introducer_name introducer_first_name "
    "meeting_when minutes topic learned".split()
)


@dataclass
class EmailDraft:
    template: str
    to: str  # may be empty when the person has no email address
    subject: str
    body: str

    @property
    def mailto(self) -> str:
        return mailto_url(self.to, self.subject, self.body)

    @property
    def clipboard_text(self) -> str:
        return f"Subject: {self.subject}\n\n{self.body}"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "mailto": self.mailto}


@dataclass
class TemplateInfo:
    name: str
    title: str
    edited: bool  # the user's copy is in use

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def mailto_url(to: str, subject: str, body: str) -> str:
    """A mailto: URL (RFC 6068): every part percent-encoded, newlines as CRLF."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    query = f"subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    return f"mailto:{quote(to, safe='@')}?{query}"


def _user_dir() -> Path:
    return data_dir() / "templates"


def _check_name(name: str) -> str:
    if name not in TEMPLATES:
        raise ValidationError("template", f"'{name}' is not one of: {', '.join(TEMPLATES)}")
    return name


def list_templates() -> list[TemplateInfo]:
    return [TemplateInfo(n, t, (_user_dir() / f"{n}.txt").is_file()) for n, t in TEMPLATES.items()]


def template_text(name: str) -> str:
    """The template in use: the user's edited copy, else the shipped one."""
    _check_name(name)
    user = _user_dir() / f"{name}.txt"
    source = user if user.is_file() else resource_path("templates", f"{name}.txt")
    return source.read_text(encoding="utf-8")


def validate_template(text: str) -> None:
    """A 'Subject: ' first line, a blank line, a body, and only known placeholders."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or not lines[0].startswith("Subject:"):
        raise ValidationError("template", "the first line must start with 'Subject: '")
    if len(lines) < 3 or lines[1].strip():
        raise ValidationError("template", "the second line must be blank, then the body follows")
    template = string.Template(text)
    if not template.is_valid():
        raise ValidationError("template", "a '$' is not followed by a placeholder name; write $$ for a dollar sign")
    unknown = sorted(set(template.get_identifiers()) - PLACEHOLDERS)
    if unknown:
        raise ValidationError(
            "template", f"unknown placeholder(s) {', '.join('${' + u + '}' for u in unknown)}; see the list of placeholders"
        )


def save_template(name: str, text: str) -> TemplateInfo:
    """Keep the user's edited copy of a template (checked first)."""
    _check_name(name)
    validate_template(text)
    folder = _user_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text.replace("\r\n", "\n"), encoding="utf-8")
    return TemplateInfo(name, TEMPLATES[name], True)


def reset_template(name: str) -> TemplateInfo:
    """Go back to the shipped template."""
    _check_name(name)
    (_user_dir() / f"{name}.txt").unlink(missing_ok=True)
    return TemplateInfo(name, TEMPLATES[name], False)


OPTIONAL_FIELDS = ("your_pitch",)  # may be empty: "In Alex's words: " alone reads as a mistake


def render(name: str, values: dict[str, Any]) -> tuple[str, str]:
    """(subject, body) of a template filled with ``values`` (missing ones stay visible as ${name})."""
    text = template_text(name)
    for key in OPTIONAL_FIELDS:  # a line built around an empty optional value goes altogether
        if key in values and not str(values[key]).strip():
            text = "\n".join(line for line in text.split("\n") if f"${{{key}}}" not in line and f"${key}" not in line)
    filled = string.Template(text).safe_substitute({k: str(v) for k, v in values.items()})
    head, _, body = filled.replace("\r\n", "\n").partition("\n")
    # A value left empty (no pitch yet) must not leave a blank paragraph behind.
    body = re.sub(r"\n[ \t]*(?:\n[ \t]*){2,}", "\n\n", body)
    return head.removeprefix("Subject:").strip(), body.lstrip("\n").rstrip() + "\n"


def _contact(contact_id: int) -> Contact:
    row = Contact.get_or_none(Contact.id == contact_id)
    if row is None:
        raise NotFoundError(f"no contact with id {contact_id}")
    return row


def _email(contact: Contact) -> str:
    first = contact.emails.order_by(ContactEmail.position, ContactEmail.id).first()
    return first.email if first else ""


def _org(contact: Contact) -> str:
    return contact.organization.name if contact.organization_id else "your organization"


def _you() -> dict[str, str]:
    profile = get_profile()
    return {"your_name": profile.name or "(your name)", "your_pitch": profile.pitch or ""}


def _about(contact: Contact, prefix: str) -> dict[str, str]:
    return {
        f"{prefix}_name": contact.full_name,
        f"{prefix}_first_name": contact.first_name or contact.full_name,
    }


def _topic(contact: Contact, topic: str | None) -> str:
    return (topic or "").strip() or (contact.industry.strip().lower() or "your field")


def _request(template: str, contact_id: int, topic: str | None, minutes: int) -> EmailDraft:
    contact = _contact(contact_id)
    values = {**_you(), **_about(contact, "contact"), "organization": _org(contact)}
    values |= {"topic": _topic(contact, topic), "minutes": minutes}
    return EmailDraft(template, _email(contact), *render(template, values))


def draft_meeting_request(contact_id: int, topic: str | None = None, minutes: int = 30) -> EmailDraft:
    """Asking for an informational interview."""
    return _request("meeting_request", contact_id, topic, minutes)


def draft_follow_up(contact_id: int, topic: str | None = None, minutes: int = 30) -> EmailDraft:
    """A gentle nudge after an unanswered request (the app suggests stopping after three)."""
    return _request("follow_up", contact_id, topic, minutes)


def meeting_when_phrase(starts_at: dt.datetime, tz: str, now: dt.datetime | None = None) -> str:
    """'today', 'yesterday', 'on Tuesday' (within a week) or 'on 3 March', in the meeting's zone."""
    met = utc_to_local(starts_at, tz).date()
    today = utc_to_local(now or utcnow(), tz).date()
    days = (today - met).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days < 7:
        return f"on {met:%A}"
    return f"on {met.day} {met:%B}"


def draft_thank_you(meeting_id: int, learned: str | None = None, now: dt.datetime | None = None) -> EmailDraft:
    """The thank-you note, due within a day of the meeting."""
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        raise NotFoundError(f"no meeting with id {meeting_id}")
    contact = _contact(meeting.contact_id)
    values = {**_you(), **_about(contact, "contact"), "organization": _org(contact)}
    values |= {
        "meeting_when": meeting_when_phrase(meeting.starts_at, meeting.tz, now),
        "learned": (learned or "").strip() or "your own path and your advice",
    }
    return EmailDraft("thank_you", _email(contact), *render("thank_you", values))


def _intro_values(introduction_id: int, topic: str | None, minutes: int) -> tuple[dict[str, Any], Contact, Contact]:
    intro = Introduction.get_or_none(Introduction.id == introduction_id)
    if intro is None:
        raise NotFoundError(f"no introduction with id {introduction_id}")
    if intro.introducer_id is None:
        raise ValidationError("introduction", "nobody introduced you here, so there is no one to ask")
    introducer, target = _contact(intro.introducer_id), _contact(intro.introduced_id)
    values = {**_you(), **_about(introducer, "introducer"), **_about(target, "target")}
    values |= {
        **_about(introducer, "contact"),
        "organization": _org(introducer),
        "target_organization": _org(target),
        "topic": _topic(target, topic),
        "minutes": minutes,
    }
    return values, introducer, target


def draft_introduction_request(introduction_id: int, topic: str | None = None, minutes: int = 30) -> EmailDraft:
    """To the introducer: a reminder with the three-line note they can forward."""
    values, introducer, _ = _intro_values(introduction_id, topic, minutes)
    return EmailDraft("introduction_request", _email(introducer), *render("introduction_request", values))


def draft_introduction_forwardable(introduction_id: int, topic: str | None = None, minutes: int = 30) -> EmailDraft:
    """The introduction itself, as the introducer would send it to the target."""
    values, _, target = _intro_values(introduction_id, topic, minutes)
    return EmailDraft("introduction_forwardable", _email(target), *render("introduction_forwardable", values))


def draft_introduction_ask(introducer_id: int, target_id: int, topic: str | None = None,
                           minutes: int = 20) -> EmailDraft:
    """To someone you know: would they introduce you to a person they know?

    The introducer and the target come from the path service (Find a way,
    ``path``, the "Introductions to ask for" list), so every draft names the
    same first step.
    """
    introducer, target = _contact(introducer_id), _contact(target_id)
    values = {**_you(), **_about(introducer, "introducer"), **_about(target, "target")}
    values |= {
        **_about(introducer, "contact"),
        "organization": _org(introducer),
        "target_organization": _org(target) if target.organization_id else "their organization",
        "topic": _ask_topic(target, topic),
        "minutes": minutes,
    }
    return EmailDraft("introduction_ask", _email(introducer), *render("introduction_ask", values))


def _ask_topic(target: Contact, topic: str | None) -> str:
    """'data engineering roles in energy': your target role, and their industry or yours."""
    if topic and topic.strip():
        return topic.strip()
    profile = get_profile()
    role = (profile.target_roles or "").split(",")[0].strip()
    industry = target.industry.strip() or (profile.target_industries or "").split(",")[0].strip()
    if role and industry:
        return f"{role.lower()} roles in {industry.lower()}"
    if role:
        return f"{role.lower()} roles"
    if industry:
        return f"work in {industry.lower()}"
    return "a next career step"
