"""Archive pages built in worker processes: the same site, byte for byte, and the same errors."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder import parallel

from .conftest import CORPUS, mkdocs_build

ENV = {"SOURCE_DATE_EPOCH": "1700000000"}


def corpus_with(tmp_path: Path, name: str, options: str, hooks: str | None = None) -> Path:
    """A copy of the synthetic corpus whose plugin entry gets ``options`` (and an optional hooks file)."""
    project = tmp_path / name
    shutil.copytree(CORPUS, project, ignore=shutil.ignore_patterns("site"))
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - briefings:\n", f"  - briefings:\n      search: false\n{options}")
    config = f"site_url: https://corpus.example/archive/\n{config}"  # so the sitemap lists pages
    if hooks is not None:
        (project / "hooks.py").write_text(hooks, encoding="utf-8")
        config += "hooks:\n  - hooks.py\n"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_workers_build_the_same_site_as_mkdocs_alone(tmp_path: Path) -> None:
    serial = corpus_with(tmp_path, "serial", "      workers: 1\n")
    parallel = corpus_with(tmp_path, "parallel", "      workers: 2\n")
    for project in (serial, parallel):
        result = mkdocs_build(project, env=ENV)
        assert result.returncode == 0, result.stderr
    one, two = tree(serial / "site"), tree(parallel / "site")
    assert sorted(one) == sorted(two)
    differing = [name for name in one if one[name] != two[name]]
    assert differing == []
    # Record pages are in the site and its sitemap, not only the pages in the navigation.
    assert any(n.startswith("actors/") and n != "actors/index.html" for n in two)
    sitemap = two["sitemap.xml"].decode()
    assert sitemap.count("<loc>") > 40 and "/briefings/" in sitemap


WARN_ON_A_RECORD_PAGE = '''
import logging
log = logging.getLogger("mkdocs.plugins.test-hook")

def on_page_content(html, page, config, files):
    if page.file.src_uri.startswith("actors/") and page.file.src_uri != "actors/index.md":
        log.warning("hook saw %s", page.file.src_uri)
    return html
'''


def test_a_warning_raised_in_a_worker_fails_a_strict_build(tmp_path: Path) -> None:
    project = corpus_with(tmp_path, "warn", "      workers: 2\n", WARN_ON_A_RECORD_PAGE)
    result = mkdocs_build(project, env=ENV)
    assert result.returncode == 1
    assert "hook saw actors/" in result.stderr
    assert "in strict mode" in result.stdout + result.stderr
    actor_pages = list((project / "site" / "actors").glob("*/index.html"))
    assert actor_pages
    assert result.stderr.count("hook saw actors/") == len(actor_pages)  # each once: logged by the parent only


FAIL_ON_ONE_PAGE = '''
def on_page_context(context, page, config, nav):
    if page.file.src_uri.startswith("events/") and page.file.src_uri != "events/index.md":
        raise ValueError("no context for this page")
    return context
'''


def test_an_error_in_a_worker_names_the_page(tmp_path: Path) -> None:
    project = corpus_with(tmp_path, "fail", "      workers: 2\n", FAIL_ON_ONE_PAGE)
    result = mkdocs_build(project, env=ENV)
    assert result.returncode == 1
    assert "Error building page 'events/" in result.stderr
    assert "no context for this page" in result.stderr
    assert "Traceback" not in result.stderr


def test_without_a_nav_workers_build_the_same_site_and_keep_record_pages_out_of_the_navigation(
        tmp_path: Path) -> None:
    """With no ``nav:`` the summary pages make the navigation, whoever builds the record pages."""
    built = {}
    for name, options in (("serial", "      workers: 1\n"), ("parallel", "      workers: 2\n")):
        project = corpus_with(tmp_path, name, options)
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        without_nav = re.sub(r"\nnav:\n(?:  .*\n)+", "\n", config)
        assert without_nav != config
        (project / "mkdocs.yml").write_text(without_nav, encoding="utf-8")
        result = mkdocs_build(project, env=ENV)
        assert result.returncode == 0, result.stderr
        built[name] = tree(project / "site")
    assert built["serial"] == built["parallel"]
    home = built["parallel"]["index.html"].decode("utf-8")
    assert 'href="actors/"' in home and 'href="briefings/' not in home.split('<div class="md-content"')[0]


def test_no_work_forks_nothing_and_collects_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild under serve builds its few pages in its own process: handing the heap back (a full
    collection of a large archive's objects) and forking would cost it a third of a second."""

    def refuse() -> None:
        raise AssertionError("collected and trimmed the heap for no work")

    monkeypatch.setattr(parallel, "give_back_memory", refuse)
    assert list(parallel.fork_map(lambda indices: len(indices), [], 2)) == []
    with pytest.raises(AssertionError, match="for no work"):
        list(parallel.fork_map(lambda indices: len(indices), [1, 2], 2))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_body_that_breaks_the_policy_fails_the_build_with_checks_message(tmp_path: Path,
                                                                           workers: int) -> None:
    """A build parses each body once, where its page is rendered, and stops on the policy's errors and
    unknown ``[[link]]`` targets there with the same messages as ``check``: file, line, what is wrong,
    how to fix it."""
    project = corpus_with(tmp_path, "policy", f"      workers: {workers}\n")
    path = sorted((project / "briefings").rglob("*.md"))[3]
    text = path.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    line = head.count("\n") + 3  # the body's first line: after the closing '---'
    path.write_text(f"{head}\n---\n<script>alert(1)</script>\n\nAs [[nobody-known]] said.\n\n{body}",
                    encoding="utf-8")
    result = mkdocs_build(project, env=ENV)
    assert result.returncode == 1
    where = path.relative_to(project).as_posix()
    assert f"{where}:{line}: raw HTML '<script>' is not allowed" in result.stderr
    assert f"{where}:{line + 2}: unknown link target 'nobody-known' in [[nobody-known]]" in result.stderr
    assert result.stderr.count("raw HTML") == 1 and result.stderr.count("unknown link target") == 1
    assert "2 problem(s) in the archive" in result.stderr
    assert "Traceback" not in result.stderr


def test_files_written_beside_the_pages_are_listed_or_their_failure_stops_the_build(tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    from site_builder.mkdocs_plugin.workers import WrittenBeside

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins: []\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = "briefings"  # as while a plugin's event runs
    made = WrittenBeside(config, iter([("feeds/all.xml", "<feed/>"), ("data/a.json", "{}")]))
    assert made.paths() == ["feeds/all.xml", "data/a.json"]
    assert (tmp_path / "site" / "data" / "a.json").read_text(encoding="utf-8") == "{}"

    def failing() -> Iterator[tuple[str, str]]:
        yield "feeds/all.xml", "<feed/>"
        raise OSError("disk full")

    with pytest.raises(PluginError, match="cannot write the feeds and open data: OSError: disk full"):
        WrittenBeside(config, failing()).paths()


def test_a_frozen_heap_is_left_alone_by_the_collector_until_the_block_ends() -> None:
    import gc

    alive = [[n] for n in range(1000)]
    with parallel.heap_frozen():
        assert gc.get_freeze_count() >= len(alive)
    assert gc.get_freeze_count() == 0
    with pytest.raises(ValueError), parallel.heap_frozen():
        raise ValueError
    assert gc.get_freeze_count() == 0


def test_a_build_leaves_no_object_frozen_whether_or_not_workers_thawed_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = corpus_with(tmp_path, "alone", "      workers: 1\n")
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    assert gc.get_freeze_count() == 0
