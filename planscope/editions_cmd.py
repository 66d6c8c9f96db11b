"""The ``editions``, ``changes`` and ``compare`` commands, and the edition line a load prints.

Kept out of ``planscope.commands`` so the edition features stay in one place;
``planscope.cli`` adds these parsers and dispatches to the ``handler`` each
one sets.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from planscope.store.vocab import KINDS

if TYPE_CHECKING:
    from planscope.store.queries.changes import Edition, EditionFile

ARROW = "->"


def add_parsers(sub: argparse._SubParsersAction, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register the three commands on the main parser's sub-commands."""
    p = sub.add_parser("editions", help="list every load of this database, newest first")
    p.add_argument("--json", action="store_true", help="print an array of editions as JSON")
    add_db(p)
    p.set_defaults(handler=cmd_editions)

    p = sub.add_parser("changes", help="what changed from edition to edition, newest first")
    p.add_argument("--since", type=int, metavar="N", help="only editions after edition N")
    p.add_argument("--kind", choices=KINDS, metavar="K", help=f"only this kind ({', '.join(KINDS)})")
    p.add_argument("--id", metavar="ID", help="only this record")
    p.add_argument("--json", action="store_true", help="print an array of changes as JSON")
    add_db(p)
    p.set_defaults(handler=cmd_changes)

    p = sub.add_parser("compare", help="set two plans side by side: areas, counts and targets")
    p.add_argument("plan_a", metavar="PLAN_A")
    p.add_argument("plan_b", metavar="PLAN_B")
    p.add_argument("--json", action="store_true", help="print the comparison as JSON")
    add_db(p)
    p.set_defaults(handler=cmd_compare)


def cmd_editions(args: argparse.Namespace) -> int:
    """Print every edition, newest first."""
    from planscope.editions_text import editions_text
    from planscope.output import to_json
    from planscope.store.default_db import open_db
    from planscope.store.queries.changes import editions

    found = open_db(args.db).run(editions)
    if args.json:
        print(to_json([_edition_json(e) for e in found]))
    else:
        print(editions_text(found))
    return 0


def _edition_json(e: Edition) -> dict[str, object]:
    """The issue's four keys first, then the rest of what an edition knows."""
    data = dataclasses.asdict(e)
    order = ("edition", "loaded_at", "files", "changes", "added", "removed", "changed", "counts", "origin")
    return {key: data[key] for key in (*order, "compared")}


def cmd_changes(args: argparse.Namespace) -> int:
    """Print changes, newest edition first; one row per changed field or per record added or removed."""
    from planscope.editions_text import changes_text
    from planscope.output import to_json
    from planscope.store.default_db import open_db
    from planscope.store.queries.changes import ChangeFilter, changes, changes_json_rows

    f = ChangeFilter(since=args.since, kind=args.kind, record_id=args.id)
    db = open_db(args.db)
    if args.json:
        print(to_json(db.run(lambda c: changes_json_rows(c, f))))
    else:
        print(changes_text(db.run(lambda c: changes(c, f))))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Print two plans side by side."""
    from planscope.editions_text import compare_json, compare_text
    from planscope.output import to_json
    from planscope.store.default_db import open_db
    from planscope.store.queries.compare import compare

    result = open_db(args.db).run(lambda c: compare(c, args.plan_a, args.plan_b))
    print(to_json(compare_json(result)) if args.json else compare_text(result))
    return 0


def cmd_revise(args: argparse.Namespace, target: Path) -> int:
    """``generate --revise PCT``: write the next edition of the synthetic set in ``target``."""
    from planscope.store.synthetic.revise import revise

    summary = revise(target, args.revise, seed=args.seed)
    counts = summary.line().split(": ", 1)[1]
    print(f"revised {args.revise:g} % of the records in {target}, now {counts}, in {summary.seconds:.1f} s")
    print(edition_line(target))
    return 0


def edition_line(path: Path) -> str:
    """What a load just recorded: ``edition 3: 7 changes since edition 2 (...)``."""
    from planscope.store.db import Database
    from planscope.store.queries.changes import editions

    db = Database(path)
    try:
        found = db.run(editions)
        meta = db.meta
    finally:
        db.close()
    if not found:
        return "no edition was recorded"
    new = found[0]
    if meta.get("edition_lost_history"):
        return (
            f"edition {new.edition}: the file it replaced could not be read as a planscope database, "
            "so its history was not carried over"
        )
    if meta.get("edition_not_compared"):
        return (
            f"edition {new.edition}: its changes could not be worked out, so none are logged "
            f"({meta['edition_not_compared']})"
        )
    if not new.compared:
        return f"edition {new.edition}: the first edition of this database"
    line = f"edition {new.edition}: {new.changes:,} change{'' if new.changes == 1 else 's'} since edition "
    line += meta.get("edition_previous", str(new.edition - 1))
    if new.changes:
        line += f" ({new.added:,} added, {new.removed:,} removed, {new.changed:,} changed)"
    elif len(found) > 1 and _same_files(new.files, found[1].files):
        line += " (the files are identical)"
    return line


def _same_files(a: list[EditionFile], b: list[EditionFile]) -> bool:
    """True when both editions were read from files with the same hashes, in the same order."""
    return bool(a) and [f.sha256 for f in a] == [f.sha256 for f in b] and all(f.sha256 for f in a)
