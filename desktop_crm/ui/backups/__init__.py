"""File > Backups…: the list of backups, Back up now, and Restore."""
