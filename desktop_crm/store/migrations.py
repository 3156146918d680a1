"""Schema versions and the ordered steps that reach the current one.

The version lives in ``PRAGMA user_version``. Each step runs in one
transaction that also bumps the version, so a failed step leaves the file at
the previous version. Steps that rebuild tables run inside the migrator's
``migration_context()`` so foreign-key cascades cannot delete rows.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources as importlib_resources

from peewee import SqliteDatabase

from .sort_keys import ORGANIZATION_KEY_SQL


def _run_script(database: SqliteDatabase, name: str) -> None:
    """Run the frozen SQL script ``name`` beside this module, statement by statement."""
    sql = importlib_resources.files(__package__).joinpath(name).read_text("utf-8")
    conn = database.connection()
    for statement in _split_sql(sql):
        conn.execute(statement)


def _schema_v1(database: SqliteDatabase) -> None:
    _run_script(database, "schema_v1.sql")


def _split_sql(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies whole."""
    import sqlite3

    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def _schema_v2(database: SqliteDatabase) -> None:
    """Denormalised sort columns for the contact table, and smart lists."""
    conn = database.connection()
    # What playhouse's migrator writes for a nullable DateTimeField (the same table text),
    # without importing it: it loads the PostgreSQL driver (see driver.py).
    for column in ("last_contact_at", "next_meeting_at"):
        conn.execute(f'ALTER TABLE "contact" ADD COLUMN "{column}" DATETIME')
    conn.execute(
        'CREATE TABLE "smart_list" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, '
        '"filters" TEXT NOT NULL, "position" INTEGER NOT NULL)'
    )
    conn.execute('CREATE UNIQUE INDEX "smart_list_name" ON "smart_list" ("name")')
    # Keyset paging over live contacts: (key, id) partial indexes.
    for column in ("sort_name", "tier", "status", "last_contact_at", "next_meeting_at"):
        conn.execute(
            f'CREATE INDEX "contact_live_{column}" ON "contact" ("{column}", "id") '
            "WHERE deleted_at IS NULL"
        )
    conn.execute(
        "UPDATE contact SET last_contact_at = (SELECT max(at) FROM outreach_attempt o "
        "WHERE o.contact_id = contact.id)"
    )
    conn.execute(
        "UPDATE contact SET next_meeting_at = (SELECT min(starts_at) FROM meeting m "
        "WHERE m.contact_id = contact.id AND m.status = 'planned' AND m.deleted_at IS NULL)"
    )


def _contact_table_sort_and_undo_v3(database: SqliteDatabase) -> None:
    """Issue 4: sort the contact table on any column, and the undo change log.

    ``org_sort`` is the organization name denormalised into the contact row
    (kept by triggers) so sorting a million contacts by organization walks an
    index instead of sorting a join. ``undo_step``/``undo_row`` hold the
    before-images that :mod:`desktop_crm.services.undo` restores.
    """
    _run_script(database, "schema_v3_contact_table.sql")


def _workflow_reminder_snoozes_v4(database: SqliteDatabase) -> None:
    """Issue 6: "not now" on a Today reminder (first: the dormant suggestion).

    One row per (contact, kind) holds the time until which the reminder stays
    hidden; it goes with the contact when the contact is purged.
    """
    conn = database.connection()
    conn.execute(
        'CREATE TABLE "reminder_snooze" ("contact_id" INTEGER NOT NULL REFERENCES "contact" ("id") '
        'ON DELETE CASCADE, "kind" TEXT NOT NULL, "until" DATETIME NOT NULL, '
        'PRIMARY KEY ("contact_id", "kind"))'
    )


def _org_sort_supplied_on_insert_v5(database: SqliteDatabase) -> None:
    """Bulk inserts supply ``org_sort`` themselves (store/bulk.py insert_contacts).

    The insert trigger now fills it only when the row arrives without it,
    which saves a second write of every row and index entry on a 100k import.
    The plain ``sort_name`` index is dropped: the partial (sort_name, id)
    index over live contacts serves every query that sorts by name.
    """
    conn = database.connection()
    conn.execute('DROP INDEX IF EXISTS "contact_sort_name"')
    conn.execute('DROP TRIGGER IF EXISTS "contact_org_sort_ai"')
    conn.execute(
        'CREATE TRIGGER "contact_org_sort_ai" AFTER INSERT ON "contact" '
        "WHEN new.organization_id IS NOT NULL AND new.org_sort = '' BEGIN "
        "UPDATE contact SET org_sort = coalesce((SELECT lower(name) FROM organization "
        "WHERE id = new.organization_id), '') WHERE id = new.id; END"
    )


def _network_ties_v6(database: SqliteDatabase) -> None:
    """Issue 11: inferred ties the user dismissed, and where a tag came from.

    ``dismissed_tie`` holds pairs (lower id first) the user said do not know
    each other, so an inferred tie between them never comes back.
    ``tag.origin`` is the import format that brought a tag (a Google label,
    an Outlook category), empty for tags the user made: only imported groups
    suggest that their members know each other.
    """
    conn = database.connection()
    conn.execute(
        'CREATE TABLE "dismissed_tie" ("a" INTEGER NOT NULL REFERENCES "contact" ("id") ON DELETE CASCADE, '
        '"b" INTEGER NOT NULL REFERENCES "contact" ("id") ON DELETE CASCADE, '
        '"created_at" DATETIME NOT NULL, PRIMARY KEY ("a", "b"))'
    )
    conn.execute("ALTER TABLE \"tag\" ADD COLUMN \"origin\" TEXT NOT NULL DEFAULT ''")


def _accent_folding_sort_names_v7(database: SqliteDatabase) -> None:
    """Contacts sort with accents and scripts folded ("Ó Briain" under O, "Иванов" under I).

    Recomputes every ``sort_name`` with :func:`store.sort_keys.person_sort_key`,
    run inside SQLite as a function so a million rows take one UPDATE; only
    rows whose key changes are written. The (sort_name, id) index stays.
    """
    from .sort_keys import person_sort_key

    conn = database.connection()
    conn.create_function("person_sort_key", 2, person_sort_key, deterministic=True)
    conn.execute(
        "UPDATE contact SET sort_name = person_sort_key(first_name, last_name) "
        "WHERE sort_name IS NOT person_sort_key(first_name, last_name)"
    )


def _filter_indexes_v8(database: SqliteDatabase) -> None:
    """Every filter of the contact table reads an index at a million rows.

    A filter on tier or status (or organization, or gatekeepers) with the
    default name order walks ``(filter column, sort_name, id)`` over live
    contacts: the first page is the first rows of one index range and the
    count is that range's length, instead of a scan of the whole table.
    Planned meetings by start let "with an upcoming meeting" read its few
    contacts first.
    """
    conn = database.connection()
    for name, columns, where in (
        ("contact_live_tier_name", "tier, sort_name, id", "deleted_at IS NULL"),
        ("contact_live_status_name", "status, sort_name, id", "deleted_at IS NULL"),
        ("contact_live_org_name", "organization_id, sort_name, id", "deleted_at IS NULL"),
        ("contact_live_gatekeeper_name", "sort_name, id", "deleted_at IS NULL AND is_gatekeeper = 1"),
    ):
        conn.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "contact" ({columns}) WHERE {where}')
    conn.execute(
        'CREATE INDEX IF NOT EXISTS "meeting_planned_start" ON "meeting" ("starts_at", "contact_id") '
        "WHERE status = 'planned' AND deleted_at IS NULL"
    )


def _name_order_holds_the_filters_v9(database: SqliteDatabase) -> None:
    """Filters combined over several columns paint their first rows at once on a million.

    The live name-order index ``(sort_name, id)`` becomes ``contact_live_name_filters``:
    the same order followed by every column a filter tests (tier, status, industry,
    location, organization, gatekeeper, last contact, and deleted_at, which makes it
    covering). Walking the name order to the first page then tests each row inside
    the index instead of reading it from the table: industry + location at 1M, 200
    rows in ~1 ms instead of ~100 ms; a count of any combination reads this one index
    (~200 ms) instead of a table look-up per row of one filter (1-2 s). Still one index.
    """
    conn = database.connection()
    conn.execute('DROP INDEX IF EXISTS "contact_live_sort_name"')
    conn.execute(
        'CREATE INDEX IF NOT EXISTS "contact_live_name_filters" ON "contact" ("sort_name", "id", "tier", '
        '"status", "industry", "location", "organization_id", "is_gatekeeper", "last_contact_at", '
        '"deleted_at") WHERE deleted_at IS NULL'
    )


def _organization_sort_folds_accents_v10(database: SqliteDatabase) -> None:
    """The Organizations column sorts as names do: accents and scripts folded.

    ``organization.sort_key`` holds :func:`store.sort_keys.organization_sort_key`
    of the name (set by the model on every save, and by bulk inserts); the
    triggers copy it into ``contact.org_sort`` instead of ``lower(name)``, which
    stays the fallback for a row written without a key. Existing keys are
    computed here by a Python function inside SQLite, one UPDATE each table.
    """
    from .sort_keys import organization_sort_key

    if on_server(database):
        from .server_schema import fold_organization_sort

        fold_organization_sort(database, organization_sort_key)
        return
    conn = database.connection()
    conn.create_function("organization_sort_key", 1, organization_sort_key, deterministic=True)
    if "sort_key" not in {row[1] for row in conn.execute('PRAGMA table_info("organization")')}:
        conn.execute("ALTER TABLE \"organization\" ADD COLUMN \"sort_key\" TEXT NOT NULL DEFAULT ''")
    conn.execute("UPDATE organization SET sort_key = organization_sort_key(name)")
    key = ORGANIZATION_KEY_SQL.format(o="o")
    conn.execute(
        f"UPDATE contact SET org_sort = coalesce((SELECT {key} FROM organization o "
        "WHERE o.id = contact.organization_id), '') WHERE organization_id IS NOT NULL"
    )
    for name in ("contact_org_sort_ai", "contact_org_sort_au", "organization_org_sort_au"):
        conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    conn.execute(
        'CREATE TRIGGER "contact_org_sort_ai" AFTER INSERT ON "contact" '
        "WHEN new.organization_id IS NOT NULL AND new.org_sort = '' BEGIN "
        f"UPDATE contact SET org_sort = coalesce((SELECT {key} FROM organization o "
        "WHERE o.id = new.organization_id), '') WHERE id = new.id; END"
    )
    conn.execute(
        'CREATE TRIGGER "contact_org_sort_au" AFTER UPDATE OF organization_id ON "contact" BEGIN '
        f"UPDATE contact SET org_sort = coalesce((SELECT {key} FROM organization o "
        "WHERE o.id = new.organization_id), '') WHERE id = new.id; END"
    )
    conn.execute(
        'CREATE TRIGGER "organization_org_sort_au" AFTER UPDATE OF name, sort_key ON "organization" BEGIN '
        f"UPDATE contact SET org_sort = {ORGANIZATION_KEY_SQL.format(o='new')} WHERE organization_id = new.id; END"
    )


VERSIONED_TABLES = ("profile", "organization", "contact", "relationship", "meeting", "outreach_attempt")


def _edit_versions_v11(database: SqliteDatabase) -> None:
    """Every row the user edits in a form carries a ``version``.

    The models bump it on each write (``VersionedModel``); an editor saving
    from an older version gets a conflict instead of overwriting a change
    made by another copy of the app. Existing rows start at 1. Plain
    ``ALTER TABLE ... ADD COLUMN``, the same on PostgreSQL.
    """
    for table in VERSIONED_TABLES:
        if any(column.name == "version" for column in database.get_columns(table)):
            continue  # a file set back to an older schema number keeps its column
        database.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1')


def _server_announces_changes_v12(database: SqliteDatabase) -> None:
    """A server announces every committed change (LISTEN/NOTIFY), so an open window
    reloads when another copy of the app, or psql, changed the data.

    Server only: SQLite's ``PRAGMA data_version`` already tells a connection that
    another one committed, with nothing in the file.
    """
    if on_server(database):
        from .server_schema import announce_changes

        announce_changes(database)


STEPS: list[tuple[int, Callable[[SqliteDatabase], None]]] = [
    (1, _schema_v1),
    (2, _schema_v2),
    (3, _contact_table_sort_and_undo_v3),
    (4, _workflow_reminder_snoozes_v4),
    (5, _org_sort_supplied_on_insert_v5),
    (6, _network_ties_v6),
    (7, _accent_folding_sort_names_v7),
    (8, _filter_indexes_v8),
    (9, _name_order_holds_the_filters_v9),
    (10, _organization_sort_folds_accents_v10),
    (11, _edit_versions_v11),
    (12, _server_announces_changes_v12),
]
CURRENT_VERSION = STEPS[-1][0]


# A new PostgreSQL database is built at the latest version in one go, from the
# models with the engine's own objects (store/server_schema.py): a step added here
# changes those too, so that a new server database equals an upgraded one, and runs
# on both engines for one made earlier (SQL both understand, the store's ``?``
# placeholders translated, or a branch on ``on_server(database)``).


def on_server(database) -> bool:
    """Whether ``database`` is a PostgreSQL server (steps that differ ask this)."""
    from .server import ServerDatabase

    return isinstance(getattr(database, "obj", database), ServerDatabase)  # the proxy's too


def user_version(database: SqliteDatabase) -> int:
    if on_server(database):
        from .server_schema import read_version

        return read_version(database)
    return int(database.execute_sql("PRAGMA user_version").fetchone()[0])


def _record_version(database, version: int) -> None:
    if on_server(database):
        from .server_schema import write_version

        write_version(database, version)
    else:
        database.execute_sql(f"PRAGMA user_version = {int(version)}")


def upgrade(database: SqliteDatabase, target: int = CURRENT_VERSION) -> list[int]:
    """Run every step above the file's version up to ``target``; return those run."""
    done: list[int] = []
    if on_server(database) and user_version(database) == 0:
        from .server_schema import create_latest

        with database.atomic():
            create_latest(database, CURRENT_VERSION)
        done.append(CURRENT_VERSION)
    for version, step in STEPS:
        if version <= user_version(database) or version > target:
            continue
        with database.atomic():
            step(database)
            _record_version(database, version)
        done.append(version)
    return done
