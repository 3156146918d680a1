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
from urllib.parse import urlsplit

_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def fold(text: str) -> str:
    """Casefold, strip accents and collapse spaces: the form names are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare).strip()


def name_fold(first: str, last: str) -> str:
    """A folded full name without punctuation (``O'Brien`` ~ ``obrien``)."""
    return _SPACES.sub(" ", _PUNCT.sub("", fold(f"{first} {last}"))).strip()


def email_key(email: str) -> str:
    return email.strip().lower()


def email_domain(email: str) -> str:
    return email_key(email).rpartition("@")[2]


def clean_linkedin_url(url: str) -> str:
    """The URL as stored: https, no query, fragment or trailing slash; host as given otherwise."""
    text = url.strip()
    if not text:
        return ""
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    host = parts.netloc.lower()
    path = parts.path.rstrip("/")
    return f"https://{host}{path}"


def linkedin_key(url: str) -> str:
    """The comparable form of a profile URL: lower-case host without ``www.``, then the path."""
    cleaned = clean_linkedin_url(url)
    if not cleaned:
        return ""
    parts = urlsplit(cleaned)
    host = parts.netloc.removeprefix("www.")
    # Country subdomains (de.linkedin.com) point to the same profile.
    if host.endswith(".linkedin.com"):
        host = "linkedin.com"
    return f"{host}{parts.path.lower()}"


def name_org_key(first: str, last: str, organization: str) -> str:
    """Name plus organization; empty when there is no name to go on."""
    name = name_fold(first, last)
    if not name:
        return ""
    return f"{name}\x1f{fold(organization)}"
