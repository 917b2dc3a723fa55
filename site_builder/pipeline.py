"""The build pipeline in one place: load -> validate -> link -> plan pages -> render.

Both front ends call this module: the CLI (``check``, ``export-docs``) and the
MkDocs plugin. It knows nothing about MkDocs; it returns page sources as
strings keyed by source URI, which any engine can take as files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from . import urls
from .assets import asset_files
from .errors import CheckFailed, Diagnostic
from .feeds import feed_folder_sitemaps, plan_feeds, render_feed
from .opendata import data_files
from .redirects import redirect_files
from .link import Index, build_index
from .load import Layout, load_archive
from .models import Archive
from .pages import PageSpec, plan_pages
from .render import Renderer, SiteOptions
from .validate import validate


@dataclass
class CheckedArchive:
    archive: Archive
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


def check(layout: Layout) -> CheckedArchive:
    """Stages 1 and 2: load every file, then cross-check; collect every diagnostic."""
    loaded = load_archive(layout)
    diagnostics = loaded.diagnostics + validate(loaded.archive, layout.display(layout.registry_dir))
    return CheckedArchive(loaded.archive, diagnostics)


@dataclass
class Site:
    """A checked, linked archive ready to render, page by page."""

    index: Index
    pages: list[PageSpec]
    renderer: Renderer

    def sources(self) -> Iterator[tuple[PageSpec, str]]:
        for spec in self.pages:
            yield spec, self.renderer.render(spec)

    def files(self) -> Iterator[tuple[str, str]]:
        """Everything that is not a page: feeds, open data, redirects. (path, content), sorted."""
        first_year = min(self.index.by_year, default=2000)
        feeds = plan_feeds(self.index)
        for feed in feeds:
            yield feed.src_uri, render_feed(feed, self.index.registry, self.renderer.options.site_url, first_year)
        yield from feed_folder_sitemaps(feeds).items()
        for name, content in data_files(self.index).items():
            yield f"{urls.DATA_DIR}/{name}", content
        yield from redirect_files(self.index)
        for path, content in asset_files().items():
            yield path, content.decode("utf-8")

    def outputs(self) -> Iterator[tuple[str, str]]:
        """Every generated file, pages first: (path under the docs root, content)."""
        for spec, source in self.sources():
            yield spec.src_uri, source
        yield from self.files()


def build_site(layout: Layout, options: SiteOptions | None = None) -> Site:
    """Stages 1-4; raises :class:`CheckFailed` with every error if the archive has any."""
    checked = check(layout)
    if checked.errors:
        raise CheckFailed(checked.diagnostics)
    index = build_index(checked.archive)
    return Site(index, plan_pages(index), Renderer(index, options))
