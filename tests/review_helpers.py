"""A fixture archive with one freshly ingested briefing, for the review tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from site_builder.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = FIXTURES / "review" / "harbour-pact.txt"
BRIEFING = "briefings/2024/05/2024-05-07-aurelia-and-borovia-sign-harbour-pact-in-port.md"
INGEST = ["--url", "https://harbourtimes.example/2024/05/07/harbour-pact", "--date", "2024-05-07",
          "--outlet", "harbour-times", "--accept-new"]


def ingest(root: Path, *extra: str) -> int:
    return main(["--root", str(root), "ingest", str(ARTICLE), *INGEST, *extra])


def ingested_archive(tmp_path: Path) -> Path:
    """A copy of the fixture archive after ``ingest --accept-new`` of the harbour article."""
    root = tmp_path / "archive"
    shutil.copytree(FIXTURES / "archive", root)
    assert ingest(root) == 0
    assert (root / BRIEFING).is_file()
    return root
