"""The test modules pg_server runs on both engines exist where it names them."""

from __future__ import annotations

from pathlib import Path

import pg_server


def test_every_module_named_for_both_engines_exists() -> None:
    here = Path(pg_server.__file__).parent
    assert [name for name in sorted(pg_server.BOTH_ENGINES) if not (here / name).is_file()] == []
