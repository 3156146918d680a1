"""What "Find a way to…" means: one person, or one organization, from what was typed."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..contacts.organizations import resolve_organization
from ..contacts.resolve import resolve_contact
from ..errors import AmbiguousError, NotFoundError, ServiceError, ValidationError


@dataclass
class Target:
    kind: str  # "person" | "organization"
    id: int


@dataclass
class TargetChoices(ServiceError):
    """The text fits several people and/or organizations: the user picks one."""

    query: str
    people: list[tuple[int, str]] = field(default_factory=list)
    organizations: list[tuple[int, str]] = field(default_factory=list)

    def __str__(self) -> str:
        return f"'{self.query}' matches {len(self.people)} people and {len(self.organizations)} organizations"


def resolve_target(text: str) -> Target:
    """A person first (exact or unique name, or id), else an organization.

    Raises TargetChoices when the text fits several, NotFoundError when it
    fits nothing, ValidationError when it is empty.
    """
    text = (text or "").strip()
    if not text:
        raise ValidationError("target", "type a person's name or an organization")
    people: list[tuple[int, str]] = []
    try:
        return Target("person", resolve_contact(text))
    except AmbiguousError as exc:
        people = exc.matches
    except NotFoundError:
        pass
    organizations: list[tuple[int, str]] = []
    try:
        org_id = resolve_organization(text)
        if not people:
            return Target("organization", org_id)
        organizations = [(org_id, text)]
    except AmbiguousError as exc:
        organizations = exc.matches
    except NotFoundError:
        pass
    if people or organizations:
        raise TargetChoices(text, people, organizations)
    raise NotFoundError(f"No person or organization matches “{text}”. Check the spelling, or add them first.")
