"""Names as people dress them on a profile ("Ann Lee, MBA (she/her)", "Dr. Ann Lee")
are the same person as the plain name in an address book: LinkedIn's export gives the
first, a phone or Google gives the second, and importing both makes one contact."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from importing_samples import google_file, linkedin_file

from desktop_crm.services.contacts import list_contacts
from desktop_crm.services.importing.keys import name_fold
from desktop_crm.services.importing.service import import_file


def test_a_linkedin_name_with_letters_and_pronouns_finds_the_address_book_person(
        db_path, tmp_path: Path) -> None:
    google = google_file(tmp_path / "google.csv", [
        {"First Name": "Ann", "Last Name": "Lee", "Organization Name": "Acme",
         "Phone 1 - Value": "+1 415 555 0101"},
        {"First Name": "Omar", "Last Name": "Haddad", "Organization Name": "Globex"},
        {"First Name": "Sam", "Last Name": "Berg", "Organization Name": "Initech"},
    ])
    assert import_file(google).counts["new"] == 3
    linkedin = linkedin_file(tmp_path / "Connections.csv", [
        ["Ann", "Lee, MBA (she/her)", "https://www.linkedin.com/in/annlee", "", "Acme",
         "Engineer", "30 May 2024"],
        ["Dr. Omar", "Haddad, PhD", "https://www.linkedin.com/in/ohaddad", "", "Globex",
         "Head of Data", "02 Jan 2023"],
        # Jr. is part of a name: a father and his son are two people.
        ["Sam", "Berg Jr.", "https://www.linkedin.com/in/samberg", "", "Initech", "Analyst",
         "02 Jan 2023"],
    ])
    result = import_file(linkedin)
    counts = result.counts
    assert counts["new"] + counts["review"] == 1 and counts["updated"] == 2
    people = {c.full_name: c for c in list_contacts(limit=10)}
    # The address book's spelling stays; LinkedIn's profile and title are added.
    assert set(people) == {"Ann Lee", "Omar Haddad", "Sam Berg", "Sam Berg Jr."}
    assert people["Ann Lee"].linkedin_url == "https://www.linkedin.com/in/annlee"
    assert people["Omar Haddad"].title == "Head of Data"
    again = import_file(linkedin)  # and the same file again finds each as it is
    assert again.counts["new"] == 0 and again.counts["review"] == 0


_WORDS = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll")), min_size=2,
                 max_size=8)
_DRESSING = st.sampled_from([", MBA", ", PhD", ", Ph.D.", ", CPA, CFA", " (she/her)",
                             " (He/Him)", " (they/them/theirs)", ", PMP (she/her)", " 🚀"])


@given(first=_WORDS, last=_WORDS, after=_DRESSING,
       before=st.sampled_from(["", "Dr. ", "Dr ", "Prof. ", "Mr. ", "Ms "]))
def test_what_a_profile_adds_to_a_name_leaves_its_key(first: str, last: str, after: str,
                                                     before: str) -> None:
    plain = name_fold(first, last)
    assert name_fold(before + first, last + after) == plain
    assert name_fold(f"{before}{first} {last}{after}", "") == plain
