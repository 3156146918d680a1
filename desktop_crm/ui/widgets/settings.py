"""The window's remembered state (geometry, splitters, columns, last view).

An INI file inside the app's data folder rather than the platform registry:
``DESKTOP_CRM_HOME`` (tests, portable installs) then redirects it with the
database, so tests never touch the user's settings.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ... import paths

FILE_NAME = "window-settings.ini"


def app_settings() -> QSettings:
    path = paths.data_dir() / FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)
