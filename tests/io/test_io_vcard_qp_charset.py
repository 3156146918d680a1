"""vCard 2.1 quoted-printable values that name no charset (old phones and mail programs
wrote the bytes of their Windows code page): UTF-8 when they are, else one guess for the
file, made from all its values, between the Western, Central European and Cyrillic code
pages, so a Polish "małopolskie" does not come in as "ma³opolskie"."""

from __future__ import annotations

import pytest

from desktop_crm.io.parse import parse_bytes


def _card(*lines: str) -> bytes:
    return ("BEGIN:VCARD\r\nVERSION:2.1\r\n" + "\r\n".join(lines)
            + "\r\nEND:VCARD\r\n").encode("ascii")


def _read(*cards: bytes):
    result = parse_bytes(b"".join(cards), "old-phone.vcf")
    assert result.problems == []
    return result.records


def test_a_polish_phone_book_reads_in_central_european() -> None:
    records = _read(
        _card("N;ENCODING=QUOTED-PRINTABLE:Iksi=F1ski;Piotr",
              "FN;ENCODING=QUOTED-PRINTABLE:Piotr Iksi=F1ski", "TEL;CELL:+48 601 000 111"),
        _card("N;ENCODING=QUOTED-PRINTABLE:W=B9s;=A3ukasz",
              "ADR;HOME;ENCODING=QUOTED-PRINTABLE:;;ul. D=B3uga 5;Krak=F3w;ma=B3opolskie;;PL"))
    # One guess for the file: the second card's letters decide the first's too.
    assert [(r.first_name, r.last_name) for r in records] == [("Piotr", "Iksiński"),
                                                              ("Łukasz", "Wąs")]
    assert records[1].location == "Kraków, małopolskie, PL"


@pytest.mark.parametrize(("value", "first", "last"), [
    ("M=FCller;J=FCrgen", "Jürgen", "Müller"),
    ("Cr=E8me;Andr=E9", "André", "Crème"),
    ("O=92Brien;Se=E1n", "Seán", "O’Brien"),
    ("=D1=FA=F1ez;Jos=E9", "José", "Ñúñez"),
])
def test_western_names_stay_western(value: str, first: str, last: str) -> None:
    (record,) = _read(_card(f"N;ENCODING=QUOTED-PRINTABLE:{value}"))
    assert (record.first_name, record.last_name) == (first, last)


def test_a_russian_card_reads_in_cyrillic() -> None:
    (record,) = _read(_card("N;ENCODING=QUOTED-PRINTABLE:=CF=E5=F2=F0=EE=E2;=C8=E2=E0=ED"))
    assert (record.first_name, record.last_name) == ("Иван", "Петров")


def test_a_named_charset_and_utf8_bytes_are_read_as_they_are() -> None:
    records = _read(
        _card("N;CHARSET=ISO-8859-2;ENCODING=QUOTED-PRINTABLE:=A3=F3d=BC;Ewa"),
        _card("N;ENCODING=QUOTED-PRINTABLE:Dvo=C5=99=C3=A1k;Anton=C3=ADn"))
    assert [(r.first_name, r.last_name) for r in records] == [("Ewa", "Łódź"),
                                                              ("Antonín", "Dvořák")]
