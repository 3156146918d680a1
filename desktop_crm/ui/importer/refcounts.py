"""Moved to :mod:`desktop_crm.ui.qt_guard`; kept so existing imports still work."""

from ..qt_guard import pin_singletons, qt_drops_references  # noqa: F401
