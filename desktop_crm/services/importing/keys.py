"""The keys two records share when they are the same person.

Matching is by key, not by eye: an email (case-insensitive), a LinkedIn
profile URL (normalised so ``http://www.LinkedIn.com/in/ann/?trk=x`` and
``https://linkedin.com/in/ann`` agree), or a folded name together with a
folded organization. Folding (:func:`desktop_crm.normalise.fold`, the app's one
rule) removes case, accents and extra spaces so ``François`` and ``francois``
are one key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ...normalise import fold

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://)?([^/?#]*)([^?#]*)")


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


def name_keys(name: str, organization: str, phones: Iterable[str] = ()) -> list[str]:
    """The ``n:`` keys of a person called ``name`` (folded, see :func:`name_fold`).

    A full name, or any name with an organization, is one key. A one-word name with no
    organization ("Kausik", "Mom", "Plumber": a phone's address book is full of them)
    says too little to tell two people apart: with phone numbers (``phone_key``s) it is
    one key per number, so two "Kausik"s with different numbers stay two people and
    importing the book again still finds each; with none, the name alone.
    """
    organization = fold_organization(organization)
    if organization or " " in name:
        return [f"n:{name}\x1f{organization}"]
    numbers = sorted(set(phones))
    if not numbers:
        return [f"n:{name}\x1f"]
    return [f"n:{name}\x1f\x1f{number}" for number in numbers]
