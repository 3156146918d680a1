"""A file reaching the app by every road (argv, macOS FileOpen, a second launch)
ends in the import dialog for that file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from desktop_crm.ui.app import _FileOpenFilter
from desktop_crm.ui.importer.dialog import ImportDialog
from desktop_crm.ui.main_window import MainWindow
from desktop_crm.ui.single_instance import InstanceServer, send_to_running


def write_linkedin(tmp_path: Path) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_bytes(
        "\ufeffFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Ana,Souza,https://www.linkedin.com/in/anasouza,ana@example.com,Lumen,Engineer,01 Jan 2023\r\n".encode()
    )
    return path


def close_next_import_dialog(seen: list[ImportDialog]) -> None:
    def poll(left: int = 300) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ImportDialog):
            seen.append(dialog)
            dialog.reject()
        elif left:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)


def test_opening_a_file_shows_the_import_dialog_for_it(qtbot, db_path, tmp_path: Path) -> None:
    csv_file = write_linkedin(tmp_path)
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    window.show()
    seen: list[ImportDialog] = []
    close_next_import_dialog(seen)
    window.open_import(csv_file)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[0].path == csv_file


def test_macos_file_open_event_reaches_the_handler(qtbot, tmp_path: Path) -> None:
    received: list[Path] = []
    file_filter = _FileOpenFilter(received.append)
    app = QApplication.instance()
    app.installEventFilter(file_filter)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(str(tmp_path / "contacts.vcf")))
    finally:
        app.removeEventFilter(file_filter)
    assert received == [tmp_path / "contacts.vcf"]


def test_a_second_launch_hands_its_file_to_the_running_copy(qtbot, tmp_path: Path) -> None:
    name = f"desktop-crm-test-{tmp_path.name}"
    server = InstanceServer(name)
    try:
        with qtbot.waitSignal(server.message_received, timeout=5000) as signal:
            assert send_to_running(name, str(tmp_path / "Connections.csv"))
        assert signal.args == [str(tmp_path / "Connections.csv")]
        assert not send_to_running(name + "-nobody", "x", timeout_ms=100)
    finally:
        server.close()
        server.deleteLater()
        qtbot.wait(50)  # let Qt finish with the sockets before the next test
