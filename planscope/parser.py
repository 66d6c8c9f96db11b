"""The argument parser: sub-commands, their options, and the checks argparse can make.

Everything wrong with the command line itself is a usage error (exit 2),
reported before any file is opened: an empty ``--db``, two different
``--db`` files, a ``--limit`` below 1, ``--theme`` given to a command.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

from planscope import __version__
from planscope.editions_cmd import add_parsers as add_edition_parsers
from planscope.store.location import ENV_DB

DB_HELP = "database file (default: $PLANSCOPE_DB, else the Tianjin plan in your data folder)"
KINDS = ["plan", "period", "goal", "project", "indicator", "milestone"]


def text_arg(value: str) -> str:
    """A path or a word that must not be empty: "" would silently mean something else."""
    if not value.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    return value


def count_arg(value: str) -> int:
    """A whole number of 1 or more."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {number}")
    return number


def _add_db(parser: argparse.ArgumentParser, help_text: str = DB_HELP) -> None:
    parser.add_argument("--db", metavar="PATH", type=text_arg, help=help_text)


def _add_force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force", action="store_true", help="replace the --db file even if it is not a planscope database"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per action and the app as default."""
    parser = argparse.ArgumentParser(
        prog="planscope",
        usage="planscope [--db PATH] [--theme NAME] [--kiosk [--export-dir DIR]] [COMMAND ...]",
        description="Browse a strategic plan's goals, projects, indicators and timeline.",
        epilog="Run without a command to open the app (it needs a terminal). "
        "--db may come before or after the command. Exit codes: 0 ok, 1 error, 2 usage, 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"planscope {__version__}")
    # Its own dest: a sub-command's --db default would otherwise overwrite it.
    parser.add_argument("--db", dest="db_before", metavar="PATH", type=text_arg, help=DB_HELP)
    parser.add_argument(
        "--theme", metavar="NAME", help="app theme, e.g. ansi-dark to use the terminal's colours"
    )
    parser.add_argument("--kiosk", action="store_true", help="the app locked down for shared logins")
    parser.add_argument("--export-dir", metavar="DIR", help="kiosk mode: the one folder exports may write to")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("load", help="replace the database with the plans in files or folders")
    p.add_argument("paths", nargs="*", metavar="PATH", help=".toml, .json or .csv files, or folders of them")
    p.add_argument("--seeds", action="store_true", help="load the bundled Tianjin plan")
    _add_db(p)
    _add_force(p)

    p = sub.add_parser("validate", help="check plan files without loading them")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print every problem as JSON")

    p = sub.add_parser("search", help="find records by text, best first")
    p.add_argument("query")
    p.add_argument("--kind", action="append", metavar="K", choices=KINDS, help="only this kind (repeatable)")
    p.add_argument("--limit", type=count_arg, default=20, metavar="N", help="most hits to print (default 20)")
    p.add_argument("--json", action="store_true", help="print an array of hits as JSON")
    _add_db(p)

    p = sub.add_parser("show", help="print one record (or PLAN:SOURCE) with its links and citations")
    p.add_argument("id", help="a record id, or PLAN_ID:SOURCE_ID for a source")
    p.add_argument("--json", action="store_true", help="print the record's typed fields as JSON")
    _add_db(p)

    p = sub.add_parser("stats", help="print counts per kind and breakdowns")
    p.add_argument("--json", action="store_true")
    _add_db(p)

    p = sub.add_parser("export", help="write the whole plan set as JSON, CSV or Parquet")
    p.add_argument("--format", required=True, choices=["json", "csv", "parquet"])
    p.add_argument("--out", required=True, metavar="DIR", type=text_arg, help="folder to write into")
    _add_db(p)

    p = sub.add_parser("generate", help="write a synthetic plan set of N projects, for trials at scale")
    size = p.add_mutually_exclusive_group(required=True)
    size.add_argument("--projects", type=int, metavar="N")
    size.add_argument(
        "--revise",
        type=float,
        metavar="PCT",
        help="write the next edition of the set in --db, PCT %% changed",
    )
    _add_db(p, "database file to create or replace (default: $PLANSCOPE_DB; one of them is needed)")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    _add_force(p)
    add_edition_parsers(sub, _add_db)

    from planscope.serve import add_parser as add_serve

    add_serve(sub)
    return parser


def _same(path: str) -> str:
    """A path in one spelling, so ``x.duckdb`` and ``./x.duckdb`` count as one file."""
    return os.path.normpath(os.path.abspath(os.path.expanduser(path)))


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line; ``args.db`` is the one ``--db`` given, wherever it was written."""
    parser = build_parser()
    args = parser.parse_args(argv)
    before, after = args.db_before, getattr(args, "db", None)
    if before and after and _same(before) != _same(after):
        parser.error(f"--db names two files, {before!r} and {after!r}; give it once")
    args.db = after or before
    if args.command and args.theme:
        parser.error("--theme applies only to the app; leave it out when running a command")
    if args.command and (args.kiosk or args.export_dir):
        parser.error("--kiosk and --export-dir apply only to the app; leave them out when running a command")
    if args.command == "validate" and args.db:
        parser.error("--db does not apply to validate, which reads files and no database")
    if args.command == "generate" and not args.db and not os.environ.get(ENV_DB):
        parser.error(f"generate needs --db PATH (or {ENV_DB}); it never writes the default database")
    return args
