"""The only place URL and slug formats live.

Every page has a *source URI* (the Markdown file name an engine sees, such as
``actors/kim-jong-un.md``) and a *site URL* (``actors/kim-jong-un/``, with
directory URLs). Links between generated pages are written as relative site
URLs, so the site works under any base path and in any engine that keeps
MkDocs' directory-URL layout.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

HOME = "index.md"
ACTORS_INDEX = "actors/index.md"
EVENTS_INDEX = "events/index.md"
OUTLETS_INDEX = "outlets/index.md"
TIMELINE_INDEX = "timeline/index.md"


def briefing(briefing_id: str) -> str:
    """A briefing's page. Keyed by its id (date + slug), not its folder, so moving the file keeps it."""
    return f"briefings/{briefing_id}.md"


def actor(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def event(event_id: str) -> str:
    return f"events/{event_id}.md"


def outlet(outlet_id: str) -> str:
    return f"outlets/{outlet_id}.md"


def year(value: int) -> str:
    return f"timeline/{value:04d}.md"


def site_url(src_uri: str) -> str:
    """``actors/x.md`` -> ``actors/x/``; ``actors/index.md`` -> ``actors/``; ``index.md`` -> ``""``."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(from_src: str, to_src: str, anchor: str = "") -> str:
    """Relative link from one page to another, as a browser resolves it."""
    base = site_url(from_src) or "."
    target = site_url(to_src) or "."
    rel = _relpath(target, base)
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def relative_file(from_src: str, path: str) -> str:
    """Relative link from a page to a file (a feed, a data export, a stylesheet)."""
    base = site_url(from_src) or "."
    return _relpath(path, base)


def _relpath(target: str, base: str) -> str:
    """``posixpath.relpath`` for the relative, ``..``-free paths above, without its calls to getcwd.

    Every link on every page goes through here, tens of thousands per build.
    """
    to = [part for part in target.split("/") if part not in ("", ".")]
    start = [part for part in base.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(start)) and to[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


def is_web_url(value: str) -> bool:
    """Only http(s) URLs with a host ever become links."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c.isspace() for c in value)


def slugify(text: str, max_words: int = 8) -> str:
    """A lowercase, hyphenated ASCII slug of at most ``max_words`` words."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))
    return "-".join(words[:max_words]) or "untitled"


def feed(kind: str, key: str | None = None) -> str:
    """Atom feed files: ``feeds/all.xml`` and ``feeds/<kind>s/<id>.xml``."""
    return "feeds/all.xml" if key is None else f"feeds/{kind}s/{key}.xml"


def relative_from_file(from_file: str, to_src: str) -> str:
    """Relative link from a plain file (a feed) to a page."""
    base = posixpath.dirname(from_file) or "."
    target = site_url(to_src) or "."
    rel = _relpath(target, base)
    return "./" if rel == "." else rel + "/"


def month(year_value: int, month_value: int) -> str:
    return f"timeline/{year_value:04d}/{month_value:02d}.md"


NETWORK = "network.md"
COMPARE = "compare.md"
SEARCH = "search.md"
DATA_DIR = "data"


#: Query parameters that say how a reader arrived, not which article: ingest strips them from
#: ``source_url`` and ``check`` warns about them. ``utm_*`` and the like are prefixes.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid", "ftag", "ref",
    "ref_src", "ref_url", "referrer", "cmpid", "ocid", "smid", "smtyp", "ito", "guccounter",
    "__twitter_impression", "s_cid", "xtor", "_ga", "mbid", "sr_share", "int_source", "int_medium",
    "int_campaign", "CMP",
})
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_", "oly_")


def is_tracking(key: str) -> bool:
    low = key.lower()
    return low in TRACKING_PARAMS or key in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def tracking_params(url: str) -> list[str]:
    """The tracking parameters in ``url``'s query, in order."""
    query = urlsplit(url).query
    return [k for k, _ in parse_qsl(query, keep_blank_values=True) if is_tracking(k)] if query else []


def without_tracking(url: str) -> str:
    """``url`` without its tracking parameters (and without an empty ``?``); otherwise unchanged."""
    parts = urlsplit(url)
    if not tracking_params(url):
        return url
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k)]
    return urlunsplit(parts._replace(query=urlencode(kept)))
