"""The PostgreSQL driver loads when a server is opened, not with peewee: every command and
the window start sooner on a local file (store/driver.py). A server still opens (the
tests on both engines, and the one here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pg_server
import pytest


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)


def test_a_local_file_is_made_and_used_without_the_server_driver(tmp_path: Path) -> None:
    pytest.importorskip("psycopg", reason="the driver must be installed to be held back")
    code = (
        "import sys\n"
        "from desktop_crm.services.database.opening import open_database\n"
        "from desktop_crm.services.contacts import create_contact, count_contacts\n"
        f"open_database({str(tmp_path / 'new.sqlite3')!r})\n"  # every migration step runs
        "create_contact({'first_name': 'Ann', 'last_name': 'Lee'})\n"
        "assert count_contacts() == 1\n"
        "assert 'psycopg' not in sys.modules, 'the driver was loaded'\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr


@pg_server.NEEDS_SERVER
def test_a_server_opens_in_a_process_that_held_the_driver_back() -> None:
    url = pg_server.empty_database()  # set up by the opening, as a new server is
    try:
        code = (
            "import sys\n"
            "import desktop_crm.store\n"
            "assert 'psycopg' not in sys.modules\n"
            "from desktop_crm.services.database.opening import open_database\n"
            "from desktop_crm.services.contacts import create_contact, count_contacts\n"
            f"open_database({url!r})\n"
            "create_contact({'first_name': 'Ann', 'last_name': 'Lee'})\n"
            "assert count_contacts() == 1\n"
        )
        result = _run(code)
        assert result.returncode == 0, result.stderr
    finally:
        pg_server.drop_database(url)
