"""A PostgreSQL database at the latest schema: the models' tables plus the engine's own
search objects, and the schema version kept in a one-row table.

SQLite reaches the latest schema through the frozen steps in migrations.py; a
server is built here at the latest version, from the models (which describe
the current schema), and takes any later step from the same list. The search
index is ``contact_search``: one ``tsvector`` per contact made from the same
text FTS5 indexes (name, organization, title, emails, notes), folded by
``unaccent`` and ``lower`` and split on anything that is not a letter or digit
as FTS5's ``unicode61`` tokenizer splits, kept by triggers that pause for bulk
loads exactly as the SQLite ones do (``fts_state``).
"""

from __future__ import annotations

from peewee import Database

from .sort_keys import ORGANIZATION_KEY_SQL

VERSION_TABLE = "schema_version"

# The SQL text each contact is searched by: FTS5's columns, joined.
SEARCH_TEXT = (
    "c.first_name || ' ' || c.last_name || ' ' || coalesce(o.name, '') || ' ' || c.title || ' ' "
    "|| coalesce((SELECT string_agg(e.email, ' ') FROM contact_email e "
    "WHERE e.contact_id = c.id), '') || ' ' || c.notes"
)


_EXTRA = [
    # Tags are one per name in any case, as SQLite's COLLATE NOCASE keeps them.
    "CREATE COLLATION crm_nocase (provider = icu, locale = 'und-u-ks-level2', "
    "deterministic = false)",
    'ALTER TABLE "tag" ALTER COLUMN "name" TYPE TEXT COLLATE crm_nocase',
    'CREATE UNIQUE INDEX "contact_tag_contact_id_tag_id" ON "contact_tag" ("contact_id", "tag_id")',
    'ALTER TABLE "contact" ADD COLUMN "org_sort" TEXT NOT NULL DEFAULT \'\'',
    'CREATE TABLE "undo_step" ("id" SERIAL PRIMARY KEY, "label" TEXT NOT NULL, '
    '"created_at" TIMESTAMP NOT NULL, "undone_at" TIMESTAMP)',
    'CREATE TABLE "undo_row" ("id" SERIAL PRIMARY KEY, "step_id" INTEGER NOT NULL '
    'REFERENCES "undo_step" ("id") ON DELETE CASCADE, "tbl" TEXT NOT NULL, '
    '"row_id" INTEGER NOT NULL, "op" TEXT NOT NULL, "before" TEXT NOT NULL)',
    'CREATE INDEX "undo_row_step_id" ON "undo_row" ("step_id", "tbl", "op")',
    'CREATE TABLE "reminder_snooze" ("contact_id" INTEGER NOT NULL REFERENCES "contact" ("id") '
    'ON DELETE CASCADE, "kind" TEXT NOT NULL, "until" TIMESTAMP NOT NULL, '
    'PRIMARY KEY ("contact_id", "kind"))',
    'CREATE TABLE "fts_state" ("paused" INTEGER NOT NULL)',
    'INSERT INTO "fts_state" ("paused") VALUES (0)',
    # Keyset paging and filters over live contacts, as SQLite's steps 2, 3 and 8 make them.
    *[f'CREATE INDEX "contact_live_{c}" ON "contact" ("{c}", "id") WHERE deleted_at IS NULL'
      for c in ("tier", "status", "last_contact_at", "next_meeting_at",
                "org_sort", "title", "industry", "location")],
    # The name order with every filtered column, as SQLite's step 9 makes it.
    'CREATE INDEX "contact_live_name_filters" ON "contact" ("sort_name", "id", "tier", "status", '
    '"industry", "location", "organization_id", "is_gatekeeper", "last_contact_at", "deleted_at") '
    "WHERE deleted_at IS NULL",
    'CREATE INDEX "contact_trashed" ON "contact" ("deleted_at", "id") WHERE deleted_at IS NOT NULL',
    'CREATE INDEX "contact_email_lower" ON "contact_email" (lower("email"))',
    'CREATE INDEX "meeting_planned_start" ON "meeting" ("starts_at", "contact_id") '
    "WHERE status = 'planned' AND deleted_at IS NULL",
    # The organization sort key, kept as SQLite's triggers keep it.
    """CREATE FUNCTION crm_org_sort() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND (NEW.organization_id IS NULL OR NEW.org_sort <> '') THEN
    RETURN NEW;
  END IF;
  NEW.org_sort := coalesce((SELECT """ + ORGANIZATION_KEY_SQL.format(o="o") + """ FROM organization o
                             WHERE o.id = NEW.organization_id), '');
  RETURN NEW;
END $$""",
    'CREATE TRIGGER "contact_org_sort_ai" BEFORE INSERT ON "contact" '
    "FOR EACH ROW EXECUTE FUNCTION crm_org_sort()",
    'CREATE TRIGGER "contact_org_sort_au" BEFORE UPDATE OF organization_id ON "contact" '
    "FOR EACH ROW EXECUTE FUNCTION crm_org_sort()",
    """CREATE FUNCTION crm_org_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE contact SET org_sort = """ + ORGANIZATION_KEY_SQL.format(o="NEW") + """ WHERE organization_id = NEW.id;
  IF (SELECT paused FROM fts_state LIMIT 1) = 0 THEN
    PERFORM crm_search_refresh(ARRAY(SELECT id FROM contact WHERE organization_id = NEW.id));
  END IF;
  RETURN NULL;
END $$""",
]

_SEARCH = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    'CREATE TABLE "contact_search" ("contact_id" INTEGER PRIMARY KEY REFERENCES "contact" ("id") '
    'ON DELETE CASCADE, "doc" tsvector NOT NULL)',
    'CREATE INDEX "contact_search_doc" ON "contact_search" USING gin ("doc")',
    # Folded words: accents off, lower case, split on what is not a letter or a digit.
    """CREATE FUNCTION crm_search_words(t text) RETURNS text LANGUAGE sql STABLE AS $$
SELECT regexp_replace(lower(unaccent(coalesce(t, ''))), '[^[:alnum:]]+', ' ', 'g') $$""",
    f"""CREATE FUNCTION crm_search_refresh(ids integer[]) RETURNS void LANGUAGE sql AS $$
DELETE FROM contact_search WHERE contact_id = ANY(ids);
INSERT INTO contact_search (contact_id, doc)
SELECT c.id, to_tsvector('simple', crm_search_words({SEARCH_TEXT}))
FROM contact c LEFT JOIN organization o ON o.id = c.organization_id WHERE c.id = ANY(ids);
$$""",
    """CREATE FUNCTION crm_contact_searched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT paused FROM fts_state LIMIT 1) = 0 THEN
    IF TG_TABLE_NAME = 'contact' THEN
      PERFORM crm_search_refresh(ARRAY[NEW.id]);
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM crm_search_refresh(ARRAY[OLD.contact_id]);
    ELSIF TG_OP = 'UPDATE' THEN
      PERFORM crm_search_refresh(ARRAY[OLD.contact_id, NEW.contact_id]);
    ELSE
      PERFORM crm_search_refresh(ARRAY[NEW.contact_id]);
    END IF;
  END IF;
  RETURN NULL;
END $$""",
    'CREATE TRIGGER "contact_search_aiu" AFTER INSERT OR UPDATE OF first_name, last_name, '
    'organization_id, title, notes ON "contact" FOR EACH ROW EXECUTE FUNCTION crm_contact_searched()',
    'CREATE TRIGGER "contact_email_search" AFTER INSERT OR UPDATE OR DELETE ON "contact_email" '
    "FOR EACH ROW EXECUTE FUNCTION crm_contact_searched()",
    'CREATE TRIGGER "organization_renamed" AFTER UPDATE OF name, sort_key ON "organization" '
    "FOR EACH ROW EXECUTE FUNCTION crm_org_renamed()",
]


def read_version(database: Database) -> int:
    """The schema version recorded in the server database (0 when it has none yet)."""
    exists = database.execute_sql(
        "SELECT to_regclass(%s) IS NOT NULL", (f'"{VERSION_TABLE}"',)).fetchone()[0]
    if not exists:
        return 0
    row = database.execute_sql(f'SELECT version FROM "{VERSION_TABLE}"').fetchone()
    return int(row[0]) if row else 0


def write_version(database: Database, version: int) -> None:
    database.execute_sql(f'UPDATE "{VERSION_TABLE}" SET version = %s', (int(version),))


def table_names(database: Database) -> set[str]:
    return {row[0] for row in database.execute_sql(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")}


def create_latest(database: Database, version: int) -> None:
    """Create every table, index, trigger and search object of schema ``version``
    (the caller holds the transaction) and record the version."""
    from .models import ALL_MODELS

    database.create_tables(ALL_MODELS, safe=False)
    for statement in (_SEARCH[0], *_EXTRA, *_SEARCH[1:]):
        database.execute_sql(statement)
    database.execute_sql(f'CREATE TABLE "{VERSION_TABLE}" ("version" INTEGER NOT NULL)')
    database.execute_sql(f'INSERT INTO "{VERSION_TABLE}" ("version") VALUES (%s)', (int(version),))
    announce_changes(database)


def fold_organization_sort(database: Database, key_of) -> None:
    """Schema step 10 on a server: every organization's sort key from ``key_of`` (the
    model's folding), then the contacts' copies (the triggers already read it)."""
    database.execute_sql(
        "ALTER TABLE organization ADD COLUMN IF NOT EXISTS sort_key TEXT NOT NULL DEFAULT ''")
    rows = database.execute_sql("SELECT id, name FROM organization").fetchall()
    for org_id, name in rows:
        database.execute_sql("UPDATE organization SET sort_key = %s WHERE id = %s",
                             (key_of(name), org_id))
    database.execute_sql(
        "UPDATE contact SET org_sort = coalesce((SELECT " + ORGANIZATION_KEY_SQL.format(o="o")
        + " FROM organization o WHERE o.id = contact.organization_id), '') "
        "WHERE organization_id IS NOT NULL")


# Every committed change is announced on this channel (LISTEN/NOTIFY), so that each
# open window, another copy of the app or psql alike, reloads (store/server_changes.py).
CHANGES_CHANNEL = "crm_changes"
ANNOUNCE_TRIGGER = "{table}_announced"


def announce_changes(database: Database) -> None:
    """Schema step 12 on a server (and part of a new one): a statement-level trigger on
    every table calls ``pg_notify``. PostgreSQL delivers a notification only when its
    transaction commits, folds identical ones of one transaction into one, and tells the
    listener which backend sent it, so a window can leave out its own commits. One
    trigger per statement (not per row) keeps a bulk load's cost to a hash lookup per
    statement. A table a later step creates calls this again."""
    database.execute_sql(f"""CREATE OR REPLACE FUNCTION crm_announce_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('{CHANGES_CHANNEL}', '');
  RETURN NULL;
END $$""")
    for table in sorted(table_names(database)):
        trigger = ANNOUNCE_TRIGGER.format(table=table)
        database.execute_sql(f'DROP TRIGGER IF EXISTS "{trigger}" ON "{table}"')
        database.execute_sql(
            f'CREATE TRIGGER "{trigger}" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION crm_announce_change()")
