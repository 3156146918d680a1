"""A database the window cannot use for a moment is said in a message, not a traceback.

With the command line working beside the window, a save in the window can
meet a long write of the command line's (a big import): SQLite waits its
busy timeout, then refuses. That refusal (like a full disk or a read-only
file) reaches the event loop as an exception from whichever slot saved;
this hook turns it into one message box saying what is wrong and that
nothing was changed, and leaves every other exception to the previous hook.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from ..services.database.opening import DATABASE_ERRORS, StoreError, explain, explain_open
from .plain_text import as_typed

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def message_for(db_path: Path, error: BaseException) -> str | None:
    """What to tell the user about ``error``, or None if it is not the database's."""
    if isinstance(error, StoreError):
        return str(error)
    if isinstance(error, DATABASE_ERRORS):
        return str(explain(db_path, error))
    return None


# What a form's Save catches to say "not saved" and keep the form: the database's errors.
UNREACHABLE: tuple[type[BaseException], ...] = (StoreError, *DATABASE_ERRORS)


def unsaved_message(error: BaseException) -> str | None:
    """The one line a form shows when Save met a database it cannot use right now (a
    dropped server connection, a busy file), or None when ``error`` is not the database's.
    The form keeps every typed value; the next Save works once the database answers."""
    if not isinstance(error, UNREACHABLE):
        return None
    reason = " ".join(str(explain_open(error)).split()).rstrip(".")
    return (f"Not saved: {reason}. Everything you typed is still here: "
            "Save again once the database answers.")


def install(window: QWidget, db_path: Path) -> Hook:
    """Route database errors raised in the window's slots to a message box; returns
    the hook that was there before (for a test to put back)."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> object:
        text = message_for(db_path, value)
        if text is None:
            return previous(kind, value, tb)
        print(f"desktop-crm: {text}", file=sys.stderr)
        QMessageBox.warning(window, "Desktop CRM could not save", as_typed(text))
        return None

    sys.excepthook = hook
    return previous
