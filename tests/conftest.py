"""Shared fixtures: a fresh temporary database per test, and the demo network.

Qt runs offscreen; the environment is set before anything imports Qt.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_crm.store import close_database, open_store  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder, so nothing touches the user's files."""
    home = tmp_path_factory.mktemp("crmhome")
    monkeypatch.setenv("DESKTOP_CRM_HOME", str(home))
    return home


@pytest.fixture
def db_path(tmp_path: Path):
    """An open, empty database file (with the profile row and question bank)."""
    from desktop_crm.services.setup import ensure_defaults

    path = tmp_path / "test.sqlite3"
    open_store(path)
    ensure_defaults()
    yield path
    close_database()


_DEMO_CACHE: dict[str, Path] = {}


@pytest.fixture
def demo_db(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory):
    """An open copy of the demo network (built once per session, copied per test)."""
    from desktop_crm.services.demo import build_demo

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
