"""Thin MkDocs adapter: runs the pipeline and hands its finished pages to MkDocs.

Everything of substance lives in :mod:`site_builder.pipeline`; this module only
translates MkDocs' config and events. Pages arrive as HTML and are handed over
in ``on_page_content``, as Material's tags plugin does with its listings: MkDocs
never runs Markdown over them. Record pages of a large archive are built in
worker processes (:mod:`.workers`), the only place that needs MkDocs internals
(:mod:`.internals`). Nothing is written into ``docs/``.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from site_builder.core.load import Layout, link_diagnostics
from site_builder.core.pages import PageSpec
from site_builder.core.reads import prepare_changes
from site_builder.core.render import RenderedPage, SiteOptions
from site_builder.errors import BriefingsError, CheckFailed, Diagnostic
from site_builder.fsutil import TooManyEntries, is_inside
from site_builder.mkdocs_plugin import internals
from site_builder.mkdocs_plugin.previous_site import PreviousSite
from site_builder.mkdocs_plugin.quick import LastBuild, quick_rebuild
from site_builder.mkdocs_plugin.serve_state import ServeState, environment_key
from site_builder.mkdocs_plugin.workers import (
    ArchiveFile,
    WrittenBeside,
    WrittenFile,
    build_in_workers,
    nav_sources,
    sitemap_pages,
)
from site_builder.outputs.assets import stylesheet_paths
from site_builder.outputs.compact import drop_generator, squeeze_whitespace, unwrap_entries
from site_builder.outputs.csp import with_policy
from site_builder.parallel import can_fork, give_back_memory, heap_frozen
from site_builder.pipeline import PARALLEL_MIN_PAGES, Site, build_site, outputs_to_redo
from site_builder.search import BUNDLE, index_site, page_dates

log = get_plugin_logger(__name__)

THEME_DIR = Path(__file__).parent / "theme"
#: Pages that summarise the archive (home, indexes, timeline): MkDocs builds them itself, and
#: without a ``nav:`` in mkdocs.yml they are the archive's entries in the navigation.
_RECORD_KINDS = frozenset({"briefing", "actor", "event", "outlet", "year", "month"})


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


def _name_the_theme(env: jinja2.Environment, config: MkDocsConfig) -> None:
    """Let templates name the theme's own files as ``upstream/...``: ``theme/partials/nav.html``
    stands in for the theme's navigation and includes it by that name."""
    ours = config.theme.dirs.index(str(THEME_DIR))
    below = config.theme.dirs[ours + 1:]
    theme = next((d for d in below if os.path.isfile(os.path.join(d, "partials", "nav.html"))), None)
    if theme is not None and env.loader is not None:
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader(
            {"upstream": jinja2.FileSystemLoader(theme)})])


def _stop_on(diagnostics: Sequence[Diagnostic]) -> NoReturn:
    """Log every problem found in the archive, then stop the build."""
    for diagnostic in diagnostics:
        (log.error if diagnostic.is_error else log.warning)(str(diagnostic))
    raise PluginError(f"briefings: {len(diagnostics)} problem(s) in the archive; "
                      "run 'briefings check' for the same list")


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    def __init__(self) -> None:
        self.layout: Layout | None = None
        self.options = SiteOptions()
        self.serve: ServeState | None = None  # what a rebuild reuses; only while serving
        self.last: LastBuild | None = None  # the last whole build's theme objects; only while serving
        self.env: jinja2.Environment | None = None
        # One build's state.
        self.site: Site | None = None
        self.handed: dict[str, RenderedPage] = {}  # pages MkDocs builds: their HTML, by source URI
        self.archive_files: list[ArchiveFile] = []  # pages built by workers ...
        self.record_specs: list[int] = []  # ... and the index in site.pages of each
        self.nav: Navigation | None = None
        self.files: Files | None = None
        self.redo: set[str] | None = None  # what this build must redo; None: everything
        self.clean_build = False  # mkdocs build without --dirty: the last site is removed beside it
        self.previous = PreviousSite()
        self.beside: WrittenBeside | None = None  # the other files, being written by another process

    @property
    def serving(self) -> bool:
        return self.serve is not None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serve = ServeState() if command == "serve" else None
        self.clean_build = command in ("build", "gh-deploy") and not dirty

    def on_shutdown(self) -> None:
        self.previous.wait()
        if self.serve is not None:
            self.serve.clear()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.serve is not None:
            self.serve.kept.set_aside(config.site_dir)  # MkDocs empties the site folder next
        elif self.clean_build:
            self.previous.set_aside(config.site_dir)  # removed while this build runs

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()
        beside, self.beside = self.beside, None
        if beside is not None:
            beside.stop()
        self.previous.wait()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not config.use_directory_urls:
            raise PluginError("briefings: the archive needs 'use_directory_urls: true' in mkdocs.yml")
        if self.config.workers < 0:
            raise PluginError(f"briefings: option 'workers' must be 0 (one per core) or more, "
                              f"got {self.config.workers}")
        for name in ("latest", "busiest"):
            if self.config[name] < 1:
                raise PluginError(f"briefings: option '{name}' must be at least 1, got {self.config[name]}")
        # The archive's theme additions sit just below the project's own custom_dir.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        for sheet in stylesheet_paths():
            if sheet not in config.extra_css:
                config.extra_css.append(sheet)
        root = Path(config.config_file_path or ".").resolve().parent
        self.layout = Layout.at(root, self.config.content_dir, self.config.registry_dir)
        self._refuse_links(Path(config.docs_dir))
        self.options = SiteOptions(site_name=config.site_name, site_url=config.site_url,
                                   beat=self.config.beat, latest=self.config.latest,
                                   busiest=self.config.busiest)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        self.site, self.handed, self.record_specs, self.archive_files, self.redo = None, {}, [], [], None
        self.last = None  # until this build ends well
        if self.layout is not None:
            self._refuse_outside(files, Path(config.docs_dir))
        if not self.config.enabled or self.layout is None:
            return files
        serve = self.serve
        previous = serve.site if serve is not None else None
        try:
            # A build parses each body once, where its page is rendered (often a worker), and checks
            # it there (see _stop_on below). Serving parses when loading and keeps the parses, to
            # redo one page at a time.
            site = build_site(self.layout, self.options, cache=serve.load if serve else None,
                              previous=previous, record_reads=serve is not None, workers=self._workers(),
                              parse_bodies=serve is not None)
        except CheckFailed as failed:
            _stop_on(failed.diagnostics)
        self.site = site
        if serve is None:
            # The loaded archive lives to the end of the build: full collections would walk it again and
            # again (0.4 s while the pages in the navigation are rendered, at 10,000 briefings). Thawed
            # once the pages are built (by the workers' pool, else in on_post_build), or when the build
            # fails.
            gc.freeze()
        if serve is not None:
            key = environment_key(config)
            if previous is not None and key == serve.kept.key:
                self.redo = outputs_to_redo(previous.index, site.index, serve.reads)
            if self.redo is None:
                serve.clear()
            serve.kept.key = key
        separate = self._separate(len(site.pages))
        if separate:
            internals.check_version()
        # The other files are made beside the pages below, where a core is free for them; listed in
        # on_nav, before MkDocs reads the hand-written pages (stopped if the build fails first).
        self.beside = WrittenBeside(config, site.files()) if serve is None and separate else None
        in_nav = nav_sources(config.nav) if config.nav is not None else None
        problems: list[Diagnostic] = []  # of bodies parsed as their pages are rendered
        # Files of the last build's archive pages, reused when only some pages are redone.
        made = serve.archive_files if serve is not None and self.redo is not None else {}
        for i, spec in enumerate(site.pages):
            self._clash(files, spec.src_uri)
            navigable = self._in_nav(spec, in_nav)
            if separate and not navigable:
                archive_file = made.get(spec.src_uri) or ArchiveFile.for_page(config, spec.src_uri)
                self.archive_files.append(archive_file)
                files.append(archive_file)
                self.record_specs.append(i)
            else:
                rendered = self.handed[spec.src_uri] = site.renderer.render(spec)
                problems.extend(rendered.problems)
                placeholder = internals.placeholder(config, spec.src_uri, rendered)
                if not navigable:
                    # Out of an automatic navigation too, as when workers build the page.
                    placeholder.inclusion = InclusionLevel.NOT_IN_NAV
                files.append(placeholder)
        if any(problem.is_error for problem in problems):
            _stop_on(problems)
        redo, kept = self.redo, serve.files if serve is not None else {}
        unchanged = None if redo is None else lambda path: None if path in redo else kept.get(path)
        if self.beside is not None:
            return files
        if serve is None:  # each written as it is made, none held (see WrittenFile)
            for path, content in site.files():
                self._clash(files, path)
                files.append(WrittenFile.write(config, path, content))
            return files
        generated = dict(site.files(unchanged, serve.records))  # kept for the next rebuild
        for path, content in generated.items():
            self._clash(files, path)
            files.append(File.generated(config, path, content=content))
        serve.files = generated
        serve.archive_files = {f.src_uri: f for f in self.archive_files}
        return files

    @event_priority(100)  # first, so other plugins' page events see the archive's HTML
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        rendered = self.handed.get(page.file.src_uri)
        return html if rendered is None else internals.hand_over(page, rendered)

    @event_priority(-100)  # last, so every plugin has its environment before record pages are built
    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig,
               files: Files) -> jinja2.Environment | None:
        _name_the_theme(env, config)
        env.filters.update(unwrap_entries=unwrap_entries, drop_generator=drop_generator)
        self.env = env
        if not self.archive_files or self.site is None or self.nav is None:
            return env
        site, specs = self.site, self.record_specs
        todo: list[int] = []
        unchanged: list[str] = []
        kept = self.serve.kept if self.serve is not None else None
        for k, file in enumerate(self.archive_files):
            redone = self.redo is None or file.src_uri in self.redo
            if kept is not None and not redone and kept.has(file.src_uri):
                assert file.page is not None
                file.page.present_anchor_ids = kept.anchors[file.src_uri]
                unchanged.append(file.abs_dest_path)
            else:
                todo.append(k)
        if kept is not None:
            kept.bring_back(config.site_dir, unchanged)
        kinds = {site.pages[specs[k]].kind: j for j, k in reversed(list(enumerate(todo)))}
        problems = build_in_workers([self.archive_files[k] for k in todo],
                                    lambda j: site.renderer.render(site.pages[specs[todo[j]]]),
                                    config, files, self.nav, env, self._workers(), first=list(kinds.values()))
        if any(problem.is_error for problem in problems):
            _stop_on(problems)
        if self.serving:
            log.info(f"built {len(todo)} of {len(self.archive_files)} archive pages; "
                     "the others are unchanged")
        return env

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav, self.files = nav, files
        beside, self.beside = self.beside, None
        if beside is not None:
            for path in beside.paths():
                self._clash(files, path)
                files.append(WrittenFile.listed(config, path))
        return nav

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str | None:
        """Every built page, the archive's and the hand-written ones, loses the theme's indentation
        and gets its Content-Security-Policy.

        The policy not while serving: ``mkdocs serve`` adds an inline live-reload script to each page
        as it sends it, which no policy written at build time can allow.
        """
        output = squeeze_whitespace(output)
        return output if self.serving else with_policy(output)

    def on_post_template(self, output_content: str, /, *, template_name: str,
                         config: MkDocsConfig) -> str | None:
        if not template_name.endswith(".html"):
            return output_content
        output_content = squeeze_whitespace(output_content)  # 404.html
        return output_content if self.serving else with_policy(output_content)

    def on_template_context(self, context: TemplateContext, /, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext | None:
        if template_name == "sitemap.xml" and self.archive_files and self.files is not None:
            context["pages"] = sitemap_pages(self.files)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.previous.wait()  # long gone by now: it was removed while the pages were built
        gc.unfreeze()  # frozen in on_files, where no workers' pool thawed it (a small archive)
        dates = page_dates(self.site.pages, self.site.index) if self.site is not None else {}
        serve = self.serve
        if serve is not None:
            serve.site = self.site
            if self.site is not None:
                # Pages not rendered again read nothing that changed: their earlier reads still hold.
                done = self.site.renderer.reads
                serve.reads = dict(done) if self.redo is None else {**serve.reads, **done}
            if self.files is not None:
                pages = {f.src_uri: (f.abs_dest_path, f.page.present_anchor_ids or set() if f.page else set())
                         for f in self.archive_files}
                serve.kept.remember(config.site_dir, pages, (f.abs_dest_path for f in self.files))
                if self.nav is not None and self.env is not None:
                    self.last = LastBuild(config, self.files, self.nav, self.env, frozenset(self.handed))
            if self.site is not None:
                prepare_changes(self.site.index)
            # A full collection now, after the whole build, rather than in the middle of the next
            # edit's rebuild: what the build left behind would otherwise trigger one there (0.3 s at
            # 10,000 briefings, a third of that rebuild).
            give_back_memory()
        self.site, self.nav, self.files, self.archive_files, self.handed = None, None, None, [], {}
        self.env = None
        if self.config.enabled and self.config.search:
            if serve is not None and BUNDLE in serve.kept.whole:
                # Indexing takes seconds per thousand pages: while serving, the first build's
                # index is kept (a restart refreshes it).
                return
            log.info("indexing the site for search")  # a step of its own, some seconds per thousand pages
            try:
                with heap_frozen():
                    found = index_site(Path(config.site_dir), dates)
            except BriefingsError as exc:
                raise PluginError(f"briefings: {exc}") from None
            log.info(f"search index: {found.files} files, {found.bytes:,} bytes")
            if serve is not None:
                serve.kept.whole.add(BUNDLE)

    def _separate(self, pages: int) -> bool:
        """Whether record pages are built by workers: always while serving (unchanged ones are kept),
        else when more than one process pays (an explicit number of workers is honoured)."""
        if self.serving:
            return True
        if self._workers() <= 1:
            return False
        if not can_fork():
            log.info("briefings: this platform cannot fork processes; every page is built in one")
            return False
        return self.config.workers > 1 or pages >= PARALLEL_MIN_PAGES

    @staticmethod
    def _in_nav(spec: PageSpec, in_nav: set[str] | None) -> bool:
        """Pages MkDocs builds itself: those the ``nav:`` names, or without one the summary pages."""
        return spec.src_uri in in_nav if in_nav is not None else spec.kind not in _RECORD_KINDS

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
            internals.watch_promptly(server)
            whole = server.builder

            def rebuild() -> None:
                """Redo an edit's pages in place where that gives the same site, else build it whole."""
                if self.serve is not None and self.layout is not None:
                    try:
                        done = quick_rebuild(self.serve, self.last, self.layout, self.options)
                    except Exception as exc:  # noqa: BLE001 -- the whole build redoes it, and reports
                        log.debug(f"redoing pages in place failed ({exc}); building the whole site")
                        done = None
                    if done is not None:
                        log.info(f"built {done.pages} archive page(s) and {done.files} other file(s) "
                                 "in place; the others are unchanged")
                        return
                self.last = None
                whole()

            server.builder = rebuild
