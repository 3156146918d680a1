"""Property: vCards written with every real-world quirk import the same people as clean ones."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_crm.io.parse import parse_bytes

_word = st.text(st.sampled_from(list("abcdefghijklmnoprstuvzéüñøłßçあ山Ж")), min_size=1,
                max_size=8).map(str.capitalize)
_person = st.tuples(_word, _word, st.from_regex(r"[a-z]{1,6}@[a-z]{1,6}\.org", fullmatch=True),
                    _word)
QUIRKS = ("profile", "slash_name", "comment", "bare_fn", "stray_semicolon", "end_space",
          "empty_n", "bare_cr_note")


def _card(version: str, first: str, last: str, email: str, org: str, quirks: set[str]) -> str:
    n = "N:;;;;" if "empty_n" in quirks else f"N:{last};{first};;;"
    lines = ["BEGIN:VCARD", f"VERSION:{version}", n, f"FN:{first} {last}"]
    if "profile" in quirks and version == "3.0":
        lines.append("PROFILE:VCard")
    if "slash_name" in quirks:
        lines.append("X-messaging/gadu-All:12345")
    if "comment" in quirks:
        lines.append("# written by some tool")
    if "bare_fn" in quirks:
        lines.append("FN")
    kind = "EMAIL;INTERNET" if version == "2.1" else "EMAIL;TYPE=INTERNET"
    lines.append(f"{kind}{';' if 'stray_semicolon' in quirks else ''}:{email}")
    lines.append(f"ORG:{org}")
    if "bare_cr_note" in quirks:
        lines.append("NOTE:one\rtwo")
    lines.append("END:VCARD " if "end_space" in quirks else "END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def _fold(data: bytes, cuts: list[int]) -> bytes:
    """Fold lines at the given byte positions (inside UTF-8 characters too, as RFC 6350
    allows), never right after a line start or inside a line break."""
    out = bytearray()
    for line in data.split(b"\r\n"):
        pos = 0
        pieces = []
        for cut in sorted({c % max(1, len(line)) for c in cuts}):
            if 3 < cut < len(line) and cut - pos > 1:
                pieces.append(line[pos:cut])
                pos = cut
        pieces.append(line[pos:])
        out += b"\r\n ".join(pieces) + b"\r\n"
    return bytes(out[:-2])


def _people(data: bytes) -> list[tuple[str, str, list[str], str]]:
    result = parse_bytes(data, "cards.vcf")
    return [(r.first_name, r.last_name, [e for _, e in r.emails], r.organization)
            for r in result.records]


@settings(max_examples=80, deadline=None)
@given(st.lists(_person, min_size=1, max_size=4), st.sampled_from(["2.1", "3.0", "4.0"]),
       st.lists(st.sets(st.sampled_from(QUIRKS)), min_size=4, max_size=4),
       st.lists(st.integers(min_value=0, max_value=200), max_size=6), st.booleans())
def test_quirky_vcards_import_the_same_people_as_clean_ones(people, version, quirks, cuts,
                                                             lose_begin) -> None:
    clean = "".join(_card(version, *p, set()) for p in people).encode("utf-8")
    quirky_text = "".join(_card(version, *p, quirks[i % 4]) for i, p in enumerate(people))
    if lose_begin:
        quirky_text = quirky_text.removeprefix("BEGIN:VCARD\r\n")
    quirky = _fold(quirky_text.encode("utf-8"), cuts)
    want = _people(clean)
    assert len(want) == len(people)
    assert _people(quirky) == want
