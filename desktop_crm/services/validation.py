"""Field validation and normalisation shared by forms, the CLI and imports."""

from __future__ import annotations

import locale
import re

import phonenumbers

from ..domain import STATUSES, STRENGTHS, TIERS
from ..normalise import is_email
from ..store.sort_keys import person_sort_key
from .errors import ValidationError


def clean_text(value: object) -> str:
    """Strip a user's text; None becomes empty. NULs are dropped (SQLite text)."""
    if value is None:
        return ""
    return str(value).replace("\x00", "").strip()


def validate_email(value: str, field: str = "email") -> str:
    email = clean_text(value)
    if not email:
        raise ValidationError(field, "is empty")
    if email.lower().startswith("mailto:"):
        email = email[7:]
    if not is_email(email):  # the one rule, and why: desktop_crm.normalise
        raise ValidationError(field, f"'{email}' is not a valid email address (expected name@example.com)")
    local, _, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


_REGION: list[str | None] = [None]  # set by the CLI or the window at start (set_default_region)


def set_default_region(region: str | None) -> None:
    """The region for numbers typed without a country code: from the user's profile
    or the locale, decided by the caller (the window knows Qt's locale; the CLI the
    environment's). ``None`` goes back to the process locale."""
    code = (region or "").strip().upper()
    _REGION[0] = code if code in phonenumbers.SUPPORTED_REGIONS else None


def region_of_locale(name: str | None) -> str | None:
    """``en_IN.UTF-8`` -> ``IN``; ``None`` when the locale names no region we know."""
    if not name or "_" not in name:
        return None
    region = name.split("_", 1)[1][:2].upper()
    return region if region in phonenumbers.SUPPORTED_REGIONS else None


def region_of_phone(phone: str) -> str | None:
    """The region of a number written with its country code (the user's own)."""
    try:
        parsed = phonenumbers.parse(clean_text(phone), None)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(parsed)
    return region if region in phonenumbers.SUPPORTED_REGIONS else None


def default_region() -> str:
    """Region used to read phone numbers typed without a country code."""
    if _REGION[0]:
        return _REGION[0]
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return region_of_locale(loc) or "US"


def normalise_phone(value: str, region: str | None = None, field: str = "phone") -> tuple[str, str]:
    """Return (what the user typed, E.164 or '' when it cannot be read for sure).

    A number with its country code needs only be possible; one without is read in
    the default region and must be a valid number there (an Indian 10-digit mobile
    read in the US is not one), else it stays as typed. An unreadable number is
    kept as typed: losing it would be worse than storing it unnormalised.
    """
    raw = clean_text(value)
    if not raw:
        raise ValidationError(field, "is empty")
    if not re.search(r"\d", raw):
        raise ValidationError(field, f"'{raw}' has no digits")
    try:
        parsed = phonenumbers.parse(raw, region or default_region())
    except phonenumbers.NumberParseException:
        return raw, ""
    international = raw.lstrip("( ").startswith(("+", "00"))
    if not phonenumbers.is_possible_number(parsed) or (
            not international and not phonenumbers.is_valid_number(parsed)):
        return raw, ""
    return raw, phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _choice(value: str, choices: tuple[str, ...], field: str) -> str:
    cleaned = clean_text(value).lower().replace(" ", "_").replace("-", "_")
    if cleaned not in choices:
        raise ValidationError(field, f"'{value}' is not one of: {', '.join(choices)}")
    return cleaned


def validate_tier(value: str) -> str:
    aliases = {"aa": "primary", "ab": "bridge", "ac": "target"}
    return _choice(aliases.get(clean_text(value).lower(), value), TIERS, "tier")


def validate_status(value: str) -> str:
    return _choice(value, STATUSES, "status")


def validate_strength(value: str) -> str:
    return _choice(value, STRENGTHS, "strength")


def sort_name(first: str, last: str) -> str:
    """The key the contact table sorts on: 'last first' with accents and scripts folded
    (:func:`desktop_crm.store.sort_keys.person_sort_key`)."""
    return person_sort_key(first, last)
