"""Make a Pagefind bundle byte-identical between builds of the same site.

Pagefind writes its filter indexes, and the metadata file that names them, in hash-map order,
which changes from run to run (upstream issue Pagefind/pagefind#638), and names those files by a
hash of their bytes. The bundle is therefore rewritten in a canonical order: each filter's values
sorted, each value's pages sorted, the filter list sorted, and the files renamed by the hash of
their new bytes (:mod:`.pfcodec` reads and writes them). The word index is re-cut into smaller
chunks on the way (:mod:`.chunks`).
"""

from __future__ import annotations

import json
from pathlib import Path

from site_builder.search.chunks import CHUNK_LOCATIONS, rechunk
from site_builder.search.pfcodec import read, write_named

#: Hex digits of the hash in the names of filter files and of the metadata file, as Pagefind uses.
_FILTER_DIGITS = 7
_META_DIGITS = 10


def canonicalise_bundle(bundle: Path, chunk_locations: int = CHUNK_LOCATIONS) -> None:
    """Rewrite the filter and metadata files of one Pagefind bundle (or part) in canonical order, and
    its word index in chunks of about ``chunk_locations`` word locations."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read(meta_path)
        renamed = []
        for filter_name, filter_hash in meta[3]:
            path = bundle / "filter" / f"{filter_hash}.pf_filter"
            name, values = read(path)
            values = sorted(([value, sorted(pages)] for value, pages in values), key=lambda v: v[0])
            path.unlink()
            renamed.append([filter_name, write_named(bundle / "filter", f"{language}_", ".pf_filter",
                                                     [name, values], _FILTER_DIGITS)])
        meta[3] = sorted(renamed)
        rechunk(bundle, meta, language, chunk_locations)
        meta_path.unlink()
        info["hash"] = write_named(bundle, f"pagefind.{language}_", ".pf_meta", meta,
                                   _META_DIGITS).removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
