"""What the app can do, as plain Python over the store. No Qt here.

One package per subject (contacts, meetings, research, prep, today, network,
importing, database, exporting), each saying in its docstring what it owns
and what it may call. The modules at this level are shared by all of them:
errors, validation, views, lookups, undo and conflicts.
"""
