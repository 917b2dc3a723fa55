"""The Makefile's MkDocs commands print no end-of-life box: it exports NO_MKDOCS_2_WARNING."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

BOX = "Material for MkDocs reaches end of life"
BIN = Path(sys.executable).parent
pytestmark = [
    pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed"),
    pytest.mark.skipif(not (BIN / "mkdocs").exists(), reason=f"no mkdocs script beside {sys.executable}"),
]


def _env() -> dict[str, str]:
    """The environment without the switch (importing Material sets it in this process)."""
    return {k: v for k, v in os.environ.items() if k not in ("NO_MKDOCS_2_WARNING", "MAKEFLAGS", "MAKELEVEL")}


def test_make_site_builds_without_the_end_of_life_box(archive_copy: Path) -> None:
    # Without the switch, the mkdocs command prints the box: the check below can see it.
    plain = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", "plain-site"],
                           cwd=archive_copy, capture_output=True, text=True, env=_env(), check=False)
    assert plain.returncode == 0, plain.stderr
    assert BOX in plain.stdout + plain.stderr

    # `make site` as written, with this virtualenv and no install step (-o: take the stamp as done).
    stamp = ".venv/.build-stamp"
    made = subprocess.run(["make", "--no-print-directory", "-f", str(REPO / "Makefile"), "-o", stamp,
                           "site", f"BIN={BIN}"],
                          cwd=archive_copy, capture_output=True, text=True, env=_env(), check=False)
    assert made.returncode == 0, made.stdout + made.stderr
    assert f"{BIN}/mkdocs build" in made.stdout  # the Makefile's own recipe ran
    assert (archive_copy / "site" / "index.html").is_file()
    assert BOX not in made.stdout + made.stderr
    assert "NO_MKDOCS_2_WARNING" not in made.stdout + made.stderr
