"""Hearing a server announce changes: the PostgreSQL twin of SQLite's ``data_version``.

Every table on the server has a statement trigger that calls ``pg_notify`` on
:data:`~.server_schema.CHANGES_CHANNEL` (schema step 12); PostgreSQL sends the
notification when the transaction commits, with the sender's backend pid.
:class:`ChangeListener` keeps one connection of its own (autocommit, apart from
peewee's, which may sit inside a transaction) that LISTENs, and counts the
notifications sent by any backend but the asking thread's own, so a window's
own saves do not reload it while its worker threads' and other copies' do,
as with SQLite. Reading is non-blocking (``notifies(timeout=0)``): a window
asks on its timer.

A lost listener (the server restarted, the network dropped) reconnects quietly,
at most every :data:`RETRY_S` seconds, and counts the reconnect as one change:
what happened while it was deaf is unknown, so the window reloads once.
"""

from __future__ import annotations

import threading
import time

from .server_schema import CHANGES_CHANNEL

RETRY_S = 5.0
CONNECT_TIMEOUT_S = 2


class ChangeListener:
    """A LISTENing connection to one server database and the count of others' commits."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.count = 0
        self._conn = None
        self._lost = False  # heard before, deaf now: a reconnect counts as a change
        self._next_try = 0.0
        self._lock = threading.Lock()  # the UI thread and a worker may both ask

    def changes(self, own_pid: int | None) -> int:
        """The number of commits by other backends heard so far (plus one per reconnect);
        meaningful only compared with itself. Never blocks on a live connection."""
        with self._lock:
            if self._conn is None and not self._connect():
                return self.count
            try:
                for note in self._conn.notifies(timeout=0):
                    if note.pid != own_pid:
                        self.count += 1
            except Exception:  # psycopg's errors: the connection is gone
                self._drop()
            return self.count

    def close(self) -> None:
        with self._lock:
            self._drop()
            self._lost = False

    def _connect(self) -> bool:
        if time.monotonic() < self._next_try:
            return False
        import psycopg

        try:
            conn = psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
            conn.execute(f"LISTEN {CHANGES_CHANNEL}")
        except psycopg.Error:
            self._next_try = time.monotonic() + RETRY_S
            return False
        self._conn = conn
        if self._lost:
            self._lost = False
            self.count += 1
        return True

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # closing a broken connection may complain; it is closed anyway
                pass
            self._conn = None
            self._lost = True
            self._next_try = 0.0  # try again at the next question, then every RETRY_S
