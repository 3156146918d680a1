"""Frozen entry point: the same main() as `desktop-crm` and `python -m desktop_crm`."""

import sys

from desktop_crm.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
