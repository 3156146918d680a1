"""The PostgreSQL driver, loaded when a server is opened rather than with peewee.

peewee imports psycopg as it is imported itself, whether or not a server is ever used:
0.11 s of the 0.27 s every command and the window take to start on a local file. The
store imports peewee with the driver held back (:func:`defer`) and hands it over to
peewee when a server is opened (:func:`load`): the same names peewee would have set,
so its psycopg 3 adapter works as if it had found the driver itself.
"""

from __future__ import annotations

import sys


def defer() -> None:
    """Before peewee's first import: let it find no psycopg (it then imports none)."""
    if "peewee" in sys.modules or "psycopg" in sys.modules:
        return  # too late, or already loaded: peewee has (or will have) it
    sys.modules["psycopg"] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import peewee  # noqa: F401
    finally:
        if sys.modules.get("psycopg", 0) is None:
            del sys.modules["psycopg"]


def load() -> None:
    """Give peewee the driver (it was held back at import); raises ImportError when
    psycopg is not installed (``pip install -e ".[postgresql]"``)."""
    import peewee

    if getattr(peewee, "psycopg", None) is not None:
        return
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    peewee.psycopg = psycopg
    peewee.TransactionStatus = TransactionStatus
    peewee.Json_pg3, peewee.Jsonb_pg3 = Json, Jsonb
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN
