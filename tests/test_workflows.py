"""The GitHub workflows call only commands the project has: make targets, briefings subcommands, tools."""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import subprocess
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from site_builder.cli import _parser

from .conftest import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
#: Programs a workflow may run besides make and briefings, with the subcommands allowed (None: any).
TOOLS: dict[str, set[str] | None] = {
    "python": {"-m"}, "mkdocs": {"build"}, "apt-get": {"update", "install"}, "git": {"diff", "log"},
    "aws": {"s3"},
    "echo": None, "export": None, "mapfile": None, "[": None,
}
SHELL_WORDS = {"if", "then", "else", "fi", "do", "done", "!"}
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def make_targets() -> set[str]:
    text = (REPO / "Makefile").read_text()
    return set(re.findall(r"^([a-z][\w-]*):", text, flags=re.MULTILINE))


def briefings_commands() -> set[str]:
    action = next(a for a in _parser()._actions if a.dest == "command")
    return set(action.choices)  # type: ignore[arg-type]


def steps() -> Iterator[tuple[str, dict[str, Any]]]:
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text())
        for job in workflow["jobs"].values():
            for step in job.get("steps", []):
                yield path.name, step


def simple_commands(script: str) -> Iterator[list[str]]:
    """Each simple command of a shell script, split into words (enough for these workflows)."""
    script = script.replace("\\\n", " ")
    for line in script.splitlines():
        inner = re.findall(r"[$<]\(([^()]*)\)", line)  # $(...) and <(...): commands too
        line = re.sub(r"[$<]\(([^()]*)\)", "SUBST", line)
        for piece in [line, *inner]:
            lexer = shlex.shlex(piece, posix=True, punctuation_chars=True)
            lexer.whitespace_split = True
            lexer.commenters = "#"
            words: list[str] = []
            for token in [*lexer, ";"]:
                if token and set(token) <= set(";&|<>()"):
                    while words and (words[0] in SHELL_WORDS or re.match(r"^\w+=", words[0])):
                        words = words[1:]
                    if words and words[0] != "SUBST":
                        yield words
                    words = []
                else:
                    words.append(token)


def test_there_are_workflows() -> None:
    assert {p.name for p in WORKFLOWS} == {"pr.yml", "pages.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_run_command_exists(path: Path) -> None:
    targets, commands = make_targets(), briefings_commands()
    workflow = yaml.safe_load(path.read_text())
    seen = 0
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            if "run" not in step:
                continue
            for words in simple_commands(step["run"]):
                seen += 1
                program, args = words[0], words[1:]
                if program == "make":
                    assert set(args) <= targets, f"{path.name}: make {args}: no such target in the Makefile"
                elif program == "briefings":
                    assert args and args[0] in commands, f"{path.name}: briefings {args}: no such command"
                elif program == "python":
                    assert args[:3] == ["-m", "pip", "install"], f"{path.name}: unexpected {words}"
                elif program in ("echo", "export", "mapfile", "["):
                    continue
                else:
                    assert program in TOOLS, f"{path.name}: '{program}' is not a command this project has"
                    allowed = TOOLS[program]
                    assert allowed is None or (args and args[0] in allowed), f"{path.name}: {words}"
    assert seen


def job_commands(path: Path, job: str) -> list[list[str]]:
    """The simple commands a workflow job runs, in order."""
    job_steps = yaml.safe_load(path.read_text())["jobs"][job]["steps"]
    return [words for step in job_steps if "run" in step for words in simple_commands(step["run"])]


def parse_briefings(words: list[str]) -> argparse.Namespace:
    """What ``briefings`` would do with these words (argparse exits on anything it rejects)."""
    assert words[0] == "briefings"
    return _parser().parse_args(words[1:])


def minimum_python() -> str:
    with (REPO / "pyproject.toml").open("rb") as f:
        requires = tomllib.load(f)["project"]["requires-python"]
    match = re.fullmatch(r">=\s*(\d+\.\d+)", requires)
    assert match, requires
    return match.group(1)


def test_pr_tests_run_what_ci_runs() -> None:
    """The PR's test job is .ci/run: Debian's Chromium installed, then `make test`, on the oldest Python."""
    wanted = ("apt-get", "make")
    ci = [words for words in simple_commands((REPO / ".ci/run").read_text()) if words[0] in wanted]
    job = [words for words in job_commands(REPO / ".github/workflows/pr.yml", "test") if words[0] in wanted]
    assert [w[:2] for w in job] == [w[:2] for w in ci] == [["apt-get", "update"], ["apt-get", "install"],
                                                         ["make", "test"]]
    assert "chromium" in job[1] and "chromium" in ci[1]
    image = yaml.safe_load((REPO / ".github/workflows/pr.yml").read_text())["jobs"]["test"]["container"]
    assert image == f"python:{minimum_python()}-bookworm"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_test_runs_pytest() -> None:
    """`make test` runs pytest, which collects tests/ (and so tests/test_lint.py: ruff and mypy)."""
    dry = subprocess.run(["make", "-n", "--no-print-directory", "-o", ".venv/.test-stamp", "test"],
                         cwd=REPO, capture_output=True, text=True, timeout=60, check=False)
    assert dry.returncode == 0, dry.stderr
    commands = [shlex.split(line) for line in dry.stdout.splitlines() if line.strip()]
    assert [c[1:3] for c in commands] == [["-m", "pytest"]], dry.stdout
    with (REPO / "pyproject.toml").open("rb") as f:
        assert tomllib.load(f)["tool"]["pytest"]["ini_options"]["testpaths"] == ["tests"]


def test_pr_check_job_checks_builds_and_attaches_the_site() -> None:
    path = REPO / ".github/workflows/pr.yml"
    commands = job_commands(path, "check-and-build")
    checks = [parse_briefings(words) for words in commands if words[0] == "briefings"]
    assert checks and all(args.command == "check" and args.format == "github" for args in checks)
    builds = [words for words in commands if words[:2] == ["mkdocs", "build"]]
    assert len(builds) == 1 and "--strict" in builds[0]
    site_dir = builds[0][builds[0].index("--site-dir") + 1]
    job_steps = yaml.safe_load(path.read_text())["jobs"]["check-and-build"]["steps"]
    uploads = [step for step in job_steps if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert [Path(step["with"]["path"]) for step in uploads] == [Path(site_dir)]
    setup = [step for step in job_steps if step.get("uses", "").startswith("actions/setup-python@")]
    assert [step["with"]["python-version"] for step in setup] == [minimum_python()]


def test_pages_workflow_deploys() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text())
    assert workflow[True]["push"]["branches"] == ["main"]  # PyYAML reads the key 'on' as True
    uses = [step.get("uses", "").split("@")[0] for _, step in steps()]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_actions_are_pinned_to_commits() -> None:
    for name, step in steps():
        if "uses" in step:
            assert PINNED.match(step["uses"]), f"{name}: {step['uses']} is not pinned to a full commit SHA"


def test_editor_schemas_point_at_published_schemas() -> None:
    import json

    settings = json.loads((REPO / ".vscode/settings.json").read_text())
    mapping = settings["yaml.schemas"]
    for registry in ("actors", "events", "outlets"):
        schema_path = f"./docs/schema/{registry}.schema.json"
        assert mapping[schema_path] == f"briefings/registry/{registry}.yml"
        assert (REPO / schema_path).exists()


def test_pre_commit_hook_runs_check() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert any(hook["entry"] == "briefings check" and hook["language"] == "system" for hook in hooks)


def test_contributing_guide_commands_run() -> None:
    """The commands of the five-minute path are real: briefings accepts them, make has the targets."""
    text = (REPO / "CONTRIBUTING.md").read_text().split("## Add a briefing in five minutes")[1]
    text = text.split("\n## ")[0]
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)
    spans = [span for span in re.findall(r"`([^`\n]+)`", text) if "..." not in span]
    commands = [words for script in [*blocks, *spans] for words in simple_commands(script)
                if words[0] in ("briefings", "make")]
    parsed = [parse_briefings(words).command for words in commands if words[0] == "briefings"]
    assert parsed[0] == "ingest" and "check" in parsed, parsed  # ingest first, then check
    for words in commands:
        if words[0] == "make":
            assert set(words[1:]) <= make_targets(), words
    assert (REPO / ".github/pull_request_template.md").exists()


def test_the_command_splitter_sees_every_command() -> None:
    script = ('export X="$(git log -1)"\n'
              'if [ -n "$X" ]; then make site && briefings check --format github; fi\n')
    assert [w[0] for w in simple_commands(script)] == ["export", "git", "[", "make", "briefings"]


def test_the_site_goes_to_pages_or_to_the_object_store_never_both() -> None:
    """One repository variable, SITE_BUCKET, moves publishing from GitHub Pages to an object store."""
    workflow = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text())
    build = workflow["jobs"]["build"]["steps"]
    store = [s for s in build if "aws s3 sync" in s.get("run", "")]
    assert len(store) == 1 and store[0]["if"] == "vars.SITE_BUCKET != ''"
    assert store[0]["run"].split()[:5] == ["aws", "s3", "sync", "site/", '"$SITE_BUCKET"']
    assert build.index(store[0]) > next(k for k, s in enumerate(build) if "mkdocs build" in s.get("run", ""))
    pages = [s for s in build if "pages" in s.get("uses", "")]
    assert pages and all(s["if"] == "vars.SITE_BUCKET == ''" for s in pages)
    assert workflow["jobs"]["deploy"]["if"] == "vars.SITE_BUCKET == ''"
    assert "secrets.AWS_SECRET_ACCESS_KEY" in store[0]["env"]["AWS_SECRET_ACCESS_KEY"]
