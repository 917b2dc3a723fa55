"""Pagefind's index files: gzip of ``pagefind_dcd`` followed by CBOR, read and written with ``cbor2``.

``cbor2`` re-encodes an unchanged value to the very bytes Pagefind wrote (the tests check this on a
real bundle), so a file rewritten here differs from Pagefind's only where its value was changed.
"""

from __future__ import annotations

import gzip
import hashlib
import io
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
#: CBOR's major type for arrays.
_ARRAY = 4


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


def _array_head(length: int) -> bytes:
    """The head of a CBOR array of ``length`` items, in the shortest form, as ``cbor2`` writes it."""
    if length < 24:
        return bytes([_ARRAY << 5 | length])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([_ARRAY << 5 | info]) + length.to_bytes(size, "big")
    raise ValueError("array too long")


def _array_length(data: bytes, at: int) -> tuple[int, int]:
    """The length of the definite-length CBOR array whose head is at ``at``, and where its items start."""
    head = data[at]
    info = head & 31
    if head >> 5 != _ARRAY or info > 27:
        raise ValueError("not a CBOR array of known length")
    if info < 24:
        return info, at + 1
    size = 1 << (info - 24)
    return int.from_bytes(data[at + 1:at + 1 + size], "big"), at + 1 + size


def decode_items(data: bytes) -> list[tuple[Any, bytes]]:
    """The items of the one list an index chunk holds (its value is ``[[item, ...]]``), once un-gzipped:
    each decoded, and as its own bytes.

    Re-cutting the word index writes the same items again in other lists; copying their bytes costs
    nothing, where encoding them again cost about half of rewriting a bundle.
    """
    if not data.startswith(SIGNATURE):
        raise ValueError("not a Pagefind index file")
    body = data[len(SIGNATURE):]
    try:
        outer, at = _array_length(body, 0)
        if outer != 1:
            raise ValueError("not a list of one list")
        count, at = _array_length(body, at)
        stream = io.BytesIO(body)
        stream.seek(at)
        decoder = cbor2.CBORDecoder(stream)
        items = []
        for _ in range(count):
            value = decoder.decode()
            end = stream.tell()
            items.append((value, body[at:end]))
            at = end
    except (cbor2.CBORError, IndexError) as exc:
        raise ValueError(f"not valid CBOR: {exc}") from exc
    if at != len(body):
        raise ValueError("bytes after the list")
    return items


def encode_items(items: list[bytes]) -> bytes:
    """The bytes, before gzip, of an index chunk holding the items whose bytes are ``items``: what
    :func:`encode` makes of ``[[item, ...]]``."""
    return SIGNATURE + _array_head(1) + _array_head(len(items)) + b"".join(items)


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
    return write_named_bytes(folder, prefix, suffix, encode(value), digits)


def write_named_bytes(folder: Path, prefix: str, suffix: str, payload: bytes, digits: int) -> str:
    """:func:`write_named` for a value already encoded (``payload``, before gzip)."""
    digest = hashlib.sha256(payload).hexdigest()
    name = prefix + digest[:digits]
    while (folder / f"{name}{suffix}").exists() and digits < len(digest):
        digits += 1
        name = prefix + digest[:digits]
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(payload, mtime=0))
    return name
