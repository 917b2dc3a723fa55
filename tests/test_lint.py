"""The checks configured in pyproject.toml pass: ruff on the code, mypy (strict) on the package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    # The interpreter running the tests runs the tools too, so they come from the same environment.
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, check=False)


@pytest.mark.parametrize("tool", ["ruff", "mypy"])
def test_tool_is_installed(tool: str) -> None:
    result = _run(tool, "--version")
    assert result.returncode == 0, f"{tool} is missing: pip install -e '.[test]'\n{result.stderr}"


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", "--no-cache", "site_builder", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    result = _run("mypy", "site_builder")
    assert result.returncode == 0, result.stdout + result.stderr
