"""The ``planscope`` command line: parse arguments, call the store, print.

It stays thin on purpose: every answer comes from a store query, and this
module only runs the chosen command and turns errors into one line on
stderr with an exit code, never a traceback.  The codes: 0 ok, 1 error
(bad input, a file that cannot be used), 2 usage (the command line itself),
130 interrupted (Ctrl+C).
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from collections.abc import Sequence

from planscope.parser import build_parser, parse

__all__ = ["build_parser", "main"]

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    args = parse(argv)
    from planscope import commands

    handler = getattr(args, "handler", None) or getattr(commands, f"cmd_{args.command or 'app'}")
    if args.command:
        signal.signal(signal.SIGINT, _on_interrupt)
    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        return _interrupted()
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:
        return _report(exc)


_signalled = False


def _on_interrupt(signum: int, frame: object) -> None:
    """Remember Ctrl+C, then stop as Python would.

    DuckDB turns the KeyboardInterrupt raised inside a query into its own
    error ("Query interrupted"); the flag lets that count as Ctrl+C too.
    """
    global _signalled
    _signalled = True
    raise KeyboardInterrupt


def _interrupted() -> int:
    sys.stderr.write("planscope: interrupted\n")
    return EXIT_INTERRUPTED


def _report(exc: Exception) -> int:
    """A failure as a few lines on stderr and an exit code; never a traceback.

    The store's error classes load only here, so starting the app does not pay for them.
    """
    from planscope.output import err, short_path
    from planscope.store.errors import PlanscopeError, ValidationFailed

    if _signalled:
        return _interrupted()
    if isinstance(exc, ValidationFailed):
        for line in exc.lines():
            err(line)
        return EXIT_ERROR
    if isinstance(exc, PlanscopeError):
        err(str(exc))
        return EXIT_ERROR
    if isinstance(exc, OSError):
        # The file system said no (a folder where a file was expected, a read-only place,
        # a name too long): the user's environment, not a bug, so no "internal error".
        where = f"{short_path(exc.filename)}: " if exc.filename else ""
        err(f"{where}{exc.strerror or exc}")
        return EXIT_ERROR
    if os.environ.get("PLANSCOPE_DEBUG"):
        traceback.print_exc()
    err(f"internal error: {type(exc).__name__}: {exc} (set PLANSCOPE_DEBUG=1 for details)")
    return 70
