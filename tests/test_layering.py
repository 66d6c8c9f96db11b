"""The store is UI-free: importing all of it must not pull in Textual or Rich.

Checked in a fresh interpreter, because in this one pytest plugins may have
imported Rich already.
"""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import ROOT

PROBE = """
import importlib, pkgutil, sys
import planscope.store as store
for mod in pkgutil.walk_packages(store.__path__, "planscope.store."):
    importlib.import_module(mod.name)
import planscope.cli, planscope.commands, planscope.output
bad = sorted({m.split(".")[0] for m in sys.modules} & {"textual", "rich"})
print(",".join(bad))
"""


def test_store_and_cli_import_no_ui_library() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""


def test_probe_would_notice_a_ui_import() -> None:
    """The probe itself works: importing textual is seen."""
    probe = PROBE.replace("import planscope.store as store\n", "import planscope.store as store, textual\n")
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert "textual" in result.stdout
