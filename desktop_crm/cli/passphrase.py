"""Reading a passphrase on the command line: from the environment, or a prompt without echo.

Scripts set ``DESKTOP_CRM_PASSPHRASE`` (the database's) and, for ``encryption
on`` and ``encryption passphrase``, ``DESKTOP_CRM_NEW_PASSPHRASE``. Without
them a terminal is asked (``getpass``: nothing is echoed); without a terminal
the command says which variable to set, and exits 1.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from ..services.database import encryption
from ..services.errors import ServiceError

TRIES = 3


def _terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def unlock(path: Path) -> None:
    """Before opening ``path``: if it is encrypted, get its passphrase and check it."""
    if not encryption.needs_passphrase(path):
        return
    given = os.environ.get(encryption.PASSPHRASE_VARIABLE)
    if given is not None:
        encryption.unlock(path, given)
        return
    if not _terminal():
        raise ServiceError(
            f"{path} is encrypted: set {encryption.PASSPHRASE_VARIABLE} to its passphrase, "
            "or run the command in a terminal to be asked. Nothing was changed.")
    for attempt in range(1, TRIES + 1):
        try:
            encryption.unlock(path, getpass.getpass(f"Passphrase for {path}: "))
            return
        except Exception as exc:  # noqa: BLE001 - said, then asked again
            if attempt == TRIES:
                raise
            print(f"desktop-crm: {exc}", file=sys.stderr)


def new_passphrase() -> str:
    """The new passphrase: the environment's, or typed twice at a terminal."""
    given = os.environ.get(encryption.NEW_PASSPHRASE_VARIABLE)
    if given is not None:
        return given
    if not _terminal():
        raise ServiceError(
            f"set {encryption.NEW_PASSPHRASE_VARIABLE} to the new passphrase, or run the "
            "command in a terminal to be asked. Nothing was changed.")
    first = getpass.getpass("New passphrase: ")
    if not first:
        raise ServiceError("the passphrase is empty; nothing was changed")
    if getpass.getpass("The same again: ") != first:
        raise ServiceError("the two passphrases differ; nothing was changed")
    return first
