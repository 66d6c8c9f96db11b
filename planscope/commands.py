"""One function per sub-command; each returns an exit code."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from planscope.editions_cmd import cmd_revise, edition_line
from planscope.progress import ProgressLine
from planscope.store.location import check_database_file, chosen_db

#: Said instead of starting the UI where there is no terminal (cron, a pipe, `ssh -T`).
NO_TERMINAL = (
    "the app needs a terminal (stdin and stdout); without one use a command such as "
    "`planscope search TEXT`, `show ID` or `stats` (see planscope --help)"
)


def cmd_app(args: argparse.Namespace) -> int:
    """Open the Textual app on the chosen database, after checking what can be checked cheaply.

    In kiosk mode the database is only the one --db names (see tui/kiosk.py).
    """
    from planscope.output import err
    from planscope.tui.kiosk import NO_TERMINAL_KIOSK, kiosk_settings, usage_problem

    kiosk = kiosk_settings(args)
    if problem := usage_problem(args, kiosk):
        err(problem)
        return 2
    path, is_default = (Path(args.db).expanduser(), False) if kiosk else chosen_db(args.db)
    if not is_default:
        check_database_file(path)  # a text file is refused here, not on a screen stuck "Loading..."
    # A driver named in TEXTUAL_DRIVER (planscope serve's browser sessions) needs no terminal.
    if not os.environ.get("TEXTUAL_DRIVER") and not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Started this way the UI would write escape codes into a file and spin for good.
        err(NO_TERMINAL_KIOSK if kiosk else NO_TERMINAL)
        return 2
    from planscope.tui.app import run_app

    return run_app(path, theme=args.theme, build_default=is_default, kiosk=kiosk)


def cmd_load(args: argparse.Namespace) -> int:
    """Replace the database with the given plan files, atomically.

    ``--seeds`` alone builds what the default database holds; with other files
    the seeds are just more files, so neither the seeds' meta nor their rule applies.
    """
    from planscope.store.build.load import load_files
    from planscope.store.default_db import load_seeds, seed_files
    from planscope.store.errors import InputError

    paths = [Path(p) for p in args.paths] + (seed_files() if args.seeds else [])
    if not paths:
        raise InputError("load needs at least one PATH (or --seeds)")
    target, _ = chosen_db(args.db)
    _check_target(target, args.force)
    progress = ProgressLine("loading")
    try:
        if args.seeds and not args.paths:
            summary = load_seeds(target, progress=progress)
        else:
            summary = load_files(paths, target, meta={"origin": "files"}, progress=progress)
    finally:
        progress.finish()
    print(f"loaded {summary.line()} into {target} in {summary.seconds:.1f} s")
    print(edition_line(target))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Check files as a load would; exit 1 and list every problem when any is found."""
    from planscope.output import to_json
    from planscope.store.build.load import PROBLEM_LIMIT, validate_files
    from planscope.store.errors import ValidationFailed

    progress = ProgressLine("checking")
    try:
        # Text stops listing at a few hundred lines; JSON is for scripts, which get every problem.
        limit = None if args.json else PROBLEM_LIMIT
        summary = validate_files([Path(p) for p in args.paths], progress=progress, limit=limit)
    except ValidationFailed as exc:
        progress.finish()
        if args.json:
            print(to_json({"ok": False, "total": exc.total, "problems": exc.problems}))
            return 1
        raise
    progress.finish()
    if args.json:
        print(to_json({"ok": True, "counts": dict(summary.counts)}))
    else:
        print(f"ok: {summary.line()}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Print ranked hits."""
    from planscope.output import hits_text, to_json
    from planscope.store.default_db import open_db
    from planscope.store.queries.search import search

    db = open_db(args.db)
    hits = db.run(lambda c: search(c, args.query, kinds=args.kind, limit=max(0, args.limit)))
    print(to_json(hits) if args.json else hits_text(hits))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print one record with its links and citations."""
    from planscope.output import detail_json, detail_text
    from planscope.store.default_db import open_db
    from planscope.store.queries.records import lookup, typed_values

    db = open_db(args.db)
    record = db.run(lambda c: lookup(c, args.id))
    if args.json:
        print(detail_json(record, db.run(lambda c: typed_values(c, record))))
    else:
        print(detail_text(record))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Print counts per kind and breakdowns."""
    from planscope.output import stats_text, to_json
    from planscope.store.default_db import open_db
    from planscope.store.queries.overview import stats

    db = open_db(args.db)
    result = db.run(stats)
    print(to_json(result) if args.json else stats_text(result))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write every plan to a folder in the chosen format."""
    import duckdb

    from planscope.store.default_db import open_db
    from planscope.store.errors import InputError
    from planscope.store.export.database import export

    out = Path(args.out).expanduser()
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: is a file; --out needs a folder (one that does not exist is created)")
    db = open_db(args.db)
    try:
        written = db.run(lambda c: export(c, args.format, out))
    except OSError as exc:
        raise InputError(f"cannot write the export to {out}: {exc.strerror or exc}") from exc
    except duckdb.IOException as exc:  # Parquet is written by DuckDB itself
        raise InputError(f"cannot write the export to {out}: {str(exc).splitlines()[0]}") from exc
    print(f"wrote {len(written)} {args.format} file(s) to {args.out}")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    """Write a synthetic plan set, or with --revise its next edition."""
    from planscope.store.synthetic.generate import generate

    target, _ = chosen_db(args.db)  # the parser made sure one of --db and PLANSCOPE_DB is set
    if args.revise is not None:
        return cmd_revise(args, target)
    _check_target(target, args.force)
    progress = ProgressLine("generating", unit="M rows")
    try:
        summary = generate(target, args.projects, seed=args.seed, progress=progress)
    finally:
        progress.finish()
    order = ("plan", "period", "goal", "project", "indicator", "milestone", "source")
    made = ", ".join(f"{summary.counts[k]:,} {k}{'' if summary.counts[k] == 1 else 's'}" for k in order)
    print(f"generated {made} into {target} in {summary.seconds:.1f} s")
    print(edition_line(target))
    return 0


def _check_target(target: Path, force: bool) -> None:
    """A load or generate may replace a planscope database, but not any other file unless forced."""
    from planscope.store.build.atomic import check_replaceable, check_target

    if force:
        check_target(target)
    else:
        check_replaceable(target)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the app to web browsers, one kiosk-mode session per page."""
    from planscope.serve import run

    return run(args)
