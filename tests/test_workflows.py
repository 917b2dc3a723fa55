"""The GitHub workflows call only commands the project has: make targets, briefings subcommands, tools."""

from __future__ import annotations

import re
import shlex
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


def test_pr_workflow_does_what_contributing_promises() -> None:
    text = (REPO / ".github/workflows/pr.yml").read_text()
    for piece in ("briefings check --format github", "make test", "mkdocs build --strict",
                  "apt-get install -y -qq chromium", "python-version: \"3.11\"", "actions/upload-artifact@"):
        assert piece in text


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


def test_contributing_guide_covers_the_path() -> None:
    text = (REPO / "CONTRIBUTING.md").read_text().split("## Add a briefing in five minutes")[1]
    text = text.split("\n## ")[0]
    order = [text.index(step) for step in ("briefings ingest", "review list", "briefings check", "pull request")]
    assert order == sorted(order)
    assert (REPO / ".github/pull_request_template.md").exists()


def test_the_command_splitter_sees_every_command() -> None:
    script = 'export X="$(git log -1)"\nif [ -n "$X" ]; then make site && briefings check --format github; fi\n'
    assert [w[0] for w in simple_commands(script)] == ["export", "git", "[", "make", "briefings"]
