"""The import dialog: choose a file, map columns, preview, review near-duplicates, import, undo."""

from .refcounts import pin_singletons

# The dialog makes many Qt calls (and runs in tests without ui/app.py): see refcounts.py.
pin_singletons()
