"""File > Backups…: the list with dates and contact counts, Back up now, and Restore."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_crm.services.contacts import bulk_actions, create_contact
from desktop_crm.services.database import backup as json_backup
from desktop_crm.ui.backups.dialog import BackupsDialog
from desktop_crm.ui.main_window import MainWindow


def _tables() -> dict:
    return json.loads(json.dumps(json_backup.export_backup(), default=str))["tables"]


def test_file_menu_opens_backups_and_a_restore_gives_back_the_export(
        qtbot, db_path: Path, tmp_path: Path) -> None:
    ids = [create_contact({"first_name": n}).id for n in ("Ann", "Bob", "Cy")]
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert "Backups…" in [a.text() for a in file_menu.actions()]
    wanted = _tables()
    dialog = BackupsDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.backup_now()
    assert dialog.tree.topLevelItemCount() == 1
    bulk_actions.trash_contacts(ids[:2])  # an automatic backup first
    dialog.reload()
    rows = [[dialog.tree.topLevelItem(r).text(c) for c in range(5)]
            for r in range(dialog.tree.topLevelItemCount())]
    assert [r[1] for r in rows] == ["3", "3"]
    assert rows[0][3] == "Automatic (before moving people to the trash)"
    assert rows[1][3] == "Made by you"
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(1))
    with qtbot.waitSignal(window.context.data_changed):
        assert dialog.restore_selected(confirm=False)
    assert _tables() == wanted
    assert window.contacts.model.total == 3
    kinds = [dialog.tree.topLevelItem(r).text(3) for r in range(dialog.tree.topLevelItemCount())]
    assert kinds[0] == "Before a restore" and dialog.tree.topLevelItem(0).text(1) == "1"
    dialog.grab().save(str(tmp_path / "backups.png"))
