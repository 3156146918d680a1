"""The command line over the services: one module per command group.

Each module has ``register(subparsers)`` adding its commands; a command's
handler takes the parsed arguments and returns an exit code. Handlers run
with the store already open (see :mod:`desktop_crm.__main__`).
"""
