"""The domain's words: every closed set of values, with its labels and colours.

The tiers, pipeline statuses, tie strengths, kinds and channels belong to the
method (see shared/DOMAIN.md), not to the database: the store checks and
stores them, the services validate against them, the CLI offers them as
choices and the UI shows their labels and colours. Every layer may read this
module; it imports nothing of ours, so reading a word never opens a database
or loads Qt.

Values are the stored strings, in the order lists and menus show them.
Colours are plain ``#rrggbb`` strings so that Qt and reportlab can both use them.
"""

from __future__ import annotations

TIERS = ("primary", "bridge", "target")
STATUSES = ("to_contact", "asked", "scheduled", "met", "thanked", "dormant", "do_not_contact")
STRENGTHS = ("close", "known", "acquaintance")
RELATIONSHIP_KINDS = ("friend", "colleague", "family", "alumni", "introduced_by", "reports_to", "other")
INTRODUCTION_STATUSES = ("promised", "made", "met", "declined")
OUTREACH_CHANNELS = ("email", "linkedin", "phone", "letter", "in-person")
MEETING_KINDS = ("coffee", "office", "phone", "video")
MEETING_STATUSES = ("planned", "done", "cancelled", "no_show")
QUESTION_CATEGORIES = (
    "career_path",
    "typical_day",
    "culture",
    "skills_hiring",
    "industry",
    "pay_hours",
    "pros_cons",
    "advice",
    "referrals",
)
AGREEMENTS = ("open", "agree", "differ")

TIER_LABELS = {"primary": "Primary", "bridge": "Bridge", "target": "Target"}
TIER_HELP = {
    "primary": "Primary: family, friends and colleagues — people you already know",
    "bridge": "Bridge: people with industry knowledge and networks who can advise and refer",
    "target": "Target: people who can hire you, or are close to those who decide",
}
STRENGTH_LABELS = {"close": "Close", "known": "Know each other", "acquaintance": "Acquaintance"}
RELATIONSHIP_KIND_LABELS = {
    "friend": "Friend",
    "colleague": "Colleague",
    "family": "Family",
    "alumni": "Alumni (same school)",
    "introduced_by": "Introduced by someone",
    "reports_to": "Reports to / manages",
    "other": "Other",
}
MEETING_KIND_LABELS = {"coffee": "Coffee", "office": "Office", "phone": "Phone", "video": "Video"}
MEETING_STATUS_LABELS = {
    "planned": "Planned",
    "done": "Done",
    "cancelled": "Cancelled",
    "no_show": "No-show",
}
QUESTION_CATEGORY_LABELS = {
    "career_path": "Career path",
    "typical_day": "A typical day",
    "culture": "Culture",
    "skills_hiring": "Skills and hiring",
    "industry": "The industry",
    "pay_hours": "Pay and hours",
    "pros_cons": "Pros and cons",
    "advice": "Advice",
    "referrals": "Referrals",
}

# Colours per tier, one set per surface, one hue per tier on all of them (green, blue,
# orange: a Bridge printed on a prep sheet is the blue the map and the table show):
# the network map's saturated fills, the table badge's (light, dark) scheme pairs for
# background and text, and the printed prep sheet's darker inks (white text on them
# stays readable, and they print on a grey-scale printer as distinct greys).
TIER_MAP_COLOURS = {"primary": "#3f9a4b", "bridge": "#3b7dd8", "target": "#e07a2f"}
YOU_MAP_COLOUR = "#334155"
TIER_BADGE_COLOURS = {
    "primary": ("#d7ecd9", "#23502b"),
    "bridge": ("#d6e6f7", "#1f3f63"),
    "target": ("#f8dfcc", "#6a3414"),
}
TIER_BADGE_TEXT = {
    "primary": ("#1d5a26", "#cdeed2"),
    "bridge": ("#1c4a7a", "#d3e5fa"),
    "target": ("#8a3d0e", "#fbdcc6"),
}
TIER_PRINT_COLOURS = {"primary": "#2E7D4F", "bridge": "#2B5F9E", "target": "#A3501E"}


def status_label(status: str) -> str:
    """'do_not_contact' -> 'Do not contact': the pipeline status as people write it."""
    return status.replace("_", " ").capitalize()
