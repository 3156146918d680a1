"""A service's export imported as downloaded: the contacts file inside a zip archive."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from desktop_crm.io.parse import parse_file
from desktop_crm.io.records import ImportFileError

CONNECTIONS = (
    "\ufeffNotes:\r\n\"When exporting your connection data, you may notice that some of the "
    "email addresses are missing.\"\r\n\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Maëlle,Dupré,https://www.linkedin.com/in/maelle,,Acme,Engineer,30 May 2024\r\n"
    "Kofi,Mensah,https://www.linkedin.com/in/kofi,kofi@example.org,Globex,CTO,01 Jan 2023\r\n"
)
VCARD = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\n"
         "EMAIL;TYPE=INTERNET:ann@example.org\r\nEND:VCARD\r\n")


def _zip(tmp_path: Path, members: dict[str, str | bytes], name: str = "export.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content.encode("utf-8") if isinstance(content, str)
                             else content)
    return path


def test_a_linkedin_data_export_is_read_from_its_connections_file(tmp_path: Path) -> None:
    path = _zip(tmp_path, {
        "Profile.csv": "First Name,Last Name,Headline\r\nMe,Myself,Looking\r\n",
        "Connections.csv": CONNECTIONS,
        "Invitations.csv": "From,To,Sent At\r\nA,B,1/1/24\r\n",
        "messages.csv": "CONVERSATION ID,FROM,TO,CONTENT\r\n1,A,B,hello\r\n",
    }, "Basic_LinkedInDataExport_12-05-2026.zip")
    result = parse_file(path)
    assert result.format == "linkedin"
    assert [(r.first_name, r.last_name) for r in result.records] == [
        ("Maëlle", "Dupré"), ("Kofi", "Mensah")]


def test_a_takeout_archive_gives_its_all_contacts_card_file(tmp_path: Path) -> None:
    path = _zip(tmp_path, {
        "Takeout/archive_browser.html": "<html></html>",
        "Takeout/Contacts/Friends/Friends.vcf": VCARD.replace("Ann Lee", "Bo Friend")
        .replace("Lee;Ann", "Friend;Bo"),
        "Takeout/Contacts/All Contacts/All Contacts.vcf": VCARD,
    })
    result = parse_file(path)
    assert result.format == "vcard"
    assert [(r.first_name, r.last_name) for r in result.records] == [("Ann", "Lee")]


def test_a_takeout_archive_without_all_contacts_gives_my_contacts(tmp_path: Path) -> None:
    path = _zip(tmp_path, {
        "Takeout/Contacts/Starred in Android/Starred in Android.vcf": VCARD,
        "Takeout/Contacts/My Contacts/My Contacts.vcf": VCARD + VCARD.replace(
            "Ann Lee", "Bo Friend").replace("Lee;Ann", "Friend;Bo"),
    })
    assert [(r.first_name, r.last_name) for r in parse_file(path).records] == [
        ("Ann", "Lee"), ("Bo", "Friend")]


def test_one_contacts_file_among_others_is_taken_and_mac_leftovers_ignored(
        tmp_path: Path) -> None:
    path = _zip(tmp_path, {
        "address book/people.vcf": VCARD,
        "__MACOSX/address book/._people.vcf": b"\x00\x05\x16\x07binary",
        "address book/photo.jpg": b"\xff\xd8\xff\xe0",
    })
    assert [[address for _label, address in r.emails] for r in parse_file(path).records] == [
        ["ann@example.org"]]


def test_several_contacts_files_are_named_in_the_message(tmp_path: Path) -> None:
    path = _zip(tmp_path, {"team-a.csv": "Name\r\nA\r\n", "team-b.csv": "Name\r\nB\r\n"})
    with pytest.raises(ImportFileError) as caught:
        parse_file(path)
    message = str(caught.value)
    assert "export.zip" in message and "team-a.csv" in message and "team-b.csv" in message
    assert "unpack it" in message


@pytest.mark.parametrize("members, expected", [
    ({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}, "Excel workbook"),
    ({"picture.png": b"\x89PNG"}, "holds no CSV or vCard file"),
])
def test_archives_without_contacts_say_what_they_are(tmp_path: Path, members: dict,
                                                     expected: str) -> None:
    with pytest.raises(ImportFileError, match=expected):
        parse_file(_zip(tmp_path, members))


def test_a_damaged_archive_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "broken.zip"
    data = _zip(tmp_path, {"Connections.csv": CONNECTIONS}).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportFileError, match="cannot be opened as one"):
        parse_file(path)


def test_an_encrypted_member_asks_for_unpacking_with_its_password(tmp_path: Path) -> None:
    data = bytearray(_zip(tmp_path, {"Connections.csv": CONNECTIONS}).read_bytes())
    # Mark the member as password-protected, as an encrypting zip program does: bit 0 of
    # the flags in its local header (offset 6) and in the central directory (offset 8).
    data[6] |= 0x1
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x1
    path = tmp_path / "locked.zip"
    path.write_bytes(bytes(data))
    with pytest.raises(ImportFileError, match="encrypted"):
        parse_file(path)
