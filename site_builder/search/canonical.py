"""Make a Pagefind bundle byte-identical between builds of the same site.

Pagefind writes its filter indexes, and the metadata file that names them, in hash-map order,
which changes from run to run (upstream issue Pagefind/pagefind#638), and names those files by a
hash of their bytes. The bundle is therefore rewritten in a canonical order: each filter's values
sorted, each value's pages sorted, the filter list sorted, and the files renamed by the hash of
their new bytes. The files are gzip of ``pagefind_dcd`` followed by CBOR, read and written with
``cbor2``, which re-encodes an unchanged value to the very bytes Pagefind wrote (the tests check
this on a real bundle), so only the reordering changes the files.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
#: Hex digits of the hash in the names of filter files and of the metadata file, as Pagefind uses.
_FILTER_DIGITS = 7
_META_DIGITS = 10


def decode(data: bytes) -> Any:
    """The value in the bytes of a Pagefind index file, once un-gzipped."""
    if not data.startswith(SIGNATURE):
        raise ValueError("not a Pagefind index file")
    try:
        return cbor2.loads(data[len(SIGNATURE):])
    except cbor2.CBORError as exc:
        raise ValueError(f"not valid CBOR: {exc}") from exc


def encode(value: Any) -> bytes:
    """The bytes of a Pagefind index file holding ``value``, before gzip."""
    return SIGNATURE + cbor2.dumps(value)


def read(path: Path) -> Any:
    """The value in a Pagefind index file (``.pf_meta``, ``.pf_filter``, ``.pf_index``)."""
    try:
        return decode(gzip.decompress(path.read_bytes()))
    except ValueError as exc:
        raise ValueError(f"{path.name}: {exc}") from exc


def _write(folder: Path, prefix: str, suffix: str, value: Any, digits: int) -> str:
    """Write a value under a name made from its bytes; return the name without its suffix."""
    payload = encode(value)
    name = prefix + hashlib.sha256(payload).hexdigest()[:digits]
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(payload, mtime=0))
    return name


def canonicalise_bundle(bundle: Path) -> None:
    """Rewrite the filter and metadata files of one Pagefind bundle (or part) in canonical order."""
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
            renamed.append([filter_name, _write(bundle / "filter", f"{language}_", ".pf_filter",
                                                [name, values], _FILTER_DIGITS)])
        meta[3] = sorted(renamed)
        meta_path.unlink()
        info["hash"] = _write(bundle, f"pagefind.{language}_", ".pf_meta", meta,
                              _META_DIGITS).removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
