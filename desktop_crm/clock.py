"""The one clock: every "what time is it" in the app asks here.

Why one place: a meeting "next week", a thank-you "due within a day" and the
demo's "upcoming" meetings all depend on now. When each module read the wall
clock on its own, tests that booked literal dates went red once those dates
passed. Here the wall clock can be replaced (``set_now``/``frozen``) by tests,
and by ``DESKTOP_CRM_NOW`` (an ISO date-time, UTC unless it carries an offset)
for a whole process, so the command line and the window can be run "on" any
day. Stored datetimes are naive UTC; ``today()`` and ``local_now()`` are in
the user's own time zone.

This module imports nothing of ours, so every layer may read it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager

ENV_NOW = "DESKTOP_CRM_NOW"

_fixed: dt.datetime | None = None


def _parse_env(value: str) -> dt.datetime | None:
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return _as_aware_utc(parsed)


def _as_aware_utc(when: dt.datetime) -> dt.datetime:
    if when.tzinfo is None:
        return when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)


def now() -> dt.datetime:
    """Aware UTC now (the fixed time when one is set)."""
    if _fixed is not None:
        return _fixed
    env = os.environ.get(ENV_NOW)
    if env:
        parsed = _parse_env(env)
        if parsed is not None:
            return parsed
    return dt.datetime.now(dt.UTC)


def utcnow() -> dt.datetime:
    """Naive UTC now to the second: the form every stored timestamp uses."""
    return now().replace(tzinfo=None, microsecond=0)


def local_now() -> dt.datetime:
    """Aware now in the machine's local time zone (for file names, 'today')."""
    return now().astimezone()


def today() -> dt.date:
    """The user's local calendar day."""
    return local_now().date()


def set_now(when: dt.datetime | None) -> None:
    """Fix the clock at ``when`` (naive means UTC); None goes back to the wall clock."""
    global _fixed
    _fixed = None if when is None else _as_aware_utc(when)


@contextmanager
def frozen(when: dt.datetime) -> Iterator[dt.datetime]:
    """Run a block with the clock fixed at ``when``; restores what was there before."""
    global _fixed
    before = _fixed
    set_now(when)
    try:
        yield _fixed  # type: ignore[misc]
    finally:
        _fixed = before
