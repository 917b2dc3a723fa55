"""Cut Pagefind's word index into smaller chunks, so that one word of a query costs a few kilobytes.

A query fetches, for each word, the one index chunk whose word range holds it. Pagefind closes a
chunk once it holds 20,000 word locations, a fixed size that its command line does not let one set:
about 26 kB gzipped whatever the number of pages, so a two-word query read over 50 kB of index in
each bundle it searched, most of it for words it never asked for. This module re-cuts each bundle's
chunks the way Pagefind cuts them, words in the same (byte) order and each chunk closed once it
holds ``CHUNK_LOCATIONS`` locations, and writes the chunk ranges into the metadata exactly as
Pagefind computes them (the shortest prefixes that tell neighbouring chunks apart), so that
Pagefind's WebAssembly finds the chunk of a word, or of a word's prefix, as it finds its own.

At 10,000 briefings (``bench/run.py``), chunks of 2,000 locations read 2 to 6 kB per word against
12 to 30 kB, and make the metadata of a bundle 0.4 to 0.8 kB larger (more ranges to list); chunks
of 5,000 read 3 to 11 kB. A word that alone holds more locations keeps a chunk of its own.
"""

from __future__ import annotations

import gzip
import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from site_builder.search import pfcodec

#: Most word locations per chunk (Pagefind's own chunks hold 20,000).
CHUNK_LOCATIONS = 2000
#: Hex digits of the hash in a chunk's name, as Pagefind names them.
_DIGITS = 7


def _locations(word: Sequence[Any]) -> int:
    """A word's weight in a chunk as Pagefind counts it: each page's locations, plus one per page."""
    return sum(len(page[1]) + 1 for page in word[1])


def cut(words: Sequence[Any], budget: int = CHUNK_LOCATIONS) -> list[list[Any]]:
    """The words, in order, in runs each closed once it holds ``budget`` locations or more."""
    chunks: list[list[Any]] = []
    chunk: list[Any] = []
    size = 0
    for word in words:
        size += _locations(word)
        chunk.append(word)
        if size >= budget:
            chunks.append(chunk)
            chunk, size = [], 0
    if chunk:
        chunks.append(chunk)
    return chunks


def _prefixes(last: str, first: str) -> tuple[str, str]:
    """The shortest prefixes of the last word of a chunk and the first of the next that differ."""
    common = 0
    for a, b in zip(first, last):
        if a != b:
            break
        common += 1
    return last[:common + 1], first[:common + 1]


def ranges(chunks: Sequence[Sequence[Any]]) -> list[list[str]]:
    """Each chunk's ``[from, to]`` as Pagefind writes it in the metadata."""
    bounds = [[chunk[0][0], chunk[-1][0]] for chunk in chunks]
    for before, after in itertools.pairwise(bounds):
        before[1], after[0] = _prefixes(before[1], after[0])
    return bounds


def rechunk(bundle: Path, meta: list[Any], language: str, budget: int = CHUNK_LOCATIONS) -> None:
    """Re-cut the word index of one bundle (or part) whose metadata is ``meta``, in place.

    The old chunk files are removed and the new ones written, each named by a hash of its bytes;
    ``meta``'s list of chunks is replaced (the caller writes the metadata).
    """
    folder = bundle / "index"
    words: list[Any] = []
    raw: list[bytes] = []  # each word's bytes, in the same order
    old = [folder / f"{entry[2]}.pf_index" for entry in meta[2]]
    for path in old:
        try:
            items = pfcodec.decode_items(gzip.decompress(path.read_bytes()))
        except ValueError as exc:
            raise ValueError(f"{path.name}: {exc}") from exc
        words.extend(word for word, _ in items)
        raw.extend(data for _, data in items)
    if any(a[0].encode() >= b[0].encode() for a, b in itertools.pairwise(words)):
        raise ValueError(f"{folder}: the words of its chunks are not in order")
    for path in old:
        path.unlink()
    chunks = cut(words, budget)
    listed = []
    at = 0  # the chunks cut the words in order: each takes the next len(chunk) words' bytes
    for chunk, (first, last) in zip(chunks, ranges(chunks)):
        payload = pfcodec.encode_items(raw[at:at + len(chunk)])
        at += len(chunk)
        name = pfcodec.write_named_bytes(folder, f"{language}_", ".pf_index", payload, _DIGITS)
        listed.append([first, last, name])
    meta[2] = listed
