"""One function per sub-command; each returns an exit code."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from store.location import chosen_db


class ProgressLine:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, verb: str, unit: str = "MB") -> None:
        """``unit`` names what ``done`` counts, shown in millions: "MB" read, "M rows" written."""
        self.verb = verb
        self.unit = unit
        self.enabled = sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, done: int, total: int, label: str) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.1 and done < total):
            return
        self.last = now
        share = done / total if total else 1.0
        bar = "#" * int(share * 30)
        name = Path(label).name[:30]
        sys.stderr.write(f"\r{self.verb} {name:<30} [{bar:<30}] {share:4.0%} ({done / 1e6:,.1f} {self.unit})")
        sys.stderr.flush()

    def finish(self) -> None:
        """Clear the bar's line."""
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _usage(problem: str) -> int:
    """A usage error: one line on stderr, exit 2."""
    sys.stderr.write(f"planscope: {problem}\n")
    return 2


def cmd_app(args: argparse.Namespace) -> int:
    """Open the Textual app on the chosen database (in kiosk mode, only the one --db names)."""
    from tui.kiosk import kiosk_settings, terminal_problem, usage_problem
    from tui.launch import run_app

    kiosk = kiosk_settings(args)
    if problem := usage_problem(args, kiosk):
        return _usage(problem)
    path, is_default = (Path(args.db).expanduser(), False) if kiosk else chosen_db(args.db)
    if not is_default and not path.is_file():
        from store.errors import DatabaseMissing

        raise DatabaseMissing(f"{path}: no database here; create one with `planscope load PATH --db {path}`")
    if problem := terminal_problem(kiosk):
        return _usage(problem)
    return run_app(path, theme=args.theme, build_default=is_default, kiosk=kiosk)


def cmd_load(args: argparse.Namespace) -> int:
    """Replace the database with the given plan files, atomically."""
    from store.build import load_files
    from store.errors import InputError
    from store.paths import seed_files, seeds_hash

    paths = [Path(p) for p in args.paths]
    meta = {"origin": "files"}
    if args.seeds:
        paths += seed_files()
        meta = {"origin": "seeds", "seeds_hash": seeds_hash()} if not args.paths else meta
    if not paths:
        raise InputError("load needs at least one PATH (or --seeds)")
    target, _ = chosen_db(args.db)
    progress = ProgressLine("loading")
    try:
        summary = load_files(
            paths, target, meta=meta, progress=progress, require_citations=meta["origin"] == "seeds"
        )
    finally:
        progress.finish()
    print(f"loaded {summary.line()} into {target} in {summary.seconds:.1f} s")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Check files as a load would; exit 1 and list every problem when any is found."""
    from planscope.output import to_json
    from store.build import validate_files
    from store.errors import ValidationFailed

    progress = ProgressLine("checking")
    try:
        summary = validate_files([Path(p) for p in args.paths], progress=progress)
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
    from store.paths import open_db
    from store.queries.search import search

    db = open_db(args.db)
    hits = db.run(lambda c: search(c, args.query, kinds=args.kind, limit=max(0, args.limit)))
    print(to_json(hits) if args.json else hits_text(hits))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print one record with its links and citations."""
    from planscope.output import detail_text, to_json
    from store.paths import open_db
    from store.queries.records import detail

    db = open_db(args.db)
    record = db.run(lambda c: detail(c, args.id))
    print(to_json(record) if args.json else detail_text(record))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Print counts per kind and breakdowns."""
    from planscope.output import stats_text, to_json
    from store.paths import open_db
    from store.queries.overview import stats

    db = open_db(args.db)
    result = db.run(stats)
    print(to_json(result) if args.json else stats_text(result))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write every plan to a folder in the chosen format."""
    from store.export import export
    from store.paths import open_db

    db = open_db(args.db)
    written = db.run(lambda c: export(c, args.format, Path(args.out)))
    print(f"wrote {len(written)} {args.format} file(s) to {args.out}")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    """Write a synthetic plan set."""
    from store.generate import generate

    progress = ProgressLine("generating", unit="M rows")
    try:
        summary = generate(Path(args.db), args.projects, seed=args.seed, progress=progress)
    finally:
        progress.finish()
    print(f"generated {summary.line()} into {args.db} in {summary.seconds:.1f} s")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the app to web browsers, one kiosk-mode session per page."""
    from planscope.serve import run

    return run(args)
