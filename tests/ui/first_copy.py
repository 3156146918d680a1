"""The first copy of the app, for the two-process test: the real ``main()``,
plus a watcher that reports each import dialog on stdout and closes it.

Usage: python tests/ui/first_copy.py DB EXPECTED_DIALOGS
Prints READY once the window listens, ``DIALOG <path>`` and ``CLOSED`` per
dialog, and ``ALIVE`` a while after the last one closed; then quits with 0.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop_crm.__main__ import main  # noqa: E402
from desktop_crm.ui import app as ui_app  # noqa: E402

DB, EXPECTED = sys.argv[1], int(sys.argv[2])
closed = {"n": 0}


def say(text: str) -> None:
    print(text, flush=True)


def watch() -> None:
    from desktop_crm.ui.importer.dialog import ImportDialog

    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, ImportDialog):
        say(f"DIALOG {dialog.path}")
        # Closed from a later event, as a user's click would be.
        QTimer.singleShot(50, dialog.reject)
        QTimer.singleShot(60, lambda: say("CLOSED"))
        closed["n"] += 1
        if closed["n"] == EXPECTED:
            # Time for the handing-over sockets to go away, which is when
            # the crash used to come.
            QTimer.singleShot(1500, finish)
        QTimer.singleShot(200, watch)
        return
    QTimer.singleShot(20, watch)


def finish() -> None:
    say("ALIVE")
    QApplication.instance().quit()


_make = ui_app.make_application


def make_application(*args, **kwargs):
    app = _make(*args, **kwargs)
    QTimer.singleShot(0, lambda: say("READY"))
    QTimer.singleShot(0, watch)
    return app


ui_app.make_application = make_application
sys.exit(main(["--db", DB]))
