"""The same models on a PostgreSQL server: connecting, and the engine's own dialect.

``--db postgresql://user@host:port/dbname`` binds the store's one ``db`` to
:class:`ServerDatabase` instead of the local file. The rest of the store keeps
its SQL: this class takes the ``?`` placeholders the SQLite code writes and
hands psycopg its ``%s`` ones, stores booleans as 0/1 (so ``answered = 1``
reads the same on both engines) and gives ``lastrowid`` after an ``INSERT``.
"""

from __future__ import annotations

import re

from peewee import PostgresqlDatabase

from .driver import load as load_driver
from .errors import StoreError, explain_server
from .server_changes import ChangeListener

_PLACEHOLDER = re.compile(r"""('(?:[^']|'')*'|"(?:[^"]|"")*")|(\?)|(%)""")


def to_pyformat(sql: str) -> str:
    """``?`` placeholders (outside quotes) to psycopg's ``%s``, and a literal ``%`` doubled."""
    def swap(match: re.Match[str]) -> str:
        quoted, mark, percent = match.groups()
        if quoted is not None:
            return quoted.replace("%", "%%")
        return "%s" if mark else "%%"
    return _PLACEHOLDER.sub(swap, sql)


_INSERT = re.compile(r'^\s*INSERT\s+INTO\s+"?(\w+)"?', re.IGNORECASE)


class _Cursor:
    """A psycopg cursor that also answers ``lastrowid`` after an ``INSERT … RETURNING id``
    added by :meth:`ServerDatabase.execute_sql` (SQLite's cursors give it for free)."""

    def __init__(self, cursor, returning: bool) -> None:
        self._cursor = cursor
        self.lastrowid = None
        if returning:
            rows = cursor.fetchall()
            self.lastrowid = rows[-1][0] if rows else None

    def __getattr__(self, name: str):
        return getattr(self._cursor, name)

    def __iter__(self):
        return iter(self._cursor)


# How long a server that does not answer is waited for before saying so.
CONNECT_TIMEOUT_S = 5


class ServerDatabase(PostgresqlDatabase):
    """PostgreSQL through psycopg 3, speaking the store's SQLite-style raw SQL."""

    passphrase = None  # encryption at rest is the server's business
    field_types = {**PostgresqlDatabase.field_types, "BOOL": "SMALLINT"}
    id_tables: frozenset[str] = frozenset()  # tables with an "id" key, for lastrowid

    def __init__(self, url: str, **kwargs) -> None:
        # libpq reads both spellings, but peewee hands only "postgresql://" over as an
        # address: "postgres://" (Heroku's, many hosts') became a database name.
        if url[:11].lower() == "postgres://":
            url = "postgresql://" + url[11:]
        load_driver()
        super().__init__(url, prefer_psycopg3=True, connect_timeout=CONNECT_TIMEOUT_S, **kwargs)
        self.url = url
        self._listener: ChangeListener | None = None

    def changes_heard(self) -> int:
        """How many commits other connections made since this process first asked
        (store/server_changes.py): the asking thread's own commits are left out."""
        if self._listener is None:
            self._listener = ChangeListener(self.url)
        return self._listener.changes(self.backend_pid())

    def backend_pid(self) -> int | None:
        """The server process behind this thread's connection (None when it has none)."""
        conn = self._state.conn
        if conn is None or conn.closed:
            return None
        return conn.info.backend_pid

    def stop_listening(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def cursor(self, named_cursor=None):
        """A cursor, on a new connection when the server dropped the last one (restarted,
        or the network came back): the app reconnects by itself between changes. Inside
        a transaction it never does: that change fails whole and is said."""
        conn = self._state.conn
        if conn is not None and conn.closed and not self._state.transactions:
            self._state.reset()
        return super().cursor(named_cursor)

    def _connect(self):
        conn = super()._connect()
        from psycopg.adapt import Dumper

        class _BoolAsInt(Dumper):
            """Booleans as 0/1 (SMALLINT columns), as SQLite holds them."""

            oid = conn.adapters.types["int2"].oid

            def dump(self, obj: bool) -> bytes:
                return b"1" if obj else b"0"

        conn.adapters.register_dumper(bool, _BoolAsInt)
        return conn

    def execute_sql(self, sql, params=None, *args, **kwargs):
        returning = False
        if "%s" not in sql:  # the store's own SQL, written with ? placeholders
            sql = to_pyformat(sql)
            found = _INSERT.match(sql)
            if (found and found.group(1) in self.id_tables and "RETURNING" not in sql.upper()
                    and " SELECT " not in sql.upper()):
                sql += " RETURNING id"
                returning = True
        cursor = super().execute_sql(sql, params, *args, **kwargs)
        return _Cursor(cursor, returning) if returning else cursor


def probe(url: str) -> tuple[int, int]:
    """Connect to ``url`` on a connection of its own (the open database is left alone),
    read its schema version and how many tables it holds, and disconnect. Raises
    :class:`ServerError` with a one-line reason when it cannot be used."""
    from .server_schema import read_version, table_names

    trial = ServerDatabase(url)
    try:
        trial.connect()
        return read_version(trial), len(table_names(trial))
    except StoreError:
        raise
    except Exception as exc:  # psycopg's errors, through peewee
        raise explain_server(url, exc) from None
    finally:
        if not trial.is_closed():
            trial.close()
