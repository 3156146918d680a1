"""Backups without being asked: when they are taken, how they rotate, and restoring one."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from services.importing.importing_samples import LINKEDIN_ROWS, linkedin_file

from desktop_crm import clock, paths
from desktop_crm.services import importing, undo
from desktop_crm.services.contacts import (
    bulk_actions,
    count_contacts,
    create_contact,
    trash,
    update_contact,
)
from desktop_crm.services.database import backup as json_backup
from desktop_crm.services.database import backups
from desktop_crm.services.errors import ServiceError
from desktop_crm.store.backup_files import prune_auto, read_facts


def _autos() -> list[backups.BackupView]:
    return [b for b in backups.list_backups() if b.kind == "auto"]


def _tables() -> dict:
    return json.loads(json.dumps(json_backup.export_backup(), default=str))["tables"]


def test_an_empty_database_is_not_copied(db_path: Path) -> None:
    assert backups.make_auto_backup("import") is None
    assert backups.daily_backup() is None
    assert _autos() == []


def test_each_big_change_is_preceded_by_a_backup_of_the_state_before(
        db_path: Path, tmp_path: Path) -> None:
    ids = [create_contact({"first_name": n}).id for n in ("Ann", "Bob", "Cy")]
    steps = [
        ("import", lambda: importing.import_file(linkedin_file(tmp_path / "l.csv", LINKEDIN_ROWS))),
        ("undo", lambda: importing.undo_import(importing.list_imports()[0].id)),
        ("bulk-delete", lambda: bulk_actions.trash_contacts(ids[:2])),
        ("undo", undo.undo_last),
        ("bulk-delete", lambda: bulk_actions.trash_contacts(ids[1:])),
        ("purge", lambda: trash.purge("contact", [ids[1]])),
        ("empty-trash", trash.empty_trash),
    ]
    for reason, step in steps:
        live_before = count_contacts()
        made = len(_autos())
        step()
        autos = _autos()
        assert len(autos) == made + 1, reason
        assert autos[0].reason == reason
        assert autos[0].contacts == live_before, f"{reason}: the copy holds the state before"
        assert autos[0].path.stat().st_mode & 0o777 == 0o600


def test_trashing_one_person_is_not_a_bulk_delete(db_path: Path) -> None:
    ann = create_contact({"first_name": "Ann"}).id
    bulk_actions.trash_contacts([ann])
    assert _autos() == []


def test_the_first_start_of_each_day_keeps_a_copy(db_path: Path, now: dt.datetime) -> None:
    create_contact({"first_name": "Ann"})
    first = backups.daily_backup()
    assert first is not None and first.name.endswith("-daily.sqlite3")
    assert backups.daily_backup() is None, "one a day"
    clock.set_now(now + dt.timedelta(days=1))
    assert backups.daily_backup() is not None
    assert [b.reason for b in _autos()] == ["daily", "daily"]


def test_a_backup_that_cannot_be_written_stops_the_change(db_path: Path, tmp_path: Path) -> None:
    create_contact({"first_name": "Ann"})
    folder = paths.backups_dir()
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder")  # the backups folder cannot be made
    with pytest.raises(ServiceError, match="automatic backup before an import could not be"):
        importing.import_file(linkedin_file(tmp_path / "l.csv", LINKEDIN_ROWS))
    assert count_contacts() == 1 and importing.list_imports() == []


def _fake_auto(folder: Path, stem: str, when: dt.datetime) -> Path:
    path = folder / f"{stem}.auto-{when:%Y%m%d-%H%M%S-%f}-daily.sqlite3"
    path.write_bytes(b"")
    return path


def test_rotation_by_count_and_age_keeps_the_newest_few(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    db = tmp_path / "crm.sqlite3"
    now = dt.datetime(2030, 6, 1, 12)
    recent = [_fake_auto(folder, "crm", now - dt.timedelta(hours=h)) for h in range(12)]
    old = [_fake_auto(folder, "crm", now - dt.timedelta(days=90 + d)) for d in range(3)]
    other = folder / "crm-20300101-000000-000000.sqlite3"  # a backup the user made
    other.write_bytes(b"")
    removed = prune_auto(db, folder, keep=10, max_age=dt.timedelta(days=60), keep_min=3, now=now)
    assert set(removed) == set(recent[10:]) | set(old)
    assert other.exists() and all(p.exists() for p in recent[:10])
    # Back after months: everything is old, the newest few stay all the same.
    later = now + dt.timedelta(days=365)
    removed = prune_auto(db, folder, keep=10, max_age=dt.timedelta(days=60), keep_min=3, now=later)
    assert sorted(p for p in folder.iterdir() if ".auto-" in p.name) == sorted(recent[:3])


def test_restore_gives_back_the_exact_json_export_and_keeps_the_state_before(
        db_path: Path, tmp_path: Path) -> None:
    ids = [create_contact({"first_name": n, "notes": f"{n} ✓", "tags": ["x"]}).id
           for n in ("Ann", "Bob", "Cy", "Dee")]
    importing.import_file(linkedin_file(tmp_path / "l.csv", LINKEDIN_ROWS))
    wanted = _tables()
    chosen = backups.backup_now()
    update_contact(ids[0], {"notes": "changed after the backup"})
    bulk_actions.trash_contacts(ids[1:3])
    trash.empty_trash()
    create_contact({"first_name": "Eve"})
    changed, live = _tables(), count_contacts()
    assert changed != wanted
    result = backups.restore(chosen)
    assert _tables() == wanted, "the restore gives back exactly what the backup held"
    assert result.saved_current.name.startswith(db_path.stem + ".before-restore-")
    assert read_facts(result.saved_current)[1] == live
    # The state before the restore is itself a backup: restoring it comes back.
    backups.restore(result.saved_current)
    assert _tables() == changed
    integrity = sqlite3.connect(db_path).execute("PRAGMA integrity_check").fetchone()[0]
    assert integrity == "ok"


@pytest.mark.parametrize("kind", ["text", "other-program", "newer", "itself", "missing"])
def test_a_restore_of_something_else_is_refused_and_changes_nothing(
        db_path: Path, tmp_path: Path, kind: str) -> None:
    create_contact({"first_name": "Ann"})
    before = _tables()
    bad = tmp_path / f"{kind}.sqlite3"
    if kind == "text":
        bad.write_text("hello")
    elif kind == "other-program":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE songs (title)")
        conn.commit()
        conn.close()
    elif kind == "newer":
        conn = sqlite3.connect(bad)
        conn.execute("PRAGMA user_version = 99")
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    elif kind == "itself":
        bad = db_path
    made = set(paths.backups_dir().glob("*")) if paths.backups_dir().exists() else set()
    with pytest.raises(ServiceError) as info:
        backups.restore(bad)
    assert len(str(info.value).splitlines()) == 1
    assert _tables() == before
    after = set(paths.backups_dir().glob("*")) if paths.backups_dir().exists() else set()
    assert after == made, "a refused restore leaves no extra copy behind"


def test_an_older_backup_is_restored_and_upgraded(db_path: Path, tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parents[2] / "store"))
    from test_migrations import make_v1_file

    old = tmp_path / "old.sqlite3"
    make_v1_file(old)
    backups.restore(old)
    from desktop_crm.store import db
    from desktop_crm.store.migrations import CURRENT_VERSION, user_version

    assert user_version(db) == CURRENT_VERSION


def test_an_unchanged_database_is_not_copied_twice(db_path: Path, tmp_path: Path) -> None:
    create_contact({"first_name": "Ann"})
    daily = backups.daily_backup()  # the start of the day: a copy
    assert daily is not None
    # The first import of the day, just after: the daily copy holds the same state.
    importing.import_file(linkedin_file(tmp_path / "l.csv", LINKEDIN_ROWS))
    assert [b.path for b in _autos()] == [daily]
    # The import changed the database: the next big change is preceded by a new copy.
    importing.undo_import(importing.list_imports()[0].id)
    autos = _autos()
    assert len(autos) == 2 and autos[0].reason == "undo" and autos[0].contacts == 4
    # A change made by another connection (another process) is seen too.
    with sqlite3.connect(db_path) as other:
        other.execute("UPDATE contact SET title = 'CTO' WHERE first_name = 'Ann'")
    assert backups.make_auto_backup("import") not in (None, autos[0].path)
    # A copy since deleted is made again.
    made = backups.make_auto_backup("import")
    assert made is not None and made == _autos()[0].path
    made.unlink()
    assert backups.make_auto_backup("import") == made and made.exists()
