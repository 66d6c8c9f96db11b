"""``planscope serve``: the app in a web browser, one kiosk-mode session per page.

The administrator names the database when starting the server; every browser
connection gets its own ``planscope --kiosk --db PATH`` process on that file,
so a visitor can browse but cannot choose another file, write anything or
reach a shell.  The server listens on loopback unless ``--public`` says the
operator means to open it wider: the page has no login of its own, so it
belongs behind a reverse proxy that asks for one.

This module stays light (argparse and the standard library) because the
parser is built on every ``planscope`` run; aiohttp and textual-serve load
only when the server starts.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path

from planscope.store.errors import InputError

#: Sessions (app processes) one server runs at once unless told otherwise.
MAX_SESSIONS = 40
#: Theme of the browser sessions: the page's terminal always has full colour.
WEB_THEME = "textual-dark"
EXTRA_HINT = "planscope serve needs the web extra: pip install 'planscope[web]'"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``serve`` and its options."""
    p = sub.add_parser("serve", help="serve the app to web browsers, each session in kiosk mode")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--db", metavar="PATH", help="database every session reads (default as for the app)")
    p.add_argument(
        "--public",
        action="store_true",
        help="allow a --host that is not loopback (the page has no login: put a proxy with one in front)",
    )
    p.add_argument(
        "--max-sessions",
        type=int,
        default=MAX_SESSIONS,
        metavar="N",
        help=f"most browser sessions at once (default {MAX_SESSIONS})",
    )


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and any loopback address (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def usage_problem(args: argparse.Namespace) -> str | None:
    """Why these options cannot be used, or None."""
    if not is_loopback(args.host) and not args.public:
        return (
            f"--host {args.host} is not a loopback address, and the page has no login of its own; "
            "put it behind a reverse proxy with authentication, or add --public if you mean it"
        )
    if not 0 < args.port < 65536:
        return f"--port {args.port}: expected a number from 1 to 65535"
    if args.max_sessions < 1:
        return f"--max-sessions {args.max_sessions}: expected 1 or more"
    return None


def served_db(option: str | None) -> Path:
    """The absolute path of the database to serve, checked to open (the default one built if needed)."""
    from planscope.store.db import Database
    from planscope.store.default_db import ensure_default_db
    from planscope.store.location import chosen_db

    path, is_default = chosen_db(option)
    if is_default:
        ensure_default_db(path)
    Database(path).close()
    return path.resolve()


def app_command(db: Path) -> str:
    """The shell command each session runs: this Python's planscope, in kiosk mode, on ``db``.

    ``exec`` makes the app the session's process itself, so ending a session
    ends the app rather than a shell around it.
    """
    python = shlex.quote(sys.executable)
    return f"exec {python} -m planscope --kiosk --db {shlex.quote(str(db))} --theme {WEB_THEME}"


def run(args: argparse.Namespace) -> int:
    """Check the options and the database, then serve until interrupted."""
    problem = usage_problem(args)
    if problem:
        sys.stderr.write(f"planscope serve: {problem}\n")
        return 2
    try:
        from planscope.web.server import PlanscopeServer
    except ImportError:
        sys.stderr.write(f"{EXTRA_HINT}\n")
        return 1
    db = served_db(args.db)
    server = PlanscopeServer(app_command(db), args.host, args.port, args.max_sessions)
    try:
        server.serve()
    except OSError as exc:
        raise InputError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from exc
    return 0
