"""Moving the whole network to another database: a local file to a server and back.

``desktop-crm move --to postgresql://…`` or ``--to FILE.sqlite3``: every row of
every table is read from the open database, the target is opened (created at
the latest schema if new) and filled in one transaction, and the counts are
checked before it commits. The target must hold no data yet; the source is only
read. A failure anywhere leaves the target as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...store import bulk as store_bulk
from ...store import close_database, open_store
from ...store.database import db
from ...store.dump import backup_tables, dump_tables, replace_all
from ..errors import ServiceError


@dataclass(frozen=True)
class MoveResult:
    target: str
    counts: dict[str, int]

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def table_counts() -> dict[str, int]:
    """Rows per user table of the open database."""
    return {t: int(db.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0])
            for t in backup_tables()}


def move_to(target: str | Path, source: str | Path) -> MoveResult:
    """Copy the open database (``source``) into ``target``; the store is closed after."""
    if str(target) == str(source) or (
            isinstance(target, Path) and isinstance(source, Path)
            and target.exists() and target.resolve() == Path(source).resolve()):
        raise ServiceError(f"{target} is the open database; nothing was changed")
    tables = dump_tables()
    expected = {t: len(rows) for t, rows in tables.items()}
    close_database()
    opened = open_store(target, window=False)
    try:
        held = {t: n for t, n in table_counts().items() if n}
        if held:
            raise ServiceError(
                f"{opened.path} already holds data ({', '.join(f'{n} {t}' for t, n in sorted(held.items())[:3])}); "
                "move only into a new, empty database. Nothing was changed")
        with db.atomic():
            replace_all(tables)
            found = table_counts()
            wrong = {t: (n, found.get(t)) for t, n in expected.items() if found.get(t) != n}
            if wrong:
                raise ServiceError(f"the copy's counts differ ({wrong}); nothing was changed")
        store_bulk.refresh_statistics()  # a new server would plan blind until autovacuum
        return MoveResult(str(opened.path), expected)
    finally:
        close_database()
