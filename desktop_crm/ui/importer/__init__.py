"""The import dialog: choose a file, map columns, preview, review near-duplicates, import, undo."""

from ..qt_guard import pin_singletons

# The dialog makes many Qt calls (and runs in tests without ui/app.py): see qt_guard.py.
pin_singletons()
