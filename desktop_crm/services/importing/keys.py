"""The keys two records share when they are the same person.

Matching is by key, not by eye: an email (case-insensitive), a LinkedIn
profile URL (normalised so ``http://www.LinkedIn.com/in/ann/?trk=x`` and
``https://linkedin.com/in/ann`` agree), or a folded name together with a
folded organization. Folding removes case and accents so ``François`` and
``francois`` are one key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://)?([^/?#]*)([^?#]*)")


def fold(text: str) -> str:
    """Casefold, strip accents and collapse spaces: the form names are compared in.

    Called a million times by a 100,000-row import: plain ASCII takes a fast
    path, and the rest (names and companies repeat) is cached.
    """
    if text.isascii():
        return " ".join(text.lower().split())
    return _fold_unicode(text)


@lru_cache(maxsize=1 << 15)
def _fold_unicode(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


@lru_cache(maxsize=1 << 14)
def fold_organization(name: str) -> str:
    """:func:`fold` for organization names, cached: a big file repeats a few thousand."""
    return fold(name)


def name_fold(first: str, last: str) -> str:
    """A folded full name without punctuation (``O'Brien`` ~ ``obrien``)."""
    folded = fold(f"{first} {last}")
    if folded.replace(" ", "").isalnum():
        return folded
    return " ".join(_PUNCT.sub("", folded).split())


def email_key(email: str) -> str:
    return email.strip().lower()


def email_domain(email: str) -> str:
    return email_key(email).rpartition("@")[2]


# A profile URL as LinkedIn's export writes it and as it is stored: already clean.
_LINKEDIN = "https://www.linkedin.com/"


def _plain_linkedin(url: str) -> bool:
    """``url`` is ``https://www.linkedin.com/...`` with no query, fragment, trailing slash
    or surrounding space: cleaning leaves it as it is (the common case, checked cheaply)."""
    return (url.startswith(_LINKEDIN) and "?" not in url and "#" not in url
            and not url.endswith("/") and not url[-1].isspace())


def clean_linkedin_url(url: str) -> str:
    """The URL as stored: https, no query, fragment or trailing slash; host as given otherwise."""
    if _plain_linkedin(url):
        return url
    match = _URL.match(url.strip())
    host = match[1].lower() if match else ""
    if not host:
        return ""
    cleaned = f"https://{host}{match[2].rstrip('/')}"
    return url if cleaned == url else cleaned  # the file's own string when already clean


def linkedin_key(url: str) -> str:
    """The comparable form of a profile URL: lower-case host without ``www.``, then the path."""
    if _plain_linkedin(url):
        return f"linkedin.com{url[len(_LINKEDIN) - 1:].lower()}"
    match = _URL.match(url.strip())
    host = match[1].lower().removeprefix("www.") if match else ""
    if not host:
        return ""
    # Country subdomains (de.linkedin.com) point to the same profile.
    if host.endswith(".linkedin.com"):
        host = "linkedin.com"
    return f"{host}{match[2].rstrip('/').lower()}"


def name_org_key(first: str, last: str, organization: str) -> str:
    """Name plus organization; empty when there is no name to go on."""
    name = name_fold(first, last)
    if not name:
        return ""
    return f"{name}\x1f{fold_organization(organization)}"
