"""The PostgreSQL side of the test suite: fresh databases on a real server.

``DESKTOP_CRM_TEST_PG=postgresql://user:password@host:port/postgres`` (a user
that may create databases) turns it on; without it the PostgreSQL variants
are skipped with the reason. Each test gets its own database, copied from a
template built once per worker at the latest schema with the defaults in
place, and dropped afterwards. ``.ci/run`` starts a throwaway server for it.
"""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ENV = "DESKTOP_CRM_TEST_PG"
SERVER = os.environ.get(ENV, "")
NO_SERVER = f"no PostgreSQL server for the tests: set {ENV}=postgresql://... (see README)"
NEEDS_SERVER = pytest.mark.skipif(not SERVER, reason=NO_SERVER)

# Test modules (under tests/) whose db_path tests run on both engines: the store's
# and the services' own behaviour, which must not depend on the engine. Left out:
# what only a file has (store/test_filter_plans.py: SQLite's query plans; the
# automatic file backups and encryption at rest: services/database/test_auto_backups.py,
# services/database/test_encryption.py). A test in a listed module that checks SQLite's own
# behaviour skips its server variant with the reason (sqlite_only below).
BOTH_ENGINES: frozenset[str] = frozenset({
    "store/test_filter_results.py",
    "store/test_like.py",
    "store/test_org_sort.py",
    "store/test_search_engines.py",
    "store/test_search_index.py",
    "store/test_server.py",
    "services/database/test_backup_roundtrip.py",
    "services/database/test_backup_validation.py",
    "services/contacts/test_contact_table.py",
    "services/contacts/test_contacts.py",
    "services/meetings/test_drafts_with_empty_profile.py",
    "services/test_edit_versions.py",
    "services/meetings/test_email_drafts.py",
    "services/research/test_findings.py",
    "services/importing/test_import_ties.py",
    "services/importing/test_importing_merge.py",
    "services/importing/test_importing_properties.py",
    "services/importing/test_importing_ranges.py",
    "services/importing/test_importing_roundtrip.py",
    "services/importing/test_importing_scratch.py",
    "services/importing/test_importing_shapes.py",
    "services/importing/test_importing_stream.py",
    "services/importing/test_importing_stream_near.py",
    "services/importing/test_importing_dry_count.py",
    "services/importing/test_importing_undo.py",
    "services/importing/test_importing_undo_exact.py",
    "services/importing/test_importing_undo_property.py",
    "services/meetings/test_introductions.py",
    "services/test_lookups.py",
    "services/meetings/test_meeting_bundle.py",
    "services/meetings/test_meetings_lifecycle.py",
    "services/meetings/test_meetings_timezones.py",
    "services/network/test_network_asks.py",
    "services/network/test_network_layout.py",
    "services/network/test_network_paths.py",
    "services/network/test_network_ranking.py",
    "services/network/test_network_warmth_inferred.py",
    "services/test_one_transaction.py",
    "services/meetings/test_outreach_rules.py",
    "services/prep/test_prep_prose.py",
    "services/prep/test_prep_service.py",
    "services/research/test_questions_bank.py",
    "services/research/test_questions_suggestions.py",
    "services/contacts/test_smart_lists.py",
    "services/contacts/test_sort_order.py",
    "services/research/test_suggestions_by_field.py",
    "services/research/test_surround.py",
    "services/today/test_today.py",
    "services/test_undo.py",
})

_counter = itertools.count()
_template: dict[str, str] = {}


def runs_on_both(metafunc: pytest.Metafunc) -> bool:
    here = Path(__file__).parent
    try:
        relative = Path(metafunc.definition.fspath).relative_to(here).as_posix()
    except ValueError:
        return False
    if os.environ.get("DESKTOP_CRM_TEST_PG_ALL"):  # to try every store and service test
        return relative.startswith(("store/", "services/"))
    return relative in BOTH_ENGINES


def _worker() -> str:
    return re.sub(r"\W", "", os.environ.get("PYTEST_XDIST_WORKER", "main"))


def url_for(name: str) -> str:
    parts = urlsplit(SERVER)
    return urlunsplit(parts._replace(path="/" + name))


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(sql)


def _build_template() -> str:
    """A database at the latest schema with the profile row and question bank, once per worker."""
    from desktop_crm.services.database.setup import ensure_defaults
    from desktop_crm.store import close_database, open_store

    name = f"crm_test_template_{_worker()}_{os.getpid()}"
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{name}"')
    open_store(url_for(name))
    ensure_defaults()
    close_database()
    return name


def fresh_database(label: str = "") -> str:
    """The URL of a new database at the latest schema (with the defaults)."""
    if "name" not in _template:
        _template["name"] = _build_template()
    name = f"crm_test_{_worker()}_{os.getpid()}_{next(_counter)}"
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{_template["name"]}"')
    return url_for(name)


def empty_database() -> str:
    """The URL of a new, empty database (no schema yet)."""
    name = f"crm_test_{_worker()}_{os.getpid()}_{next(_counter)}"
    _admin(f'CREATE DATABASE "{name}"')
    return url_for(name)


def drop_database(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sqlite_only(db_path: object, why: str) -> None:
    """Skip the running test on the server variant: what it checks is SQLite's own."""
    if isinstance(db_path, str) and db_path.startswith("postgresql"):
        pytest.skip(f"SQLite only: {why}")


def sqlite_only_here(why: str) -> None:
    """The same, from the open store (for tests that reach db_path through a fixture)."""
    from desktop_crm.store.database import on_server

    if on_server():
        pytest.skip(f"SQLite only: {why}")
