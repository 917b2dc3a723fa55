"""Shared helpers for the ingest tests: a throw-away project and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from site_builder.cli import main

REPO = Path(__file__).resolve().parent.parent
SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED_000 = SEEDS / "000_407eebcf08ad9702.txt"
SEED_001 = SEEDS / "001_618342c9eec11187.txt"


def make_project(root: Path) -> Path:
    """A project folder with the real registry and no briefings."""
    (root / "briefings").mkdir(parents=True)
    shutil.copytree(REPO / "briefings" / "registry", root / "briefings" / "registry")
    return root


def ingest(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(root), "ingest", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def check(capsys: pytest.CaptureFixture[str], root: Path) -> tuple[int, str]:
    code = main(["--root", str(root), "check"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    front = text.split("---\n")[1]
    data = yaml.safe_load(front)
    assert isinstance(data, dict)
    return data


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


def written(root: Path) -> list[Path]:
    return sorted(p for p in (root / "briefings").rglob("*.md") if "registry" not in p.parts)


def ingest_text(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str) -> tuple[Path, str]:
    """Ingest ``text`` saved as a file into a new project (a known outlet, a fixed day); the
    project's root and what ingest printed. Fails the test when ingest fails."""
    root = make_project(tmp_path / "project")
    source = tmp_path / "article.txt"
    source.write_text(text, encoding="utf-8")
    code, out, err = ingest(capsys, root, str(source), "--accept-new", "--outlet", "al-jazeera",
                            "--date", "2025-11-06")
    assert code == 0, err
    return root, out
