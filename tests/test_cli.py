"""The ``briefings`` command: exit codes, file:line output, no tracebacks, nothing overwritten."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from site_builder.cli import main
from site_builder.core import docs_model, schema
from site_builder.core.yamlsource import parse_yaml

from .conftest import REPO

BRIEFING = "briefings/2024/01/2024-01-15-river-talks-open-in-port-aster.md"


def run(project: Path, *args: str) -> int:
    return main(["--root", str(project), *args])


def test_check_passes_on_the_repository(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(REPO, "check") == 0
    assert "0 error(s)" in capsys.readouterr().err


def test_check_reports_three_mistakes_with_lines(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The acceptance scenario: an unknown actor, a bad date and a YAML syntax error, one line each."""
    folder = repo_copy / "briefings/2025/09"
    source = next(folder.glob("*.md")).read_text()
    (folder / "2025-09-28-unknown-actor.md").write_text(
        source.replace("  - xi-jinping\n", "  - xi-jinpin\n").replace("aljazeera.com/news", "aljazeera.com/x")
    )
    (folder / "2025-09-29-bad-date.md").write_text(
        source.replace("date: 2025-09-28", "date: 2025-09-31").replace(
            "aljazeera.com/news", "aljazeera.com/y"
        )
    )
    (folder / "2025-09-30-yaml-error.md").write_text(
        source.replace("outlet: al-jazeera", "outlet: [al-jazeera")
    )
    assert run(repo_copy, "check") == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        ("briefings/2025/09/2025-09-28-unknown-actor.md:16: unknown actor 'xi-jinpin' "
         "(did you mean 'xi-jinping'?)"),
        (
            "briefings/2025/09/2025-09-29-bad-date.md:3: 'date' 2025-09-31 is not a real calendar date "
            "(check the day and month)"
        ),
        (
            "briefings/2025/09/2025-09-30-yaml-error.md:4: invalid YAML: expected ',' or ']', but got ':' "
            "(close the [ or { opened on this line)"
        ),
    ]


def test_check_limits_output_to_given_paths(archive_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = archive_copy / BRIEFING
    bad.write_text(bad.read_text().replace("tomas-vey]", "nobody]"))
    assert run(archive_copy, "check", str(archive_copy / "briefings/2024/02")) == 0
    assert run(archive_copy, "check", str(bad)) == 1
    assert "unknown actor 'nobody'" in capsys.readouterr().out


def test_check_missing_path(archive_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(archive_copy, "check", str(archive_copy / "nope")) == 1
    assert "no such file or folder" in capsys.readouterr().err


def test_console_script_has_no_traceback(archive_copy: Path) -> None:
    (archive_copy / "briefings/2024/02/2024-02-10-x.md").write_bytes(b"---\ntitle: \xff\n---\n")
    result = subprocess.run([sys.executable, "-c", "from site_builder.cli import run; run()", "--root",
                             str(archive_copy), "check"], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "briefings/2024/02/2024-02-10-x.md:2: byte 0xff is not valid UTF-8" in result.stdout


def test_export_docs_writes_a_plain_docs_tree(archive_copy: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "export"
    assert run(archive_copy, "export-docs", str(target), "--docs-dir", str(archive_copy / "docs")) == 0
    assert (target / "about.md").exists()
    assert (target / "actors/tomas-vey.md").read_text().startswith("---\ntitle: Tomas Vey\n")
    assert run(archive_copy, "export-docs", str(target), "--docs-dir", str(archive_copy / "docs")) == 1
    assert "pass --force" in capsys.readouterr().err
    assert (
        run(archive_copy, "export-docs", str(target), "--docs-dir", str(archive_copy / "docs"), "--force")
        == 0
    )


def test_export_docs_refuses_when_the_archive_has_errors(archive_copy: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    bad = archive_copy / BRIEFING
    bad.write_text(bad.read_text().replace("outlet: harbour-times", "outlet: nowhere"))
    assert run(archive_copy, "export-docs", str(tmp_path / "out")) == 1
    assert "unknown outlet 'nowhere'" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


def test_published_schemas_are_up_to_date() -> None:
    for name, body in schema.all_schemas().items():
        committed = (REPO / "docs/schema" / name).read_text(encoding="utf-8")
        assert committed == schema.dump_schema(body), f"docs/schema/{name} is stale: run 'make schema'"


def front_matter(path: Path) -> Any:
    return parse_yaml(path.read_text().split("---\n")[1], path.name)[0]  # the archive's reader: dates as text


def test_schema_writes_schemas_that_accept_the_archive(archive_copy: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    target = archive_copy / "docs/schema"
    assert run(archive_copy, "schema", str(target)) == 0
    model = archive_copy / "docs" / docs_model.DATA_MODEL_FILE
    assert capsys.readouterr().out == f"wrote 5 schemas into {target} and {model}\n"
    assert sorted(p.name for p in target.iterdir()) == sorted(schema.all_schemas())
    assert model.read_text() == docs_model.data_model_markdown()

    briefing_schema = json.loads((target / "briefing.schema.json").read_text())
    briefings = sorted((archive_copy / "briefings").rglob("*.md"))
    assert len(briefings) == 5
    for path in briefings:
        jsonschema.validate(front_matter(path), briefing_schema)
    for registry in ("actors", "events", "outlets"):
        path = archive_copy / f"briefings/registry/{registry}.yml"
        entries = parse_yaml(path.read_text(), path.name)[0]
        assert entries
        jsonschema.validate(entries, json.loads((target / f"{registry}.schema.json").read_text()))

    # ...and that refuse what check refuses.
    good = front_matter(archive_copy / BRIEFING)
    without_outlet = {key: value for key, value in good.items() if key != "outlet"}
    for bad in (without_outlet, {**good, "actors": "tomas-vey"}, {**good, "colour": "red"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, briefing_schema)


def test_seed_briefings_match_the_published_schema() -> None:
    briefing_schema = json.loads((REPO / "docs/schema/briefing.schema.json").read_text())
    briefings = sorted((REPO / "briefings").rglob("*.md"))
    assert briefings
    for path in briefings:
        jsonschema.validate(front_matter(path), briefing_schema)


def test_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for command in ("check", "export-docs", "schema"):
        assert command in out
