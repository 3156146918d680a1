"""Help > About names the version and every component's licence (Qt's LGPL with
its notice); Help > User guide shows the shipped guide; errors become a dialog
and a trace in the log."""

from __future__ import annotations

import logging

from modal_helpers import answer_next_modal  # tests/ui helper
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_crm import __version__, logs
from desktop_crm.ui.about import AboutDialog
from desktop_crm.ui.error_dialog import handle_exception
from desktop_crm.ui.main_window import MainWindow
from desktop_crm.ui.user_guide import UserGuideDialog


def test_about_shows_the_version_and_the_licences_of_what_ships(qtbot, db_path) -> None:
    dialog = AboutDialog(db_path)
    qtbot.addWidget(dialog)
    assert __version__ in dialog.tabs.widget(0).text()
    assert str(db_path) in dialog.tabs.widget(0).text()
    names = {c.name.lower(): c for c in dialog.components}
    for needed in ("desktop crm", "qt", "python", "dejavu fonts", "reportlab", "peewee",
                   "pyside6_essentials", "networkx"):
        assert needed in names, needed
    assert dialog.show_component("Qt")
    text = dialog.text.toPlainText()
    assert "LGPL-3.0" in text and "GNU LESSER GENERAL PUBLIC LICENSE" in text
    assert "replaced" in text  # the notice: the user may swap the Qt libraries
    assert dialog.show_component("Desktop CRM")
    assert "MIT License" in dialog.text.toPlainText()
    assert dialog.show_component("reportlab")
    assert "BSD" in dialog.text.toPlainText()


def test_help_menu_opens_the_guide_and_about(qtbot, db_path) -> None:
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    names = [a.objectName() for a in help_menu.actions()]
    assert "user_guide" in names and "about" in names
    seen: list[type] = []

    def close_modal(left: int = 200) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, (AboutDialog, UserGuideDialog)):
            seen.append(type(dialog))
            dialog.reject()
        elif left:
            QTimer.singleShot(10, lambda: close_modal(left - 1))

    QTimer.singleShot(0, close_modal)
    window.user_guide_action.trigger()
    QTimer.singleShot(0, close_modal)
    window.about_action.trigger()
    assert sorted(seen, key=lambda c: c.__name__) == [AboutDialog, UserGuideDialog]


def test_the_user_guide_explains_exports_the_method_and_the_shortcuts(qtbot) -> None:
    dialog = UserGuideDialog()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    for needed in ("LinkedIn", "Connections.csv", "Google CSV", "Outlook", "vCard",
                   "informational interview", "Keyboard shortcuts", "Ctrl+N", "Ctrl+I"):
        assert needed in text, needed


def test_an_uncaught_error_is_logged_and_shown_not_fatal(qtbot, db_path) -> None:
    log_file = logs.setup_logging()
    seen = answer_next_modal(lambda box: box.accept())
    try:
        raise ValueError("the network layout got no nodes")
    except ValueError as exc:
        handle_exception(type(exc), exc, exc.__traceback__)
    assert seen and "the network layout got no nodes" in seen[0]
    assert str(log_file) in seen[0]
    for handler in logging.getLogger("desktop_crm").handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "ValueError: the network layout got no nodes" in logged
    assert "Traceback" in logged
    assert log_file.parent == logs.log_path().parent


def test_the_app_has_its_icon_and_desktop_file_name(qtbot) -> None:
    from PySide6.QtGui import QGuiApplication

    from desktop_crm import appinfo
    from desktop_crm.ui.app import make_application

    app = make_application()
    assert QGuiApplication.desktopFileName() == appinfo.APP_ID
    assert not app.windowIcon().isNull()
    assert not app.windowIcon().pixmap(48, 48).isNull()
    assert app.applicationVersion() == __version__


def test_an_error_in_a_worker_thread_is_shown_from_the_window_thread(qtbot) -> None:
    import threading

    from desktop_crm.ui import error_dialog

    logs.setup_logging()
    error_dialog.ensure_reporter()
    seen = answer_next_modal(lambda box: box.accept())

    def work() -> None:
        try:
            raise RuntimeError("layout worker failed")
        except RuntimeError as exc:
            error_dialog.handle_exception(type(exc), exc, exc.__traceback__)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert "layout worker failed" in seen[0]
