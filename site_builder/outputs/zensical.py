"""``briefings zensical DIR``: the archive as a project that Zensical builds.

Zensical, the successor of Material for MkDocs, runs no MkDocs plugins, so it
cannot run the ``briefings`` plugin. It can build the exported docs tree
(:mod:`site_builder.export`), given a config made from the project's
``mkdocs.yml``. This module writes both into one folder::

    DIR/mkdocs.yml   the project's config, without the plugin (Zensical reads this format)
    DIR/docs/        the hand-written pages plus every generated page and file

so that ``zensical build`` in DIR writes the site into ``DIR/site``.

Two differences between the engines shape the output:

* Zensical resolves every relative link on a page, raw HTML included,
  against the page's source file, while MkDocs leaves raw HTML alone. The
  generated pages link relative to their address (``actors/aurelia/``), so
  each generated page that is not an index (``actors/aurelia.md``) is written
  as one (``actors/aurelia/index.md``): its source folder is then its
  address, and both readings of a link agree. Markdown links in the
  hand-written pages, and the nav, are pointed at the moved files.
* ``mkdocs.yml`` may use MkDocs' ``!ENV`` tag, which a plain YAML loader
  rejects. It is read with the loader MkDocs uses, so each value is the
  environment variable's, or its default, at the time of this command.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from site_builder.core.load import Layout
from site_builder.core.render import SiteOptions
from site_builder.errors import BriefingsError
from site_builder.fsutil import atomic_write
from site_builder.outputs.assets import stylesheet_paths
from site_builder.outputs.export import export_docs
from site_builder.pipeline import build_site

PLUGIN = "briefings"
#: The first line of every config this command writes: a folder holding one may be replaced.
MARKER = "# Written by 'briefings zensical' from the project's mkdocs.yml; edit that file, not this one."
#: Keys of mkdocs.yml that describe the MkDocs project itself, not the site: the project written
#: here has its own folders, and the plugin is the one thing Zensical cannot run.
_DROPPED = ("docs_dir", "site_dir", "plugins", "INHERIT")
#: Inline Markdown links and reference definitions whose target is a .md file.
_MD_LINK = re.compile(r"(\]\(\s*<?|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?)([^)\s>#]+\.md)(?=[#)\s>]|$)", re.MULTILINE)


class _Loader(yaml.SafeLoader):
    """YAML as MkDocs reads it: ``!ENV NAME`` and ``!ENV [NAME, ..., default]`` are resolved."""


_Loader.add_constructor("!ENV", construct_env_tag)


@dataclass(frozen=True)
class ZensicalProject:
    """What :func:`write_project` wrote: the config file and how many generated files."""

    config: Path
    generated: int


def read_config(path: Path) -> dict[str, Any]:
    """``mkdocs.yml`` as a dict, ``!ENV`` values resolved; a clear error for what cannot be read."""
    if not path.is_file():
        raise BriefingsError(f"{path}: no such MkDocs config")
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # a SafeLoader
    except yaml.YAMLError as exc:
        raise BriefingsError(f"{path}: cannot read it: {exc}") from None
    if not isinstance(config, dict):
        raise BriefingsError(f"{path}: not a MkDocs config (expected a mapping)")
    if "INHERIT" in config:
        raise BriefingsError(f"{path}: INHERIT is not supported here; write the config out in one file")
    return config


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The ``briefings`` plugin's options from a config's ``plugins`` (a list or a mapping)."""
    plugins = config.get("plugins") or []
    entries: Iterable[Any] = plugins.items() if isinstance(plugins, dict) else plugins
    for entry in entries:
        if isinstance(entry, tuple):
            name, options = entry
        elif isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
        else:
            name, options = entry, None
        if name == PLUGIN:
            return dict(options or {})
    raise BriefingsError(f"the config has no '{PLUGIN}' plugin: nothing to export")


def site_options(config: dict[str, Any], options: dict[str, Any]) -> SiteOptions:
    """The settings the plugin would pass to the generator, from the same config."""
    defaults = SiteOptions()
    return SiteOptions(site_name=str(config.get("site_name") or defaults.site_name),
                       site_url=config.get("site_url") or None,
                       beat=str(options.get("beat") or ""),
                       latest=int(options.get("latest", defaults.latest)),
                       busiest=int(options.get("busiest", defaults.busiest)))


def page_path(src_uri: str) -> str:
    """Where a generated page goes in the Zensical tree: ``a/b.md`` becomes ``a/b/index.md``."""
    if posixpath.basename(src_uri) == "index.md":
        return src_uri
    return src_uri[: -len(".md")] + "/index.md"


def zensical_config(config: dict[str, Any], moved: dict[str, str]) -> dict[str, Any]:
    """The project's config for the exported tree: no plugin, the archive's stylesheets, moved pages."""
    result = {key: value for key, value in config.items() if key not in _DROPPED}
    result["docs_dir"] = "docs"
    result["site_dir"] = "site"
    sheets = list(result.get("extra_css") or [])
    result["extra_css"] = sheets + [sheet for sheet in stylesheet_paths() if sheet not in sheets]
    if "nav" in result:
        result["nav"] = _moved_nav(result["nav"], moved)
    return result


def _moved_nav(item: Any, moved: dict[str, str]) -> Any:
    if isinstance(item, str):
        return moved.get(item, item)
    if isinstance(item, list):
        return [_moved_nav(child, moved) for child in item]
    if isinstance(item, dict):
        return {key: _moved_nav(value, moved) for key, value in item.items()}
    return item


def relink(text: str, page: str, moved: dict[str, str]) -> str:
    """Point a hand-written page's Markdown links to moved pages at their new files."""
    folder = posixpath.dirname(page)

    def replace(match: re.Match[str]) -> str:
        link = match.group(2)
        target = posixpath.normpath(posixpath.join(folder, link))
        if target not in moved:
            return match.group(0)
        return match.group(1) + link[: -len(".md")] + "/index.md"

    return _MD_LINK.sub(replace, text)


def _clear(target: Path, project: Path, docs_dir: Path, force: bool) -> None:
    """Make room for the project in ``target``; replace only a folder this command wrote."""
    resolved = target.resolve()
    if project.resolve().is_relative_to(resolved) or resolved.is_relative_to(docs_dir.resolve()):
        raise BriefingsError(f"{target}: refusing to write over the project or into its docs folder")
    if not target.exists():
        return
    if not any(target.iterdir()):
        target.rmdir()
        return
    config = target / "mkdocs.yml"
    written = config.is_file() and config.read_text(encoding="utf-8").startswith(MARKER)
    if not written:
        raise BriefingsError(f"{target}: exists and was not written by 'briefings zensical'; "
                             "choose another folder")
    if not force:
        raise BriefingsError(f"{target}: already exists; pass --force to replace it")
    shutil.rmtree(target)


def write_project(config_file: Path, target: Path, *, docs_dir: Path | None = None,
                  force: bool = False) -> ZensicalProject:
    """Write the Zensical project for the archive configured by ``config_file`` into ``target``."""
    config = read_config(config_file)
    options = plugin_options(config)
    project = config_file.resolve().parent
    docs = docs_dir or project / str(config.get("docs_dir") or "docs")
    _clear(target, project, docs, force)
    layout = Layout.at(project, str(options.get("content_dir") or "briefings"), options.get("registry_dir"))
    site = build_site(layout, site_options(config, options))
    tree = target / "docs"
    count = export_docs(site, docs, tree)
    moved = {spec.src_uri: page_path(spec.src_uri) for spec in site.pages
             if page_path(spec.src_uri) != spec.src_uri}
    for old, new in moved.items():
        destination = tree / new
        if destination.exists():
            raise BriefingsError(f"{new}: a page already exists where {old} must go for Zensical")
        destination.parent.mkdir(parents=True, exist_ok=True)
        (tree / old).rename(destination)
    for page in sorted(docs.rglob("*.md")):
        name = page.relative_to(docs).as_posix()
        text = page.read_text(encoding="utf-8")
        linked = relink(text, name, moved)
        if linked != text:
            atomic_write(tree / name, linked, overwrite=True)
    body = yaml.safe_dump(zensical_config(config, moved), sort_keys=False, allow_unicode=True, width=100)
    config_out = target / "mkdocs.yml"
    atomic_write(config_out, f"{MARKER}\n{body}")
    return ZensicalProject(config_out, count)
