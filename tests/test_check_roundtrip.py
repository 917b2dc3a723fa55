"""Curator round trips with ``briefings check``: every problem of a file at once, honest counts, warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.cli import main

SEED = "briefings/2025/09/2025-09-28-china-and-north-korea-agree-to-resist-hegemony.md"


def run(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["--root", str(project), "check", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_a_bad_date_does_not_hide_the_files_other_problems(repo_copy: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = repo_copy / SEED
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("date: 2025-09-28", "date: 2025-13-45")
                        .replace("outlet: al-jazeera", "outlet: al-jazeeera")
                        .replace("  - xi-jinping\n", "  - hermit-kingdom\n"), encoding="utf-8")
    code, out, err = run(repo_copy, capsys)
    assert code == 1
    assert [line.split(": ", 1)[1] for line in out] == [
        "'date' 2025-13-45 is not a real calendar date (check the day and month)",
        "unknown outlet 'al-jazeeera' (did you mean 'al-jazeera'?)",
        "unknown actor 'hermit-kingdom' (add it to briefings/registry/actors.yml or fix the id)",
    ]
    assert "2 briefing(s) and 3 registry file(s) checked: 3 error(s)" in err


def test_a_yaml_error_still_reports_the_body(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo_copy / SEED
    text = path.read_text(encoding="utf-8").replace("outlet: al-jazeera", "outlet: [al-jazeera")
    path.write_text(text + "\n<script>alert(1)</script>\n", encoding="utf-8")
    code, out, err = run(repo_copy, capsys)
    assert code == 1 and len(out) == 2
    assert "YAML" in out[0] or "front-matter" in out[0]
    assert "HTML" in out[1] or "<script>" in out[1]
    assert "2 briefing(s)" in err  # the broken file is still counted


def test_check_file_counts_what_it_checked(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(repo_copy, capsys, str(repo_copy / SEED))
    assert code == 0 and "1 briefing(s) checked: 0 error(s)" in err
    code, _out, err = run(repo_copy, capsys, str(repo_copy / "briefings/registry"))
    assert code == 0 and "0 briefing(s) and 3 registry file(s) checked" in err


def test_incomplete_registry_entries_warn_and_strict_fails(repo_copy: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    registry = repo_copy / "briefings/registry"
    with (registry / "outlets.yml").open("a", encoding="utf-8") as f:
        f.write("\nnew-paper:\n  name: New Paper\n  domains: [newpaper.example]\n")
    with (registry / "actors.yml").open("a", encoding="utf-8") as f:
        f.write("\njane-roe:\n  name: Jane Roe\n  kind: person\n")
    code, out, err = run(repo_copy, capsys)
    assert code == 0 and "0 error(s), 4 warning(s)" in err
    assert any("warning: outlet 'new-paper' has no country or ownership" in line for line in out)
    assert any("warning: person 'jane-roe' has no role or country" in line for line in out)
    assert any("warning: actor 'jane-roe' is used by no briefing, event or quote" in line for line in out)
    code, _out, err = run(repo_copy, capsys, "--strict")
    assert code == 1 and "(--strict: warnings fail)" in err
