"""The database as a whole: opening it for the window and the command line
(a file or a server), what every database needs before use, backups
(automatic copies and the JSON backup with its checks), encryption at rest,
noticing changes made by another process, moving everything to another
database, and the demo network.

May call: the store, the domain's words, the shared services modules,
contacts (the demo's people), meetings (a meeting's time rules) and
exporting (writing a backup file safely).
"""
