"""Meetings: the list and agenda view, and the meeting, outreach and email dialogs."""
