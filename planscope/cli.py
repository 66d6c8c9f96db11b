"""The ``planscope`` command line: parse arguments, call the store, print.

It stays thin on purpose: every answer comes from a store query, and this
module only chooses the database, formats results and turns errors into a
few lines on stderr with a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from planscope import __version__

DB_HELP = "database file (default: $PLANSCOPE_DB, else the Tianjin plan in your data folder)"


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH", help=DB_HELP)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per action and the app as default."""
    parser = argparse.ArgumentParser(
        prog="planscope",
        description="Browse a strategic plan's goals, projects, indicators and timeline.",
        epilog="Run without a command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"planscope {__version__}")
    _add_db(parser)
    parser.add_argument(
        "--theme", metavar="NAME", help="app theme, e.g. ansi-dark to use the terminal's colours"
    )
    parser.add_argument("--kiosk", action="store_true", help="locked-down app for shared logins")
    parser.add_argument("--export-dir", metavar="DIR", help="kiosk mode: the one folder exports may write to")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("load", help="replace the database with the plans in files or folders")
    p.add_argument("paths", nargs="*", metavar="PATH", help=".toml, .json or .csv files, or folders of them")
    p.add_argument("--seeds", action="store_true", help="load the bundled Tianjin plan")
    _add_db(p)

    p = sub.add_parser("validate", help="check plan files without loading them")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print problems as JSON")

    p = sub.add_parser("search", help="find records by text, best first")
    p.add_argument("query")
    p.add_argument(
        "--kind",
        action="append",
        metavar="K",
        choices=["plan", "period", "goal", "project", "indicator", "milestone"],
        help="only this kind (repeatable)",
    )
    p.add_argument("--limit", type=int, default=20, metavar="N", help="most hits to print (default 20)")
    p.add_argument("--json", action="store_true", help="print an array of hits as JSON")
    _add_db(p)

    p = sub.add_parser("show", help="print one record with its links and citations")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    _add_db(p)

    p = sub.add_parser("stats", help="print counts per kind and breakdowns")
    p.add_argument("--json", action="store_true")
    _add_db(p)

    p = sub.add_parser("export", help="write the whole plan set as JSON, CSV or Parquet")
    p.add_argument("--format", required=True, choices=["json", "csv", "parquet"])
    p.add_argument("--out", required=True, metavar="DIR")
    _add_db(p)

    p = sub.add_parser("generate", help="write a synthetic plan set of N projects, for trials at scale")
    p.add_argument("--projects", type=int, required=True, metavar="N")
    p.add_argument("--db", metavar="PATH", required=True, help="database file to create or replace")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")

    from planscope.serve import add_parser as add_serve

    add_serve(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    args = build_parser().parse_args(argv)
    from planscope import commands

    handler = getattr(commands, f"cmd_{args.command or 'app'}")
    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        sys.stderr.write("planscope: interrupted\n")
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except Exception as exc:
        return _report(exc)


def _report(exc: Exception) -> int:
    """A failure as a few lines on stderr and an exit code; never a traceback.

    The store's error classes load only here, so starting the app does not pay for them.
    """
    from planscope.output import err
    from store.errors import PlanscopeError, ValidationFailed

    if isinstance(exc, ValidationFailed):
        for line in exc.lines():
            err(line)
        return 1
    if isinstance(exc, PlanscopeError):
        err(str(exc))
        return 1
    if os.environ.get("PLANSCOPE_DEBUG"):
        traceback.print_exc()
    err(f"internal error: {type(exc).__name__}: {exc} (set PLANSCOPE_DEBUG=1 for details)")
    return 70
