"""Dates as the views show them, in the user's own zone.

Shared by the findings cards and the organizations' surround panel, so a
meeting reads the same date wherever it appears.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from ... import clock


def local_date(value: dt.datetime) -> str:
    """A naive-UTC meeting start as the user's local date ('12 Oct 2026')."""
    local = value.replace(tzinfo=dt.UTC).astimezone()
    return local.strftime("%d %b %Y").lstrip("0")


def qdate_today() -> QDate:
    """Today (the app's clock, so tests can set it) as a QDate for date pickers."""
    day = clock.today()
    return QDate(day.year, day.month, day.day)
