"""The PySide6 refcount guard lives in ui/qt_guard and runs when the app is made."""

from __future__ import annotations

import sys

from desktop_crm.ui import app as ui_app
from desktop_crm.ui import qt_guard


def test_make_application_applies_the_guard_before_any_view(qtbot, monkeypatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(ui_app, "pin_singletons", lambda: calls.append("pinned") or False)
    application = ui_app.make_application()
    assert calls == ["pinned"]
    assert application.applicationName() == "Desktop CRM"


def test_the_import_dialog_path_still_reaches_the_same_guard() -> None:
    from desktop_crm.ui.importer import refcounts

    assert refcounts.pin_singletons is qt_guard.pin_singletons
    assert refcounts.qt_drops_references is qt_guard.qt_drops_references


def test_guard_leaves_a_healthy_pyside_alone_and_pins_a_broken_one(qtbot) -> None:
    qt_guard.pin_singletons()
    if qt_guard.qt_drops_references() and sys.version_info < (3, 12):
        assert sys.getrefcount(None) > 1 << 39  # pinned: ten thousand drops cannot reach zero
    else:
        assert qt_guard.pin_singletons() is False
        assert sys.getrefcount(None) < 1 << 39  # nothing was touched
