"""``briefings serve``: MkDocs' live-reloading server, with one-line errors for what users get wrong."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.exceptions import MkDocsException


def serve(config: Path, dev_addr: str) -> int:
    """Serve the site of ``config`` until interrupted; 1 with a one-line message on a user error."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if not config.exists():
        print(f"error: {config}: no such MkDocs config", file=sys.stderr)
        return 1
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        mkdocs_serve(config_file=str(config), dev_addr=dev_addr)
    except OSError as exc:  # address in use, permission denied
        print(f"error: cannot serve on {dev_addr}: {exc.strerror or exc} (try --dev-addr 127.0.0.1:8001)",
              file=sys.stderr)
        return 1
    except MkDocsException as exc:  # mkdocs' own errors (config, plugin) are one line for the user
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
