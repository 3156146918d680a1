"""Choosing a PostgreSQL server from the window: its address, a trial connection, a name.

The window's "Open a server database…" dialog builds the address from its
fields, tries it here (the same one-line reasons as opening: down, wrong
password, no such database) and then opens it through :mod:`.opening`.

The password is never kept by the app. The remembered choice is the address
without it; libpq finds a password in ``~/.pgpass`` (or the file
``PGPASSFILE`` names) by itself, and when it finds none the window asks for
it at start and holds it in memory only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from ...store.errors import StoreError
from ...store.migrations import CURRENT_VERSION
from ...store.targets import is_server_url, probe, shown
from ..errors import ValidationError, ValidationErrors

__all__ = ["ServerAddress", "describe_database", "is_server_url", "needs_password", "try_server"]

DEFAULT_PORT = 5432


@dataclass(frozen=True)
class ServerAddress:
    """A PostgreSQL database as the dialog's fields give it."""

    host: str = "localhost"
    port: int = DEFAULT_PORT
    database: str = ""
    user: str = ""
    password: str = ""

    def url(self, with_password: bool = True) -> str:
        """``postgresql://user:password@host:port/database``, each part quoted."""
        who = quote(self.user, safe="")
        if with_password and self.password:
            who += ":" + quote(self.password, safe="")
        host = f"[{self.host}]" if ":" in self.host else self.host
        at = f"{who}@" if who else ""
        return f"postgresql://{at}{host}:{self.port}/{quote(self.database, safe='')}"

    @classmethod
    def from_url(cls, url: str) -> ServerAddress:
        """The fields of a ``postgresql://`` URL (a missing port is 5432)."""
        parts = urlsplit(url)
        try:
            port = parts.port or DEFAULT_PORT
        except ValueError:
            port = DEFAULT_PORT
        return cls(host=parts.hostname or "localhost", port=port,
                   database=unquote(parts.path.lstrip("/")), user=unquote(parts.username or ""),
                   password=unquote(parts.password or ""))

    def checked(self) -> ServerAddress:
        """The address with its text trimmed; ValidationErrors naming each empty or bad field."""
        errors = []
        host, database, user = self.host.strip(), self.database.strip(), self.user.strip()
        if not host:
            errors.append(ValidationError("host", "give the server's host name or address"))
        if not 0 < int(self.port) < 65536:
            errors.append(ValidationError("port", f"port {self.port} is not between 1 and 65535"))
        if not database:
            errors.append(ValidationError("database", "give the database's name (create it first: createdb NAME)"))
        if not user:
            errors.append(ValidationError("user", "give the user name to connect as"))
        if errors:
            raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
        return ServerAddress(host, int(self.port), database, user, self.password)


def try_server(url: str) -> str:
    """Connect to ``url`` on a connection of its own and say in one line what is there.

    Raises :class:`StoreError` with the same one-line reasons opening gives.
    Nothing is written: an empty database is set up only when it is opened.
    """
    version, tables = probe(url)
    where = shown(url)
    if version == 0 and tables:
        return (f"Connected to {where}, but it holds {tables} tables of another program; "
                "Desktop CRM will not open it")
    if version == 0:
        return f"Connected to {where}: an empty database; Desktop CRM sets it up when you open it"
    if version > CURRENT_VERSION:
        return (f"Connected to {where}: its schema {version} is newer than this copy of "
                f"Desktop CRM reads ({CURRENT_VERSION}); update the app first")
    return f"Connected to {where}: a Desktop CRM database (schema {version})"


def needs_password(error: StoreError) -> bool:
    """Whether opening failed for want of a (right) password: the window then asks for it."""
    return "refused the user name or password" in str(error)


def describe_database(target: Path | str) -> str:
    """What the window's title and status bar call the open database: the file's name,
    or ``crm on db.example.org:5432 (PostgreSQL)`` without user or password."""
    if is_server_url(str(target)):
        address = ServerAddress.from_url(str(target))
        return f"{address.database} on {address.host}:{address.port} (PostgreSQL)"
    return Path(target).name
