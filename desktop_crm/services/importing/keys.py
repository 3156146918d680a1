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


# What people add to their name on a profile, which says nothing about who they are:
# pronouns in brackets, letters after a comma, a title before it. (Not Jr., Sr. or III:
# a father and his son share the rest of the name.)
_PRONOUNS = re.compile(r"\(\s*[a-z]+\s*/\s*[a-z]+(?:\s*/\s*[a-z]+)?\s*\)")
_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor"})
_HONORIFIC_STARTS = tuple(_HONORIFICS)
_LETTERS = frozenset({
    "mba", "emba", "phd", "md", "dds", "dvm", "jd", "llm", "edd", "dba", "mph", "mpa", "mfa",
    "msc", "ms", "ma", "mres", "meng", "beng", "bsc", "ba", "bs", "rn", "np", "pa", "cpa",
    "cma", "cfa", "caia", "frm", "acca", "aca", "fca", "cissp", "cism", "cisa", "pmp",
    "capm", "csm", "cspo", "psm", "safe", "itil", "shrm-cp", "shrm-scp", "sphr", "phr",
    "pe", "peng", "ceng", "leed", "esq", "chfc", "clu", "cfp", "ea", "facs", "faan",
})


def name_fold(first: str, last: str) -> str:
    """A folded full name without punctuation (``O'Brien`` ~ ``obrien``), and without
    what a profile adds to a name (``Ann Lee, MBA (she/her)`` ~ ``Dr. Ann Lee`` ~
    ``ann lee``): LinkedIn's export gives names as people dress them up, other
    address books as they are, and the same person must be found in both."""
    folded = fold(f"{first} {last}")
    titled = folded.startswith(_HONORIFIC_STARTS) and \
        folded.split(" ", 1)[0].rstrip(".") in _HONORIFICS
    if not titled and folded.replace(" ", "").isalnum():
        return folded  # the common case, checked in one pass
    if "(" in folded:
        folded = _PRONOUNS.sub(" ", folded)
    if "," in folded:
        name, *after = folded.split(",")
        if after and all(_credential(part) for part in after):
            folded = name
    words = _PUNCT.sub("", folded).split()
    if titled and len(words) > 2:
        words = words[1:]
    return " ".join(words)


def _credential(part: str) -> bool:
    """Whether a comma-separated part of a name is letters after it (``MBA``, ``Ph.D.``,
    ``CPA CFA``), or nothing."""
    return all(word.replace(".", "") in _LETTERS for word in part.split())


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
