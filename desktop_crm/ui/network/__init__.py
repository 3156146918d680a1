"""The network feature's widgets: the map, telephoto, wide angle, gatekeepers, reach, dialogs.

A 2,000-person map makes tens of thousands of Qt calls; with PySide6 6.12 on
Python 3.11 each one drops a reference to None and the interpreter aborts.
The guard (:mod:`desktop_crm.ui.qt_guard`, also run by ``make_application``)
is applied on import too, so the view is safe where ui/app.py did not run:
tests build their QApplication through pytest-qt.
"""

from ..qt_guard import pin_singletons

pin_singletons()
