"""Thin MkDocs adapter: runs the pipeline and hands its pages to MkDocs as virtual files.

Everything of substance lives in :mod:`site_builder.pipeline`; this module only
translates MkDocs' config and events. Nothing is written into ``docs/``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from .assets import stylesheet_paths
from .errors import BriefingsError, CheckFailed
from .load import Layout
from .passthrough import PassthroughExtension
from .pipeline import build_site
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
    """Processes that render pages: 0 means one per CPU core (one while serving)."""


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    def __init__(self) -> None:
        self.layout: Layout | None = None
        self.options = SiteOptions()
        self.serving = False

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
        if not self.config.enabled or self.layout is None:
            return files
        try:
            site = build_site(self.layout, self.options)
        except CheckFailed as failed:
            for diagnostic in failed.diagnostics:
                (log.error if diagnostic.is_error else log.warning)(str(diagnostic))
            raise PluginError(f"briefings: {len(failed.diagnostics)} problem(s) in the archive; "
                              "run 'briefings check' for the same list") from None
        workers = 1 if self.serving else (self.config.workers or os.cpu_count() or 1)
        for path, content in site.outputs(workers):
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"briefings: docs/{path} clashes with a generated file; rename or remove it")
            files.append(File.generated(config, path, content=content))
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.config.search:
            try:
                found = index_site(Path(config.site_dir))
            except BriefingsError as exc:
                raise PluginError(f"briefings: {exc}") from None
            log.info(f"search index: {found.files} files, {found.bytes:,} bytes")

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> None:
        if self.config.enabled and self.layout is not None:
            server.watch(str(self.layout.content_dir))
            if not self.layout.registry_dir.is_relative_to(self.layout.content_dir):
                server.watch(str(self.layout.registry_dir))
