"""Entry point: parse arguments, find paths, open the store, run the CLI or the GUI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths, privacy
from .cli.output import install_safe_streams
from .cli.parser import build_parser, command_names, first_positional, literal_dashes
from .services.database.opening import (
    DATABASE_ERRORS,
    OpenResult,
    StoreError,
    close_database,
    explain,
    open_database,
)
from .services.errors import ServiceError


def main(argv: list[str] | None = None) -> int:
    privacy.owner_only()  # before anything is written: files 0600, folders 0700
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    token = first_positional(argv)
    if token is not None and token not in command_names(parser):
        return _gui_with_file(parser, argv, token)
    args = literal_dashes(parser, parser.parse_args(argv))
    if args.rebuild and not args.demo:
        parser.error("--rebuild goes with --demo (it rebuilds the sample network, never your own)")
    if args.command is None:
        return _run_gui(args, [])
    return _run_cli(args)


def _gui_with_file(parser: argparse.ArgumentParser, argv: list[str], token: str) -> int:
    """``desktop-crm FILE...``: the window, with an import dialog per file (a double-click)."""
    rest, tokens = list(argv), []
    while token is not None and token not in command_names(parser):
        rest.remove(token)
        tokens.append(token)
        token = first_positional(rest)
    args = parser.parse_args(rest)
    if args.command is not None:
        parser.error(f"unexpected argument '{tokens[0]}'")
    files = []
    for token in tokens:
        file = Path(token).expanduser()
        if not file.is_file():
            print(
                f"desktop-crm: {file}: no such file (and '{token}' is not a command; see --help)",
                file=sys.stderr,
            )
            return 1
        files.append(file.resolve())
    return _run_gui(args, files)


def open_for(args: argparse.Namespace) -> OpenResult:
    """Open the database the arguments name; build the demo network on first use.

    The window holds the file's lock; a command works beside an open window.
    """
    path = paths.resolve_db_path(args.db, demo=args.demo)
    result = open_database(path, window=args.command is None, locale=_env_locale())
    if args.demo:
        from .services.database import demo

        if result.created:
            demo.build_demo()
        elif getattr(args, "rebuild", False):
            demo.rebuild_demo()
            print("desktop-crm: the demo network was rebuilt around today", file=sys.stderr)
        elif demo.demo_is_stale():
            print(
                "desktop-crm: the demo network's dates are all in the past; "
                "'desktop-crm --demo --rebuild' lays it around today",
                file=sys.stderr,
            )
    return result


def _env_locale() -> str | None:
    """The locale the environment names (``LC_ALL``, ``LC_CTYPE``, ``LANG``), skipping
    ones without a region such as the ``C.UTF-8`` Python puts in ``LC_CTYPE`` when the
    system's locale is missing; the window uses Qt's instead."""
    import os

    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = os.environ.get(name, "")
        if "_" in value:
            return value
    return None


def _run_cli(args: argparse.Namespace) -> int:
    install_safe_streams()
    try:
        from .cli.passphrase import unlock

        unlock(paths.resolve_db_path(args.db, args.demo))  # an encrypted file: its passphrase
        result = open_for(args)
    except (StoreError, ServiceError) as exc:
        print(f"desktop-crm: {exc}", file=sys.stderr)
        return 1
    except DATABASE_ERRORS as exc:  # e.g. a read-only file refusing the first write
        print(f"desktop-crm: {explain(paths.resolve_db_path(args.db, args.demo), exc)}",
              file=sys.stderr)
        close_database()
        return 1
    args.db_path = result.path
    try:
        code = int(args.handler(args) or 0)
        if sys.stdout is not None:
            sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        return code
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error of ours. Point stdout at
        # nothing, so the flush at exit has nowhere to fail either.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.__stdout__.fileno())
        return 0
    except (ServiceError, StoreError) as exc:
        print(f"desktop-crm: {exc}", file=sys.stderr)
        return 1
    except DATABASE_ERRORS as exc:  # locked, read-only, full disk: said, never a traceback
        print(f"desktop-crm: {explain(result.path, exc)}", file=sys.stderr)
        return 1
    except OverflowError as exc:
        print(f"desktop-crm: a value is out of range ({exc}); nothing was changed",
              file=sys.stderr)
        return 1
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"desktop-crm: {where[:200]}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, never a traceback
        print(f"desktop-crm: internal error ({type(exc).__name__}: {str(exc)[:200]}); "
              "please report it", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("desktop-crm: interrupted", file=sys.stderr)
        return 130
    finally:
        close_database()


def _run_gui(args: argparse.Namespace, files: list[Path]) -> int:
    from .ui.app import run_gui

    db_path = paths.resolve_db_path(args.db, demo=args.demo)
    # Without --db or --demo, a server database chosen in the window last time is opened.
    remembered = not args.db and not args.demo
    return run_gui(lambda: open_for(args), files=files, db_path=db_path, remembered=remembered)


if __name__ == "__main__":
    sys.exit(main())
