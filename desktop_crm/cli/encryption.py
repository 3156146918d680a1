"""``encryption status|on|off|passphrase``: encryption at rest with SQLCipher."""

from __future__ import annotations

import argparse

from ..services.database import encryption
from .output import info
from .passphrase import new_passphrase

HELP = (
    "Encrypt the database and its backups with a passphrase (SQLCipher). The passphrase "
    "is asked for without echo, or read from DESKTOP_CRM_PASSPHRASE (the current one) and "
    "DESKTOP_CRM_NEW_PASSPHRASE (a new one). Forget it and the data cannot be read: there "
    "is no way back. Refused while the window has the database open (use File > "
    "Encryption… there)."
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("encryption", help="encrypt the database at rest (on, off, "
                            "passphrase, status)", description=HELP)
    actions = parser.add_subparsers(dest="encryption_action", metavar="ACTION", required=True)
    actions.add_parser("status", help="say whether the database is encrypted").set_defaults(
        handler=cmd_status)
    actions.add_parser("on", help="encrypt the database and its backups").set_defaults(
        handler=cmd_on)
    actions.add_parser("passphrase", help="change the passphrase").set_defaults(
        handler=cmd_passphrase)
    actions.add_parser("off", help="decrypt the database and its backups").set_defaults(
        handler=cmd_off)


def cmd_status(args: argparse.Namespace) -> int:
    state = "encrypted" if encryption.is_encrypted() else "not encrypted"
    extra = "" if encryption.available() else (
        f" (this installation cannot encrypt: {encryption.EXTRA_HINT})")
    print(f"{args.db_path}: {state}{extra}")
    return 0


def cmd_on(args: argparse.Namespace) -> int:
    if encryption.is_encrypted():
        info(f"{args.db_path} is already encrypted; 'encryption passphrase' changes it.")
        return 1
    if not encryption.available():
        info(f"desktop-crm: encryption needs the optional SQLCipher library "
             f"({encryption.EXTRA_HINT}); nothing was changed")
        return 1
    _said(encryption.turn_on(new_passphrase()), "Encrypted")
    return 0


def cmd_passphrase(args: argparse.Namespace) -> int:
    if not encryption.is_encrypted():
        info(f"desktop-crm: {args.db_path} is not encrypted; 'encryption on' turns it on")
        return 1
    _said(encryption.change_passphrase(new_passphrase()), "Changed the passphrase of")
    return 0


def cmd_off(args: argparse.Namespace) -> int:
    _said(encryption.turn_off(), "Decrypted")
    return 0


def _said(result: encryption.ConversionResult, verb: str) -> None:
    backups = f" and {result.backups_converted} backup(s)" if result.backups_converted else ""
    info(f"{verb} {result.path}{backups}.")
    if result.backups_left:
        info(f"{len(result.backups_left)} backup(s) open with neither passphrase and were "
             f"left as they are, e.g. {result.backups_left[0].name}.")
