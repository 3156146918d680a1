"""The window's opening dialog when the server cannot be used: one line, exit 1, no window."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("psycopg", reason="the PostgreSQL driver: pip install -e '.[postgresql]'")


def test_a_server_that_does_not_answer_is_said_in_the_opening_dialog(qapp, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop_crm.store import open_store
    from desktop_crm.ui import app as ui_app

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda parent, title, text: shown.append((title, text))))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the app installs its own
    url = "postgresql://crm:not-shown@127.0.0.1:1/crm"  # port 1: nothing listens there
    code = ui_app.run_gui(lambda: open_store(url), db_path=url)
    assert code == 1
    assert len(shown) == 1
    title, text = shown[0]
    assert "cannot open its database" in title
    assert "does not answer" in text and "nothing was written" in text
    assert "\n" not in text and "not-shown" not in text  # one line, never the password
