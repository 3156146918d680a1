"""UI test plumbing: dirty form dialogs left open by a test close without asking.

pytest-qt closes every widget a test registered; a form dialog with unsaved
input would then open its "Save, Discard or Cancel?" box and wait forever.
This hook runs first and marks such dialogs clean, as if the user had
chosen Discard.
"""

from __future__ import annotations

import pytest


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item):
    import shiboken6

    from desktop_crm.ui.widgets.unsaved import AsksBeforeDiscarding

    for dialog in list(AsksBeforeDiscarding.instances):  # only the form dialogs, never all widgets
        if shiboken6.isValid(dialog):
            dialog.mark_clean()
    yield
