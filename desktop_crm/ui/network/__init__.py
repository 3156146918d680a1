"""The network feature's widgets: the map, telephoto, wide angle, gatekeepers, reach, dialogs.

A 2,000-person map makes tens of thousands of Qt calls; with PySide6 6.12 on
Python 3.11 each one drops a reference to None and the interpreter aborts.
The guard (shared with the import dialog, which met the same bug) is applied
on import, so the view is safe even where ui/app.py did not run (tests).
"""

from ..importer.refcounts import pin_singletons

pin_singletons()
