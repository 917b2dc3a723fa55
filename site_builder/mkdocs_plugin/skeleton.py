"""The theme's page around a record page, rendered once per kind of page and folder, then filled in.

Most of what Material writes around a record page is the same on every page of one folder with
the same table of contents and the same metadata keys: the head, the header, the tabs, the
navigation, the footer, the scripts. Only the title, the description, the feed, the page's own
name (in its canonical address) and the article differ. Filling a skeleton costs microseconds where
rendering the template cost most of a millisecond: at 10,000 briefings (``bench/run.py``) the
workers' CPU time fell from 31.2 to 23.5 s, 0.7 ms a page, for the same bytes.

A skeleton is the template rendered once for a *probe* page: a copy of the page whose varying
values are markers (private-use characters that no page text holds). The output, cut at the
markers, is the skeleton. It is made the second time a key is met, and kept only if filling it
with that page's values gives exactly the page the template renders for it; otherwise that key's
pages are always rendered whole. Nothing is assumed about the theme beyond that check, so the
skeleton is used only where nothing else can make a page's output differ unseen: with the theme's
templates and the archive's own (no ``custom_dir`` templates), and no plugin or hook that changes
the template context of a page (``on_page_context``). Everything else about a page (its events,
``on_post_page`` included) runs as before.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

#: Metadata whose value differs from page to page: each is a slot of the skeleton. Any other key's
#: value is part of the skeleton's key (pages with other values get another skeleton).
VARIABLE_META = ("title", "description", "feed")
_START, _END = "\ue000", "\ue001"
_SLOT = re.compile(f"{_START}([a-z]+){_END}")


def mark(slot: str) -> str:
    return f"{_START}{slot}{_END}"


def usable(config: MkDocsConfig) -> bool:
    """Whether skeletons may be used at all: Material's templates and the archive's, none of a project's
    own (they may read a page's values in ways that one page's check would not show), and no plugin
    or hook that changes a page's template context."""
    if config.plugins.events.get("page_context") or config.theme.name != "material":
        return False
    custom = config.theme.custom_dir
    return custom is None or not any(Path(custom).rglob("*.html"))


def _toc_key(links: Iterable[AnchorLink]) -> tuple[Any, ...]:
    return tuple((link.level, link.id, link.title, _toc_key(link.children)) for link in links)


#: What follows the content's marker in a probe whose page has a heading of its own.
_HEADING = "<h1" + mark("heading")


class Skeleton:
    """A rendered probe page cut at its slots: literal text, slot name, literal text, ..."""

    def __init__(self, rendered: str) -> None:
        rendered = rendered.replace(mark("content") + _HEADING, mark("content"))
        self.pieces = _SLOT.split(rendered.replace(quote(mark("slug")), mark("quoted")))

    def fill(self, values: dict[str, str]) -> str | None:
        """The page with ``values`` in the slots; None if a slot has no value."""
        out = []
        for i, piece in enumerate(self.pieces):
            if i % 2:
                value = values.get(piece)
                if value is None:
                    return None
                out.append(value)
            else:
                out.append(piece)
        return "".join(out)

    @property
    def sound(self) -> bool:
        """No marker character left outside the slots (a slot the pattern did not take whole)."""
        return not any(_START in piece or _END in piece for piece in self.pieces[::2])


class Skeletons:
    """The skeletons of one process, by key; a key met once is remembered, and skeletoned the next time."""

    def __init__(self) -> None:
        self.kept: dict[tuple[Any, ...], Skeleton | None] = {}
        self.seen: set[tuple[Any, ...]] = set()

    @staticmethod
    def values(page: Page) -> dict[str, str] | None:
        """The page's slot values, or None when the page cannot be filled into a skeleton."""
        url, name = page.url, page.file.name
        folder, last = posixpath.split(url.rstrip("/"))
        if name == "index" or url != (f"{folder}/{last}/" if folder else f"{last}/") or unquote(last) != name:
            return None  # the page's name must be its address's last folder, and only there
        # Its name as written (in paths) and as its address quotes it.
        values = {"content": page.content or "", "slug": name, "quoted": last}
        for key in VARIABLE_META:
            value = page.meta.get(key)
            if value is not None:
                if not isinstance(value, str):
                    return None
                values[key] = value
        if values.get("feed", "").split("/", 1)[0] == url.split("/", 1)[0]:
            return None  # made relative to the page, a path in its own folder is shortened differently
        if any(_START in v or _END in v for v in values.values()):
            return None
        return values

    @staticmethod
    def key(page: Page, template: str) -> tuple[Any, ...]:
        fixed = {k: v for k, v in page.meta.items() if k not in VARIABLE_META}
        present = tuple(k for k in VARIABLE_META if k in page.meta)
        try:
            meta = json.dumps(fixed, sort_keys=True, default=repr)
        except (TypeError, ValueError):
            meta = repr(sorted(fixed.items(), key=repr))
        # Material adds a heading where the content has none of its own.
        heading = "<h1" in (page.content or "")
        return (template, posixpath.dirname(page.url.rstrip("/")), _toc_key(page.toc), meta, present, heading)

    @staticmethod
    def probe_content(page: Page) -> str:
        """The probe's content: a marker, with a heading's start where the page has one (Material adds
        a heading where the content holds none); :class:`Skeleton` takes that start out again."""
        return mark("content") + (_HEADING if "<h1" in (page.content or "") else "")

    @staticmethod
    def probe_meta(page: Page) -> dict[str, Any]:
        return {**page.meta, **{k: mark(k) for k in VARIABLE_META if k in page.meta}}

    @staticmethod
    def probe_src(page: Page) -> str:
        """The probe's source path: the page's, with its name a marker (so its address holds one)."""
        src = page.file.src_uri
        return posixpath.join(posixpath.dirname(src), mark("slug") + posixpath.splitext(src)[1])
