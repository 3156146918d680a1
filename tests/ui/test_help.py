"""Help: one line the first time each view opens, a network hint on how to fill it, the user guide."""

from __future__ import annotations

import pytest

from desktop_crm.ui import registry
from desktop_crm.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_db):
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    return win


def test_each_view_says_what_it_is_for_the_first_time_only(window):
    first = window.current_key  # opened with the window: its line is already showing
    assert window.hint.isVisible() and window.hint.text.text().startswith(first.title())
    for key, label, *_ in registry.VIEWS:
        if key == first:
            continue
        window.show_view(key)
        assert window.hint.isVisible(), key
        assert window.hint.text.text().startswith(label), key
    window.show_view(first)
    assert not window.hint.isVisible()


def test_the_network_hint_says_how_to_fill_it(window):
    window.show_view("network")
    text = window.hint.text.text()
    assert "Import" in text and "friend's export" in text


def test_got_it_dismisses_the_line(qtbot, window):
    window.show_view("meetings")
    window.hint.dismiss.click()
    assert not window.hint.isVisible()


def test_help_opens_the_user_guide(window):
    window.guide_action.trigger()
    text = window.guide.browser.toPlainText()
    assert "informational interview" in text and "Import your connections" in text
    window.guide.close()
