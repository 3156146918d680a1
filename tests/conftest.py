"""Shared fixtures: a fresh temporary database per test, and the demo network.

Qt runs offscreen; the environment is set before anything imports Qt.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property tests: the same examples on every run and every machine, so one
# run's random seed cannot turn CI red. ``HYPOTHESIS_PROFILE=random`` (or
# ``--hypothesis-profile=random``) explores new examples; see the README.
settings.register_profile("deterministic", derandomize=True, database=None, print_blob=True)
settings.register_profile("random", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

from desktop_crm.store import close_database, open_store  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder, so nothing touches the user's files."""
    home = tmp_path_factory.mktemp("crmhome")
    monkeypatch.setenv("DESKTOP_CRM_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def now(monkeypatch: pytest.MonkeyPatch):
    """The app's one clock, fixed for the test at the wall clock's time when it
    starts (so a run under faketime is a run on another day), and handed to
    subprocesses through ``DESKTOP_CRM_NOW``. Tests build "next week" from
    this value, never from a literal date."""
    from desktop_crm import clock

    fixed = dt.datetime.now(dt.UTC).replace(microsecond=0)
    clock.set_now(fixed)
    monkeypatch.setenv(clock.ENV_NOW, fixed.isoformat())
    yield fixed.replace(tzinfo=None)
    clock.set_now(None)


@pytest.fixture
def midweek(now: dt.datetime, monkeypatch: pytest.MonkeyPatch) -> dt.datetime:
    """The clock moved to Wednesday 12:00 UTC of the current week, for tests
    about "this week": a meeting a few hours ahead is then in this week on
    every day the suite runs (a Sunday-evening run included)."""
    from desktop_crm import clock

    monday = now.date() - dt.timedelta(days=now.weekday())
    fixed = dt.datetime.combine(monday + dt.timedelta(days=2), dt.time(12))
    clock.set_now(fixed)
    monkeypatch.setenv(clock.ENV_NOW, fixed.replace(tzinfo=dt.UTC).isoformat())
    return fixed


@pytest.fixture(autouse=True)
def _no_passphrase():
    """Each test starts without an encryption passphrase (it lives in the process)."""
    from desktop_crm.store import cipher

    cipher.use_passphrase(None)
    yield
    cipher.use_passphrase(None)


@pytest.fixture
def db_path(tmp_path: Path, request: pytest.FixtureRequest):
    """An open, empty database (with the profile row and question bank): a file, or,
    for the tests :func:`pytest_generate_tests` runs on both engines, also a fresh
    database on the PostgreSQL server ``DESKTOP_CRM_TEST_PG`` names (its URL)."""
    from desktop_crm.services.database.setup import ensure_defaults

    if getattr(request, "param", "sqlite") == "postgresql":
        url = pg_server.fresh_database(request.node.name)
        open_store(url)
        yield url
        close_database()
        pg_server.drop_database(url)
        return
    path = tmp_path / "test.sqlite3"
    open_store(path)
    ensure_defaults()
    yield path
    close_database()


# The store and service tests that run on PostgreSQL as well as on SQLite (tests/pg_server.py).
import pg_server  # noqa: E402


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_path" in metafunc.fixturenames and pg_server.runs_on_both(metafunc):
        metafunc.parametrize(
            "db_path", ["sqlite", pytest.param("postgresql", marks=pg_server.NEEDS_SERVER)],
            indirect=True)


@pytest.fixture
def pg_db():
    """A fresh, open PostgreSQL database with the defaults (its URL), dropped afterwards;
    the test is skipped without a server (``DESKTOP_CRM_TEST_PG``)."""
    if not pg_server.SERVER:
        pytest.skip(pg_server.NO_SERVER)
    url = pg_server.fresh_database()
    open_store(url)
    yield url
    close_database()
    pg_server.drop_database(url)


_DEMO_CACHE: dict[str, Path] = {}


@pytest.fixture
def demo_db(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory):
    """An open copy of the demo network (built once per session, copied per test)."""
    from desktop_crm.services.database.demo import build_demo

    if "path" not in _DEMO_CACHE:
        master = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
        open_store(master)
        build_demo()
        close_database()
        _DEMO_CACHE["path"] = master
    path = tmp_path / "demo.sqlite3"
    shutil.copy(_DEMO_CACHE["path"], path)
    open_store(path)
    yield path
    close_database()
