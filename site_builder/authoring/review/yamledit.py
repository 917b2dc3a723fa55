"""Round-trip YAML for review decisions: change a value, keep every comment, key order and layout.

A curator's files are hand-kept YAML; a re-dump through PyYAML would drop comments and reorder
keys, so decisions edit a ruamel.yaml tree (which keeps comments, quoting, flow and block styles)
and write it back whole through :func:`site_builder.fsutil.atomic_write`. Files are read
through the same limits as the loader.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, PlainScalarString

from site_builder.core.load import MAX_BRIEFING_BYTES, MAX_REGISTRY_BYTES, split_front_matter
from site_builder.errors import BriefingsError
from site_builder.fsutil import atomic_write

#: Longer text is written as a folded block (``>-``), as ingest writes it.
FOLD_AT = 90


class EditError(BriefingsError):
    """A file cannot be edited as asked; the message names it and says why."""


def _yaml(sequence: int = 4, offset: int = 2) -> YAML:
    """A round-trip YAML that never re-wraps a value (addresses and titles stay on one line)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000
    yaml.indent(mapping=2, sequence=sequence, offset=offset)
    return yaml


def _indent(text: str) -> tuple[int, int]:
    """(sequence, offset) as the file writes block lists: ``  - x`` under its key (4, 2) or ``- x`` (2, 0)."""
    lines = text.split("\n")
    for i, line in enumerate(lines[1:], 1):
        stripped = line.lstrip(" ")
        previous = lines[i - 1]
        opens_list = previous.rstrip().endswith(":") and not previous.lstrip().startswith("-")
        if stripped.startswith("- ") and opens_list:
            key_at = len(previous) - len(previous.lstrip(" "))
            dash_at = len(line) - len(stripped)
            return (2, 0) if dash_at == key_at else (dash_at - key_at + 2, dash_at - key_at)
    return 4, 2


def _read(path: Path, limit: int) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EditError(f"{path}: cannot read: {exc.strerror}") from None
    if len(data) > limit:
        raise EditError(f"{path}: {len(data):,} bytes, over the limit of {limit:,}")
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise EditError(f"{path}: not UTF-8; fix it with briefings check first") from None


def _load(text: str, path: Path) -> Any:
    try:
        return _yaml().load(text)
    except YAMLError as exc:
        raise EditError(f"{path}: not valid YAML ({str(exc).splitlines()[0]}); run briefings check") from None


def dump(data: Any, indent: tuple[int, int] = (4, 2)) -> str:
    out = io.StringIO()
    _yaml(*indent).dump(data, out)
    return out.getvalue()


@dataclass
class BriefingFile:
    """A briefing's front-matter as an editable tree, and its body as it was."""

    path: Path
    front: CommentedMap
    body: str
    indent: tuple[int, int] = (4, 2)

    @classmethod
    def read(cls, path: Path) -> BriefingFile:
        text = _read(path, MAX_BRIEFING_BYTES)
        try:
            front, _, body_line = split_front_matter(text, str(path))
        except BriefingsError as exc:
            raise EditError(str(exc)) from None
        data = _load(front, path) if front.strip() else CommentedMap()
        if not isinstance(data, CommentedMap):
            raise EditError(f"{path}: the front-matter is not a mapping of fields")
        body = "\n".join(text.split("\n")[body_line - 1:])
        return cls(path, data, body, _indent(front))

    def text(self) -> str:
        return f"---\n{dump(self.front, self.indent)}---\n{self.body}"

    def write(self) -> None:
        atomic_write(self.path, self.text(), overwrite=True)


@dataclass
class RegistryFile:
    """A registry file as an editable tree (an empty mapping when the file does not exist yet)."""

    path: Path
    data: CommentedMap
    indent: tuple[int, int] = (4, 2)

    @classmethod
    def read(cls, path: Path) -> RegistryFile:
        if not path.exists():
            return cls(path, CommentedMap())
        text = _read(path, MAX_REGISTRY_BYTES)
        data = _load(text, path) if text.strip() else CommentedMap()
        if data is None:
            data = CommentedMap()
        if not isinstance(data, CommentedMap):
            raise EditError(f"{path}: not a mapping of id to entry")
        return cls(path, data, _indent(text))

    def text(self) -> str:
        return dump(self.data, self.indent)

    def write(self) -> None:
        atomic_write(self.path, self.text(), overwrite=True)


def flow_list(items: list[Any]) -> CommentedSeq:
    """A list written on one line (``[a, b]``), as the registries write aliases."""
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def text_value(value: str) -> str:
    """A text value in ingest's style: folded when long, else on the key's line."""
    styled: str = FoldedScalarString(value) if len(value) > FOLD_AT else PlainScalarString(value)
    return styled


def insert_key(mapping: CommentedMap, at: int, key: str, value: Any) -> None:
    """Insert ``key`` at position ``at``.

    Added after the last key, it takes over the comment lines that followed the entry (the next
    entry's heading, a blank line), so they stay above the next entry; a comment on the last
    key's own line stays on that line.
    """
    keys = list(mapping)
    moved = _split_trailing(mapping, keys[-1]) if keys and at >= len(keys) else None
    mapping.insert(at, key, value)
    if moved is not None:
        mapping.ca.items.setdefault(key, [None, None, None, None])[2] = moved


def _split_trailing(mapping: CommentedMap, key: Any) -> Any:
    """The comment lines after ``key``'s entry, taken off it (a comment on its own line stays).

    ruamel.yaml keeps them on the entry's last line: the key's own for a scalar, the last item's
    for a block list. A nested mapping keeps its own (no field set here is after one).
    """
    value = mapping[key]
    if isinstance(value, CommentedSeq) and len(value) and not value.fa.flow_style():
        item, at = value.ca.items.get(len(value) - 1), 0
    elif isinstance(value, CommentedMap):
        return None
    else:
        item, at = mapping.ca.items.get(key), 2
    if not item or len(item) <= at or item[at] is None:
        return None
    token = item[at]
    if not token.value.startswith("#"):
        item[at] = None
        return token
    own, _, rest = token.value.partition("\n")
    if not rest:
        return None
    token.value = own + "\n"
    moved = copy.copy(token)
    moved.value = "\n" + rest
    return moved


def delete_key(mapping: CommentedMap, key: Any) -> None:
    """Remove ``key``; a comment that followed its entry (the next entry's heading) stays in place."""
    keys = list(mapping)
    index = keys.index(key)
    trailing = _trailing_comment(mapping, key)
    del mapping[key]
    if trailing is not None and index > 0:
        previous = keys[index - 1]
        _set_trailing_comment(mapping, previous, trailing)


def _trailing_comment(mapping: CommentedMap, key: Any) -> Any:
    """The comment token written after ``key``'s entry, wherever ruamel.yaml attached it."""
    value = mapping[key]
    holder, inner = (value, list(value)[-1]) if isinstance(value, CommentedMap) and len(value) else \
        (mapping, key)
    item = holder.ca.items.get(inner)
    if not item or len(item) < 3 or item[2] is None:
        return None
    token = item[2]
    item[2] = None
    return token


def _set_trailing_comment(mapping: CommentedMap, key: Any, token: Any) -> None:
    value = mapping[key]
    holder, inner = (value, list(value)[-1]) if isinstance(value, CommentedMap) and len(value) else \
        (mapping, key)
    item = holder.ca.items.setdefault(inner, [None, None, None, None])
    if item[2] is None:
        item[2] = token
    else:
        item[2].value = item[2].value.rstrip("\n") + "\n" + token.value.lstrip("\n")


def rename_key(mapping: CommentedMap, old: Any, new: Any) -> None:
    """Give ``old``'s entry the key ``new`` in the same place, with the comments written around it."""
    if new in mapping:
        raise EditError(f"'{new}' is already a key here")
    at = list(mapping).index(old)
    comment = mapping.ca.items.pop(old, None)  # taken first: deleting the entry would drop it
    value = mapping[old]
    del mapping[old]
    mapping.insert(at, new, value)
    if comment is not None:
        mapping.ca.items[new] = comment
