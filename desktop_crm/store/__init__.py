"""The local store: peewee on SQLite. Knows nothing of Qt, user-picked files or PDF."""

# ruff: noqa: E402 - the driver is held back before peewee is imported (see driver.py)
from . import driver

driver.defer()  # before peewee is imported: the server's driver loads when a server opens

import peewee

from . import cipher
from .database import close_database, db
from .errors import (
    CorruptDatabaseError,
    DatabaseInUseError,
    NewerVersionError,
    NotADatabaseError,
    StoreError,
    explain,
)
from .opening import open_store

# What SQLite raises, through peewee or the raw cursor: give it to ``explain``.
DATABASE_ERRORS = (*cipher.errors(), peewee.DatabaseError)

__all__ = [
    "DATABASE_ERRORS",
    "CorruptDatabaseError",
    "DatabaseInUseError",
    "NewerVersionError",
    "NotADatabaseError",
    "StoreError",
    "close_database",
    "db",
    "explain",
    "open_store",
]
