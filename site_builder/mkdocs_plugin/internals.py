"""Every use of MkDocs internals, in one module, checked against the MkDocs versions it was tested with.

The archive's record pages are built outside MkDocs' own page loop (in worker
processes, see :mod:`.workers`), so this module does for one page what MkDocs
1.6 does in ``mkdocs.commands.build._populate_page`` and ``_build_page``: the
same plugin events in the same order, the same template context
(``get_context``, not public API) and the page attributes MkDocs sets itself
(``config._current_page``, ``File._content``). Only the Markdown conversion is
left out: the page arrives as finished HTML.

MkDocs may change any of this in a minor release, so :func:`check_version`
refuses versions it was not tested with, with a way out: ``workers: 1`` lets
MkDocs build every page itself through public plugin events only.
"""

from __future__ import annotations

import inspect
import posixpath
from collections.abc import Callable, Sequence
from typing import Any

import jinja2
import mkdocs
import watchdog.observers
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc
from mkdocs.utils import meta
from watchdog import events
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.api import ObservedWatch

from site_builder.core.render import Heading, RenderedPage
from site_builder.mkdocs_plugin.skeleton import Skeleton, Skeletons

#: MkDocs releases whose page building this module mirrors (major, minor).
TESTED = frozenset({(1, 6)})


def version() -> tuple[int, int]:
    major, minor, *_ = (int(part) if part.isdigit() else 0 for part in mkdocs.__version__.split("."))
    return major, minor


def check_version() -> None:
    """Stop with a clear message on an MkDocs release these internals were not tested with."""
    if version() not in TESTED:
        tested = ", ".join(f"{a}.{b}" for a, b in sorted(TESTED))
        raise PluginError(
            f"briefings: building pages in parallel uses MkDocs internals tested with MkDocs {tested}, "
            f"but MkDocs {mkdocs.__version__} is installed; set 'workers: 1' under the briefings plugin "
            "in mkdocs.yml to let MkDocs build every page itself")


def table_of_contents(headings: Sequence[Heading]) -> TableOfContents:
    """The page's headings as MkDocs' table of contents (level 3 under the level 2 before it)."""
    tokens: list[dict[str, Any]] = []
    for h in headings:
        token = {"level": h.level, "id": h.id, "name": h.title, "children": []}
        (tokens[-1]["children"] if tokens and h.level > tokens[-1]["level"] else tokens).append(token)
    return get_toc(tokens)  # type: ignore[arg-type]  # the dicts are MkDocs' private _TocToken


def hand_over(page: Page, rendered: RenderedPage) -> str:
    """Set what ``Page.render`` would have set, from the finished page; return its HTML."""
    page.toc = table_of_contents(rendered.headings)
    page.present_anchor_ids = rendered.anchors()
    return rendered.html


def placeholder(config: MkDocsConfig, src_uri: str, rendered: RenderedPage) -> File:
    """A generated file holding only the page's metadata: its HTML is handed over in ``on_page_content``."""
    return File.generated(config, src_uri, content=rendered.front_matter())


class Fragments:
    """Parts of the theme that are the same on every record page in one folder.

    Record pages are not in the navigation, so no tab or navigation entry is
    active on them, and the tabs and navigation sidebar differ only by their
    links, which are relative to the page's folder (``briefings/``,
    ``timeline/2024/``). ``theme/main.html`` asks for them through
    ``archive_fragment``, which renders each once per folder: about two fifths of
    what Material's templates cost per page.
    """

    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], str] = {}

    def __call__(self, name: str, page_url: str, caller: Callable[[], str]) -> str:
        key = (name, posixpath.dirname(page_url.rstrip("/")))
        found = self.kept.get(key)
        if found is None:
            found = self.kept[key] = caller()
        return found


def build_page(rendered: RenderedPage, original: File, config: MkDocsConfig, files: Files, nav: Navigation,
               env: jinja2.Environment, doc_files: Sequence[File],
               fragments: Fragments | None = None, skeletons: Skeletons | None = None) -> tuple[Page, str]:
    """What MkDocs does for one page, with every plugin event: ``(page, HTML of the whole page)``.

    ``fragments``: for a page outside the navigation, the shared parts of the theme. ``skeletons``: for
    such a page, where :func:`.skeleton.usable` allows them, the theme's page filled in rather than
    rendered (see :mod:`.skeleton`).
    """
    file = File.generated(config, original.src_uri, content="")
    file.generated_by, file.inclusion = original.generated_by, original.inclusion
    page = Page(None, file, config)
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        # Page.read_source, less the YAML round trip: the metadata is at hand.
        source = config.plugins.on_page_read_source(page=page, config=config)
        page.markdown, page.meta = ("", dict(rendered.meta)) if source is None else meta.get_data(source)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.content = hand_over(page, rendered)
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        page.active = True
        name = page.meta.get("template", "main.html")
        output = key = values = None
        if skeletons is not None:
            key, values = Skeletons.key(page, name), Skeletons.values(page)
            kept = skeletons.kept.get(key)
            output = kept.fill(values) if kept is not None and values is not None else None
        if output is None:
            output = _render(page, name, config, nav, env, doc_files, fragments)
            if skeletons is not None and key is not None and values is not None:
                _learn(skeletons, key, values, page, name, output, original, config, nav, env, doc_files,
                       fragments)
        output = config.plugins.on_post_page(output, page=page, config=config)
    finally:
        page.active = False
        config._current_page = None
    return page, output


def _render(page: Page, name: str, config: MkDocsConfig, nav: Navigation, env: jinja2.Environment,
            doc_files: Sequence[File], fragments: Fragments | None) -> str:
    """The theme's template rendered for ``page``, as MkDocs renders it."""
    context = get_context(nav, doc_files, config, page)
    if fragments is not None:
        context["archive_fragment"] = fragments  # type: ignore[typeddict-unknown-key]
    template = env.get_template(name)
    context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
    return template.render(context)


def _learn(skeletons: Skeletons, key: tuple[Any, ...], values: dict[str, str], page: Page, name: str,
           output: str, original: File, config: MkDocsConfig, nav: Navigation, env: jinja2.Environment,
           doc_files: Sequence[File], fragments: Fragments | None) -> None:
    """Remember ``page``'s key; the second time a key comes, make its skeleton and keep it if filling it
    with this page's ``values`` gives ``output``, the page as rendered whole."""
    if key in skeletons.kept:
        return
    if key not in skeletons.seen:
        skeletons.seen.add(key)
        return
    probe_file = File.generated(config, Skeletons.probe_src(page), content="")
    probe_file.generated_by, probe_file.inclusion = original.generated_by, original.inclusion
    probe = Page(None, probe_file, config)
    probe.markdown, probe.meta = "", Skeletons.probe_meta(page)
    probe.content, probe.toc, probe.active = Skeletons.probe_content(page), page.toc, True
    config._current_page = probe
    try:
        skeleton = Skeleton(_render(probe, name, config, nav, env, doc_files, fragments))
    finally:
        probe.active = False
        config._current_page = page
    skeletons.kept[key] = skeleton if skeleton.sound and skeleton.fill(values) == output else None


def listed_file(config: MkDocsConfig, src_uri: str, cls: type[File]) -> File:
    """A file MkDocs lists (links to it resolve, the sitemap has it) but neither reads nor copies."""
    page_file = File(src_uri, None, config.site_dir, config.use_directory_urls)
    made = cls(src_uri, None, config.site_dir, config.use_directory_urls, dest_uri=page_file.dest_uri)
    made.generated_by = config.plugins._current_plugin or "briefings"
    made._content = ""  # nothing to read: a worker builds the page
    Page(None, made, config)  # canonical URL and build date, for the sitemap
    return made


def _changes_observer() -> Callable[[], Any] | None:
    """watchdog's native observer, told to report only changes (creating, writing, deleting, moving).

    A native observer also reports files being opened and read; the build reads every briefing, so
    it would wake itself forever. None where this watchdog cannot filter events (before 4.0).
    """
    native: Any = watchdog.observers.Observer
    if "event_filter" not in inspect.signature(native.schedule).parameters:
        return None
    changes: list[type[FileSystemEvent]] = [
        events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
        events.FileClosedEvent, events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent]

    class ChangesOnly(native):  # type: ignore[valid-type,misc]  # a class chosen by platform
        def schedule(self, event_handler: FileSystemEventHandler, path: str, *, recursive: bool = False,
                     event_filter: list[type[FileSystemEvent]] | None = None, **more: Any) -> ObservedWatch:
            watch: ObservedWatch = super().schedule(event_handler, path, recursive=recursive,
                                                    event_filter=event_filter or changes, **more)
            return watch

    return ChangesOnly


def watch_promptly(server: LiveReloadServer) -> None:
    """Let the server hear of changes from the system (inotify) instead of MkDocs' polling.

    MkDocs' server lists every watched file twice a second to find changes: with 10,000 briefings
    that is a tenth of a second of work each time, and an edit waits a quarter of a second on
    average before anyone notices it. watchdog's native observer is told at once. The paths already
    watched move to it; on an MkDocs release not tested, with a watchdog that cannot filter events,
    or where the system refuses (too many watches), polling stays.
    """
    native = _changes_observer()
    if version() not in TESTED or native is None:
        return
    counts: dict[str, int] = dict(server._watched_paths)
    polling = server.observer

    def watch_with(observer: Any) -> None:
        """Give the server ``observer`` and watch every path again with it, as often as before."""
        server.observer = observer
        server._watched_paths, server._watch_refs = {}, {}
        for path, count in counts.items():
            server.watch(path)
            server._watched_paths[path] = count

    try:
        watch_with(native())
    except OSError:
        watch_with(polling)
