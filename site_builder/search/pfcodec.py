"""Pagefind's index files: gzip of ``pagefind_dcd`` followed by CBOR, read and written with ``cbor2``.

``cbor2`` re-encodes an unchanged value to the very bytes Pagefind wrote (the tests check this on a
real bundle), so a file rewritten here differs from Pagefind's only where its value was changed.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"


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


def write_named(folder: Path, prefix: str, suffix: str, value: Any, digits: int) -> str:
    """Write a value under a name made from a hash of its bytes; return the name without its suffix.

    Pagefind names its files so, by the first ``digits`` hex digits; where two files of a folder would
    share a name, the later one takes more digits, as Pagefind does.
    """
    payload = encode(value)
    digest = hashlib.sha256(payload).hexdigest()
    name = prefix + digest[:digits]
    while (folder / f"{name}{suffix}").exists() and digits < len(digest):
        digits += 1
        name = prefix + digest[:digits]
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(payload, mtime=0))
    return name
