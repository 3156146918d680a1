"""Errors the store raises when a database file cannot be used.

Each message names the file and says what the user can do, because these are
shown as they are, in a dialog or on stderr.
"""

from __future__ import annotations

from pathlib import Path


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
