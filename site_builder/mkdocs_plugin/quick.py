"""While serving, redo an edit's pages in place of a whole MkDocs build, when that gives the same site.

A rebuild under ``mkdocs serve`` is a whole MkDocs build: the config read again, a file list of
every page, the navigation, every static file copied, then the archive's plugin redoes only the
pages an edit touched (:mod:`site_builder.core.reads`). At 10,000 briefings that frame costs seconds
while an edit to one body changes one page. So the plugin first tries this: load the archive again
(parsed files are cached), find what the edit changes, and if it is only record pages and generated
files (feeds, open data) of a site that otherwise stays as it was, write just those, through the
theme objects of the last whole build. Anything else falls back to the whole build, which also
reports problems as it always does:

* the archive has an error (the whole build names it);
* ``mkdocs.yml``, the hand-written docs or ``SOURCE_DATE_EPOCH`` changed;
* a page or generated file appears or disappears (the navigation, the sitemap and the file list
  would change), or the registry changed (everything is redone);
* a page that MkDocs builds itself (home, indexes, timeline: pages in the navigation) must change.

``tests/test_serve.py`` checks that a site rebuilt so is byte for byte a clean build of the same sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from site_builder.core.load import Layout
from site_builder.core.render import SiteOptions
from site_builder.errors import CheckFailed
from site_builder.fsutil import atomic_write
from site_builder.mkdocs_plugin.serve_state import ServeState, environment_key
from site_builder.mkdocs_plugin.workers import build_in_workers
from site_builder.pipeline import build_site, outputs_to_redo


@dataclass
class LastBuild:
    """The MkDocs objects of the last whole build that pages are built with, kept while serving."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    handed: frozenset[str]  # source URIs of the pages MkDocs built itself


@dataclass(frozen=True)
class Redone:
    pages: int
    files: int


def quick_rebuild(serve: ServeState, last: LastBuild | None, layout: Layout,
                  options: SiteOptions) -> Redone | None:
    """Redo what the sources' edit changed, without MkDocs' whole build; None: a whole build is needed."""
    previous = serve.site
    if last is None or previous is None or environment_key(last.config) != serve.kept.key:
        return None
    try:
        site = build_site(layout, options, cache=serve.load, previous=previous, record_reads=True,
                          parse_bodies=True)
    except CheckFailed:
        return None
    if [spec.src_uri for spec in site.pages] != [spec.src_uri for spec in previous.pages]:
        return None
    redo = outputs_to_redo(previous.index, site.index, serve.reads)
    if redo is None or redo & last.handed:
        return None
    generated = dict(site.files(lambda path: None if path in redo else serve.files.get(path), serve.records))
    if generated.keys() != serve.files.keys():
        return None
    specs = [spec for spec in site.pages if spec.src_uri in redo]
    if any(spec.src_uri not in serve.archive_files for spec in specs):
        return None
    targets = [serve.archive_files[spec.src_uri] for spec in specs]
    build_in_workers(targets, lambda j: site.renderer.render(specs[j]), last.config, last.files, last.nav,
                     last.env, 1)
    changed = [path for path, content in generated.items() if content != serve.files[path]]
    for path in changed:
        atomic_write(Path(last.config.site_dir) / path, generated[path], overwrite=True)
    serve.site, serve.files = site, generated
    serve.reads = {**serve.reads, **site.renderer.reads}
    for target in targets:
        assert target.page is not None
        serve.kept.anchors[target.src_uri] = set(target.page.present_anchor_ids or ())
    return Redone(len(targets), len(changed))
