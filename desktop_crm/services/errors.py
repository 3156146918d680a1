"""Errors the services raise for the user to read.

Each names what is wrong and where (the field, the name typed), so the CLI
can print it on one line and the UI can show it beside the field.
"""

from __future__ import annotations


class ServiceError(Exception):
    """Base of every error a user can cause and fix."""


class ValidationError(ServiceError):
    """One field holds a value we cannot accept; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class ValidationErrors(ServiceError):
    """Several fields are wrong at once; a form shows each at its field."""

    def __init__(self, errors: list[ValidationError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))

    @property
    def by_field(self) -> dict[str, str]:
        return {e.field: e.message for e in self.errors}


class NotFoundError(ServiceError):
    pass


class AmbiguousError(ServiceError):
    """A name matches several people; ``matches`` lists (id, label)."""

    def __init__(self, query: str, matches: list[tuple[int, str]], what: str = "people") -> None:
        self.query = query
        self.matches = matches
        listed = "; ".join(f"{label} (id {id_})" for id_, label in matches[:10])
        more = f" and {len(matches) - 10} more" if len(matches) > 10 else ""
        super().__init__(
            f"'{query}' matches {len(matches)} {what}: {listed}{more}. Use the id or a longer name."
        )
