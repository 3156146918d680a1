"""Everything the app writes is readable by its owner only, from the first byte.

Contacts, notes and meeting answers are private. On POSIX the process
``umask`` is set to ``077`` before anything is written, so every file and
folder the app creates (the database and its journal, backups, exports,
prep sheets, import reports, the window's settings, a saved map) is born
``0600`` / ``0700``, including files written by libraries (Qt, reportlab)
that take no mode. The app's own folders, if an older version made them
readable by others, are tightened at start. Nothing goes over the network.
On Windows, files inherit the user's profile folder's rights.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import paths

UMASK = 0o077


def owner_only() -> None:
    """Make what this process creates owner-only, and tighten the app's folders."""
    if os.name != "posix":
        return
    os.umask(UMASK)
    for folder in app_folders():
        tighten(folder)


def app_folders() -> list[Path]:
    return [paths.data_dir(), paths.backups_dir(), paths.import_reports_dir()]


def tighten(folder: Path) -> None:
    """``chmod 700`` a folder of ours (owned by this user); anything else is left."""
    try:
        info = folder.stat()
    except OSError:
        return
    if info.st_uid == os.getuid() and info.st_mode & 0o077:
        try:
            folder.chmod(0o700)
        except OSError:
            pass
