"""Packages that export their submodules' names but import a submodule only on first use.

Importing ``desktop_crm.services.network`` must not load networkx, nor
``desktop_crm.reports`` reportlab, until something is drawn or computed: the
window and the command line start without them. A package lists which
submodule holds each name and hands the list to :func:`lazy_exports`::

    _EXPORTS = {"build_map": "layout", "wide_angle": "wide_angle"}
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

It also keeps packages that re-export their modules from importing each other
while they are being imported: nothing runs until a name is asked for.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_exports(
    package: str, exports: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module-level ``__getattr__`` and ``__dir__`` (PEP 562) for ``package``.

    ``exports`` maps each exported name to the submodule (relative to
    ``package``) that defines it.
    """

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module hook's own name
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        loaded = import_module(f"{package}.{module}")
        namespace = vars(sys.modules[package])
        # Bind every name of that submodule now: importing it also set the package
        # attribute of the submodule's own name (``wide_angle`` the module), which
        # must not shadow an exported name that is the same word (the function).
        for export, home in exports.items():
            if home == module:
                namespace[export] = getattr(loaded, export)
        return namespace[name]

    def __dir__() -> list[str]:  # noqa: N807
        return sorted({*vars(sys.modules[package]), *exports})

    return __getattr__, __dir__
