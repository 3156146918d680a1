"""Developer tools run with ``python -m desktop_crm.tools.<name>``."""
