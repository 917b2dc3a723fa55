"""Build the archive's record pages through the MkDocs theme in forked worker processes.

MkDocs builds pages one after another: Markdown, then the theme's Jinja
templates, about 2 ms a page with Material. The archive has a page per
briefing, actor, event, outlet and month, so this is most of a build. Those
pages sit outside the navigation and do not depend on each other, so they are
built in forked workers, each doing for its share what MkDocs'
``_populate_page`` and ``_build_page`` do for a page (the same plugin events,
context and template) and writing the HTML into the site. A worker also
renders the page's source, so sources never travel between processes.

In MkDocs' own file list each such page is an :class:`ArchiveFile`: a file
MkDocs knows about (links from hand-written pages to it resolve and are
checked, the sitemap lists it) but neither reads nor copies, since its worker
has written it.

What a plugin can see differently: the page events of record pages run in a
worker process, so a plugin that gathers state from them across pages sees
those pages only with ``workers: 1``, where MkDocs builds every page itself.
``tests/test_parallel_pages.py`` builds a site both ways and compares every byte.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing as mp
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import jinja2
from mkdocs import utils
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

#: Pages per task: large enough to amortise the hand-off, small enough to balance the cores.
CHUNK = 50


class ArchiveFile(File):
    """A record page that a worker writes straight into the site; MkDocs only lists it."""

    @classmethod
    def for_page(cls, config: MkDocsConfig, src_uri: str) -> ArchiveFile:
        page_file = File(src_uri, None, config.site_dir, config.use_directory_urls)
        made = cls(src_uri, None, config.site_dir, config.use_directory_urls, dest_uri=page_file.dest_uri)
        made.generated_by = config.plugins._current_plugin or "briefings"
        made._content = ""  # no source to read here: the worker renders it
        Page(None, made, config)  # canonical URL and build date, for the sitemap
        return made

    def is_documentation_page(self) -> bool:
        return False  # so MkDocs neither reads nor builds it

    def is_static_page(self) -> bool:
        return True

    def copy_file(self, dirty: bool = False) -> None:
        """Nothing to copy: a worker wrote the page in ``on_env``."""


def nav_sources(nav: Any) -> set[str]:
    """Every Markdown path named in an ``nav:`` config, however deeply nested."""
    found: set[str] = set()
    if isinstance(nav, str):
        if not nav.startswith(("http://", "https://", "/")):
            found.add(nav.lstrip("./"))
    elif isinstance(nav, dict):
        for value in nav.values():
            found |= nav_sources(value)
    elif isinstance(nav, list):
        for item in nav:
            found |= nav_sources(item)
    return found


def sitemap_pages(files: Files) -> list[File]:
    """What the sitemap template iterates, as in MkDocs, plus archive pages in their place."""
    return [f for f in files if (f.is_documentation_page() or isinstance(f, ArchiveFile))
            and InclusionLevel.is_included(f.inclusion) and f.page is not None]


@dataclass
class _Job:
    """What every worker needs; set before forking, so workers share it without pickling."""

    render_source: Callable[[int], str]
    files: list[ArchiveFile]
    config: MkDocsConfig
    all_files: Files
    nav: Navigation
    env: jinja2.Environment
    doc_files: Sequence[File]


@dataclass
class _Built:
    index: int
    anchors: set[str]
    records: list[tuple[str, int, str]] = field(default_factory=list)  # (logger, level, message)
    error: str | None = None


_JOB: _Job | None = None


class _Capture(logging.Handler):
    """Keeps a worker's log records, so the parent logs them (and counts them in strict mode)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def build_page(source: str, original: File, config: MkDocsConfig, files: Files, nav: Navigation,
               env: jinja2.Environment, doc_files: Sequence[File] | None = None) -> tuple[Page, str]:
    """What MkDocs does for one page: ``(page, HTML)``.

    Mirrors ``mkdocs.commands.build._populate_page`` and ``_build_page`` of MkDocs 1.6,
    including every plugin event, in the same order. ``doc_files``: the documentation
    pages of ``files``, when the caller has them (listing them walks every file).
    """
    file = File.generated(config, original.src_uri, content=source)
    file.generated_by, file.inclusion = original.generated_by, original.inclusion
    page = Page(None, file, config)
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.render(config, files)
        page.content = config.plugins.on_page_content(page.content or "", page=page, config=config, files=files)
        page.active = True
        pages = files.documentation_pages() if doc_files is None else doc_files
        context = get_context(nav, pages, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = template.render(context)
        output = config.plugins.on_post_page(output, page=page, config=config)
    finally:
        page.active = False
        config._current_page = None
    return page, output


def _build_one(job: _Job, i: int) -> set[str]:
    """Build and write page ``i``; return the anchors on it."""
    target = job.files[i]
    page, html = build_page(job.render_source(i), target, job.config, job.all_files, job.nav, job.env, job.doc_files)
    if html.strip():
        utils.write_file(html.encode("utf-8", errors="xmlcharrefreplace"), target.abs_dest_path)
    else:
        logging.getLogger("mkdocs").info(f"Page skipped: '{target.src_uri}'. Generated empty output.")
    return set(page.present_anchor_ids or ())


def _build_chunk(indices: Sequence[int]) -> list[_Built]:
    """A worker's task. Its log records are kept and logged by the parent, so nothing prints twice."""
    job = _JOB
    assert job is not None
    capture = _Capture()
    for name in ("mkdocs", ""):
        logging.getLogger(name).handlers = [capture]
    out: list[_Built] = []
    for i in indices:
        try:
            out.append(_Built(i, _build_one(job, i), capture.records))
        except Exception as exc:  # noqa: BLE001 -- any plugin may raise; the parent reports it with the page name
            out.append(_Built(i, set(), capture.records, f"{type(exc).__name__}: {exc}"))
        capture.records = []
    return out


def can_fork() -> bool:
    return "fork" in mp.get_all_start_methods()


def build_in_workers(archive_files: list[ArchiveFile], render_source: Callable[[int], str], config: MkDocsConfig,
                     files: Files, nav: Navigation, env: jinja2.Environment, workers: int,
                     first: Sequence[int] = ()) -> None:
    """Build ``archive_files`` in ``workers`` forked processes (1: in this one); call from ``on_env``.

    ``render_source(i)`` gives the Markdown of ``archive_files[i]``. The pages
    ``first`` (say, one of each kind) are built here before forking, so that the
    templates they need are compiled once and inherited, not once per worker.
    Log records come back to this process in page order; the first error stops the build.
    """
    global _JOB
    job = _Job(render_source, archive_files, config, files, nav, env, files.documentation_pages())
    _JOB = job
    early = set(first) if workers > 1 and can_fork() else set(range(len(archive_files)))
    try:
        for i in sorted(early):
            _record(archive_files[i], _Built(i, _build_page_or_error(job, i)))
        rest = [i for i in range(len(archive_files)) if i not in early]
        if not rest:
            return
        chunks = [rest[i:i + CHUNK] for i in range(0, len(rest), CHUNK)]
        # Frozen objects are skipped by the garbage collector, so workers do not write to (and
        # copy) every memory page of the parent's heap when they collect.
        gc.freeze()
        with mp.get_context("fork").Pool(workers) as pool:
            for built in pool.imap(_build_chunk, chunks):
                for one in built:
                    for name, level, message in one.records:
                        logging.getLogger(name).log(level, message)
                    _record(archive_files[one.index], one)
    finally:
        gc.unfreeze()
        _JOB = None


def _build_page_or_error(job: _Job, i: int) -> set[str]:
    try:
        return _build_one(job, i)
    except PluginError:
        raise
    except Exception as exc:  # noqa: BLE001 -- reported like a worker's error
        raise PluginError(f"Error building page '{job.files[i].src_uri}': {type(exc).__name__}: {exc}") from None


def _record(target: ArchiveFile, built: _Built) -> None:
    if built.error is not None:
        raise PluginError(f"Error building page '{target.src_uri}': {built.error}")
    assert target.page is not None
    target.page.present_anchor_ids = built.anchors  # for MkDocs' check of links to anchors
