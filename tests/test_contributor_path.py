"""CONTRIBUTING.md, scripted: a new curator adds a third briefing, check catches a typo, the site builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.cli import main

from .conftest import TESTS, mkdocs_build

ARTICLE = TESTS / "fixtures" / "contributor" / "article.txt"
URL = "https://www.aljazeera.com/news/2025/11/6/china-and-north-korea-open-new-freight-rail-link"


def test_a_new_curator_adds_a_briefing(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = ["--root", str(repo_copy)]
    before = sorted((repo_copy / "briefings").glob("20*/*/*.md"))
    assert len(before) == 2

    # Step 1: ingest the article; it prints the new file and a review list.
    assert main([*root, "ingest", str(ARTICLE), "--date", "2025-11-06", "--url", URL]) == 0
    out = capsys.readouterr().out
    assert "wrote briefings/2025/11/2025-11-06-" in out and "review:" in out
    path = repo_copy / out.split("wrote ", 1)[1].split("\n", 1)[0]
    assert len(sorted((repo_copy / "briefings").glob("20*/*/*.md"))) == 3
    assert "  - choe-son-hui\n" in path.read_text()

    # Step 2: while reviewing, the curator mistypes an actor id; check names the file and the line.
    text = path.read_text().replace("  - choe-son-hui\n", "  - choe-son-hiu\n", 1)
    path.write_text(text)
    line = text.splitlines().index("  - choe-son-hiu") + 1
    display = path.relative_to(repo_copy).as_posix()
    assert main([*root, "check"]) == 1
    out = capsys.readouterr().out
    assert f"{display}:{line}: unknown actor 'choe-son-hiu' (did you mean 'choe-son-hui'?)" in out

    # Step 3: fix it; check is green.
    path.write_text(text.replace("  - choe-son-hiu\n", "  - choe-son-hui\n"))
    assert main([*root, "check"]) == 0
    assert "3 briefing(s) and 3 registry file(s) checked: 0 error(s)" in capsys.readouterr().err

    # Step 4: the site builds strictly, with the new briefing's page.
    result = mkdocs_build(repo_copy)
    assert result.returncode == 0, result.stderr
    assert (repo_copy / "site/briefings" / path.stem / "index.html").exists()
