"""Sample prep-sheet data: for the preview of settings, tests and benchmarks.

Kept in the package (not under tests/) so the UI can show what a sheet
looks like before the user has any meetings, and the benchmark can run
without a database.
"""

from __future__ import annotations

from datetime import date, datetime

from desktop_crm.reports.prep_data import (
    Connection,
    Interaction,
    Meeting,
    Objectives,
    PathStep,
    Person,
    PrepSheetData,
)


def sample_prep_data() -> PrepSheetData:
    """A realistic sheet: a bridge contact reached through two introductions."""
    return PrepSheetData(
        person=Person(
            name="Jürgen Schäfer",
            title="Head of Data Platform",
            organization="Nordlicht Energie GmbH",
            tier="bridge",
            location="Munich, Germany",
            email="j.schaefer@nordlicht.example",
            phone="+49 89 1234 5678",
            linkedin_url="https://www.linkedin.com/in/juergen-schaefer",
        ),
        connection=Connection(
            introduced_by="Ana Souza",
            path=[PathStep("Ana Souza", "close friend"), PathStep("Jürgen Schäfer", "colleague")],
        ),
        meeting=Meeting(datetime(2024, 5, 14, 9, 30), "Europe/Berlin", 30, "coffee",
                        "Café Luitpold, Brienner Str. 11"),
        objectives=Objectives(
            learn="How their data platform team is organised and what a typical week looks like.",
            reveal="Six years building streaming pipelines; moving from consulting to product.",
            ask="Two or three people in energy analytics worth talking to.",
        ),
        pitch=("I'm a data engineer with six years in consulting, most recently leading a "
               "streaming platform for a grid operator. I want to move into a product company "
               "in the energy transition, where the data work is the product."),
        shared_interests=["Cycling", "Open-source tooling", "Jazz"],
        talking_points=["His talk at PyData Munich on grid forecasting",
                        "Ana's project with his team in 2022",
                        "Nordlicht's new battery-storage division"],
        past_interactions=[
            Interaction(date(2024, 4, 22), "email", "Ana introduced us; he replied the same day."),
            Interaction(date(2024, 4, 25), "LinkedIn", "Agreed on coffee in May."),
        ],
        org_learnings=["Platform team of 12, split into ingestion and analytics",
                       "Hiring freeze ended in March (per Ana)"],
        questions=[
            "How did you move from research into running a platform team?",
            "What does a typical week look like for someone on your team?",
            "Which skills are hardest to hire for right now?",
            "How do the analytics and ingestion teams work together?",
            "What surprised you most about the energy industry?",
            "What would you do in my position, coming from consulting?",
            "Who else should I talk to, and would you be willing to introduce me?",
        ],
        ask="Ask for introductions to two people in energy analytics.",
        intro_candidates=["Dr. Lena Vogel (Stadtwerke München)", "Marco Rossi (GridSense)"],
        you_name="You",
    )


def hostile_prep_data() -> PrepSheetData:
    """Markup characters, scripts and emoji in every field a user can type."""
    data = sample_prep_data()
    data.person.name = "Tom & Jerry <b>"
    data.person.title = "<font> Senior & Co"
    data.person.organization = "AT&amp;T <unclosed"
    data.pitch = "I like < and > and &amp; and <b>bold</b> 😀 שלום עולם مرحبا"
    data.talking_points = ["Дмитрий Иванов, Σοφία Παπαδοπούλου", "山田太郎 and 张伟 and 김민준"]
    data.connection.path = [PathStep("Ана <i>", "friend & colleague"),
                            PathStep("Tom & Jerry <b>", "colleague")]
    data.questions = ["What about <script>alert(1)</script> & friends?", "¿Qué tal? 😀"]
    return data
