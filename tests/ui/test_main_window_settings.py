"""What the window remembers across a restart, and the first-run welcome page."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_crm import paths
from desktop_crm.services.contacts import count_contacts
from desktop_crm.ui import welcome
from desktop_crm.ui.main_window import MainWindow


def test_geometry_columns_sort_splitters_and_last_view_survive_a_restart(qtbot, demo_db) -> None:
    first = MainWindow(demo_db)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 690)  # inside the offscreen screen (800x800)
    table = first.contacts.table
    model = first.contacts.model
    email, title = model.column_index("email"), model.column_index("title")
    table.horizontalHeader().setSectionHidden(email, False)
    table.horizontalHeader().setSectionHidden(title, True)
    table.horizontalHeader().resizeSection(0, 333)
    table.sortByColumn(model.column_index("organization"), Qt.SortOrder.DescendingOrder)
    first.contacts.splitter.setSizes([300, 280])
    first.splitter.setSizes([170, 590])
    splitter_before = first.contacts.splitter.sizes()
    first.show_view("trash")
    first.close()
    assert (paths.data_dir() / "window-settings.ini").exists()

    second = MainWindow(demo_db)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (760, 690)
    assert second.current_key == "trash"
    header = second.contacts.table.horizontalHeader()
    assert not header.isSectionHidden(email) and header.isSectionHidden(title)
    assert header.sectionSize(0) == 333
    assert (second.contacts.model.spec.sort, second.contacts.model.spec.descending) == ("organization", True)
    assert header.sortIndicatorSection() == model.column_index("organization")
    assert second.splitter.sizes()[0] == 170
    second.show_view("contacts")
    assert second.contacts.splitter.sizes() == splitter_before


def test_a_damaged_settings_file_falls_back_to_defaults(qtbot, demo_db) -> None:
    paths.data_dir().mkdir(parents=True, exist_ok=True)
    (paths.data_dir() / "window-settings.ini").write_text("[window]\nlast_view=nowhere\ngeometry=@ByteArray(xx)\n")
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    assert win.current_key == "contacts"


def test_first_run_shows_the_welcome_page_with_three_ways_to_start(qtbot, db_path, monkeypatch) -> None:
    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(welcome.QProcess, "startDetached", lambda exe, args: started.append((exe, args)) or True)
    win = MainWindow(db_path)
    qtbot.addWidget(win)
    win.show()
    assert win.current_widget() is win.welcome
    win.welcome.demo_button.click()
    assert started and started[0][1] == ["-m", "desktop_crm", "--demo"]
    assert "demo network opens" in win.statusBar().currentMessage()
    # adding the first person replaces the welcome page with the table
    from desktop_crm.services.contacts.bulk_actions import add_contact

    add_contact({"first_name": "First", "last_name": "Person"})
    win.context.data_changed.emit()
    assert count_contacts() == 1
    assert win.current_widget() is win.contacts
    assert win.contacts.model.rowCount() == 1


def test_help_lists_the_shortcuts(qtbot, demo_db) -> None:
    from desktop_crm.ui.shortcuts import SHORTCUTS, ShortcutsDialog

    dialog = ShortcutsDialog(["Today", "Contacts"])
    qtbot.addWidget(dialog)
    texts = [dialog.table.topLevelItem(i).text(1) for i in range(dialog.table.topLevelItemCount())]
    assert len(texts) == len(SHORTCUTS) + 2
    assert any("Undo the last change" in t for t in texts)
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    keys = {a.objectName(): a.shortcut().toString() for a in win.actions() if a.objectName()}
    assert keys["new_contact"] == "Ctrl+N" and keys["undo"] == "Ctrl+Z"
    assert keys["refresh"] == "F5" and keys["find"] == "Ctrl+F" and keys["trash"] == "Del"
