"""Thin MkDocs adapter: runs the pipeline and hands its pages to MkDocs as virtual files.

Everything of substance lives in :mod:`site_builder.pipeline`; this module only
translates MkDocs' config and events. Nothing is written into ``docs/``.
"""

from __future__ import annotations

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
from .errors import BriefingsError, CheckFailed
from .load import Layout
from .parallel_pages import (
    ArchiveFile,
    archive_files_in,
    build_in_workers,
    can_fork,
    nav_sources,
    sitemap_pages,
)
from .passthrough import PassthroughExtension
from .pipeline import PARALLEL_MIN_PAGES, Site, build_site
from .render import SiteOptions
from .search import index_site

log = get_plugin_logger(__name__)
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

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

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
        self.options = SiteOptions(site_name=config.site_name, site_url=config.site_url, beat=self.config.beat,
                                   latest=self.config.latest, busiest=self.config.busiest)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        self.site, self.record_specs, self.archive_files = None, [], []
        if not self.config.enabled or self.layout is None:
            return files
        try:
            site = build_site(self.layout, self.options)
        except CheckFailed as failed:
            for diagnostic in failed.diagnostics:
                (log.error if diagnostic.is_error else log.warning)(str(diagnostic))
            raise PluginError(f"briefings: {len(failed.diagnostics)} problem(s) in the archive; "
                              "run 'briefings check' for the same list") from None
        self.site = site
        # Pages outside the navigation are built by workers (on_env) when that pays: an explicit
        # number of workers is honoured; by default small archives are built by MkDocs alone.
        in_nav = nav_sources(config.nav) if config.nav is not None else None
        parallel = (in_nav is not None and self._workers() > 1 and can_fork()
                    and (self.config.workers > 1 or len(site.pages) >= PARALLEL_MIN_PAGES))
        for i, spec in enumerate(site.pages):
            self._clash(files, spec.src_uri)
            if parallel and in_nav is not None and spec.src_uri not in in_nav:
                files.append(ArchiveFile.for_page(config, spec.src_uri))
                self.record_specs.append(i)
            else:
                files.append(File.generated(config, spec.src_uri, content=site.renderer.render(spec)))
        for path, content in site.files():
            self._clash(files, path)
            files.append(File.generated(config, path, content=content))
        self.archive_files = archive_files_in(files)
        return files

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        if self.archive_files and self.site is not None and self.nav is not None:
            site, specs = self.site, self.record_specs
            one_of_each_kind = list({site.pages[i].kind: k for k, i in reversed(list(enumerate(specs)))}.values())
            build_in_workers(self.archive_files, lambda k: site.renderer.render(site.pages[specs[k]]),
                             config, files, self.nav, env, self._workers(), first=one_of_each_kind)
        return env

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav, self.files = nav, files
        return nav

    def on_template_context(self, context: TemplateContext, /, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext | None:
        if template_name == "sitemap.xml" and self.archive_files and self.files is not None:
            context["pages"] = sitemap_pages(self.files)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.site, self.nav, self.files, self.archive_files = None, None, None, []
        if self.config.enabled and self.config.search:
            try:
                found = index_site(Path(config.site_dir))
            except BriefingsError as exc:
                raise PluginError(f"briefings: {exc}") from None
            log.info(f"search index: {found.files} files, {found.bytes:,} bytes")

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
