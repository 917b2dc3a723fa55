"""Every command explains itself with examples; check speaks GitHub's annotation format."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.cli import _parser, github_annotation, main
from site_builder.errors import Diagnostic

from .conftest import REPO


def subcommands() -> list[str]:
    action = next(a for a in _parser()._actions if a.dest == "command")
    return sorted(action.choices)  # type: ignore[arg-type]


def test_every_command_is_listed() -> None:
    assert {"check", "new", "serve", "ingest", "export-docs", "schema"} <= set(subcommands())


@pytest.mark.parametrize("command", [[], *[[name] for name in subcommands()]])
def test_help_shows_examples(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "examples:\n  briefings " in out


def test_github_annotation_escapes_per_the_workflow_command_rules() -> None:
    d = Diagnostic("briefings/a,b:c.md", 7, "100% wrong\nsecond line\r", "fix it")
    assert github_annotation(d) == (
        "::error file=briefings/a%2Cb%3Ac.md,line=7::100%25 wrong%0Asecond line%0D (fix it)"
    )
    assert github_annotation(Diagnostic("x.yml", None, "m", severity="warning")) == "::warning file=x.yml::m"


def test_check_format_github(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = next((repo_copy / "briefings/2025/09").glob("*.md"))
    path.write_text(path.read_text().replace("  - xi-jinping\n", "  - xi-jinpin\n"))
    display = path.relative_to(repo_copy).as_posix()
    assert main(["--root", str(repo_copy), "check", "--format", "github", str(path)]) == 1
    assert capsys.readouterr().out == (f"::error file={display},line=16::unknown actor 'xi-jinpin' "
                                       "(did you mean 'xi-jinping'?)\n")


def test_published_data_model_is_up_to_date() -> None:
    from site_builder.core.docs_model import data_model_markdown

    committed = (REPO / "docs/data-model.md").read_text(encoding="utf-8")
    assert committed == data_model_markdown(), "docs/data-model.md is stale: run 'make schema'"


def test_data_model_lists_every_field() -> None:
    from site_builder.core import schema
    from site_builder.core.docs_model import data_model_markdown

    text = data_model_markdown()
    for fields in (schema.BRIEFING_FIELDS, schema.QUOTE_FIELDS, *schema.REGISTRY_FIELDS.values()):
        for f in fields:
            assert f"| `{f.name}` | `{f.type}`" in text
