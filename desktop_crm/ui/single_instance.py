"""One running copy per database: a second launch hands its files to the first.

The server name is derived from the user and the resolved database path, so
two different databases (``--db``, the demo) can be open at once and a file
always reaches the window that is open on the database it was meant for.

The server only *passes messages on*: whoever listens must not run a modal
dialog inside the slot, because the socket that delivered the message may be
deleted while that dialog's event loop runs (see :mod:`.import_queue`).
"""

from __future__ import annotations

import getpass
import hashlib
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket


def server_name(db_path: Path) -> str:
    """The local socket name for a database: one per user and resolved file."""
    resolved = Path(db_path).expanduser().resolve()
    digest = hashlib.sha1(f"{getpass.getuser()}:{resolved}".encode()).hexdigest()[:16]
    return f"desktop-crm-{digest}"


def send_to_running(name: str, messages: str | Iterable[str], timeout_ms: int = 500) -> bool:
    """Give ``messages`` (file paths, or '' to just raise the window) to a running copy.

    Returns False when no copy listens on ``name`` (this launch then opens the window).
    """
    lines = [messages] if isinstance(messages, str) else list(messages) or [""]
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(b"".join(line.encode("utf-8") + b"\n" for line in lines))
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(timeout_ms)
    return True


class InstanceServer(QObject):
    """Listens for later launches; emits each file one was asked to open."""

    message_received = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sockets: set[QLocalSocket] = set()
        self._server = QLocalServer(self)
        QLocalServer.removeServer(name)  # a stale socket from a crash
        self._server.listen(name)
        self._server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is None:
                return
            # Keep a Python reference until Qt is done with the socket, so the
            # wrapper never outlives (or dies before) the C++ object.
            self._sockets.add(socket)
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _read(self, socket: QLocalSocket) -> None:
        # Read every complete line first, then emit: a listener that spins an
        # event loop can no longer pull the socket out from under this loop.
        if socket not in self._sockets:
            return
        lines = []
        while socket.canReadLine():
            lines.append(bytes(socket.readLine().data()).decode("utf-8", "replace").strip())
        for line in lines:
            self.message_received.emit(line)

    def _drop(self, socket: QLocalSocket) -> None:
        if socket not in self._sockets:
            return
        self._read(socket)
        self._sockets.discard(socket)
        socket.deleteLater()

    def close(self) -> None:
        """Stop listening (the app's exit, or a test's end)."""
        self._server.close()
        for socket in list(self._sockets):
            socket.abort()
        self._sockets.clear()
