"""The foundation's command line, end to end: contacts, search, export/restore, backup, errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path


def test_version_and_help(cli) -> None:
    result = cli("--version", db_path=None)
    assert result.returncode == 0 and result.stdout.startswith("desktop-crm ")
    result = cli("--help", db_path=None)
    assert result.returncode == 0 and "contacts" in result.stdout and "search" in result.stdout


def test_database_options_may_follow_the_command(cli, tmp_path: Path) -> None:
    """``desktop-crm import FILE --db PATH``, as people type it, works on that database;
    given before the command too, the one written later wins."""
    file = tmp_path / "Connections.csv"
    file.write_text("First Name,Last Name,Email Address\r\nAda,Byron,ada@example.org\r\n",
                    encoding="utf-8")
    other = tmp_path / "other.sqlite3"
    imported = cli("import", str(file), "--db", str(other), "--yes", db_path=None)
    assert imported.returncode == 0, imported.stderr
    listed = cli("contacts", "list", "--json", "--db", str(other), db_path=None)
    assert [p["full_name"] for p in json.loads(listed.stdout)] == ["Ada Byron"]
    assert json.loads(cli("contacts", "list", "--json").stdout) == []  # the default one untouched
    later = cli("contacts", "--db", str(other), "list", "--json")  # cli() puts its own --db first
    assert [p["full_name"] for p in json.loads(later.stdout)] == ["Ada Byron"]
    assert "--db PATH" in cli("import", "--help", db_path=None).stdout


def test_contacts_add_list_show_edit_delete_restore(cli) -> None:
    added = cli(
        "contacts", "add", "--first-name", "Zoë", "--last-name", "Müller", "--email", "zoe@acme.example",
        "--email", "z.m@home.example", "--phone", "+49 30 1234567", "--organization", "Acmé", "--title", "CTO",
        "--tier", "target", "--tag", "climate", "--tag", "mentor", "--json",
    )
    assert added.returncode == 0, added.stderr
    person = json.loads(added.stdout)
    assert person["full_name"] == "Zoë Müller" and person["tier"] == "target"
    assert [e["email"] for e in person["emails"]] == ["zoe@acme.example", "z.m@home.example"]
    assert person["phones"][0]["e164"] == "+49301234567"

    listed = cli("contacts", "list", "--json")
    assert [p["full_name"] for p in json.loads(listed.stdout)] == ["Zoë Müller"]
    table = cli("contacts", "list")
    assert "Zoë Müller" in table.stdout and "Acmé" in table.stdout

    shown = cli("contacts", "show", "müller", "--json")
    assert json.loads(shown.stdout)["id"] == person["id"]
    human = cli("contacts", "show", str(person["id"]))
    assert "Organization:" in human.stdout and "CTO" in human.stdout

    edited = cli("contacts", "edit", "Zoë Müller", "--title", "VP Engineering", "--json")
    assert json.loads(edited.stdout)["title"] == "VP Engineering"

    assert cli("contacts", "delete", "zoë").returncode == 0
    assert json.loads(cli("contacts", "list", "--json").stdout) == []
    assert "Zoë Müller" in cli("contacts", "list", "--trash").stdout
    assert cli("contacts", "restore", "zoë").returncode == 0
    assert len(json.loads(cli("contacts", "list", "--json").stdout)) == 1


def test_search_is_prefix_and_accent_folded(cli) -> None:
    cli("contacts", "add", "--first-name", "François", "--last-name", "Dubois", "--organization", "Banque Lumière")
    cli("contacts", "add", "--first-name", "Frank", "--last-name", "Ocean")
    found = json.loads(cli("search", "francois", "--json").stdout)
    assert [p["full_name"] for p in found] == ["François Dubois"]
    both = json.loads(cli("search", "fran", "--json").stdout)
    assert {p["full_name"] for p in both} == {"François Dubois", "Frank Ocean"}
    assert json.loads(cli("search", "lumiere", "--json").stdout)[0]["last_name"] == "Dubois"
    assert cli("search", "o'brien \"").returncode == 0


def test_user_errors_exit_1_with_one_line_and_no_traceback(cli) -> None:
    cli("contacts", "add", "--first-name", "Ana", "--last-name", "Silva")
    cli("contacts", "add", "--first-name", "Ana", "--last-name", "Costa")
    cases = [
        ("contacts", "add", "--first-name", "X", "--email", "not-an-email"),
        ("contacts", "add", "--email", "x@y.example"),
        ("contacts", "show", "ana"),
        ("contacts", "show", "nobody"),
        ("contacts", "delete", "999"),
        ("import-backup", "missing.json"),
    ]
    for args in cases:
        result = cli(*args)
        assert result.returncode == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith("desktop-crm: "), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    ambiguous = cli("contacts", "show", "ana").stderr
    assert "Ana Silva" in ambiguous and "Ana Costa" in ambiguous
    assert "email 1" in cli("contacts", "add", "--first-name", "X", "--email", "bad").stderr


def test_usage_errors_exit_2(cli) -> None:
    for args in (("contacts",), ("contacts", "frobnicate"), ("contacts", "add", "--tier", "boss"), ("contacts", "list", "--limit", "many")):
        result = cli(*args)
        assert result.returncode == 2, args
        assert "usage:" in result.stderr


def test_export_json_then_import_backup_restores_exactly(cli, tmp_path: Path) -> None:
    cli("contacts", "add", "--first-name", "Mei", "--last-name", "Chen 陈", "--email", "mei@q.example", "--tag", "🚀")
    cli("contacts", "add", "--first-name", "Olga", "--last-name", "Ivanova", "--notes", "line one\nline two")
    out = tmp_path / "backup.json"
    assert cli("export", "--format", "json", "--out", str(out)).returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "desktop-crm-backup"
    assert {"contact", "contact_email", "tag", "relationship", "meeting"} <= set(data["tables"])
    stdout_copy = json.loads(cli("export", "--format", "json").stdout)
    assert stdout_copy["tables"] == data["tables"]

    other = tmp_path / "other.sqlite3"
    restored = cli("import-backup", str(out), db_path=other)
    assert restored.returncode == 0, restored.stderr
    again = json.loads(cli("export", db_path=other).stdout)
    assert again["tables"] == data["tables"]
    assert json.loads(cli("search", "陈", "--json", db_path=other).stdout)[0]["first_name"] == "Mei"


def test_backup_command_writes_a_readable_copy(cli, tmp_path: Path) -> None:
    cli("contacts", "add", "--first-name", "Kofi", "--last-name", "Mensah")
    target = tmp_path / "copy.sqlite3"
    result = cli("backup", "--to", str(target))
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT first_name FROM contact").fetchall() == [("Kofi",)]
    conn.close()
    assert cli("backup", "--to", str(target)).returncode == 1  # never overwrites
    default = cli("backup")
    assert default.returncode == 0
    assert list((cli.home / "backups").glob("*.sqlite3"))


def test_bad_database_files_are_refused_untouched(cli, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    result = cli("contacts", "list", db_path=text)
    assert result.returncode == 1 and "not a Desktop CRM database" in result.stderr
    assert text.read_text() == "hello"
    future = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(future)
    conn.execute("PRAGMA user_version = 99")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    result = cli("contacts", "list", db_path=future)
    assert result.returncode == 1 and "newer version" in result.stderr


def test_a_command_works_beside_the_open_window(cli) -> None:
    from desktop_crm.store import close_database, open_store

    open_store(cli.db)  # what the window does: it holds the file's lock
    try:
        result = cli("contacts", "list")
        assert result.returncode == 0, result.stderr
        assert cli("contacts", "add", "--first-name", "Ann").returncode == 0
    finally:
        close_database()
    assert "Ann" in cli("contacts", "list").stdout


def test_demo_builds_a_sample_network_in_its_own_database(cli) -> None:
    result = cli("--demo", "contacts", "list", "--json", "--limit", "500", db_path=None)
    assert result.returncode == 0, result.stderr
    people = json.loads(result.stdout)
    assert 150 <= len(people) <= 250
    assert (cli.home / "demo.sqlite3").exists()
    assert not (cli.home / "contacts.sqlite3").exists()
    # The default database is separate and starts empty.
    assert json.loads(cli("contacts", "list", "--json", db_path=None).stdout) == []


def test_a_file_argument_that_does_not_exist_is_a_clear_error(cli) -> None:
    result = cli("no-such-file.csv")
    assert result.returncode == 1
    assert "no-such-file.csv" in result.stderr and "no such file" in result.stderr
