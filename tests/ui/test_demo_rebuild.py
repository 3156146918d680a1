"""The demo window offers to lay a stale sample network around today again."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from desktop_crm import clock, paths
from desktop_crm.services.database.demo import build_demo
from desktop_crm.store import close_database, open_store
from desktop_crm.store.models import Meeting
from desktop_crm.ui.main_window import MainWindow


def test_a_stale_demo_says_so_and_the_menu_rebuilds_it(qtbot, now, monkeypatch) -> None:
    path = paths.demo_db_path()
    open_store(path)
    try:
        with clock.frozen(now - dt.timedelta(days=500)):
            build_demo()
        window = MainWindow(path)
        qtbot.addWidget(window)
        window.show()
        assert "Rebuild the demo network" in window.statusBar().currentMessage()
        monkeypatch.setattr(QMessageBox, "question",
                            lambda *a, **k: QMessageBox.StandardButton.Yes)
        window.rebuild_demo_action.trigger()
        assert Meeting.select().where(Meeting.status == "planned", Meeting.starts_at > now).exists()
        assert "rebuilt around today" in window.statusBar().currentMessage()
    finally:
        close_database()


def test_your_own_database_has_no_rebuild_item(qtbot, db_path) -> None:
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    assert not hasattr(window, "rebuild_demo_action")
