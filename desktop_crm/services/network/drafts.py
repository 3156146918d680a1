"""The introduction-request email, filled from ``resources/templates/introduction_request.txt``.

The template holds the three-sentence note the introducer can forward
(hello; "can I introduce you to..."; who you are). Placeholders are
``string.Template`` names documented in the templates' README.
"""

from __future__ import annotations

from string import Template
from typing import Any

from ...resources import resource_path

TEMPLATE = ("templates", "introduction_request.txt")
DEFAULT_MINUTES = 20


def split_template(text: str) -> tuple[str, str]:
    """(subject, body) of a template whose first line is 'Subject: ...'."""
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        return first.split(":", 1)[1].strip(), rest.lstrip("\n")
    return "", text


def introduction_email(profile: Any, introducer: Any, target: Any) -> tuple[str, str]:
    """(subject, body) asking ``introducer`` to introduce you to ``target``.

    ``profile`` is a ProfileView; ``introducer``/``target`` need ``name`` and
    ``organization`` (and ``industry`` for the topic when your profile has none).
    """
    text = resource_path(*TEMPLATE).read_text(encoding="utf-8")
    subject, body = split_template(text)
    values = {
        "target_name": target.name,
        "target_first_name": _first(target.name),
        "target_organization": target.organization or "their organization",
        "introducer_name": introducer.name,
        "introducer_first_name": _first(introducer.name),
        "your_name": profile.name or "[your name]",
        "your_pitch": profile.pitch or "[your short pitch: add it to your profile]",
        "topic": _topic(profile, target),
        "minutes": str(DEFAULT_MINUTES),
    }
    return Template(subject).safe_substitute(values), Template(body).safe_substitute(values)


def _first(name: str) -> str:
    return name.split()[0] if name.split() else name


def _topic(profile: Any, target: Any) -> str:
    """A short phrase for 'who is exploring ...'."""
    role = (profile.target_roles or "").split(",")[0].strip()
    industry = getattr(target, "industry", "") or (profile.target_industries or "").split(",")[0].strip()
    if role and industry:
        return f"{role.lower()} roles in {industry.lower()}"
    if role:
        return f"{role.lower()} roles"
    if industry:
        return f"work in {industry.lower()}"
    return "a next career step"
