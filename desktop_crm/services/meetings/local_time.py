"""Wall-clock time in a meeting's own zone, and the naive-UTC instants we store.

Meetings keep ``starts_at`` as naive UTC plus the IANA zone they happen in.
Every conversion goes through :mod:`zoneinfo`, so a meeting typed as 01:30
on the night the clocks change lands on the right instant, and deadlines
(the thank-you note) are computed in elapsed time, not in wall-clock time.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import ValidationError

UTC = dt.UTC


def zone(name: str, field: str = "tz") -> ZoneInfo:
    """The zone called ``name`` (e.g. 'Europe/Berlin'), or a ValidationError naming the field."""
    text = (name or "").strip()
    if not text:
        raise ValidationError(field, "no time zone given (expected a name like Europe/Berlin)")
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a path
        raise ValidationError(
            field, f"'{text}' is not a known time zone (expected a name like Europe/Berlin)"
        ) from None


def system_zone_name() -> str:
    """The IANA name of this computer's zone: $TZ, /etc/localtime, /etc/timezone, else UTC.

    A fixed offset from ``datetime.astimezone()`` would lose daylight-saving
    rules, so we look for the real name.
    """
    candidates: list[str] = []
    env = os.environ.get("TZ", "").lstrip(":")
    if env:
        candidates.append(env)
    localtime = Path("/etc/localtime")
    try:
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    try:
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    for name in candidates:
        try:
            ZoneInfo(name)
            return "UTC" if name in ("Etc/UTC", "Etc/UCT", "UCT", "Zulu") else name
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return "UTC"


# Times the app can show in any zone and compute with (an end, a reminder, a week):
# outside these a stored value would break every view that reads it.
EARLIEST = dt.datetime(1900, 1, 1)
LATEST = dt.datetime(2999, 12, 31)


def check_in_range(value: dt.datetime, field: str = "when") -> dt.datetime:
    """Refuse a time the app could not show (before 1900 or after 2999)."""
    plain = value.replace(tzinfo=None)
    if not EARLIEST <= plain <= LATEST:
        raise ValidationError(
            field, f"{plain.isoformat(sep=' ', timespec='minutes')} is outside the years "
            f"{EARLIEST.year} to {LATEST.year}")
    return value


def parse_local(text: str, field: str = "when") -> dt.datetime:
    """Read '2026-12-01T10:00' or '2026-12-01 10:00' as a naive wall-clock time."""
    raw = (text or "").strip()
    if not raw:
        raise ValidationError(field, "no date and time given (expected 2026-12-01T10:00)")
    try:
        value = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise ValidationError(
            field, f"'{raw}' is not a date and time (expected 2026-12-01T10:00)"
        ) from None
    if value.tzinfo is not None:
        raise ValidationError(
            field, f"'{raw}' carries an offset; give the wall time and the zone separately"
        )
    if len(raw) <= 10:
        raise ValidationError(field, f"'{raw}' has no time of day (expected 2026-12-01T10:00)")
    return check_in_range(value, field)


def local_to_utc(local: dt.datetime, tz: str, fold: int = 0, field: str = "when") -> dt.datetime:
    """Naive UTC instant of the wall time ``local`` in zone ``tz``.

    A wall time skipped by a spring-forward change does not exist and is
    refused with a message saying so; one repeated by a fall-back change is
    read as its first occurrence (``fold=0``) unless ``fold=1`` asks for the
    second.
    """
    zi = zone(tz)
    aware = local.replace(tzinfo=zi, fold=fold)
    as_utc = aware.astimezone(UTC)
    round_trip = as_utc.astimezone(zi).replace(tzinfo=None)
    if round_trip != local.replace(tzinfo=None, fold=0):
        raise ValidationError(
            field,
            f"{local:%Y-%m-%d %H:%M} does not exist in {tz} (the clocks jump forward that night); "
            "pick another time",
        )
    return as_utc.replace(tzinfo=None)


def utc_to_local(utc_naive: dt.datetime, tz: str) -> dt.datetime:
    """Aware wall-clock time in ``tz`` of a stored naive-UTC instant."""
    try:
        zi = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        zi = ZoneInfo("UTC")
    return utc_naive.replace(tzinfo=UTC).astimezone(zi)


def parse_day(text: str, field: str = "date") -> dt.date:
    """Read '2026-12-01' as a date, or a ValidationError naming the field."""
    raw = (text or "").strip()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(field, f"'{raw}' is not a date (expected 2026-12-01)") from None


_TIME_OF_DAY = re.compile(
    r"^(?P<h>\d{1,2})(?:\s*[:.hH]\s*(?P<m>\d{2})|(?P<m2>\d{2}))?\s*(?:(?P<ap>[aApP])\.?\s*(?:[mM]\.?)?)?$"
)
_NAMED_TIMES = {"noon": dt.time(12, 0), "midday": dt.time(12, 0), "midnight": dt.time(0, 0)}


def parse_time_of_day(text: str, field: str = "when") -> dt.time:
    """Read a time as people type it: '14:30', '14.30', '1430', '14', '2:30 pm', '2pm', 'noon'.

    A 12-hour reading needs am/pm (12 am is midnight, 12 pm noon); without it
    the hour is on the 24-hour clock. Anything else is a ValidationError that
    shows an example, so the field can say what it expects.
    """
    raw = " ".join((text or "").split())
    if not raw:
        raise ValidationError(field, "no time of day given (type e.g. 14:30 or 2:30 pm)")
    named = _NAMED_TIMES.get(raw.lower())
    if named is not None:
        return named
    match = _TIME_OF_DAY.match(raw)
    problem = f"'{raw}' is not a time of day (type e.g. 14:30 or 2:30 pm)"
    if match is None:
        raise ValidationError(field, problem)
    hour = int(match["h"])
    minute = int(match["m"] or match["m2"] or 0)
    if match["ap"]:
        if not 1 <= hour <= 12:
            raise ValidationError(field, problem)
        hour = hour % 12 + (12 if match["ap"].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        raise ValidationError(field, problem)
    return dt.time(hour, minute)
