"""planscope: browse a strategic plan (goals, projects, indicators, timeline) in a terminal.

The product's parts are ``planscope.store`` (the UI-free data layer), ``planscope.tui``
(the Textual app) and ``planscope.seeds`` (the bundled Tianjin plan).  In the repository
they are the top-level folders ``store/``, ``tui/`` and ``seeds/``, beside this one, so the
layout reads as the design; a wheel installs them inside this package (hatch rewrites the
paths), so site-packages gains no generic top-level names.  In a checkout the package's
search path is widened to the repository root so that the same imports work in both.
"""

from pathlib import Path

__version__ = "0.1.0"

_here = Path(__file__).resolve().parent
if not (_here / "store").is_dir() and (_here.parent / "store" / "__init__.py").is_file():
    __path__.append(str(_here.parent))
