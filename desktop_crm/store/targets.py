"""What a database target names, for the layers above the store: a file or a server's
address, the address as shown (no password), and a trial connection to an address.

The window's "Open a server database…" needs these without knowing the engine's
modules (tests/test_layers.py): the store answers for its engines here.
"""

from __future__ import annotations

from .errors import is_server_url, shown
from .server import probe

__all__ = ["is_server_url", "probe", "shown"]
