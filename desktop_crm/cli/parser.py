"""The argument parser: global options, then one sub-command per command group."""

from __future__ import annotations

import argparse
from importlib import import_module

from .. import __version__

# Command groups, in the order --help lists them.
COMMAND_MODULES = ("contacts", "backup", "importing", "network", "workflow", "prep",
                   "encryption")

EPILOG = (
    "With no command, the app opens its window. 'desktop-crm FILE' opens the window with the "
    "import dialog for FILE (what a double-click on a .csv or .vcf does). --demo works with a "
    "sample network in a separate database."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desktop-crm",
        description="Desktop CRM: your network for finding the next job through people.",
        epilog=EPILOG,
    )
    add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(f"{__package__}.{name}").register(sub)
    for command in _subparsers(parser):
        add_global_options(command, after_command=True)
    return parser


def add_global_options(parser: argparse.ArgumentParser, after_command: bool = False) -> None:
    """``--db``, ``--demo`` and ``--rebuild``; ``after_command``: as a command's own options
    too, so ``desktop-crm import FILE --db PATH`` works as people type it. There they
    default to nothing (``SUPPRESS``): given before the command, they are not undone."""
    unset = {"default": argparse.SUPPRESS} if after_command else {}
    parser.add_argument("--db", metavar="PATH", help="database file to use (default: your data "
                        "folder), or a server: postgresql://user@host:port/dbname", **unset)
    parser.add_argument("--demo", action="store_true",
                        help="use the sample network (built on first use)", **unset)
    parser.add_argument(
        "--rebuild", action="store_true",
        help="with --demo: build the sample network anew around today (its dates slide into "
             "the past)", **unset,
    )
    if not after_command:
        parser.add_argument("--version", action="version", version=f"desktop-crm {__version__}")


def _subparsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every command's parser, at any depth (``contacts``, ``contacts list``, ...)."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):  # aliases share a parser
                found += [sub, *_subparsers(sub)]
    return found


def command_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def first_positional(argv: list[str]) -> str | None:
    """The first argument that is neither an option nor an option's value."""
    skip_next = False
    for token in argv:
        if skip_next:
            skip_next = False
            continue
        if token == "--db":
            skip_next = True
            continue
        if token.startswith("-") and token != "-":
            continue
        return token
    return None


def _chosen(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The (sub-)parser of the command ``args`` were parsed for."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            sub = action.choices.get(getattr(args, action.dest, None) or "")
            return _chosen(sub, args) if sub is not None else parser
    return parser


def literal_dashes(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.Namespace:
    """``--opt=--`` (or ``--`` given as a value) reaches argparse's handler as an empty
    list, the ``--`` dropped: give the argument the literal ``--`` the user typed,
    through its type, instead of a value of the wrong kind."""
    single = {a.dest: a for a in _chosen(parser, args)._actions if a.nargs is None}
    for dest, value in vars(args).items():
        action = single.get(dest)
        if action is None:
            continue
        if value == []:
            setattr(args, dest, _typed_dashes(parser, action))
        elif isinstance(value, list) and [] in value:
            setattr(args, dest, [_typed_dashes(parser, action) if v == [] else v for v in value])
    return args


def _typed_dashes(parser: argparse.ArgumentParser, action: argparse.Action) -> object:
    if action.type is None:
        return "--"
    try:
        return action.type("--")  # type: ignore[misc]
    except (argparse.ArgumentTypeError, ValueError, TypeError):
        name = "/".join(action.option_strings) or action.dest
        parser.error(f"argument {name}: invalid value: '--'")
