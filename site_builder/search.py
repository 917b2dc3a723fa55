"""Search: index a built site with Pagefind, after any engine has written it.

Pagefind reads the finished HTML, so this step works the same after MkDocs,
ProperDocs or Zensical. Only the article area of each page is indexed
(``ROOT``), minus long lists and charts (``EXCLUDED``) so that an actor page
does not match every headline it lists. Pages say what to filter and sort on
with ``data-pagefind-*`` attributes set by the templates: actor, event,
outlet, year and kind filters, a date sort, date and outlet metadata.

Pagefind writes one fragment file per page plus index chunks: about as many
files as pages, which matters on hosts that cap file counts.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import BriefingsError

ROOT = "article.md-content__inner"
EXCLUDED = ".ba-noindex, .ba-chart, .ba-feed, .md-source-file, .headerlink"
BUNDLE = "pagefind"


@dataclass(frozen=True)
class SearchIndex:
    files: int
    bytes: int


def index_site(site_dir: Path) -> SearchIndex:
    """Run Pagefind over ``site_dir``; the bundle lands in ``site_dir/pagefind``."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE,
               "--root-selector", ROOT, "--exclude-selectors", EXCLUDED, "--force-language", "en", "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise BriefingsError(f"cannot run Pagefind: {exc}") from exc
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BriefingsError("Pagefind failed: " + (detail[-1] if detail else f"exit {done.returncode}")
                             + " (is the 'pagefind[bin]' package installed?)")
    try:
        canonicalise_bundle(site_dir / BUNDLE)
    except (OSError, ValueError, KeyError, IndexError) as exc:
        raise BriefingsError(f"cannot make Pagefind's index reproducible: {exc}") from exc
    files = [p for p in (site_dir / BUNDLE).rglob("*") if p.is_file()]
    return SearchIndex(len(files), sum(p.stat().st_size for p in files))


# --------------------------------------------------------------------------- reproducible bundle
#
# Pagefind writes its filter indexes, and the metadata file that names them, in hash-map order,
# which changes from run to run (upstream issue Pagefind/pagefind#638), and names those files by
# a hash of their bytes. To keep builds byte-identical, the bundle is rewritten in a canonical
# order: each filter's values sorted, the filter list sorted, files renamed by the hash of their
# new bytes. The files are "pagefind_dcd" followed by CBOR; a small codec below reads and
# writes the subset they use (integers, strings, arrays, maps, simple values).

_SIGNATURE = b"pagefind_dcd"


def _cbor_decode(data: bytes, at: int = 0) -> tuple[Any, int]:
    head = data[at]
    major, info = head >> 5, head & 0x1F
    at += 1
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        value = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise ValueError(f"unsupported CBOR head {head:#x}")
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        raw = data[at:at + value]
        return (bytes(raw) if major == 2 else raw.decode("utf-8")), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _cbor_decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = []
        for _ in range(value):
            key, at = _cbor_decode(data, at)
            item, at = _cbor_decode(data, at)
            pairs.append((key, item))
        return _Map(pairs), at
    if major == 7 and info < 24:
        return {20: False, 21: True, 22: None}[value], at
    raise ValueError(f"unsupported CBOR major type {major}")


class _Map(list):  # type: ignore[type-arg]
    """A CBOR map kept as its list of pairs, so it re-encodes unchanged."""


def _cbor_head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError("integer too large for CBOR")


def _cbor_encode(value: Any) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xE0 | {False: 20, True: 21, None: 22}[value]])
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _cbor_head(3, len(raw)) + raw
    if isinstance(value, _Map):
        return _cbor_head(5, len(value)) + b"".join(_cbor_encode(k) + _cbor_encode(v) for k, v in value)
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(_cbor_encode(v) for v in value)
    raise ValueError(f"cannot encode {type(value).__name__} as CBOR")


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind index file")
    value, _ = _cbor_decode(data, len(_SIGNATURE))
    return value


def _write(folder: Path, prefix: str, suffix: str, value: Any, digits: int) -> str:
    """Write canonical bytes under a name derived from them; return the hash part of the name."""
    payload = _SIGNATURE + _cbor_encode(value)
    name = prefix + hashlib.sha256(payload).hexdigest()[:digits]
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(payload, mtime=0))
    return name


def canonicalise_bundle(bundle: Path) -> None:
    """Rewrite Pagefind's filter and metadata indexes in a stable order (see the note above)."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = meta[3]
        renamed = []
        for filter_name, filter_hash in filters:
            path = bundle / "filter" / f"{filter_hash}.pf_filter"
            name, values = _read(path)
            values = sorted(([value, sorted(pages)] for value, pages in values), key=lambda v: v[0])
            path.unlink()
            renamed.append([filter_name, _write(bundle / "filter", f"{language}_", ".pf_filter",
                                                [name, values], 7)])
        meta[3] = sorted(renamed)
        meta_path.unlink()
        info["hash"] = _write(bundle, f"pagefind.{language}_", ".pf_meta", meta, 10).removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
