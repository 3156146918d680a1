"""Encryption at rest: on, a new passphrase, off; wrong or missing passphrases; backups.

Real files throughout: what plain ``sqlite3`` can read is checked on the
file itself, and the data before and after is compared as the JSON export.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_crm.services.contacts import count_contacts, create_contact
from desktop_crm.services.database import backup as json_backup
from desktop_crm.services.database import backups, encryption
from desktop_crm.services.errors import ServiceError
from desktop_crm.store import close_database, open_store
from desktop_crm.store.backup_files import read_facts
from desktop_crm.store.cipher import (
    PassphraseNeededError,
    WrongPassphraseError,
    looks_encrypted,
    use_passphrase,
)

pytest.importorskip("sqlcipher3", reason="encryption needs the 'encryption' extra")

PASS = "correct horse 'battery' staple"


def _tables() -> dict:
    return json.loads(json.dumps(json_backup.export_backup(), default=str))["tables"]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _plain_sqlite_reads(path: Path) -> bool:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("SELECT count(*) FROM contact").fetchone()
        return True
    except sqlite3.DatabaseError as exc:
        assert "not a database" in str(exc)
        return False
    finally:
        conn.close()


@pytest.fixture
def people(db_path: Path) -> Path:
    for first, last in (("Ann", "Lee"), ("Bob", "O'Brien"), ("Zoë", "Ng")):
        create_contact({"first_name": first, "last_name": last, "notes": "met at a fair"})
    return db_path


def _reopen(path: Path, passphrase: str | None) -> None:
    close_database()
    use_passphrase(passphrase)
    open_store(path)


def test_turned_on_the_file_is_unreadable_without_the_passphrase(people: Path) -> None:
    before = _tables()
    result = encryption.turn_on(PASS)
    assert result.encrypted and encryption.is_encrypted()
    assert count_contacts() == 3  # the open database goes on working
    close_database()
    assert looks_encrypted(people)
    assert not _plain_sqlite_reads(people)
    assert b"O'Brien" not in people.read_bytes() and b"fair" not in people.read_bytes()
    _reopen(people, PASS)
    assert _tables() == before


def test_a_wrong_or_missing_passphrase_says_so_in_one_line_and_changes_nothing(
        people: Path) -> None:
    encryption.turn_on(PASS)
    close_database()
    digest = _digest(people)
    use_passphrase("wrong")
    with pytest.raises(WrongPassphraseError) as wrong:
        open_store(people)
    assert "wrong passphrase" in str(wrong.value) and "\n" not in str(wrong.value)
    with pytest.raises(encryption.WrongPassphrase, match="wrong passphrase"):
        encryption.unlock(people, "also wrong")
    use_passphrase(None)
    with pytest.raises(PassphraseNeededError) as missing:
        open_store(people)
    assert "is encrypted" in str(missing.value)
    assert _digest(people) == digest
    assert not Path(f"{people}-wal").exists()
    encryption.unlock(people, PASS)
    open_store(people)
    assert count_contacts() == 3


def test_turned_off_the_file_is_plain_sqlite_with_the_same_data(people: Path) -> None:
    before = _tables()
    encryption.turn_on(PASS)
    _reopen(people, PASS)
    result = encryption.turn_off()
    assert not result.encrypted and not encryption.is_encrypted()
    close_database()
    assert _plain_sqlite_reads(people)
    _reopen(people, None)
    assert _tables() == before


def test_a_new_passphrase_replaces_the_old_one_for_the_file_and_its_backups(
        people: Path) -> None:
    backups.backup_now()  # a plain backup made before encryption was on
    encryption.turn_on(PASS)
    made = backups.make_auto_backup("import")
    assert not _plain_sqlite_reads(made)
    result = encryption.change_passphrase("another one")
    assert result.backups_converted == 2 and result.backups_left == []
    _reopen(people, "another one")
    assert count_contacts() == 3
    assert [b.contacts for b in backups.list_backups()] == [3, 3]
    with pytest.raises(encryption.WrongPassphrase):
        encryption.unlock(people, PASS)


def test_passphrases_that_cannot_be_used_are_refused(people: Path) -> None:
    digest = _digest(people)
    for bad in ("", "nul\x00inside"):
        with pytest.raises(ServiceError):
            encryption.turn_on(bad)
    with pytest.raises(ServiceError, match="not encrypted"):
        encryption.turn_off()
    encryption.turn_on(PASS)
    with pytest.raises(ServiceError, match="current one"):
        encryption.change_passphrase(PASS)
    assert digest != _digest(people)


def test_backups_of_an_encrypted_database_stay_encrypted_and_restore(people: Path) -> None:
    plain_before = backups.backup_now()  # made before encryption: turned on with the rest
    encryption.turn_on(PASS)
    before = _tables()
    made = backups.make_auto_backup("import")
    assert not _plain_sqlite_reads(made) and not _plain_sqlite_reads(plain_before)
    assert read_facts(made)[1] == 3
    create_contact({"first_name": "Dee"})
    result = backups.restore(made)
    assert not _plain_sqlite_reads(result.saved_current)
    assert _tables() == before and count_contacts() == 3
    close_database()
    assert not _plain_sqlite_reads(people)
    _reopen(people, PASS)
    assert _tables() == before


def test_a_plain_backup_restores_into_an_encrypted_database(people: Path, tmp_path: Path) -> None:
    before = _tables()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    from desktop_crm.store.backup import backup_file

    plain = backup_file(people, outside / "plain.sqlite3")  # outside the backups folder: stays plain
    encryption.turn_on(PASS)
    create_contact({"first_name": "Dee"})
    assert _plain_sqlite_reads(plain)
    backups.restore(plain)
    assert _tables() == before
    close_database()
    assert not _plain_sqlite_reads(people)


def test_a_conversion_is_refused_while_another_program_uses_the_file(people: Path) -> None:
    close_database()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time\n"
         f"c = sqlite3.connect({str(people)!r})\n"
         "c.execute('SELECT count(*) FROM contact').fetchone()\n"
         "print('ready', flush=True)\n"
         "time.sleep(30)\n"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        open_store(people)
        digest = _digest(people)
        started = time.monotonic()
        with pytest.raises(ServiceError, match="in use by"):
            encryption.turn_on(PASS)
        assert time.monotonic() - started < 10
        assert not encryption.is_encrypted() and count_contacts() == 3
    finally:
        holder.kill()
        holder.wait()
    close_database()
    assert _digest(people) == digest and _plain_sqlite_reads(people)
