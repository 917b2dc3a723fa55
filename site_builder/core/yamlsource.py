"""Strict YAML reading with line numbers.

PyYAML's loaders turn a document straight into Python values and forget where
each value came from. Curators need ``file:line`` in every message, so this
module composes the node tree and converts it itself, recording the line of
every key and value in a :class:`LineMap`. It is also stricter than
``yaml.safe_load`` where strictness protects the archive:

* anchors and aliases are rejected (no alias bombs, no action at a distance);
* duplicate keys are rejected (YAML would silently keep the last one);
* timestamps stay strings, so ``2025-02-30`` reaches validation as text and
  gets a proper message instead of a constructor crash;
* nesting deeper than :data:`MAX_DEPTH` is refused with the line where it
  goes too deep (the data model needs four levels; a hostile file of ten
  thousand ``[`` would otherwise end in a RecursionError).

No file I/O here: callers pass text and a display path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from site_builder.errors import Diagnostic, SourceError

Path_ = tuple[str | int, ...]

#: Deepest nesting of lists and mappings accepted (a registry entry's quote list is four levels deep).
MAX_DEPTH = 20


def _too_deep(text: str) -> tuple[bool, int | None]:
    """Whether ``text`` nests deeper than :data:`MAX_DEPTH`, and the 0-based line where it first does.

    Found from parser events, without recursion (with libyaml, also without the pure-Python
    scanner, which slows down with every open bracket).
    """
    depth = 0
    loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return True, int(event.start_mark.line) if event.start_mark is not None else None
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:  # libyaml stops at 1,000 levels, before any event
        if "nesting depth" in str(exc.problem):
            return True, exc.problem_mark.line if exc.problem_mark is not None else None
    except yaml.YAMLError:
        pass
    return False, None


@dataclass
class LineMap:
    """Where each value of a parsed YAML document sits in its file."""

    offset: int = 0
    values: dict[Path_, int] = field(default_factory=dict)
    keys: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_ = ()) -> int:
        """Line of the value at ``path``, or of its nearest present ancestor."""
        path = tuple(path)
        while path:
            if path in self.values:
                return self.values[path] + self.offset
            path = path[:-1]
        return self.values.get((), 0) + self.offset

    def key_line(self, path: Path_) -> int:
        """Line of the key that introduces ``path`` (falls back to the value)."""
        path = tuple(path)
        if path in self.keys:
            return self.keys[path] + self.offset
        return self.line(path)


class _Resolver(yaml.resolver.Resolver):
    """The YAML 1.1 resolver without implicit timestamps (dates stay text)."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}


class _Composer(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    _Resolver,
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.events.AliasEvent):
            event = self.peek_event()
            raise _Refused(event.start_mark.line, f"YAML alias '*{event.anchor}' is not allowed",
                           "write the value out in full")
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(event.start_mark.line, f"YAML anchor '&{anchor}' is not allowed",
                           "write the value out in full; anchors and aliases are refused")
        return super().compose_node(parent, index)


class _TooDeep(Exception):
    def __init__(self, line0: int | None) -> None:
        super().__init__(line0)
        self.line0 = line0


class _Refused(Exception):
    def __init__(self, line0: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.line0, self.message, self.hint = line0, message, hint


_SCALAR_TAGS = {
    "tag:yaml.org,2002:null": "construct_yaml_null",
    "tag:yaml.org,2002:bool": "construct_yaml_bool",
    "tag:yaml.org,2002:int": "construct_yaml_int",
    "tag:yaml.org,2002:float": "construct_yaml_float",
    "tag:yaml.org,2002:str": "construct_yaml_str",
}


if yaml.__with_libyaml__:  # without libyaml, PyYAML has no CSafeLoader

    class _CComposer(yaml.CSafeLoader, _Resolver):
        """libyaml's parser with the safe constructor and :class:`_Resolver` (dates stay text).

        ``_Resolver`` precedes ``Resolver`` in the method order, so its implicit resolvers win.
        """


def _fast_compose(text: str) -> yaml.Node | None:
    """Compose with libyaml when the text cannot hold anchors or aliases; None means "use the slow path".

    libyaml is several times faster, but it resolves aliases silently, so any
    text with '&' or '*' (and any error, to get the same messages) goes through
    the pure-Python composer, which refuses them with a line number.
    """
    if not yaml.__with_libyaml__ or "&" in text or "*" in text or not text.strip():
        return None
    composer = _CComposer(text)
    try:
        return composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem) and exc.problem_mark is not None:
            raise _TooDeep(exc.problem_mark.line) from None  # libyaml's own limit (1,000 levels)
        return None
    except yaml.YAMLError:
        return None
    finally:
        composer.dispose()


def parse_yaml(text: str, display_path: str, line_offset: int = 0) -> tuple[Any, LineMap]:
    """Parse one YAML document into plain values plus a :class:`LineMap`.

    ``line_offset`` is added to every line, for YAML embedded in a larger file
    (front-matter starts on line 2 of a briefing). Raises :class:`SourceError`.
    """
    lines = LineMap(offset=line_offset)

    def fail(line0: int | None, message: str, hint: str | None = None) -> SourceError:
        line = None if line0 is None else line0 + 1 + line_offset
        return SourceError(Diagnostic(display_path, line, message, hint))

    deep = f"nested more than {MAX_DEPTH} levels deep"
    deep_hint = "the data model needs no more than a few levels; remove the extra brackets or indentation"
    try:
        root = _fast_compose(text)
    except _TooDeep as exc:
        raise fail(exc.line0, f"invalid YAML: {deep}", deep_hint) from None
    except RecursionError:
        raise fail(_too_deep(text)[1], f"invalid YAML: {deep}", deep_hint) from None
    if root is None and text.count("[") + text.count("{") > MAX_DEPTH:
        too_deep, line0 = _too_deep(text)  # before the pure-Python composer meets it
        if too_deep:
            raise fail(line0, f"invalid YAML: {deep}", deep_hint)
    try:
        # the reader checks for unprintable characters as soon as it is built, so build it in here
        loader = _Composer(text)
    except yaml.reader.ReaderError as exc:
        line0 = text.count("\n", 0, exc.position) if isinstance(exc.position, int) else None
        raise fail(line0, f"control character U+{exc.character:04X} is not allowed in YAML"
                   if isinstance(exc.character, int) else "invalid character in YAML",
                   "delete it; it may be invisible in your editor") from None
    try:
        if root is None:
            root = loader.get_single_node()
    except _Refused as exc:
        raise fail(exc.line0, exc.message, exc.hint) from None
    except RecursionError:
        raise fail(_too_deep(text)[1], f"invalid YAML: {deep}", deep_hint) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        hint = "check indentation, colons and quotes on this line"
        if exc.context and "flow" in exc.context and exc.context_mark is not None:
            mark = exc.context_mark  # the unclosed [ or { is what needs fixing
            hint = "close the [ or { opened on this line"
        elif exc.context and "quoted scalar" in exc.context and exc.context_mark is not None:
            mark = exc.context_mark  # the unclosed quote, not the end of the file
            hint = "close the quote opened on this line"
        if "\t" in text and ("'\\t'" in problem or "tab" in problem):
            problem, hint = "tab character in YAML", "indent with spaces, not tabs"
        elif "found duplicate anchor" in problem:
            hint = "anchors and aliases are refused"
        raise fail(mark.line if mark else None, f"invalid YAML: {problem}", hint) from None
    except yaml.YAMLError as exc:
        raise fail(None, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()

    def convert(node: yaml.Node, path: Path_) -> Any:
        lines.values[path] = node.start_mark.line + 1
        if len(path) >= MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
            raise fail(node.start_mark.line, f"invalid YAML: {deep}", deep_hint)
        if isinstance(node, yaml.ScalarNode):
            method = _SCALAR_TAGS.get(node.tag)
            if method is None:
                if node.tag == "tag:yaml.org,2002:timestamp":
                    return node.value
                raise fail(node.start_mark.line, f"YAML tag '{node.tag}' is not allowed",
                           "remove the '!' tag")
            try:
                return getattr(loader, method)(node)
            except (ValueError, yaml.YAMLError):
                return node.value
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise fail(
                    node.start_mark.line, f"YAML tag '{node.tag}' is not allowed", "remove the '!' tag"
                )
            return [convert(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                raise fail(node.start_mark.line, f"YAML tag '{node.tag}' is not allowed")
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise fail(key_node.start_mark.line, "YAML merge key '<<' is not allowed",
                               "write the keys out in full")
                if not isinstance(key_node, yaml.ScalarNode):
                    raise fail(key_node.start_mark.line, "a mapping key must be plain text")
                key = str(key_node.value)
                if key in result:
                    first = lines.keys[(*path, key)]
                    raise fail(key_node.start_mark.line, f"duplicate key '{key}'",
                               f"it is already set on line {first + line_offset}; keep one")
                lines.keys[(*path, key)] = key_node.start_mark.line + 1
                result[key] = convert(value_node, (*path, key))
            return result
        raise fail(node.start_mark.line, "unsupported YAML node")  # pragma: no cover

    if root is None:
        return None, lines
    return convert(root, ()), lines
