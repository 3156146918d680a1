"""File > "Open a server database…": the address of a PostgreSQL database, tried, then opened.

Host, port, database and user (or a pasted ``postgresql://`` URL, which
fills them), and a password that is used for this session only: the app
never saves it. "Test connection" says in one line what is there or why it
cannot be used (the messages of the opening dialog); "Open" tries again and
hands the address to the window, which opens it and remembers it (without the
password) for the next start. libpq reads ``~/.pgpass`` or ``PGPASSFILE`` by
itself; without either the window asks for the password when it starts.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..services.database.opening import StoreError
from ..services.database.servers import ServerAddress, try_server
from ..services.errors import ServiceError
from .widgets.field_errors import FieldError, messages_by_field, with_error_below
from .widgets.theme import heading_font, set_error_style, set_muted
from .widgets.worker import run_off_ui_thread

PASSWORD_NOTE = (
    "The password is used for this session only and never saved. Desktop CRM reads "
    "~/.pgpass (or the file PGPASSFILE names) if it holds one; otherwise it asks for the "
    "password when it starts."
)


class ServerDialog(QDialog):
    """``ServerDialog(current_url)``; once accepted, ``chosen_url`` holds the address to open
    (with the password typed, in memory only) and ``remembered_url`` the one to keep."""

    def __init__(self, current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open a server database")
        self.chosen_url = ""
        self.remembered_url = ""
        outer = QVBoxLayout(self)
        title = QLabel("A PostgreSQL database on a server")
        title.setFont(heading_font(self, 1.15))
        outer.addWidget(title)
        intro = QLabel("Several machines (or several counsellors) can work on it at once. "
                       "The local file stays where it is: File > Use the local database file "
                       "comes back to it.")
        intro.setWordWrap(True)
        outer.addWidget(intro)
        self.url = QLineEdit()
        self.url.setPlaceholderText("postgresql://user@host:5432/database (fills the fields below)")
        self.url.textEdited.connect(self._url_typed)
        self.host = QLineEdit("localhost")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit()
        self.database.setPlaceholderText("e.g. crm")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("not saved")
        self.errors = {name: FieldError() for name in ("host", "port", "database", "user")}
        form = QFormLayout()
        form.addRow("URL", self.url)
        form.addRow("Host", with_error_below(self.host, self.errors["host"]))
        form.addRow("Port", with_error_below(self.port, self.errors["port"]))
        form.addRow("Database", with_error_below(self.database, self.errors["database"]))
        form.addRow("User", with_error_below(self.user, self.errors["user"]))
        form.addRow("Password", self.password)
        outer.addLayout(form)
        note = QLabel(PASSWORD_NOTE)
        note.setWordWrap(True)
        set_muted(note)
        outer.addWidget(note)
        self.result_line = QLabel()
        self.result_line.setWordWrap(True)
        self.result_line.hide()
        outer.addWidget(self.result_line)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.test_button = QPushButton("Test connection")
        self.test_button.clicked.connect(self.test_connection)
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button = self.buttons.addButton("Open", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.open_database)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        if current:
            self._fill(ServerAddress.from_url(current))
            self.url.setText(ServerAddress.from_url(current).url(with_password=False))
        self.resize(520, self.sizeHint().height())

    def _url_typed(self, text: str) -> None:
        if text.strip().lower().startswith(("postgresql://", "postgres://")):
            self._fill(ServerAddress.from_url(text.strip()))

    def _fill(self, address: ServerAddress) -> None:
        self.host.setText(address.host)
        self.port.setValue(address.port)
        self.database.setText(address.database)
        self.user.setText(address.user)
        if address.password:
            self.password.setText(address.password)

    def address(self) -> ServerAddress:
        """The fields as an address; ValidationError(s) naming an empty or bad field."""
        return ServerAddress(self.host.text(), self.port.value(), self.database.text(),
                             self.user.text(), self.password.text()).checked()

    def _say(self, text: str, trouble: bool) -> None:
        text = " ".join(text.split())
        self.result_line.setText(text[:1].upper() + text[1:])
        self.result_line.setPalette(self.palette())
        if trouble:
            set_error_style(self.result_line)
        self.result_line.show()

    def _tried(self) -> ServerAddress | None:
        """Check the fields and try the server; the one-line outcome is shown either way."""
        for label in self.errors.values():
            label.clear_message()
        try:
            address = self.address()
        except ServiceError as exc:
            for field, message in messages_by_field(exc).items():
                self.errors.get(field, self.errors["host"]).show_message(message)
            self._say("Fill in the fields marked below.", trouble=True)
            return None
        url = address.url()
        self._say(f"Trying {address.host}:{address.port}…", trouble=False)
        self.buttons.setEnabled(False)
        try:
            # Off the UI thread: a server that does not answer takes the whole timeout.
            said = run_off_ui_thread(lambda: try_server(url))
        except StoreError as exc:
            self._say(str(exc), trouble=True)
            return None
        finally:
            self.buttons.setEnabled(True)
        self._say(said, trouble="will not open" in said or "newer" in said)
        return None if ("will not open" in said or "newer" in said) else address

    def test_connection(self) -> bool:
        """Try the address now; True when it can be opened."""
        return self._tried() is not None

    def open_database(self) -> None:
        """Try once more and accept with the address; stay open with the reason otherwise."""
        address = self._tried()
        if address is None:
            return
        self.chosen_url = address.url()
        self.remembered_url = address.url(with_password=False)
        self.accept()
