"""Small edits to a curator's YAML that leave every other byte as it was. Pure: text in, text out.

A re-dump would reorder keys, rewrap text and drop comments; these edits change only the
lines they must. Each one parses the result and compares it with what was asked, and refuses
(``EditRefused``, with the reason) rather than write a file that means something else.

- :func:`add_to_list`: append an item to a top-level list of a briefing's front-matter,
  in the list's own style (block ``- item`` lines, or ``[a, b]`` on one line), or add the
  key in the schema's field order when it is missing;
- :func:`remove_entries`: remove top-level entries of a registry file, with the lines
  below each key; comments and blank lines before the next entry stay with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml

from site_builder.core.load import split_front_matter
from site_builder.errors import BriefingsError, SourceError

_TOP_KEY = re.compile(r"^(?:'([^']+)'|\"([^\"]+)\"|([^\s#'\"\-][^:]*?))\s*:(?:\s|$)")


class EditRefused(BriefingsError):
    """The file's layout is one these edits cannot change safely; the message says what to do."""


def _key_of(line: str) -> str | None:
    match = _TOP_KEY.match(line)
    return next(g for g in match.groups() if g) if match else None


def _load(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise EditRefused(f"the YAML does not parse ({exc.__class__.__name__}); fix it first") from None


def split_front(text: str) -> tuple[str, str, str]:
    """(``---\\n``, the front-matter, ``---\\n`` and the body) of a briefing, byte for byte.

    Where the front-matter ends is the loader's answer (:func:`split_front_matter`), so an edit
    and a build never disagree about it.
    """
    try:
        _, _, body_line = split_front_matter(text, "")
    except SourceError as exc:
        raise EditRefused(exc.diagnostic.message) from None
    lines = text.split("\n")
    closing = body_line - 2  # the index of the closing '---' line
    return lines[0] + "\n", "".join(line + "\n" for line in lines[1:closing]), "\n".join(lines[closing:])


def add_to_list(text: str, key: str, item: str, order: Sequence[str]) -> str:
    """``text`` (a briefing) with ``item`` appended to its front-matter list ``key``."""
    head, front, rest = split_front(text)
    before = _load(front) or {}
    if not isinstance(before, dict):
        raise EditRefused("the front-matter is not a mapping")
    current = before.get(key) or []
    if not isinstance(current, list):
        raise EditRefused(f"'{key}' is not a list")
    if item in current:
        return text
    lines = front.splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines) if _key_of(line) == key), None)
    if at is None:
        later = set(order[order.index(key) + 1:]) if key in order else set()
        at = next((i for i, line in enumerate(lines) if _key_of(line) in later), len(lines))
        lines[at:at] = [f"{key}:\n", f"  - {item}\n"]
    else:
        value = lines[at].split(":", 1)[1].split(" #", 1)[0].strip()
        if value.startswith("[") and value.endswith("]"):
            items = [*current, item]
            lines[at] = f"{key}: [{', '.join(items)}]\n"
        elif value:
            raise EditRefused(f"'{key}' is written in a form this edit does not know; add {item} by hand")
        else:
            last = at
            indent = "  - "
            for i in range(at + 1, len(lines)):
                stripped = lines[i].lstrip()
                if _key_of(lines[i]) is not None:
                    break
                if stripped.startswith("- "):
                    last = i
                    indent = lines[i][: len(lines[i]) - len(stripped)] + "- "
                elif stripped and not stripped.startswith("#") and lines[i][0] in " \t":
                    last = i  # a continued item
            lines[last + 1:last + 1] = [f"{indent}{item}\n"]
    edited = "".join(lines)
    after = _load(edited)
    expected = {**before, key: [*current, item]}
    if after != expected:
        raise EditRefused(f"adding {item} to '{key}' would change other fields; add it by hand")
    return head + edited + rest


def remove_entries(text: str, ids: set[str]) -> str:
    """A registry file's ``text`` without the top-level entries ``ids``."""
    before = _load(text) or {}
    if not isinstance(before, dict):
        raise EditRefused("the registry file is not a mapping of id to entry")
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if _key_of(line) is not None]
    drop: set[int] = set()
    for n, start in enumerate(starts):
        if _key_of(lines[start]) not in ids:
            continue
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1  # comments and blank lines before the next entry belong to it
        drop.update(range(start, end))
    edited = "".join(line for i, line in enumerate(lines) if i not in drop)
    after = _load(edited) or {}
    if after != {k: v for k, v in before.items() if k not in ids}:
        raise EditRefused("removing the entries would change others; remove them by hand")
    return edited
