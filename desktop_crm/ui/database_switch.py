"""Which database the window is on: a remembered server choice at start, and moving the
window to a server database or back to the local file while it runs.

The choice made in File > "Open a server database…" is kept in the window's
settings file (``database/server``) as the address *without* its password; the
next start without ``--db`` or ``--demo`` opens it (the command line's ``--db``
always wins). libpq finds a password in ``~/.pgpass`` or ``PGPASSFILE``; when it
finds none the start asks for it and holds it in memory only. A server that
cannot be used at start is said in one line, with the local file offered instead.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget

from ..services.database.opening import OpenResult, StoreError, close_database, open_database
from ..services.database.servers import (
    ServerAddress,
    describe_database,
    needs_password,
    try_server,
)
from .widgets.settings import app_settings
from .widgets.worker import Cancelled, wait_or_cancel

REMEMBERED = "database/server"

Opener = Callable[[], OpenResult]


def remembered_server() -> str:
    """The server address chosen last time (no password), or "" for the local file."""
    return str(app_settings().value(REMEMBERED, "") or "")


def remember_server(url: str) -> None:
    """Keep ``url`` (given without its password) for the next start; "" forgets it."""
    settings = app_settings()
    if url:
        settings.setValue(REMEMBERED, ServerAddress.from_url(url).url(with_password=False))
    else:
        settings.remove(REMEMBERED)
    settings.sync()


def ask_password(url: str, why: str, parent: QWidget | None = None) -> str | None:
    """The address with the password the user types (kept in memory only), or None."""
    address = ServerAddress.from_url(url)
    text, ok = QInputDialog.getText(
        parent, "Password for the server database",
        f"{why}\nPassword for {address.user} on {address.database} at {address.host}:{address.port} "
        "(used for this session only, never saved):",
        QLineEdit.EchoMode.Password)
    if not ok:
        return None
    return ServerAddress(address.host, address.port, address.database, address.user, text).url()


def open_server(url: str, parent: QWidget | None = None) -> tuple[OpenResult, str]:
    """Open the server database at ``url``, asking for the password when the server wants one
    libpq did not find; returns the result and the address used (password included)."""
    try:
        return open_database(url), url
    except StoreError as exc:
        if not needs_password(exc):
            raise
        with_password = ask_password(url, str(exc), parent)
        if with_password is None:
            raise
        return open_database(with_password), with_password


def opener_at_start(open_local: Opener, remembered: bool) -> Opener:
    """What the start opens: the remembered server when the arguments name no database
    (``remembered``), else what they name. A remembered server that cannot be used is
    said, with the local file offered instead."""
    url = remembered_server() if remembered else ""
    if not url:
        return open_local

    def open_remembered() -> OpenResult:
        try:
            _reach(url)
            return open_server(url)[0]
        except Cancelled:
            return open_local()
        except StoreError as exc:
            answer = QMessageBox.question(
                None, "Desktop CRM cannot open the server database",
                f"{exc}\n\nOpen the local database file instead? (The server stays chosen "
                "for the next start unless you choose the local file in the File menu.)")
            if answer != QMessageBox.StandardButton.Yes:
                raise
            return open_local()

    return open_remembered


def _reach(url: str) -> None:
    """Reach the server before the window exists, off the UI thread, behind a dialog
    that says where it connects and lets the user take the local file instead (a server
    that does not answer holds the start for its whole connect timeout). A refusal that
    asks for a password is left to :func:`open_server`, which asks for it."""
    try:
        wait_or_cancel(lambda: try_server(url),
                       f"Connecting to {describe_database(url)}…", "Use the local file")
    except StoreError as exc:
        if not needs_password(exc):
            raise


class DatabaseSwitch(QObject):
    """Moves the one window between databases: closes it, closes the store, opens the
    chosen database and builds a new window on it (``make_window``). A database that
    cannot be opened is said and the previous one opened again."""

    def __init__(self, window, make_window: Callable[[OpenResult], QWidget], reopen: Opener,
                 open_local: Opener) -> None:
        super().__init__()
        self.window = window
        self._make_window = make_window
        self._reopen = reopen
        self._open_local = open_local
        self.watch(window)

    def watch(self, window) -> None:
        window.database_requested.connect(self.switch)

    def switch(self, url: str, remembered: str) -> None:
        """Open ``url`` (a server, password included) or, for "", the local file."""
        app = QApplication.instance()
        quits = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)  # the old window closes before the new one shows
        old = self.window
        try:
            old.close()
            close_database()
            try:
                result = open_database(url) if url else self._open_local()
            except StoreError as exc:
                print(f"desktop-crm: {exc}", file=sys.stderr)
                QMessageBox.warning(old, "Desktop CRM cannot open that database", str(exc))
                result = self._reopen()
            else:
                remember_server(remembered if url else "")
                self._reopen = (lambda: open_database(url)) if url else self._open_local
            self.window = self._make_window(result)
            self.watch(self.window)
            old.deleteLater()
        finally:
            app.setQuitOnLastWindowClosed(quits)

