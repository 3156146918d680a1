"""Where Desktop CRM keeps its files: platformdirs folders and the ``--db`` override.

Everything that needs a path asks here, so ``--db`` is honoured everywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "DesktopCRM"
APP_AUTHOR = "DesktopCRM"
DB_FILENAME = "contacts.sqlite3"
DEMO_DB_FILENAME = "demo.sqlite3"

_dirs = PlatformDirs(APP_NAME, APP_AUTHOR)


def data_dir() -> Path:
    """The user's data folder; ``DESKTOP_CRM_HOME`` overrides it (tests, portable use)."""
    override = os.environ.get("DESKTOP_CRM_HOME")
    return Path(override) if override else Path(_dirs.user_data_dir)


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def demo_db_path() -> Path:
    return data_dir() / DEMO_DB_FILENAME


def backups_dir() -> Path:
    return data_dir() / "backups"


def import_reports_dir() -> Path:
    """Where each import's report and refused rows go (never beside the source file)."""
    return data_dir() / "import-reports"


def logs_dir() -> Path:
    override = os.environ.get("DESKTOP_CRM_HOME")
    return Path(override) / "logs" if override else Path(_dirs.user_log_dir)


def is_address(db_arg: object) -> bool:
    """Whether ``--db`` names a server (``scheme://…``) rather than a file: the store
    is handed such an address as it is."""
    return isinstance(db_arg, str) and "://" in db_arg


def resolve_db_path(db_arg: str | os.PathLike[str] | None, demo: bool = False) -> Path | str:
    """The database to open: ``--db`` if given (a file, or a server's address), else
    the demo or the default file."""
    if is_address(db_arg):
        return str(db_arg)
    if db_arg:
        path = Path(db_arg).expanduser()
        try:
            if path.is_symlink() and not path.exists():
                return path.absolute()  # a dangling link: opening refuses it, creating nothing
            return path.resolve()
        except OSError:  # a name too long to look up: opening says so
            return path.absolute()
    return demo_db_path() if demo else default_db_path()
