"""Full-text search gives the same answers on PostgreSQL (tsvector + unaccent + prefixes)
as on SQLite (FTS5), on one dataset with accents, prefixes, emails and organizations."""

from __future__ import annotations

from pathlib import Path

import pg_server
import pytest

from desktop_crm.services.contacts import create_contact, update_contact
from desktop_crm.services.contacts.bulk import bulk_create_contacts
from desktop_crm.services.contacts.search import search_contact_ids
from desktop_crm.services.contacts.table import TableSpec, count_rows, fetch_rows, make_filter
from desktop_crm.services.contacts.trash import trash_contacts
from desktop_crm.services.database.setup import ensure_defaults
from desktop_crm.store import close_database, open_store

PEOPLE = [
    ("François", "Dupont", "Société Générale", "Analyste crédit", ["f.dupont@socgen.example"], ""),
    ("Francesca", "Rossi", "Banca d'Italia", "Economist", ["frossi@bdi.example"], "met at café"),
    ("José", "Núñez", "Telefónica", "Ingeniero", ["jose.nunez@tf.example"], "Mañana works"),
    ("Jose", "Nunez", "", "Data engineer", [], "no accents at all"),
    ("Zoë", "Brontë", "Crème Brûlée Ltd", "Pâtissière", ["zoe@creme.example"], ""),
    ("Jürgen", "Müller", "Müller & Söhne", "Geschäftsführer", ["jm@mueller.example"], ""),
    ("Renée", "O'Brien", "Ó Briain Partners", "Partner", ["renee.obrien@ob.example"], "résumé review"),
    ("Ana", "García-López", "Nordic Ventures", "VP Engineering", ["ana@nv.example"], ""),
    ("Łukasz", "Wiśniewski", "Kraków Labs", "CTO", ["lukasz@krakow.example"], ""),
    ("Chloé", "Lefèvre", "Élysée Conseil", "Consultante", ["chloe@elysee.example"], "engineering manager"),
    ("Sipho", "Ndlovu", "Maple Health", "Engineer II", ["sipho2@maple.example"], "v2 launch 2024"),
]
# Bulk-loaded as well, so both engines' fast paths feed the index.
BULK = [{"first_name": f"Léa{i}", "last_name": "Moreau", "organization": "Banque Étoile",
         "emails": [f"lea{i}@etoile.example"]} for i in range(25)]

QUERIES = [
    "fran", "francois", "FRANÇOIS", "franc", "jos", "josé", "nunez", "núñ", "mañ", "man",
    "zoe", "bronte", "creme brul", "patiss", "jurg", "mull", "muller sohne", "söhne",
    "renee", "o'brien", "obrien", "o bri", "resume", "garcia", "lopez", "garcia-lo",
    "engin", "engineer", "eng vp", "lukasz", "wisn", "krak", "chlo", "elysee", "élys",
    "socgen", "example", "tf", "mueller", "2024", "v2", "ii", "lea1", "léa2", "moreau",
    "banque etoile", "etoil", "zzz", "a", "b c", "café", "cafe", "partner", "ó",
]


def _build() -> dict[str, int]:
    """The dataset; contact name -> id."""
    ids = {}
    for first, last, org, title, emails, notes in PEOPLE:
        c = create_contact({"first_name": first, "last_name": last, "organization": org,
                            "title": title, "emails": emails, "notes": notes})
        ids[f"{first} {last}"] = c.id
    bulk_create_contacts(BULK)
    trashed = create_contact({"first_name": "Frank", "last_name": "Trashed"})
    trash_contacts([trashed.id])
    update_contact(ids["Jose Nunez"], {"notes": "no accents at all, engineer"})
    return ids


def _answers() -> dict[str, tuple[list[int], list[int], list[int]]]:
    """Per query: the search's ids, with the trash, and the contact table filtered by it."""
    answers = {}
    for query in QUERIES:
        table = TableSpec(filter=make_filter({"text": query})).query()
        rows = [row.id for row in fetch_rows(table, 0, 200, count_rows(table))]
        answers[query] = (search_contact_ids(query, limit=200),
                          search_contact_ids(query, limit=200, include_trashed=True), rows)
    return answers


@pg_server.NEEDS_SERVER
def test_postgresql_search_matches_fts5_on_the_same_data(tmp_path: Path) -> None:
    open_store(tmp_path / "search.sqlite3")
    ensure_defaults()
    sqlite_ids = _build()
    on_sqlite = _answers()
    close_database()

    url = pg_server.fresh_database()
    try:
        open_store(url)
        assert _build() == sqlite_ids
        on_postgresql = _answers()
        close_database()
    finally:
        close_database()
        pg_server.drop_database(url)

    assert sum(1 for ids, _, _ in on_sqlite.values() if ids) > 40  # the queries do find things
    for query in QUERIES:
        assert on_postgresql[query] == on_sqlite[query], query


@pytest.mark.parametrize("query", ["francois", "nunez", "creme"])
def test_the_dataset_itself_folds_accents(db_path, query: str) -> None:
    """The shared dataset on each engine alone: accents folded, prefixes found."""
    _build()
    assert search_contact_ids(query)


@pg_server.NEEDS_SERVER
def test_the_servers_walk_in_name_order_and_its_index_plan_give_the_same_first_matches(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A server search reads the first contacts in name order, and asks the text index only
    when they hold too few matches (store/fts.py): at every limit, whichever plan answers,
    the ids are FTS5's first ones."""
    from desktop_crm.store import fts

    open_store(tmp_path / "search.sqlite3")
    ensure_defaults()
    _build()
    expected = {query: search_contact_ids(query, limit=200) for query in QUERIES}
    expected_all = {query: search_contact_ids(query, limit=200, include_trashed=True)
                    for query in QUERIES}
    close_database()
    url = pg_server.fresh_database()
    try:
        open_store(url)
        _build()
        walked = 0
        for walk in (3, 10, 2000):
            monkeypatch.setattr(fts, "WALK", walk)
            for query in QUERIES:
                for limit in (1, 2, 5, 30):
                    found = search_contact_ids(query, limit=limit)
                    assert found == expected[query][:limit], (walk, query, limit)
                    assert search_contact_ids(query, limit=limit, include_trashed=True) \
                        == expected_all[query][:limit], (walk, query, limit)
                    walked += len(expected[query]) >= limit
        assert walked > 100  # often enough matches for the walk to answer; the index the rest
    finally:
        close_database()
        pg_server.drop_database(url)
