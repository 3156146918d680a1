"""One folding rule and one email rule, the same in the parsers, the forms and the finder."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop_crm.io.synonyms import normalise_header
from desktop_crm.io.values import clean_email
from desktop_crm.normalise import fold
from desktop_crm.services.errors import ValidationError
from desktop_crm.services.validation import validate_email


def test_fold_ignores_case_accents_and_spacing() -> None:
    assert fold("  François   DUPONT ") == fold("francois dupont") == "francois dupont"
    assert fold("Ærøskøbing") == fold("ærøskøbing")
    assert normalise_header("  Prénom ") == "prenom" and normalise_header("E-Mail") == "email"


@given(st.text(max_size=30))
def test_fold_is_idempotent_and_header_folding_is_fold_without_punctuation(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert normalise_header(text) == "".join(c for c in fold(text) if c.isalnum())


def _form_accepts(text: str) -> bool:
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


@given(st.text(alphabet="ab.@-_+()<>,;:\" é", min_size=1, max_size=20))
def test_a_file_and_a_form_accept_the_same_addresses(text: str) -> None:
    text = text.strip()
    if not text or text.lower().startswith("mailto:") or ("<" in text and text.endswith(">")):
        return  # the parser unwraps these first; the form takes the bare address
    assert (clean_email(text) is not None) == _form_accepts(text)


def test_the_rule_on_examples() -> None:
    for good in ("ann@example.com", "o'brien+jobs@mail.example.co.uk", "zoë@exemple.fr"):
        assert clean_email(good) == good and _form_accepts(good)
    for bad in ("ann@example.c", "ann@example", "a b@example.com", "ann(x)@example.com",
                '"ann"@example.com', "ann@@example.com"):
        assert clean_email(bad) is None and not _form_accepts(bad)
