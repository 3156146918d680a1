"""Checks on the shipped content: the question bank and the email templates."""

import json
import re
import string
from pathlib import Path

import pytest

RESOURCES = Path(__file__).parents[3] / "resources"
QUESTIONS_PATH = RESOURCES / "questions" / "questions.json"
TEMPLATES_DIR = RESOURCES / "templates"

CATEGORIES = {
    "career_path",
    "typical_day",
    "culture",
    "skills_hiring",
    "industry",
    "pay_hours",
    "pros_cons",
    "advice",
    "referrals",
}
TIERS = {"primary", "bridge", "target"}
PLACEHOLDERS = {
    "contact_first_name",
    "contact_name",
    "your_name",
    "your_pitch",
    "organization",
    "target_name",
    "target_first_name",
    "target_organization",
    "introducer_name",
    "introducer_first_name",
    "meeting_when",
    "minutes",
    "topic",
    "learned",
}
TEMPLATE_FILES = [
    "meeting_request.txt",
    "thank_you.txt",
    "introduction_request.txt",
    "follow_up.txt",
    "introduction_forwardable.txt",
    "introduction_ask.txt",
]
TAG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def questions():
    data = json.loads(QUESTIONS_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_question_count(questions):
    assert len(questions) >= 60


def test_every_category_has_enough_questions(questions):
    counts = {category: 0 for category in CATEGORIES}
    for question in questions:
        counts[question["category"]] = counts.get(question["category"], 0) + 1
    thin = {category: n for category, n in counts.items() if n < 5}
    assert not thin, f"categories with fewer than 5 questions: {thin}"


def test_question_fields_are_valid(questions):
    for question in questions:
        assert isinstance(question, dict)
        assert set(question) == {"text", "category", "tags", "tiers"}, question
        text = question["text"]
        assert isinstance(text, str) and text == text.strip() and text, question
        assert text.endswith("?"), text
        assert question["category"] in CATEGORIES, question
        tags = question["tags"]
        assert isinstance(tags, list), question
        assert len(tags) == len(set(tags)), question
        for tag in tags:
            assert isinstance(tag, str) and TAG_RE.match(tag) and len(tag) <= 20, tag
        tiers = question["tiers"]
        assert isinstance(tiers, list), question
        assert len(tiers) == len(set(tiers)), question
        assert set(tiers) <= TIERS, question


def test_each_tier_has_its_own_questions(questions):
    for tier in TIERS:
        assert any(question["tiers"] == [tier] for question in questions), tier


def test_no_duplicate_question_texts(questions):
    seen = set()
    for question in questions:
        key = " ".join(question["text"].casefold().split())
        assert key not in seen, f"duplicate question: {question['text']}"
        seen.add(key)


def test_readme_documents_every_placeholder():
    readme = (TEMPLATES_DIR / "README.md").read_text(encoding="utf-8")
    for name in PLACEHOLDERS:
        assert f"${{{name}}}" in readme, name


@pytest.mark.parametrize("filename", TEMPLATE_FILES)
def test_template(filename):
    text = (TEMPLATES_DIR / filename).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert len(lines) >= 3
    assert lines[0].startswith("Subject: ") and lines[0][len("Subject: ") :].strip()
    assert lines[1] == ""
    assert "\n".join(lines[2:]).strip()

    template = string.Template(text)
    assert template.is_valid(), filename
    identifiers = set(template.get_identifiers())
    assert identifiers, filename
    assert identifiers <= PLACEHOLDERS, identifiers - PLACEHOLDERS

    values = {name: f"<{name}>" for name in PLACEHOLDERS}
    filled = template.substitute(values)
    assert "$" not in filled
