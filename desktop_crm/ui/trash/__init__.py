"""The Trash view: what was deleted, restore it, or delete it for good."""
