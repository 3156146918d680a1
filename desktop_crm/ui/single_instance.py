"""One running copy per database: a second launch hands its file to the first.

The server name is derived from the database path, so two different
databases can still be open at once.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket


def server_name(db_path: Path) -> str:
    digest = hashlib.sha1(f"{getpass.getuser()}:{db_path}".encode()).hexdigest()[:16]
    return f"desktop-crm-{digest}"


def send_to_running(name: str, message: str, timeout_ms: int = 500) -> bool:
    """Give ``message`` (a file path, or '' to just raise the window) to a running copy."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(message.encode("utf-8") + b"\n")
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later launches; emits the file each one was asked to open."""

    message_received = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sockets: set[QLocalSocket] = set()
        self._server = QLocalServer(self)
        QLocalServer.removeServer(name)  # a stale socket from a crash
        self._server.listen(name)
        self._server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        socket = self._server.nextPendingConnection()
        if socket is None:
            return
        # Keep a Python reference until Qt is done with the socket, so the
        # wrapper never outlives (or dies before) the C++ object.
        self._sockets.add(socket)
        socket.readyRead.connect(lambda: self._read(socket))
        socket.disconnected.connect(lambda: self._drop(socket))

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine().data()).decode("utf-8", "replace").strip()
            self.message_received.emit(line)

    def _drop(self, socket: QLocalSocket) -> None:
        self._read(socket)
        self._sockets.discard(socket)
        socket.deleteLater()

    def close(self) -> None:
        """Stop listening (the app's exit, or a test's end)."""
        self._server.close()
        for socket in list(self._sockets):
            socket.abort()
        self._sockets.clear()
