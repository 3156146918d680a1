"""QApplication set-up: single instance, file-open events, and the main window.

macOS delivers double-clicked files as ``QEvent.FileOpen`` rather than in
argv; both paths end in :meth:`MainWindow.open_import`, which queues the file
(the dialog never opens inside the event or socket slot that brought it).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import appinfo, logs
from ..resources import resource_path
from ..services.database.opening import OpenResult, StoreError, close_database
from . import database_errors
from .error_dialog import install_excepthook
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


class _Arrivals:
    """Files handed over (argv, a second launch, macOS FileOpen) before and after the window exists."""

    def __init__(self, files: list[Path]) -> None:
        self._pending: list[Path] = list(files)
        self._window = None

    def deliver(self, file: Path | None) -> None:
        if self._window is not None:
            self._window.bring_forward(file)
        elif file is not None:
            self._pending.append(file)

    def follow(self, window) -> None:
        """The window moved to another database: hand later arrivals to the new one."""
        if self._window is not None:
            self._window = window

    def open_in(self, window) -> None:
        self._window = window
        for file in self._pending:
            window.open_import(file)
        self._pending.clear()


def make_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named for settings and the single-instance server.

    The PySide6 refcount guard runs first, before any view makes Qt calls.
    """
    pin_singletons()
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Desktop CRM")
    app.setOrganizationName("DesktopCRM")
    app.setApplicationDisplayName("Desktop CRM")
    app.setApplicationVersion(appinfo.VERSION)
    # Wayland ties the window to its desktop entry (and so its icon) by this name.
    QGuiApplication.setDesktopFileName(appinfo.APP_ID)
    app.setWindowIcon(app_icon())
    return app


def app_icon() -> QIcon:
    """The installed theme's icon if there is one, else the SVG shipped with the app."""
    fallback = QIcon(str(resource_path("icons", "desktop-crm.svg")))
    return QIcon.fromTheme(appinfo.APP_ID, fallback)


def run_gui(open_database: Callable[[], OpenResult], files: list[Path] | None = None,
            db_path: Path | None = None, remembered: bool = False) -> int:
    """Start the app on the database ``open_database`` opens; return the exit code.

    ``db_path`` is the file the arguments name (``--db``, the demo, or the
    default): a copy already open on that same file gets ``files`` instead.
    ``remembered`` (no ``--db`` nor ``--demo`` given): a server database chosen
    in the window last time is opened instead (:mod:`.database_switch`).
    """
    files = list(files or [])
    app = make_application()
    from .. import paths

    # Hand over to a running copy before touching the database (it holds the lock).
    name = server_name(db_path or paths.default_db_path())
    if send_to_running(name, [str(f) for f in files] or [""]):
        return 0
    log_file = logs.setup_logging()
    install_excepthook()
    # Listen at once, so a launch while the database opens (or the demo is
    # built) hands over instead of opening the file a second time; files
    # that arrive before the window exists wait for it.
    arrivals = _Arrivals(files)
    server = InstanceServer(name, app)
    server.message_received.connect(lambda msg: arrivals.deliver(Path(msg) if msg else None))
    file_filter = _FileOpenFilter(arrivals.deliver)
    app.installEventFilter(file_filter)
    from .encryption.prompt import ask_at_start

    if not ask_at_start(db_path or paths.default_db_path()):  # an encrypted file: its passphrase
        server.close()
        return 1
    from .database_switch import DatabaseSwitch, opener_at_start

    open_local = open_database
    open_database = opener_at_start(open_local, remembered)
    try:
        result = open_database()
    except StoreError as exc:
        server.close()
        logs.logger.error("cannot open the database: %s", exc)
        QMessageBox.critical(None, "Desktop CRM cannot open its database", str(exc))
        print(f"desktop-crm: {exc}", file=sys.stderr)
        return 1
    logs.logger.info("opened %s (log: %s)", result.path, log_file)
    from PySide6.QtCore import QLocale

    from ..services.database.setup import configure_phone_region
    from .main_window import MainWindow

    # Phones typed without a country code are read in the user's region (profile, else
    # the system locale as Qt knows it on every OS).
    configure_phone_region(QLocale.system().name())
    first_hook = sys.excepthook

    def make_window(opened: OpenResult) -> MainWindow:
        configure_phone_region(QLocale.system().name())
        window = MainWindow(opened.path)
        sys.excepthook = first_hook
        database_errors.install(window, opened.path)  # a busy file (the CLI importing) is said
        window.show()
        arrivals.follow(window)
        return window

    window = make_window(result)
    _switch = DatabaseSwitch(window, make_window, reopen=open_database, open_local=open_local)
    arrivals.open_in(window)
    try:
        return app.exec()
    finally:
        server.close()
        close_database()
        logs.logger.info("closed")
