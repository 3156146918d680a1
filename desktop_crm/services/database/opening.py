"""Opening and closing the database, for the entry point, the window and the command line.

The window and the command line never touch the store: they open the file
here, close it here, and read what went wrong from the names below. Opening
also does what every start needs once the file is open: the profile row and
the built-in questions, the first backup of the day, and the region in which
phone numbers without a country code are read.
"""

from __future__ import annotations

from pathlib import Path

from ...store import DATABASE_ERRORS, StoreError, close_database, db, explain, open_store
from ...store.database import open_target
from ...store.opening import OpenResult
from .backups import daily_backup
from .setup import configure_phone_region, ensure_defaults

__all__ = [
    "DATABASE_ERRORS",
    "OpenResult",
    "StoreError",
    "close_database",
    "explain",
    "explain_open",
    "open_database",
    "release_thread_connection",
]


def open_database(path: Path | str, window: bool = True, locale: str | None = None) -> OpenResult:
    """Open (or create, or upgrade) the database at ``path`` and make it ready to use.

    ``window=True`` holds the file's lock while it is open (one window per
    database); the command line (``window=False``) works beside a window. See
    :func:`desktop_crm.store.open_store` for what is checked before anything
    is written. ``locale`` (``"en_GB"``) names the region for phone numbers.
    """
    result = open_store(path, window=window)
    ensure_defaults()
    daily_backup()  # the first start of each day keeps a copy (database.backups)
    configure_phone_region(locale)
    return result


def release_thread_connection() -> None:
    """Close the calling thread's database connection (a worker thread's, when its job ends).

    The store keeps one connection per thread; a worker must not leave its own
    open behind.
    """
    if not db.is_closed():
        db.close()


def explain_open(exc: BaseException) -> StoreError:
    """The reason behind ``exc`` (the driver's error) on the database open now, said for a
    person: a dropped server connection, a busy or read-only file. A form shows it and
    keeps what was typed; the store reconnects by itself before the next change."""
    if isinstance(exc, StoreError):
        return exc
    return explain(open_target(), exc)
