"""Thin MkDocs adapter: runs the pipeline and hands its pages to MkDocs as virtual files.

Everything of substance lives in :mod:`site_builder.pipeline`; this module only
translates MkDocs' config and events. Nothing is written into ``docs/``.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.utils.templates import TemplateContext

from .assets import stylesheet_paths
from .changes import affected
from .csp import with_policy
from .errors import BriefingsError, CheckFailed
from .fsutil import TooManyEntries, is_inside
from .load import Layout, LoadCache, link_diagnostics
from .opendata import RecordCache
from .page_cache import KeptPages
from .parallel_pages import (
    ArchiveFile,
    build_in_workers,
    can_fork,
    nav_sources,
    sitemap_pages,
)
from .passthrough import PassthroughExtension
from .pipeline import PARALLEL_MIN_PAGES, Site, build_site
from .render import SiteOptions
from .search import BUNDLE, index_site, page_dates

log = get_plugin_logger(__name__)


def environment_key(config: MkDocsConfig) -> str:
    """A digest of what every page is built with besides its own source: config, docs, nav.

    While serving, cached pages are reused only if this is unchanged.
    """
    digest = hashlib.sha256()
    config_file = Path(config.config_file_path or "mkdocs.yml")
    digest.update(config_file.read_bytes() if config_file.is_file() else b"")
    digest.update(repr(config.nav).encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    for folder in filter(None, (config.docs_dir, config.theme.custom_dir)):
        for parent, dirs, names in sorted(os.walk(folder)):
            dirs.sort()
            for name in sorted(names):
                info = os.stat(os.path.join(parent, name))
                digest.update(f"{parent}/{name}:{info.st_mtime_ns}:{info.st_size}\n".encode())
    return digest.hexdigest()
THEME_DIR = Path(__file__).parent / "theme"


class BriefingsConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the archive off to build only the hand-written pages."""

    content_dir = c.Type(str, default="briefings")
    """Folder of briefing files, relative to mkdocs.yml."""

    registry_dir = c.Optional(c.Type(str))
    """Folder of actors.yml, events.yml and outlets.yml; defaults to CONTENT_DIR/registry."""

    beat = c.Type(str, default="")
    """One or two sentences on what the archive covers, shown on the home page."""

    latest = c.Type(int, default=10)
    """How many of the newest briefings the home page lists."""

    busiest = c.Type(int, default=12)
    """How many of the most-named actors the home page lists."""

    search = c.Type(bool, default=True)
    """Index the built site with Pagefind (replaces the theme's own search)."""

    workers = c.Type(int, default=0)
    """Processes that build archive pages: 0 means one per CPU core (one while serving); 1 lets MkDocs
    build every page itself, which a plugin that gathers state from page events needs."""


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    def __init__(self) -> None:
        self.layout: Layout | None = None
        self.options = SiteOptions()
        self.serving = False
        self.site: Site | None = None
        self.nav: Navigation | None = None
        self.files: Files | None = None
        self.record_specs: list[int] = []  # index in site.pages of each archive file, in order
        self.archive_files: list[ArchiveFile] = []
        # Kept between rebuilds while serving (MkDocs keeps a plugin that has on_startup).
        self.load_cache: LoadCache | None = None
        self.kept = KeptPages()
        self.previous: Site | None = None
        self.previous_files: dict[str, str] = {}
        self.redo: set[str] | None = None  # what this build must redo; None: everything
        self.records: RecordCache = {}
        self.made: dict[str, ArchiveFile] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.load_cache = LoadCache() if self.serving else None

    def on_shutdown(self) -> None:
        self.kept.clear()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.serving:
            self.kept.set_aside(config.site_dir)  # MkDocs empties the site folder next

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not config.use_directory_urls:
            raise PluginError("briefings: the archive needs 'use_directory_urls: true' in mkdocs.yml")
        if self.config.workers < 0:
            raise PluginError(f"briefings: option 'workers' must be 0 (one per core) or more, got {self.config.workers}")
        for name in ("latest", "busiest"):
            if self.config[name] < 1:
                raise PluginError(f"briefings: option '{name}' must be at least 1, got {self.config[name]}")
        config.markdown_extensions.append(PassthroughExtension())  # type: ignore[arg-type]
        # The archive's theme additions sit just below the project's own custom_dir.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        for sheet in stylesheet_paths():
            if sheet not in config.extra_css:
                config.extra_css.append(sheet)
        root = Path(config.config_file_path or ".").resolve().parent
        self.layout = Layout.at(root, self.config.content_dir, self.config.registry_dir)
        self._refuse_links(Path(config.docs_dir))
        self.options = SiteOptions(site_name=config.site_name, site_url=config.site_url, beat=self.config.beat,
                                   latest=self.config.latest, busiest=self.config.busiest)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        self.site, self.record_specs, self.archive_files, self.redo = None, [], [], None
        if self.layout is not None:
            self._refuse_outside(files, Path(config.docs_dir))
        if not self.config.enabled or self.layout is None:
            return files
        previous = self.previous if self.serving else None
        try:
            site = build_site(self.layout, self.options, cache=self.load_cache, previous=previous)
        except CheckFailed as failed:
            for diagnostic in failed.diagnostics:
                (log.error if diagnostic.is_error else log.warning)(str(diagnostic))
            raise PluginError(f"briefings: {len(failed.diagnostics)} problem(s) in the archive; "
                              "run 'briefings check' for the same list") from None
        self.site = site
        # Pages outside the navigation are built by workers (on_env) when that pays (an explicit
        # number of workers is honoured; by default small archives are built by MkDocs alone),
        # and always while serving, where unchanged ones come from the page cache.
        in_nav = nav_sources(config.nav) if config.nav is not None else None
        separate = in_nav is not None and (self.serving or (
            self._workers() > 1 and can_fork()
            and (self.config.workers > 1 or len(site.pages) >= PARALLEL_MIN_PAGES)))
        if self.serving:
            key = environment_key(config)
            if previous is not None and key == self.kept.key:
                self.redo = affected(previous.index, site.index, site.pages)
            if self.redo is None:
                self.kept.clear()
            self.kept.key = key
        for i, spec in enumerate(site.pages):
            self._clash(files, spec.src_uri)
            if separate and in_nav is not None and spec.src_uri not in in_nav:
                made = self.made.get(spec.src_uri) if self.redo is not None else None
                self.archive_files.append(made or ArchiveFile.for_page(config, spec.src_uri))
                files.append(self.archive_files[-1])
                self.record_specs.append(i)
            else:
                files.append(File.generated(config, spec.src_uri, content=site.renderer.render(spec)))
        redo, kept = self.redo, self.previous_files
        generated = dict(site.files(None if redo is None else lambda path: None if path in redo else kept.get(path),
                                    self.records if self.serving else None))
        for path, content in generated.items():
            self._clash(files, path)
            files.append(File.generated(config, path, content=content))
        if self.serving:
            self.previous_files = generated
            self.made = {f.src_uri: f for f in self.archive_files}
        return files

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        if not self.archive_files or self.site is None or self.nav is None:
            return env
        site, specs, kept = self.site, self.record_specs, self.kept
        todo: list[int] = []
        unchanged: list[str] = []
        for k, file in enumerate(self.archive_files):
            if self.redo is not None and file.src_uri not in self.redo and kept.has(file.src_uri):
                assert file.page is not None
                file.page.present_anchor_ids = kept.anchors[file.src_uri]
                unchanged.append(file.abs_dest_path)
            else:
                todo.append(k)
        if self.serving:
            kept.bring_back(config.site_dir, unchanged)
        kinds = {site.pages[specs[k]].kind: j for j, k in reversed(list(enumerate(todo)))}
        build_in_workers([self.archive_files[k] for k in todo],
                         lambda j: site.renderer.render(site.pages[specs[todo[j]]]),
                         config, files, self.nav, env, self._workers(), first=list(kinds.values()))
        if self.serving:
            log.info(f"built {len(todo)} of {len(self.archive_files)} archive pages; the others are unchanged")
        return env

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav, self.files = nav, files
        return nav

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str | None:
        """Every built page, the archive's and the hand-written ones, gets its Content-Security-Policy.

        Not while serving: ``mkdocs serve`` adds an inline live-reload script to each page as it
        sends it, which no policy written at build time can allow.
        """
        return output if self.serving else with_policy(output)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        if self.serving or not template_name.endswith(".html"):
            return output_content
        return with_policy(output_content)  # 404.html

    def on_template_context(self, context: TemplateContext, /, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext | None:
        if template_name == "sitemap.xml" and self.archive_files and self.files is not None:
            context["pages"] = sitemap_pages(self.files)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        dates = page_dates(self.site.pages, self.site.index) if self.site is not None else {}
        if self.serving:
            self.previous = self.site
            if self.files is not None:
                pages = {f.src_uri: (f.abs_dest_path, f.page.present_anchor_ids or set() if f.page else set())
                         for f in self.archive_files}
                self.kept.remember(config.site_dir, pages, (f.abs_dest_path for f in self.files))
        self.site, self.nav, self.files, self.archive_files = None, None, None, []
        if self.config.enabled and self.config.search:
            if self.serving and BUNDLE in self.kept.whole:
                # Indexing takes seconds per thousand pages: while serving, the first build's
                # index is kept (a restart refreshes it).
                return
            try:
                found = index_site(Path(config.site_dir), dates)
            except BriefingsError as exc:
                raise PluginError(f"briefings: {exc}") from None
            log.info(f"search index: {found.files} files, {found.bytes:,} bytes")
            if self.serving:
                self.kept.whole.add(BUNDLE)

    def _refuse_links(self, docs_dir: Path) -> None:
        """Stop before MkDocs reads ``docs/``: it follows links, so a link there could copy any file of
        the building machine into the site, or walk a loop of links forever."""
        assert self.layout is not None
        try:
            problems = link_diagnostics(docs_dir, self.layout)
            if self.config.enabled:
                problems += link_diagnostics(self.layout.content_dir, self.layout)
        except TooManyEntries as exc:
            raise PluginError(f"briefings: {exc}") from None
        if problems:
            for diagnostic in problems:
                log.error(str(diagnostic))
            raise PluginError(f"briefings: {len(problems)} symbolic link(s) leave the project or loop; "
                              "nothing is built until they are replaced")

    def _refuse_outside(self, files: Files, docs_dir: Path) -> None:
        """No file MkDocs found may come from outside the project (a link made after on_config)."""
        assert self.layout is not None
        docs = Path(os.path.abspath(docs_dir))
        allowed = (self.layout.root, docs_dir.resolve())
        for file in files:
            source = file.abs_src_path
            if source and not file.generated_by and Path(source).is_relative_to(docs):  # not theme files
                real = Path(source).resolve()
                if not any(is_inside(real, top) for top in allowed):
                    raise PluginError(f"briefings: {file.src_uri} is a link to {real}, outside the project; "
                                      "it is not copied into the site")

    @staticmethod
    def _clash(files: Files, path: str) -> None:
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"briefings: docs/{path} clashes with a generated file; rename or remove it")

    def _workers(self) -> int:
        return 1 if self.serving else (self.config.workers or os.cpu_count() or 1)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> None:
        if self.config.enabled and self.layout is not None:
            server.watch(str(self.layout.content_dir))
            if not self.layout.registry_dir.is_relative_to(self.layout.content_dir):
                server.watch(str(self.layout.registry_dir))
