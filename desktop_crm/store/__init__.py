"""The local store: peewee on SQLite. Knows nothing of Qt, user-picked files or PDF."""

from .database import close_database, db
from .errors import (
    CorruptDatabaseError,
    DatabaseInUseError,
    NewerVersionError,
    NotADatabaseError,
    StoreError,
)
from .opening import open_store

__all__ = [
    "CorruptDatabaseError",
    "DatabaseInUseError",
    "NewerVersionError",
    "NotADatabaseError",
    "StoreError",
    "close_database",
    "db",
    "open_store",
]
