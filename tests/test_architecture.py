"""The import contract the tree shows: which package may import what, and which may write files.

* Only ``site_builder.mkdocs_plugin`` imports MkDocs or Material: the core,
  body handling, outputs, search and authoring run under any engine.
* The engine-neutral packages never import the adapter, authoring or the CLI.
* The core and body handling never write files: they return data.

Read from the source with ``ast``, so a new module is held to the same rules.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "site_builder"
ENGINES = ("mkdocs", "material")
NEUTRAL = ("core", "body", "outputs", "search")
UPPER = ("site_builder.mkdocs_plugin", "site_builder.authoring", "site_builder.cli")
PURE = ("core", "body")
#: Calls that write, move or delete files, by any receiver ...
WRITERS = frozenset({"write_text", "write_bytes", "mkdir", "makedirs", "unlink", "rmdir", "rmtree",
                     "atomic_write", "copyfile", "copytree", "symlink_to", "touch", "write_file",
                     "hardlink_to"})
#: ... and names that write only when called on these modules (``str.replace`` does not).
MODULE_WRITERS = {"os": {"replace", "rename", "remove", "link", "symlink"},
                  "shutil": {"copy", "copy2", "move"}}


def modules() -> Iterator[tuple[str, Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        yield name, path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def imported(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, module) for every import, at any depth (imports inside functions count too)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"line {node.lineno}: imports in site_builder are absolute"
            yield node.lineno, node.module or ""


def in_package(name: str, *packages: str) -> bool:
    return any(name == f"site_builder.{p}" or name.startswith(f"site_builder.{p}.") for p in packages)


def test_only_the_mkdocs_adapter_imports_an_engine() -> None:
    found = [f"{name}:{line} imports {target}" for name, _, tree in modules()
             if not in_package(name, "mkdocs_plugin")
             for line, target in imported(tree) if target.split(".")[0] in ENGINES]
    assert not found


def test_engine_neutral_packages_do_not_import_front_ends() -> None:
    found = [f"{name}:{line} imports {target}" for name, _, tree in modules() if in_package(name, *NEUTRAL)
             for line, target in imported(tree) if target.startswith(UPPER)]
    assert not found


def _writes(tree: ast.Module) -> Iterator[str]:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        on_name = isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
        receiver = func.value.id if on_name else ""  # type: ignore[union-attr]
        if name in WRITERS or name in MODULE_WRITERS.get(receiver, ()):
            yield f"line {node.lineno}: {name}()"
        if name == "open":
            mode = node.args[1] if len(node.args) > 1 else next(
                (k.value for k in node.keywords if k.arg == "mode"), None)
            writing = not isinstance(mode, ast.Constant) or not set(str(mode.value)) <= set("rbt")
            if mode is not None and writing:
                yield f"line {node.lineno}: open() for writing"


def test_core_and_body_never_write_files() -> None:
    found = [f"{name}: {w}" for name, _, tree in modules() if in_package(name, *PURE) for w in _writes(tree)]
    assert not found


@pytest.mark.parametrize("source, expected", [
    ("from pathlib import Path\nPath('x').write_text('y')\n", ["line 2: write_text()"]),
    ("open('x', 'w')\n", ["line 1: open() for writing"]),
    ("open('x')\nopen('x', 'rb')\n", []),
    ("import shutil\nshutil.rmtree('x')\n", ["line 2: rmtree()"]),
    ("import os\nos.replace('a', 'b')\n'a'.replace('a', 'b')\n", ["line 2: replace()"]),
])
def test_the_write_rule_sees_writes(source: str, expected: list[str]) -> None:
    assert list(_writes(ast.parse(source))) == expected


def test_the_import_rules_see_imports_inside_functions() -> None:
    tree = ast.parse("def f():\n    from mkdocs.config import base\n    import material\n")
    assert [t for _, t in imported(tree)] == ["mkdocs.config", "material"]


def _module_names() -> set[str]:
    return {name for name, _, _ in modules()}


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports, at any depth, type-checking imports included.

    ``from package import name`` counts as an import of ``package.name`` when that is a module.
    """
    known = _module_names()
    graph: dict[str, set[str]] = {}
    for name, _, tree in modules():
        targets = graph.setdefault(name, set())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names if alias.name in known)
            elif isinstance(node, ast.ImportFrom) and node.module:
                found = {f"{node.module}.{alias.name}" for alias in node.names} & known
                targets.update(found or ({node.module} & known))
        targets.discard(name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm), each sorted."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        order[node] = low[node] = len(order)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in order:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], order[target])
        if low[node] == order[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in order:
            visit(node)
    return sorted(found)


def test_imports_run_one_way() -> None:
    """No two modules import each other, directly or round a loop: each layer stands on the ones below."""
    assert cycles(import_graph()) == []


def test_the_core_imports_no_output_or_search() -> None:
    """Pages are rendered without the files beside them: outputs and search build on the core."""
    found = [f"{name}:{line} imports {target}" for name, _, tree in modules() if in_package(name, "core")
             for line, target in imported(tree) if in_package(target, "outputs", "search")]
    assert not found


def test_the_cycle_rule_sees_loops() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
