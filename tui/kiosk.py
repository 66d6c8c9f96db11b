"""Kiosk mode: the app for an account whose login runs only planscope.

Switched on by ``planscope --kiosk`` or ``PLANSCOPE_KIOSK=1``.  Whoever sits at
the other end of such a login (an SSH client, a browser page of ``planscope
serve``) may browse and search, and nothing else:

- the database is the one named by ``--db`` on the administrator's command
  line; ``PLANSCOPE_DB`` and the default database are not used, so no client
  setting can point the app at another file;
- nothing is written on the server: export and the palette's screenshot are
  off, unless the administrator names the one folder they may write to with
  ``--export-dir``, and then no dialog asks for (or shows a way to browse) a
  path;
- there is no suspend (ctrl+z) and nothing that starts a shell.

The checks of the command line live here as well as the app's limits, so
every rule of kiosk mode can be read in one place.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path

ENV_KIOSK = "PLANSCOPE_KIOSK"
#: Said instead of starting the app without a terminal (``ssh -T``, ``ssh host COMMAND``).
NO_TERMINAL_KIOSK = "this login opens the planscope app, which needs a terminal: connect with ssh -t"
_YES = {"1", "true", "yes", "on"}


@dataclass(frozen=True, slots=True)
class Kiosk:
    """Kiosk mode's settings: the one folder exports may go to, if any."""

    export_dir: Path | None = None

    def describe(self) -> str:
        """One line for the help screen: what is off, and where exports go."""
        if self.export_dir is None:
            return "Kiosk mode is on: export, screenshots and suspend are off."
        return f"Kiosk mode is on: exports go only to {self.export_dir}; suspend is off."


def kiosk_wanted(flag: bool) -> bool:
    """True when ``--kiosk`` was given or ``PLANSCOPE_KIOSK`` is set to 1 (or true, yes, on)."""
    return flag or os.environ.get(ENV_KIOSK, "").strip().lower() in _YES


def kiosk_settings(args: argparse.Namespace) -> Kiosk | None:
    """Kiosk mode's settings from the command line, or None when it is off.

    Raises ``InputError`` for an export folder that does not exist.
    """
    export_dir = getattr(args, "export_dir", None)
    if not kiosk_wanted(bool(getattr(args, "kiosk", False))):
        return None
    if export_dir is None:
        return Kiosk()
    folder = Path(export_dir).expanduser().resolve()
    if not folder.is_dir():
        from planscope.store.errors import InputError

        raise InputError(f"--export-dir {export_dir}: no such folder")
    return Kiosk(export_dir=folder)


def usage_problem(args: argparse.Namespace, kiosk: Kiosk | None) -> str | None:
    """Why the app cannot start with these options (a usage error, exit 2), or None."""
    if kiosk is None:
        if getattr(args, "export_dir", None):
            return "--export-dir is for kiosk mode; add --kiosk"
        return None
    if not args.db:
        return "kiosk mode needs --db PATH: the administrator names the database"
    return None
