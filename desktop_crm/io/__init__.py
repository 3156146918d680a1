"""Files in and out as plain records: no database, no Qt.

The public entry points live in :mod:`desktop_crm.io.parse` (``parse_file``,
``parse_bytes``, ``FIELDS``, ``write_problems_csv``), the record types in
:mod:`desktop_crm.io.records`, vCard writing in :mod:`desktop_crm.io.vcard`
and CSV export in :mod:`desktop_crm.io.csv_export`.  This package imports
nothing from ``store``, ``services``, ``ui`` or ``cli``.
"""
