"""Errors the store raises when a database file (or a server) cannot be used.

Each message names the file and says what the user can do, because these are
shown as they are, in a dialog or on stderr.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


class StoreError(Exception):
    """A database file that cannot be opened; nothing was changed in it."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = Path(path)
        super().__init__(message)


class NotADatabaseError(StoreError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"{path} is not a Desktop CRM database (it is not an SQLite file). "
            "Choose another file with --db, or move this one away; it was left untouched.",
        )


class CorruptDatabaseError(StoreError):
    def __init__(self, path: Path | str, detail: str) -> None:
        super().__init__(
            path,
            f"{path} is damaged and cannot be read ({detail}). It was left untouched: "
            "restore a backup (see the README, 'Backups') or open another file with --db.",
        )


class NewerVersionError(StoreError):
    def __init__(self, path: Path | str, found: int, supported: int) -> None:
        self.found = found
        self.supported = supported
        super().__init__(
            path,
            f"{path} was written by a newer version of Desktop CRM (schema {found}; this "
            f"version understands up to {supported}). Update the app to open it; the file "
            "was left untouched.",
        )


class DatabaseInUseError(StoreError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"{path} is already open in another running copy of Desktop CRM. "
            "Close the other copy first, or open another file with --db.",
        )


class UpgradeWhileOpenError(StoreError):
    """The window has the file open and this copy would have to upgrade it first."""

    def __init__(self, path: Path | str, found: int, current: int) -> None:
        super().__init__(
            path,
            f"{path} is open in the Desktop CRM window and needs an upgrade (schema {found} "
            f"to {current}) before this version can use it. Close the window and try again; "
            "nothing was changed.",
        )


class NotOurDatabaseError(StoreError):
    """An SQLite file made by another program: never converted."""

    def __init__(self, path: Path | str, detail: str) -> None:
        super().__init__(
            path,
            f"{path} is a database of another program ({detail}), not a Desktop CRM "
            "database. It was left untouched; choose another one with --db.",
        )


class DatabaseBusyError(StoreError):
    """Another process held a lock on the file for longer than the busy timeout."""

    def __init__(self, path: Path | str, holders: str) -> None:
        super().__init__(
            path,
            f"{path} is busy: {holders} has held a lock on it for more than "
            f"{BUSY_TIMEOUT_S:g} seconds. Nothing was changed; try again when it is done.",
        )


class ReadOnlyDatabaseError(StoreError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"{path} cannot be written: the file or its folder is read-only. Nothing was "
            "changed; make it writable, or open a copy with --db.",
        )


class DiskFullError(StoreError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"the disk holding {path} is full. Nothing was changed and the file is intact; "
            "free some space and try again.",
        )


class DatabaseUnavailableError(StoreError):
    """SQLite could not use the file for a reason that is not damage (I/O, permissions)."""

    def __init__(self, path: Path | str, detail: str) -> None:
        super().__init__(
            path,
            f"{path} cannot be used right now ({detail}). It is not damaged and was left "
            "untouched; check the disk and the file's permissions.",
        )


class UnusablePathError(StoreError):
    """The path itself cannot hold a database: a folder, a name too long, a place that
    cannot have files. Said before anything is written."""

    def __init__(self, path: Path | str, detail: str) -> None:
        super().__init__(
            path,
            f"{path} cannot be a database file ({detail}). Nothing was written; "
            "give --db a file's path (e.g. crm.sqlite3 in a folder of yours).",
        )


class DanglingLinkError(StoreError):
    def __init__(self, path: Path | str, target: Path | str) -> None:
        super().__init__(
            path,
            f"{path} is a link to {target}, which does not exist. Nothing was created; "
            "fix the link or give the real file with --db.",
        )


BUSY_TIMEOUT_S = 5.0
_DAMAGE = ("not a database", "malformed", "disk image", "corrupt", "file is encrypted")


def explain(path: Path | str, exc: BaseException) -> StoreError:
    """The real reason behind an SQLite error on ``path``, said for a person.

    Only damage is called damage: a lock, a read-only file, a full disk or an
    I/O refusal on a healthy file each get their own message, since "restore a
    backup" would overwrite good data.
    """
    from .holders import describe_holders
    if is_server_url(str(path)):
        return explain_server(str(path), exc)
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseBusyError(path, describe_holders(Path(path)))
    if "readonly" in text or "read-only" in text or "read only" in text:
        return ReadOnlyDatabaseError(path)
    if "disk is full" in text or "no space" in text or "file too large" in text:
        return DiskFullError(path)
    if any(word in text for word in _DAMAGE):
        return CorruptDatabaseError(path, str(exc))
    if "unable to open" in text and not _can_write_in(Path(path).parent):
        return ReadOnlyDatabaseError(path)  # SQLite needs its -wal and -shm beside the file
    return DatabaseUnavailableError(path, str(exc))


def _can_write_in(folder: Path) -> bool:
    """Whether a file can be created in ``folder`` (tried, since permissions alone do not
    tell: root ignores them, read-only mounts and immutable folders do not show in them)."""
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


# --- a PostgreSQL server named by --db (store/server.py) ------------------------------------

SCHEMES = ("postgresql://", "postgres://")


def is_server_url(target: object) -> bool:
    """Whether ``target`` (a ``--db`` value) names a PostgreSQL server rather than a file."""
    return isinstance(target, str) and target.lower().startswith(SCHEMES)


def shown(url: str) -> str:
    """The URL without any password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", "@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


class ServerError(StoreError):
    """The server cannot be used (down, refused, unknown database); nothing was written."""

    def __init__(self, url: str, message: str) -> None:
        self.url = url
        super().__init__(shown(url), message)


def explain_server(url: str, exc: BaseException) -> ServerError:
    """A one-line reason for a connection failure, said for a person."""
    text = " ".join(str(exc).split())
    low = text.lower()
    where = shown(url)
    if "password authentication failed" in low or "no password supplied" in low:
        why = "the server refused the user name or password"
    elif "does not exist" in low and "database" in low:
        why = "the server has no such database (create it first: createdb NAME)"
    elif "does not exist" in low and "role" in low:
        why = "the server has no such user"
    elif "connection refused" in low or "no such file or directory" in low \
            or "could not connect" in low or "timeout" in low or "timed out" in low:
        why = "the server does not answer (is it running, and is the host and port right?)"
    elif "could not translate host name" in low or "name or service not known" in low:
        why = "the server's host name is unknown"
    elif "server closed the connection" in low or "terminating connection" in low \
            or "connection is lost" in low or "consuming input failed" in low \
            or "the connection is closed" in low:
        why = "the connection to the server was lost; nothing of the unfinished change was kept"
    else:
        why = text.splitlines()[0] if text else type(exc).__name__
    return ServerError(url, f"cannot use {where}: {why}; nothing was written")
