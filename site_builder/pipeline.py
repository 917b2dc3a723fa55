"""The build pipeline in one place: load -> validate -> link -> plan pages -> render.

Both front ends call this module: the CLI (``check``, ``export-docs``) and the
MkDocs plugin. It knows nothing about MkDocs; it returns finished pages keyed
by source URI (HTML for an engine that takes it, Markdown for one that runs no
plugins) and the other files of the site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from site_builder.core import urls
from site_builder.core.index import Index, build_index
from site_builder.core.load import Layout, LoadCache, link_diagnostics, load_archive
from site_builder.core.models import Archive
from site_builder.core.pages import PageSpec, plan_pages
from site_builder.core.reads import Reads, affected
from site_builder.core.render import RenderedPage, Renderer, SiteOptions
from site_builder.core.validate import validate
from site_builder.errors import CheckFailed, Diagnostic
from site_builder.fsutil import TooManyEntries
from site_builder.outputs.assets import asset_files
from site_builder.outputs.feeds import feed_folder_sitemaps, first_year, plan_feeds, render_feed
from site_builder.outputs.opendata import RecordCache, data_files
from site_builder.outputs.redirects import redirect_files
from site_builder.parallel import can_fork, fork_map

#: The hand-written pages, relative to the project root (MkDocs' default ``docs_dir``).
DOCS_DIR = "docs"


@dataclass
class CheckedArchive:
    archive: Archive
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


def check(layout: Layout, cache: LoadCache | None = None, workers: int = 1,
          parse_bodies: bool = True) -> CheckedArchive:
    """Stages 1 and 2: load every file (in ``workers`` processes), then cross-check; collect every
    diagnostic. ``parse_bodies``: see :func:`~site_builder.core.load.load_archive`."""
    loaded = load_archive(layout, cache, workers, parse_bodies)
    diagnostics = loaded.diagnostics + validate(loaded.archive, layout.display(layout.registry_dir),
                                                bodies=parse_bodies)
    try:
        diagnostics += link_diagnostics(layout.root / DOCS_DIR, layout)  # MkDocs copies what docs/ links to
    except TooManyEntries as exc:
        diagnostics.append(Diagnostic(DOCS_DIR, None, str(exc).split(": ", 1)[1]))
    return CheckedArchive(loaded.archive, diagnostics)


#: Below this many pages, starting processes costs more than it saves.
PARALLEL_MIN_PAGES = 400


@dataclass
class Site:
    """A checked, linked archive ready to render, page by page."""

    index: Index
    pages: list[PageSpec]
    renderer: Renderer

    def sources(self, workers: int = 1) -> Iterator[tuple[PageSpec, RenderedPage]]:
        """Every rendered page, in page order; ``workers`` > 1 renders in forked processes.

        Rendering is pure, so the output is the same whatever the number of
        workers; forking shares the loaded index with the workers for free.
        """
        if workers <= 1 or len(self.pages) < PARALLEL_MIN_PAGES or not can_fork():
            for spec in self.pages:
                yield spec, self.renderer.render(spec)
            return

        def render(indices: Sequence[int]) -> list[RenderedPage]:
            return [self.renderer.render(self.pages[i]) for i in indices]

        for chunk, pages in fork_map(render, range(len(self.pages)), workers):
            yield from zip((self.pages[i] for i in chunk), pages)

    def files(self, unchanged: Callable[[str], str | None] | None = None,
              records: RecordCache | None = None) -> Iterator[tuple[str, str]]:
        """Everything that is not a page: feeds, open data, redirects. (path, content), sorted.

        For rebuilds: ``unchanged(path)`` may give a feed's content from an earlier
        build that is known to be current (see :mod:`site_builder.core.reads`);
        ``records`` keeps serialised open-data records between calls. Feeds are planned
        through the renderer's index, so that when it records reads, each feed's are kept
        in ``renderer.reads`` beside the pages'.
        """
        first = first_year(self.index)
        feeds = plan_feeds(self.renderer.index)
        for feed in feeds:
            known = unchanged(feed.src_uri) if unchanged is not None else None
            yield feed.src_uri, known if known is not None else render_feed(
                feed, self.index.registry, self.renderer.options.site_url, first)
        yield from feed_folder_sitemaps(feeds).items()
        for name, content in data_files(self.index, records).items():
            yield f"{urls.DATA_DIR}/{name}", content
        yield from redirect_files(self.index)
        for asset_path, data in asset_files().items():
            yield asset_path, data.decode("utf-8")

    def outputs(self, workers: int = 1) -> Iterator[tuple[str, str]]:
        """Every generated file as engines without plugins read it, pages first: (path, content)."""
        for spec, page in self.sources(workers):
            yield spec.src_uri, page.markdown()
        yield from self.files()


def build_site(layout: Layout, options: SiteOptions | None = None, *, cache: LoadCache | None = None,
               previous: Site | None = None, record_reads: bool = False, workers: int = 1,
               parse_bodies: bool = True) -> Site:
    """Stages 1-4; raises :class:`CheckFailed` with every error if the archive has any.

    ``cache`` and ``previous`` (the last site built from the same layout) make a
    rebuild after an edit cheaper; the result is the same as without them.
    ``record_reads`` makes every page and feed log what it reads of the index as it
    renders (``site.renderer.reads``), which tells the next rebuild what an edit changes.
    ``workers`` > 1 loads a large archive in that many processes. ``parse_bodies=False`` leaves the
    bodies unparsed until their pages are rendered, and their content policy unchecked until then:
    the caller must stop on the errors in each :attr:`RenderedPage.problems <site_builder.core.render.
    RenderedPage.problems>`, as it stops on :class:`CheckFailed`.
    """
    checked = check(layout, cache, workers, parse_bodies)
    if checked.errors:
        raise CheckFailed(checked.diagnostics)
    index = build_index(checked.archive, previous.index if previous is not None else None)
    return Site(index, plan_pages(index), Renderer(index, options, record_reads))


def outputs_to_redo(old: Index, new: Index, reads: Reads) -> set[str] | None:
    """The pages and feeds to render again after an edit (None: all).

    :func:`~site_builder.core.reads.affected` over every page and feed that the new index plans;
    planned here, where pages and feeds meet, so that the core never imports an output.
    """
    outputs = {spec.src_uri for spec in plan_pages(new)} | {feed.src_uri for feed in plan_feeds(new)}
    return affected(old, new, reads, outputs)
