"""Files reaching the window while something else is going on wait their turn:
one import dialog at a time, never opened inside the slot that brought the file."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication
from test_file_open import close_next_import_dialog, write_linkedin  # tests/ui helper

from desktop_crm.ui import welcome
from desktop_crm.ui.import_queue import ImportQueue
from desktop_crm.ui.importer.dialog import ImportDialog
from desktop_crm.ui.main_window import MainWindow
from desktop_crm.ui.recent_imports import recent_imports
from desktop_crm.ui.single_instance import InstanceServer, send_to_running, server_name


def test_the_queue_shows_files_one_at_a_time_after_the_current_event(qtbot) -> None:
    shown: list[str] = []
    depth = {"now": 0, "max": 0}

    def show(path: str) -> None:
        depth["now"] += 1
        depth["max"] = max(depth["max"], depth["now"])
        shown.append(path)
        if path == "a.csv":
            queue.add("c.csv")  # a file arriving while a dialog is open waits
            QApplication.processEvents()  # as a modal dialog's own loop would
        depth["now"] -= 1

    queue = ImportQueue(show)
    queue.add("a.csv")
    queue.add("b.csv")
    queue.add("b.csv")  # the same file twice while waiting: once
    assert shown == []  # nothing runs inside the caller's slot
    qtbot.waitUntil(lambda: len(shown) == 3, timeout=3000)
    assert shown == ["a.csv", "b.csv", "c.csv"]
    assert depth["max"] == 1


def test_files_handed_over_together_open_their_dialogs_in_turn(qtbot, db_path, tmp_path: Path) -> None:
    csv_file = write_linkedin(tmp_path)
    other = tmp_path / "other.csv"
    other.write_bytes(csv_file.read_bytes())
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    window.show()
    name = f"desktop-crm-test-queue-{tmp_path.name}"
    server = InstanceServer(name)
    server.message_received.connect(lambda msg: window.bring_forward(Path(msg) if msg else None))
    seen: list[ImportDialog] = []
    try:
        close_next_import_dialog(seen)
        assert send_to_running(name, [str(csv_file), str(other)])
        qtbot.waitUntil(lambda: len(seen) == 1, timeout=5000)
        close_next_import_dialog(seen)
        qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    finally:
        server.close()
        server.deleteLater()
        qtbot.wait(50)
    assert [d.path for d in seen] == [csv_file, other]
    assert recent_imports()[:2] == [str(other), str(csv_file)]


def test_dropping_two_files_queues_both(qtbot, db_path, tmp_path: Path) -> None:
    csv_file = write_linkedin(tmp_path)
    other = tmp_path / "other.csv"
    other.write_bytes(csv_file.read_bytes())
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    window.show()
    opened: list[str] = []
    window.import_queue._show = opened.append
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(csv_file)), QUrl.fromLocalFile(str(other))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert opened == []
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=3000)
    assert opened == [str(csv_file), str(other)]


def test_the_instance_name_follows_the_resolved_database(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert server_name(Path("mine.sqlite3")) == server_name(tmp_path / "mine.sqlite3")
    assert server_name(tmp_path / "mine.sqlite3") != server_name(tmp_path / "other.sqlite3")


def test_recent_imports_menu_lists_files_and_opens_one(qtbot, db_path, tmp_path: Path) -> None:
    from desktop_crm.ui.recent_imports import remember_import

    csv_file = write_linkedin(tmp_path)
    remember_import(tmp_path / "gone.csv")
    remember_import(csv_file)
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    menu = window.recent_imports_menu
    menu.rebuild()
    actions = [a for a in menu.actions() if a.data()]
    assert [a.data() for a in actions] == [str(csv_file), str(tmp_path / "gone.csv")]
    assert actions[0].isEnabled() and not actions[1].isEnabled()
    assert "moved or deleted" in actions[1].text()
    opened: list[str] = []
    window.import_queue._show = opened.append
    actions[0].trigger()
    qtbot.waitUntil(lambda: opened == [str(csv_file)], timeout=3000)
    next(a for a in menu.actions() if a.text() == "Clear the list").trigger()
    assert recent_imports() == []


def test_the_demo_button_reruns_a_bundle_without_dash_m(monkeypatch) -> None:
    assert welcome.demo_command() == (sys.executable, ["-m", "desktop_crm", "--demo"])
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/desktop-crm/desktop-crm")
    assert welcome.demo_command() == ("/opt/desktop-crm/desktop-crm", ["--demo"])
