"""``python -m planscope`` runs the same command line as ``planscope``."""

from planscope.cli import main

raise SystemExit(main())
