"""More real-world file shapes, found by running other programs' exports through the
importer; each fixture is made up to reproduce one shape."""

from __future__ import annotations

from pathlib import Path

from desktop_crm.io.parse import parse_file

SHAPES = Path(__file__).parent / "shapes"


def _names(result) -> list[tuple[str, str]]:
    return [(r.first_name, r.last_name) for r in result.records]


def test_quoted_printable_without_a_charset_is_decoded_not_dropped() -> None:
    # vCard 2.1 writers (The Bat!, old phones) give ENCODING=QUOTED-PRINTABLE and no
    # CHARSET: UTF-8 when the bytes are UTF-8, else the Windows code page.
    result = parse_file(SHAPES / "vcard21_qp_no_charset.vcf")
    assert _names(result) == [("Lucia", "Muñoz"), ("René", "Béranger")]
    assert result.warnings == []
    assert all("=" not in (r.notes + "".join(r.extra.values())) for r in result.records)


def test_a_card_without_its_end_line_is_read_with_a_warning() -> None:
    result = parse_file(SHAPES / "vcard_no_end.vcf")
    assert result.problems == []
    assert _names(result) == [("Tomas", "Novak"), ("Eva", "Dvorak"), ("Karel", "Svoboda")]
    assert result.records[0].emails == [("", "tomas@example.cz")]
    assert result.records[2].phones == [("", "+420 601 234 567")]
    reasons = {w.row: w.reason for w in result.warnings}
    assert set(reasons) == {1, 3}
    assert "card 1, line 1" in reasons[1] and "no END:VCARD" in reasons[1]
    assert "next BEGIN:VCARD" in reasons[1]
    assert "card 3, line 11" in reasons[3] and "end of the file" in reasons[3]
