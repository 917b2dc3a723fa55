"""Build the archive's record pages through the MkDocs theme in forked worker processes.

MkDocs builds pages one after another, about 2 ms a page with Material's
templates. The archive has a page per briefing, actor, event, outlet and
month, so this is most of a build. Those pages sit outside the navigation and
do not depend on each other, so they are built in forked workers, each doing
for its share what MkDocs does for a page (:func:`.internals.build_page`) and
writing the HTML into the site. A worker also renders the page, so pages never
travel between processes.

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

import logging
import multiprocessing as mp
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import jinja2
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from site_builder.core.render import RenderedPage
from site_builder.errors import Diagnostic
from site_builder.mkdocs_plugin.internals import Fragments, build_page, listed_file
from site_builder.mkdocs_plugin.skeleton import Skeletons, usable
from site_builder.parallel import can_fork, fork_map


class ArchiveFile(File):
    """A record page that a worker writes straight into the site; MkDocs only lists it."""

    @classmethod
    def for_page(cls, config: MkDocsConfig, src_uri: str) -> ArchiveFile:
        made = listed_file(config, src_uri, cls)
        assert isinstance(made, ArchiveFile)
        return made

    def is_documentation_page(self) -> bool:
        return False  # so MkDocs neither reads nor builds it

    def is_static_page(self) -> bool:
        return True

    def copy_file(self, dirty: bool = False) -> None:
        """Nothing to copy: a worker wrote the page in ``on_env``."""


class WrittenFile(File):
    """A generated file (a feed, open data) written into the site as soon as it is made.

    MkDocs holds a generated file's content until it copies its files, after every page is built:
    at 10,000 briefings some 26 MB of feeds and open data, held through the page building and
    inherited by every worker. Written at once, each is let go as soon as it is made; MkDocs still
    lists it (links to it resolve) and copies nothing.
    """

    @classmethod
    def write(cls, config: MkDocsConfig, src_uri: str, content: str) -> WrittenFile:
        made = cls.listed(config, src_uri)
        utils.write_file(content.encode("utf-8"), made.abs_dest_path)
        return made

    @classmethod
    def listed(cls, config: MkDocsConfig, src_uri: str) -> WrittenFile:
        """One listed but not written here: :meth:`write` writes it, or another process (see
        :class:`WrittenBeside`)."""
        made = cls.generated(config, src_uri, content="")
        assert isinstance(made, WrittenFile)
        return made

    def copy_file(self, dirty: bool = False) -> None:
        """Nothing to copy: written when it was made."""


class WrittenBeside:
    """The feeds, open data and redirects, made and written by a forked process while this one goes on.

    A build's other files cost about a second of one core (at 10,000 briefings: 811 feeds, the open
    data) while the other core idled: this process renders the pages in the navigation and lists the
    record pages meanwhile. :meth:`paths` waits for the process and gives the paths it wrote, which
    MkDocs must list before it reads the hand-written pages (they link to the open data).
    """

    def __init__(self, config: MkDocsConfig, made: Iterable[tuple[str, str]]) -> None:
        receive, send = mp.get_context("fork").Pipe(duplex=False)

        def write() -> None:
            try:
                written = [WrittenFile.write(config, path, content).src_uri for path, content in made]
                send.send((written, None))
            except Exception as exc:  # noqa: BLE001 -- any failure is told to the build, which stops
                send.send(([], f"{type(exc).__name__}: {exc}"))

        self.receive = receive
        self.process = mp.get_context("fork").Process(target=write, daemon=True)
        self.process.start()
        send.close()

    def paths(self) -> list[str]:
        """The paths written; raises :class:`PluginError` if the process failed."""
        try:
            paths, error = self.receive.recv()
        except EOFError:
            paths, error = [], f"the process writing them ended with code {self.process.exitcode}"
        finally:
            self.process.join()
            self.receive.close()
        if error is not None:
            raise PluginError(f"briefings: cannot write the feeds and open data: {error}")
        return list(paths)

    def stop(self) -> None:
        """End the process, its work no longer wanted (the build failed)."""
        self.process.terminate()
        self.process.join()
        self.receive.close()


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

    render: Callable[[int], RenderedPage]
    files: list[ArchiveFile]
    config: MkDocsConfig
    all_files: Files
    nav: Navigation
    env: jinja2.Environment
    doc_files: Sequence[File]
    fragments: Fragments = field(default_factory=Fragments)
    skeletons: Skeletons | None = None  # where the theme allows them (skeleton.usable)


@dataclass
class _Built:
    index: int
    anchors: set[str]
    problems: tuple[Diagnostic, ...] = ()  # the body's, when the page parsed it (RenderedPage.problems)
    records: list[tuple[str, int, str]] = field(default_factory=list)  # (logger, level, message)
    error: str | None = None


class _Capture(logging.Handler):
    """Keeps a worker's log records, so the parent logs them (and counts them in strict mode)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _build_one(job: _Job, i: int) -> tuple[set[str], tuple[Diagnostic, ...]]:
    """Build and write page ``i``; return the anchors on it and the problems found in its body."""
    target = job.files[i]
    rendered = job.render(i)
    page, html = build_page(rendered, target, job.config, job.all_files, job.nav, job.env,
                            job.doc_files, job.fragments, job.skeletons)
    if html.strip():
        utils.write_file(html.encode("utf-8", errors="xmlcharrefreplace"), target.abs_dest_path)
    else:
        logging.getLogger("mkdocs").info(f"Page skipped: '{target.src_uri}'. Generated empty output.")
    return set(page.present_anchor_ids or ()), rendered.problems


def _build_chunk(job: _Job, indices: Sequence[int]) -> list[_Built]:
    """A worker's task. Its log records are kept and logged by the parent, so nothing prints twice."""
    capture = _Capture()
    for name in ("mkdocs", ""):
        logging.getLogger(name).handlers = [capture]
    out: list[_Built] = []
    for i in indices:
        try:
            out.append(_Built(i, *_build_one(job, i), records=capture.records))
        except Exception as exc:  # noqa: BLE001 -- any plugin may raise; the parent reports it with the page name
            out.append(_Built(i, set(), records=capture.records, error=f"{type(exc).__name__}: {exc}"))
        capture.records = []
    return out


def build_in_workers(archive_files: list[ArchiveFile], render: Callable[[int], RenderedPage],
                     config: MkDocsConfig,
                     files: Files, nav: Navigation, env: jinja2.Environment, workers: int,
                     first: Sequence[int] = ()) -> list[Diagnostic]:
    """Build ``archive_files`` in ``workers`` forked processes (1: in this one); call from ``on_env``.

    ``render(i)`` renders the page of ``archive_files[i]``. The pages
    ``first`` (say, one of each kind) are built here before forking, so that the
    templates they need are compiled once and inherited, not once per worker.
    Log records come back to this process in page order; the first error stops the build.
    Returns the problems found in the bodies parsed as their pages were rendered
    (:attr:`RenderedPage.problems`), in page order.
    """
    job = _Job(render, archive_files, config, files, nav, env, files.documentation_pages(),
               skeletons=Skeletons() if usable(config) else None)
    early = set(first) if workers > 1 and can_fork() else set(range(len(archive_files)))
    found: dict[int, tuple[Diagnostic, ...]] = {}
    for i in sorted(early):
        _record(archive_files[i], _Built(i, *_build_page_or_error(job, i)), found)
    rest = [i for i in range(len(archive_files)) if i not in early]
    for _chunk, built in fork_map(lambda indices: _build_chunk(job, indices), rest, workers):
        for one in built:
            for name, level, message in one.records:
                logging.getLogger(name).log(level, message)
            _record(archive_files[one.index], one, found)
    return [problem for i in sorted(found) for problem in found[i]]


def _build_page_or_error(job: _Job, i: int) -> tuple[set[str], tuple[Diagnostic, ...]]:
    try:
        return _build_one(job, i)
    except PluginError:
        raise
    except Exception as exc:  # noqa: BLE001 -- reported like a worker's error
        raise PluginError(f"Error building page '{job.files[i].src_uri}': "
                          f"{type(exc).__name__}: {exc}") from None


def _record(target: ArchiveFile, built: _Built, found: dict[int, tuple[Diagnostic, ...]]) -> None:
    if built.error is not None:
        raise PluginError(f"Error building page '{target.src_uri}': {built.error}")
    assert target.page is not None
    target.page.present_anchor_ids = built.anchors  # for MkDocs' check of links to anchors
    if built.problems:
        found[built.index] = built.problems
