"""QApplication set-up: single instance, file-open events, and the main window.

macOS delivers double-clicked files as ``QEvent.FileOpen`` rather than in
argv; both paths end in :meth:`MainWindow.open_import`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from ..store import StoreError, close_database
from ..store.opening import OpenResult
from . import database_errors
from .qt_guard import pin_singletons
from .single_instance import InstanceServer, send_to_running, server_name


class _FileOpenFilter(QObject):
    def __init__(self, handler: Callable[[Path], None]) -> None:
        super().__init__()
        self._handler = handler

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            self._handler(Path(event.file()))
            return True
        return False


def make_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named for settings and the single-instance server.

    The PySide6 refcount guard runs first, before any view makes Qt calls.
    """
    pin_singletons()
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Desktop CRM")
    app.setOrganizationName("DesktopCRM")
    app.setApplicationDisplayName("Desktop CRM")
    return app


def run_gui(open_database: Callable[[], OpenResult], file: Path | None = None, demo: bool = False) -> int:
    """Start the app on the database ``open_database`` opens; return the exit code."""
    app = make_application()
    from .. import paths

    # Hand over to a running copy before touching the database (it holds the lock).
    target = paths.resolve_db_path(None, demo=demo)
    name = server_name(target)
    if send_to_running(name, str(file) if file else ""):
        return 0
    try:
        result = open_database()
    except StoreError as exc:
        QMessageBox.critical(None, "Desktop CRM cannot open its database", str(exc))
        print(f"desktop-crm: {exc}", file=sys.stderr)
        return 1
    from PySide6.QtCore import QLocale

    from ..services.setup import configure_phone_region
    from .main_window import MainWindow

    # Phones typed without a country code are read in the user's region (profile, else
    # the system locale as Qt knows it on every OS).
    configure_phone_region(QLocale.system().name())
    window = MainWindow(result.path)
    database_errors.install(window, result.path)  # a busy file (the CLI importing) is said
    server = InstanceServer(name, app)
    server.message_received.connect(lambda msg: window.bring_forward(Path(msg) if msg else None))
    file_filter = _FileOpenFilter(window.open_import)
    app.installEventFilter(file_filter)
    window.show()
    if file is not None:
        window.open_import(file)
    try:
        return app.exec()
    finally:
        close_database()
