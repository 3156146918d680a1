"""A cheap question to the database: has another connection committed since I last looked?

SQLite: ``PRAGMA data_version`` changes on this connection whenever any *other*
connection (another process, or another thread's connection) commits to the
file; this connection's own commits leave it alone. A server: the count of
changes announced by other connections (LISTEN/NOTIFY, store/server_changes.py),
which behaves the same. Reading either costs microseconds and takes no lock, so
a window can ask on a timer.
"""

from __future__ import annotations

from .database import db, on_server


def data_version() -> int | None:
    """The connection's current data version (meaningful only compared with itself);
    None when the database is closed (asking must never reopen it)."""
    if db.database is None or db.is_closed():
        return None
    if on_server():
        return db.obj.changes_heard()
    return int(db.execute_sql("PRAGMA data_version").fetchone()[0])
