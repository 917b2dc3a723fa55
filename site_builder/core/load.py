"""Stage 1, *load*: files on disk -> model records plus diagnostics.

Each file is read on its own. A file that cannot be read, parsed or that breaks
the schema becomes a :class:`Diagnostic` and is left out, and loading goes on,
so one run reports every problem (as Pelican's readers do). Cross-file rules
(unknown ids, duplicates) belong to :mod:`site_builder.core.validate`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from site_builder import fsutil
from site_builder.body.parse import ParsedBody, parse
from site_builder.body.policy import body_diagnostics, size_diagnostics
from site_builder.core import schema as S
from site_builder.core.models import (
    Actor,
    Archive,
    Briefing,
    Event,
    Origin,
    Outlet,
    Quote,
    Registry,
    RejectedActor,
    RejectedLink,
    Rejections,
)
from site_builder.core.suggest import did_you_mean
from site_builder.core.urls import slugify
from site_builder.core.yamlsource import LineMap, parse_yaml
from site_builder.errors import Diagnostic, SourceError
from site_builder.parallel import can_fork, fork_map

#: Largest briefing file accepted; news articles are far smaller.
MAX_BRIEFING_BYTES = 1_000_000
MAX_REGISTRY_BYTES = 20_000_000
#: Most briefing files one archive may hold; every page, feed and index grows with this number.
MAX_BRIEFING_FILES = 200_000
REGISTRY_DIRNAME = "registry"
#: The optional registry file of rejected proposals (``rejected.yml``).
REJECTED = "rejected"
#: The registry files every archive has (``REJECTED`` is optional).
REGISTRY_FILES = ("actors", "events", "outlets")
SKIPPED_NAMES = {"README.md", "CONTRIBUTING.md"}


@dataclass
class LoadResult:
    archive: Archive
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class Layout:
    """Where the archive's sources live, and how to name them in messages."""

    root: Path  # project root; paths in messages are relative to it
    content_dir: Path  # briefings/
    registry_dir: Path  # briefings/registry/

    @classmethod
    def at(cls, root: Path, content: str = "briefings", registry: str | None = None) -> Layout:
        root = root.resolve()
        content_dir = (root / content).resolve()
        registry_dir = (root / registry).resolve() if registry else content_dir / REGISTRY_DIRNAME
        return cls(root, content_dir, registry_dir)

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def registry_file(self, name: str) -> Path:
        return self.registry_dir / f"{name}.yml"


# --------------------------------------------------------------------------- reading text


def read_text(path: Path, display: str, limit: int) -> str:
    """Read a UTF-8 source file; accept a BOM and CRLF, refuse anything else odd."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(Diagnostic(display, None, f"cannot read file: {exc.strerror}")) from None
    if len(data) > limit:
        raise SourceError(Diagnostic(display, 1, f"file is {len(data):,} bytes, over the limit of "
                                     f"{limit:,}", "split it or trim the body"))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(Diagnostic(display, line, f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
                                     "save the file as UTF-8")) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise SourceError(Diagnostic(display, line, "NUL character in file", "save it as plain text"))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, display: str) -> tuple[str, str, int]:
    """Split ``---`` front-matter from the body. Returns (yaml, body, body_line)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise SourceError(Diagnostic(display, 1, "file does not start with '---' front-matter",
                                     "begin the file with a line '---', the YAML fields, then '---'"))
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2
    raise SourceError(Diagnostic(display, 1, "front-matter opened on line 1 is never closed",
                                 "add a line '---' after the last field"))


# --------------------------------------------------------------------------- schema checks


#: Kinds whose data is one record (a briefing's front-matter), not a mapping of id to entry.
_WHOLE_RECORDS = frozenset({"briefing", "rejected", "rejected-link"})


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    if name == "rejected-actors":
        schema = {"type": "object", "propertyNames": {"pattern": S.ID_PATTERN},
                  "additionalProperties": S.entry_schema(S.REJECTED_ACTOR_FIELDS)}
    elif name == "rejected-link":
        schema = S.entry_schema(S.REJECTED_LINK_FIELDS)
    else:
        schema = S.briefing_schema() if name == "briefing" else S.registry_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


@cache
def _quick_check(name: str) -> Callable[[Any], bool]:
    """A fast yes/no for the same schema (jsonschema-rs, compiled in Rust, about 30 times faster).

    Only a "yes" is trusted: its regular expressions are stricter than Python's
    (``$`` never matches before a final newline), so anything it refuses goes to
    ``jsonschema``, which finds and words the actual errors, or finds none.
    """
    schema = _validator(name).schema
    try:
        import jsonschema_rs
        compiled = jsonschema_rs.validator_for(schema)
    except Exception:  # noqa: BLE001 -- not installed, or a schema it cannot compile: no shortcut
        return lambda data: False

    def check(data: Any) -> bool:
        try:
            return bool(compiled.is_valid(data))
        except (ValueError, TypeError):  # a value it cannot convert (a date object, say)
            return False
    return check


def _field_at(fields: tuple[S.Field, ...], path: tuple[Any, ...]) -> S.Field | None:
    """The :class:`Field` a JSON path points into (quotes nest one level)."""
    if not path:
        return None
    found = S.field_named(fields, str(path[0]))
    if found and found.type == "quote-list" and len(path) >= 3:
        return S.field_named(S.QUOTE_FIELDS, str(path[2]))
    return found


def _describe(value: Any) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    return {dict: "a mapping", list: "a list", bool: "true/false", type(None): "nothing"}.get(
        type(value), repr(value))


def schema_diagnostics(
    data: Any, kind: str, fields: tuple[S.Field, ...], display: str, lines: LineMap,
    prefix: tuple[Any, ...] = (), failed_entries: set[str] | None = None,
) -> list[Diagnostic]:
    """Validate ``data`` against the generated JSON Schema; phrase each error for a curator.

    For a registry, the ids of entries with errors are added to ``failed_entries``.
    """
    if _quick_check(kind)(data):
        return []  # almost every file is valid; finding that out is most of the cost of loading
    validator = _validator(kind)
    out: list[Diagnostic] = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = tuple(error.absolute_path)
        if kind not in _WHOLE_RECORDS and path:
            entry_id, path = path[0], path[1:]
            where: tuple[Any, ...] = (*prefix, entry_id)
        else:
            entry_id, where = None, prefix
        if failed_entries is not None:
            if entry_id is not None:
                failed_entries.add(str(entry_id))
            elif error.validator == "propertyNames" and isinstance(error.instance, str):
                failed_entries.add(error.instance)
        label = f"{kind[:-1]} '{entry_id}': " if entry_id is not None else ""
        spec = _field_at(fields, path)
        line = lines.line((*where, *path))
        name = ".".join(str(p) for p in path) or "front-matter"
        if error.validator == "required":
            missing = str(error.message).split("'")[1]
            msg, hint = f"{label}missing required field '{missing}'", None
            target = _field_at(fields, (*path, missing))
            if target:
                hint = f"add '{missing}:' with {S.TYPE_HINTS[target.type]}"
        elif error.validator == "additionalProperties":
            known = list(error.schema.get("properties", {}))
            for extra in sorted(set(error.instance) - set(known)):
                extra_line = lines.key_line((*where, *path, extra))
                out.append(Diagnostic(display, extra_line, f"{label}unknown field '{extra}'",
                                      did_you_mean(extra, known) or f"known fields: {', '.join(known)}"))
            continue
        elif error.validator == "propertyNames" or (not path and error.validator == "pattern"):
            bad = error.instance if isinstance(error.instance, str) else str(entry_id)
            msg, hint = f"'{bad}' is not a valid id", S.TYPE_HINTS["id"]
            line = lines.key_line((*prefix, bad))
        elif error.validator == "type" and not path:
            msg = (f"{label or 'front-matter '}must be a mapping of fields, got "
                   f"{_describe(error.instance)}")
            hint = None
        elif error.validator == "enum":
            allowed = [str(v) for v in error.validator_value]
            msg = f"{label}'{error.instance}' is not a valid {name}"
            hint = did_you_mean(str(error.instance), allowed) or f"use one of: {', '.join(allowed)}"
        elif error.validator == "uniqueItems":
            msg, hint = f"{label}'{name}' lists the same value twice", "remove the repeat"
            seen: list[Any] = []
            for i, item in enumerate(error.instance):  # point at the repeat, not at the list
                if item in seen:
                    line = lines.line((*where, *path, i))
                    break
                seen.append(item)
        elif error.validator == "not" and kind == "events":
            msg, hint = f"{label}has both 'date' and 'start'", "use date for one day, start/end for a span"
        elif error.validator == "dependentRequired":
            msg, hint = f"{label}needs both 'start' and 'end'", "give both, or a single 'date'"
        elif error.validator == "maxItems":
            msg = (f"{label}'{name}' lists {len(error.instance):,} entries, over the limit of "
                   f"{error.validator_value}")
            hint = ("name the actors the article is about; every pair of them becomes a co-mention"
                    if name == "actors" else f"keep the {error.validator_value} that matter most")
        elif error.validator == "maxLength":
            msg = (f"{label}'{name}' is {len(error.instance):,} characters long, over the limit of "
                   f"{error.validator_value:,}")
            hint = "shorten it; the full text belongs in the body"
        else:
            if spec and spec.type in S.ITEM_HINTS and len(path) == 2 and isinstance(path[1], int):
                msg = (f"{label}entry {path[1] + 1} of '{path[0]}' must be {S.ITEM_HINTS[spec.type]}, "
                       f"got {_describe(error.instance)}")
            else:
                expected = S.TYPE_HINTS.get(spec.type, "a valid value") if spec else "a valid value"
                msg = f"{label}'{name}' must be {expected}, got {_describe(error.instance)}"
            hint = None
        out.append(Diagnostic(display, line, msg, hint))
    return out


#: Characters refused in front-matter and registry values: C0 controls (tab and line break are
#: allowed only in free text), DEL, lone surrogates and the two non-characters XML cannot carry.
#: Feeds are XML 1.0 and a lone surrogate cannot even be encoded as UTF-8.
_BAD_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_BAD_IN_TOKEN = re.compile("[\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_BODY_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")
_FREE_TEXT = frozenset({"text", "text-list"})


def _character_problem(value: str, free_text: bool) -> str | None:
    """What is wrong with the characters of one value, worded for a curator, or None."""
    found = (_BAD_IN_TEXT if free_text else _BAD_IN_TOKEN).search(value)
    if found is None:
        return None
    char = found.group(0)
    if "\ud800" <= char <= "\udfff":
        return f"contains a lone surrogate U+{ord(char):04X}, which is not a character"
    if char == "\n":
        return "ends with a line break" if found.start() == len(value) - 1 else "contains a line break"
    return f"contains the control character U+{ord(char):04X}"


def character_diagnostics(data: Any, kind: str, fields: tuple[S.Field, ...], display: str, lines: LineMap,
                          failed_entries: set[str] | None = None) -> list[Diagnostic]:
    """Every key and value with a character no page, feed or URL can carry, at its line.

    A YAML escape (``"\\x01"``, ``"\\ud800"``) or a ``|`` block can put such characters into
    a value that the schema's patterns accept (Python's ``$`` matches before a final line break),
    so they are refused here, by field: free text may hold tabs and line breaks, an id, URL or
    date may not.
    """
    out: list[Diagnostic] = []
    registry = kind not in _WHOLE_RECORDS

    def visit(value: Any, path: tuple[Any, ...], entry: str | None) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                where = (*path, key)
                problem = _character_problem(str(key), False)
                if problem:
                    out.append(Diagnostic(display, lines.key_line(where),
                                          f"key {_describe(str(key))} {problem}",
                                          "delete it; it may be invisible in your editor"))
                    if failed_entries is not None:
                        failed_entries.add(str(entry if entry is not None else key))
                    continue
                visit(item, where, entry if entry is not None or not registry or path else str(key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                visit(item, (*path, i), entry)
        elif isinstance(value, str):
            spec = _field_at(fields, path[1:] if registry else path)
            problem = _character_problem(value, spec is not None and spec.type in _FREE_TEXT)
            if problem:
                name = ".".join(str(p) for p in (path[1:] if registry else path))
                label = f"{kind[:-1]} '{entry}': " if registry and entry is not None else ""
                out.append(Diagnostic(display, lines.line(path), f"{label}'{name}' {problem}",
                                      "an id, address or date is one line of plain characters; a YAML '|' "
                                      "or '>' block adds a line break" if "line break" in problem
                                      else "delete it; it may be invisible in your editor"))
                if failed_entries is not None and entry is not None:
                    failed_entries.add(entry)

    visit(data, (), None)
    return out


def value_problem(spec: S.Field, value: str) -> str | None:
    """What is wrong with one value of the field ``spec``, or None: for an editor that sets one field.

    The same rules as loading a whole file (the field's JSON Schema from :mod:`schema`, and the
    characters :func:`character_diagnostics` refuses), so a value saved here passes ``check``.
    """
    problem = _character_problem(value, spec.type in _FREE_TEXT)
    if problem:
        return f"the {spec.name} {problem}"
    schema = spec.json_schema()
    error = next(iter(jsonschema.validators.validator_for(schema)(schema).iter_errors(value)), None)
    if error is None:
        return None
    if error.validator == "enum":
        allowed = [str(v) for v in spec.enum]
        hint = did_you_mean(value, allowed)
        return f"'{value}' is not a valid {spec.name}; " + (hint or f"use one of: {', '.join(allowed)}")
    if error.validator == "maxLength":
        return f"the {spec.name} is {len(value):,} characters long, over the limit of {S.MAX_TEXT_LENGTH:,}"
    return f"the {spec.name} must be {S.TYPE_HINTS[spec.type]}, got {_describe(value)}"


def parse_date(value: str, display: str, line: int, name: str) -> tuple[dt.date | None, Diagnostic | None]:
    try:
        return dt.date.fromisoformat(value), None
    except ValueError:
        return None, Diagnostic(display, line, f"'{name}' {value} is not a real calendar date",
                                "check the day and month")


# --------------------------------------------------------------------------- briefings


def link_diagnostics(folder: Path, layout: Layout) -> list[Diagnostic]:
    """One error per symbolic link under ``folder`` that leads out of the project or loops."""
    return [Diagnostic(layout.display(path), None, reason, "replace the link with the file or folder itself")
            for path, reason in fsutil.bad_links(folder, layout.root)]


def outside_links(layout: Layout) -> list[Diagnostic]:
    """Symbolic links under the content folder that lead outside the project, or outside the content.

    The loader never follows them (see :func:`briefing_files`), so without this check a month
    folder linked elsewhere would be skipped without a word; a link out of the project may
    also expose a file of the machine that builds the site.
    """
    out: list[Diagnostic] = []
    reported: set[Path] = set()
    for path, reason in fsutil.bad_links(layout.content_dir, layout.root):
        reported.add(path)
        if reason == fsutil.OUTSIDE and path.is_dir():
            out.append(_linked_folder(layout, path))
        else:
            out.append(Diagnostic(layout.display(path), None, reason,
                                  "replace the link with the file or folder itself"))
    for folder, entries in fsutil.walk(layout.content_dir):
        for entry in entries:
            if not entry.is_symlink():  # known from the listing: no path made for every file
                continue
            path = Path(folder) / entry.name
            if entry.is_dir() and path not in reported \
                    and not fsutil.is_inside(path.resolve(), layout.content_dir):
                out.append(_linked_folder(layout, path))
    return sorted(out)


def _linked_folder(layout: Layout, path: Path) -> Diagnostic:
    return Diagnostic(layout.display(path), None, "linked folder points outside the content folder; its "
                      "briefings are not read", "replace the link with the folder")


def briefing_files(layout: Layout) -> list[Path]:
    """Every briefing source under the content folder, in a stable order.

    Links are followed only inside the content folder and never into a folder already
    read, so a link loop ends at once (:func:`fsutil.walk`).
    """
    files: list[Path] = []
    registry = layout.registry_dir
    for folder, entries in fsutil.walk(layout.content_dir):
        if folder.resolve() == registry or registry in folder.resolve().parents:
            continue
        base = Path(folder)
        files.extend(base / e.name for e in entries  # joining a name costs a third of parsing a path
                     if e.name.endswith(".md") and e.name not in SKIPPED_NAMES and not e.is_dir())
    if len(files) > MAX_BRIEFING_FILES:
        raise SourceError(Diagnostic(layout.display(layout.content_dir), None,
                                     f"{len(files):,} briefing files, over the limit of "
                                     f"{MAX_BRIEFING_FILES:,}",
                                     "split the archive"))
    return sorted(files)


def load_briefing(path: Path, layout: Layout, resolved_dirs: dict[Path, Path] | None = None,
                  parse_body: bool = True) -> tuple[Briefing | None, list[Diagnostic]]:
    """Read one briefing file; return it (or None) with every problem found in it.

    ``resolved_dirs`` caches the real path of each folder across calls (a
    month folder holds hundreds of briefings; resolving is a system call per
    path component). ``parse_body=False`` leaves the body unparsed, and its content
    policy unchecked (its size excepted), for a renderer that parses it and reports
    the policy's problems (:attr:`~site_builder.core.render.RenderedPage.problems`).
    """
    display = layout.display(path)
    try:
        # The real path also catches a link higher up (a month folder linked elsewhere).
        if path.is_symlink() or resolved_dirs is None:
            real = path.resolve()
        else:
            if path.parent not in resolved_dirs:
                resolved_dirs[path.parent] = path.parent.resolve()
            real = resolved_dirs[path.parent] / path.name
        if layout.content_dir not in real.parents:
            raise SourceError(Diagnostic(display, 1, "symbolic link points outside the content folder",
                                         "replace the link with the file itself"))
        text = read_text(path, display, MAX_BRIEFING_BYTES)
        front, body, body_line = split_front_matter(text, display)
    except SourceError as exc:
        return None, [exc.diagnostic]
    # Every problem of the file in one run: a broken front-matter or date does not hide the
    # body's problems, and a record is still made for the cross-file checks when it can be.
    try:
        data, lines = parse_yaml(front, display, line_offset=1)
    except SourceError as exc:
        return None, [exc.diagnostic, *body_diagnostics(body, display, body_line)]
    if data is None:
        data = {}
    problems = character_diagnostics(data, "briefing", S.BRIEFING_FIELDS, display, lines)
    problems += schema_diagnostics(data, "briefing", S.BRIEFING_FIELDS, display, lines)
    if not isinstance(data, dict):
        return None, problems
    date: dt.date | None = None
    date_line = lines.line(("date",))
    if isinstance(data.get("date"), str) and not any(p.line == date_line for p in problems):
        date, bad = parse_date(data["date"], display, date_line, "date")
        if bad:
            problems.append(bad)
    stem = path.stem
    if not body.strip():
        problems.append(Diagnostic(display, body_line, "the briefing has no body text",
                                   "paste the article text below the closing '---'"))
    title = data.get("title") if isinstance(data.get("title"), str) else ""
    if len(stem) < 12 or stem[10] != "-" or not _is_slug(stem[11:]):
        problems.append(Diagnostic(display, 1, f"file name '{path.name}' is not YYYY-MM-DD-slug.md",
                                   f"rename it to {date.isoformat() if date else 'YYYY-MM-DD'}-"
                                   f"{slugify(title or stem)}.md"))
    elif date and stem[:10] != date.isoformat():
        problems.append(Diagnostic(display, date_line,
                                   f"file name starts with {stem[:10]} but date is {date.isoformat()}",
                                   f"rename the file to {date.isoformat()}{stem[10:]}.md or fix the date"))
    if date:
        expected_dir = layout.content_dir / f"{date.year:04d}" / f"{date.month:02d}"
        if not problems and path.parent != expected_dir:
            problems.append(Diagnostic(display, date_line,
                                       f"a briefing dated {date.isoformat()} belongs in "
                                       f"{layout.display(expected_dir)}/", "move the file there"))
    control = _BODY_CONTROL.search(body)
    if control:
        problems.append(Diagnostic(display, body_line + body.count("\n", 0, control.start()),
                                   f"control character U+{ord(control.group(0)):04X} in the body",
                                   "delete it; it may be invisible in your editor"))
    # The only parse of the body: check reads it here, render later (a body over the size limits
    # is refused unparsed). Unless the renderer is to parse it, and check it then.
    stored, first = body.strip("\n") + "\n", body_line + len(body) - len(body.lstrip("\n"))
    parsed = None
    if not parse_body:
        problems.extend(size_diagnostics(stored, display, first))
    else:
        parsed = None if size_diagnostics(stored, display, first) else parse(stored)
        problems.extend(body_diagnostics(stored, display, first, parsed))  # raw HTML, non-web links
    briefing = _record(data, stem, date, body, body_line, Origin(display, lines), parsed)
    return briefing, problems


_ID = re.compile(S.ID_PATTERN)


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and _ID.match(value) is not None and "\n" not in value


def _ids(value: Any) -> tuple[str, ...]:
    """The well-formed ids of a list, each once (the malformed ones are reported by the schema)."""
    return tuple(dict.fromkeys(v for v in value if _is_id(v))) if isinstance(value, list) else ()


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _record(data: dict[str, Any], stem: str, date: dt.date | None, body: str, body_line: int,
            origin: Origin, parsed: ParsedBody | None = None) -> Briefing:
    """The briefing as a record; fields with problems (already reported) are left empty.

    A file with problems still becomes a record so that ``validate`` checks its ids in the
    same run; the build never renders it, because any error stops the build.
    """
    def text(key: str) -> str:
        value = data.get(key)
        return value if isinstance(value, str) else ""

    actors = data.get("actors")
    actors_ok = isinstance(actors, list) and len(_ids(actors)) == len(actors)
    # Quotes are checked against the actors list: with that list broken, they would only echo its error.
    quotes = tuple(Quote(q.get("speaker"), q["text"], q.get("via"), _str_or_none(q.get("how")),
                         _str_or_none(q.get("cue")), _str_or_none(q.get("unattributed")))
                   for q in data.get("quotes") or () if isinstance(q, dict)
                   and (q.get("speaker") is None or _is_id(q.get("speaker")))
                   and isinstance(q.get("text"), str) and (q.get("via") is None or _is_id(q.get("via")))) \
        if actors_ok and isinstance(data.get("quotes"), list) else ()
    return Briefing(
        id=stem, title=text("title"), date=date or dt.date.min,
        outlet=data["outlet"] if _is_id(data.get("outlet")) else "",
        source_url=text("source_url"), actors=_ids(data.get("actors")), summary=text("summary"),
        body=parsed.source if parsed is not None else body.strip("\n") + "\n",
        events=_ids(data.get("events")), quotes=quotes, tags=_ids(data.get("tags")),
        author=data.get("author") if isinstance(data.get("author"), str) else None,
        section=data.get("section") if isinstance(data.get("section"), str) else None,
        draft=data.get("draft") is True, link_mentions=data.get("link_mentions") is not False,
        former_ids=_ids(data.get("former_ids")), origin=origin,
        body_line=body_line + len(body) - len(body.lstrip("\n")), parsed=parsed,
    )


def _is_slug(text: str) -> bool:
    return re.fullmatch(S.ID_PATTERN, text) is not None


# --------------------------------------------------------------------------- registries


def load_registry_file(layout: Layout, name: str) -> tuple[dict[str, Any], LineMap, list[Diagnostic]]:
    """Parse one registry file and schema-check it; broken entries are dropped."""
    path = layout.registry_file(name)
    display = layout.display(path)
    if not path.exists():
        return {}, LineMap(), [Diagnostic(display, None, "registry file not found",
                                          f"create it with one '{name[:-1]}-id:' mapping per entry")]
    try:
        data, lines = _registry_yaml(layout, path, display)
    except SourceError as exc:
        return {}, LineMap(), [exc.diagnostic]
    if data is None:
        data = {}
    bad_ids: set[str] = set()
    fields = S.REGISTRY_FIELDS[name]
    problems = character_diagnostics(data, name, fields, display, lines, failed_entries=bad_ids)
    problems += schema_diagnostics(data, name, fields, display, lines, failed_entries=bad_ids)
    if not isinstance(data, dict):
        return {}, lines, problems
    entries = {k: v for k, v in data.items() if k not in bad_ids and isinstance(v, dict)}
    for key, value in entries.items():
        for date_field in ("date", "start", "end"):
            if name == "events" and date_field in value:
                parsed, bad = parse_date(value[date_field], display, lines.line((key, date_field)),
                                         date_field)
                if bad:
                    problems.append(bad)
                    bad_ids.add(key)
                else:
                    value[date_field] = parsed
    return {k: v for k, v in entries.items() if k not in bad_ids}, lines, problems


def _records(layout: Layout, name: str, factory: Any, diagnostics: list[Diagnostic]) -> dict[str, Any]:
    entries, lines, problems = load_registry_file(layout, name)
    diagnostics.extend(problems)
    origin_path = layout.display(layout.registry_file(name))
    # Each entry keeps the lines of its own fields: grouped in one pass, not one pass per entry.
    values: dict[Any, dict[tuple[Any, ...], int]] = {}
    keys: dict[Any, dict[tuple[Any, ...], int]] = {}
    for table, grouped in ((lines.values, values), (lines.keys, keys)):
        for p, n in table.items():
            if p:
                grouped.setdefault(p[0], {})[p[1:]] = n
    records = {}
    for key, value in entries.items():
        scoped = LineMap(lines.offset, values.get(key, {}), keys.get(key, {}))
        scoped.values.setdefault((), lines.key_line((key,)))
        scoped.keys.setdefault((), lines.key_line((key,)))  # the line of the id itself
        fields = {k: tuple(v) if isinstance(v, list) else v for k, v in value.items()}
        records[key] = factory(id=key, origin=Origin(origin_path, scoped), **fields)
    return records


def load_registry(layout: Layout, diagnostics: list[Diagnostic]) -> Registry:
    return Registry(
        actors=_records(layout, "actors", Actor, diagnostics),
        events=_records(layout, "events", Event, diagnostics),
        outlets=_records(layout, "outlets", Outlet, diagnostics),
        rejected=load_rejections(layout, diagnostics),
    )


def _registry_yaml(layout: Layout, path: Path, display: str) -> tuple[Any, LineMap]:
    """A registry file's YAML with its line map; a link out of the project is refused (SourceError)."""
    if path.is_symlink() and layout.root not in path.resolve().parents:
        raise SourceError(Diagnostic(display, 1, "symbolic link points outside the project folder",
                                     "replace the link with the file itself"))
    return parse_yaml(read_text(path, display, MAX_REGISTRY_BYTES), display)


def load_rejections(layout: Layout, diagnostics: list[Diagnostic]) -> Rejections:
    """``rejected.yml``, optional: no file is no rejection; broken entries are reported and left out."""
    path = layout.registry_file(REJECTED)
    display = layout.display(path)
    if not path.exists():
        return Rejections()
    try:
        data, lines = _registry_yaml(layout, path, display)
    except SourceError as exc:
        diagnostics.append(exc.diagnostic)
        return Rejections()
    if data is None:
        return Rejections()
    problems = character_diagnostics(data, "rejected", (), display, lines)
    diagnostics.extend(problems)
    if problems:
        return Rejections()
    if not isinstance(data, dict) or set(data) - {"actors", "links"}:
        extra = sorted(map(str, set(data) - {"actors", "links"})) if isinstance(data, dict) else []
        diagnostics.append(Diagnostic(display, lines.key_line((extra[0],)) if extra else 1,
                                      f"unknown part '{extra[0]}'" if extra else "must be a mapping",
                                      "the file has two parts: 'actors:' (a mapping of id to entry) and "
                                      "'links:' (a list)"))
        return Rejections()
    actors: dict[str, RejectedActor] = {}
    part = data.get("actors") or {}
    bad: set[str] = set()
    found = schema_diagnostics(part, "rejected-actors", S.REJECTED_ACTOR_FIELDS, display, lines,
                               prefix=("actors",), failed_entries=bad)
    diagnostics.extend(found)
    if isinstance(part, dict):
        actors = {k: RejectedActor(k, v["name"], v.get("briefing"), v.get("note"),
                                   Origin(display, _scoped(lines, ("actors", k))))
                  for k, v in part.items() if k not in bad and _is_id(k) and isinstance(v, dict)}
    elif not found:
        diagnostics.append(Diagnostic(display, lines.line(("actors",)), "'actors' must be a mapping of id "
                                      "to entry", "write 'actor-id:' with 'name:' below it"))
    links: list[RejectedLink] = []
    part = data.get("links") or []
    if not isinstance(part, list):
        diagnostics.append(Diagnostic(display, lines.line(("links",)), "'links' must be a list",
                                      "write '- name: ...' entries with 'actor:' below them"))
        part = []
    if len(part) > S.MAX_REJECTIONS:
        diagnostics.append(Diagnostic(display, lines.line(("links",)),
                                      f"'links' lists {len(part):,} entries, over the limit of "
                                      f"{S.MAX_REJECTIONS:,}", "remove the oldest"))
        part = []
    for i, entry in enumerate(part):
        found = schema_diagnostics(entry, "rejected-link", S.REJECTED_LINK_FIELDS, display, lines,
                                   prefix=("links", i))
        diagnostics.extend(found)
        if not found:
            links.append(RejectedLink(entry["name"], entry["actor"], entry.get("within"),
                                      entry.get("briefing"), entry.get("note"),
                                      Origin(display, _scoped(lines, ("links", i)))))
    return Rejections(actors, tuple(links))


def _scoped(lines: LineMap, prefix: tuple[Any, ...]) -> LineMap:
    """The line of one entry, as its own :class:`LineMap` (messages point at the entry)."""
    return LineMap(lines.offset, {(): lines.key_line(prefix) - lines.offset})


#: The modification time, size and inode of each registry file (None: a link, read every time).
_Stamps = tuple[tuple[int, int, int] | None, ...]


class LoadCache:
    """Briefings already read, by path, with the file's size and modification time.

    ``mkdocs serve`` rebuilds after every edit; with this cache only the files
    that changed are read and parsed again. An unchanged file gives back the
    very same :class:`Briefing` object, which later stages use to see what
    changed (see :mod:`site_builder.core.reads`).
    """

    def __init__(self) -> None:
        self.entries: dict[Path, tuple[tuple[int, int], tuple[Briefing | None, list[Diagnostic]]]] = {}
        self.registry_entry: tuple[_Stamps, Registry, list[Diagnostic]] | None = None

    def registry(self, layout: Layout, diagnostics: list[Diagnostic]) -> Registry:
        """The registries, read again only when one of their files changed (the same object if none did).

        A registry file that is a link is read every time: its target may change under it.
        """
        stamps: list[tuple[int, int, int] | None] = []
        for name in (*REGISTRY_FILES, REJECTED):
            try:
                info = os.lstat(layout.registry_file(name))
                stamps.append(None if stat.S_ISLNK(info.st_mode)
                              else (info.st_mtime_ns, info.st_size, info.st_ino))
            except OSError:
                stamps.append((0, 0, 0))  # missing: reported by load_registry, cached as missing
        key = tuple(stamps)
        cached = self.registry_entry
        if cached is not None and cached[0] == key and None not in key:
            diagnostics.extend(cached[2])
            return cached[1]
        found: list[Diagnostic] = []
        registry = load_registry(layout, found)
        self.registry_entry = (key, registry, found)
        diagnostics.extend(found)
        return registry

    def load(self, path: Path, layout: Layout, resolved_dirs: dict[Path, Path]) -> tuple[Briefing | None,
                                                                                        list[Diagnostic]]:
        try:
            info = os.lstat(path)  # one call tells both the stamp and whether it is a link
            stamp = (info.st_mtime_ns, info.st_size)
        except OSError:
            return load_briefing(path, layout, resolved_dirs)  # reports the problem
        cached = self.entries.get(path)
        if cached is not None and cached[0] == stamp and not stat.S_ISLNK(info.st_mode):
            return cached[1]
        result = load_briefing(path, layout, resolved_dirs)
        self.entries[path] = (stamp, result)
        return result

    def keep_only(self, paths: Iterable[Path]) -> None:
        """Forget deleted files."""
        wanted = set(paths)
        for path in [p for p in self.entries if p not in wanted]:
            del self.entries[path]


#: Below this many briefings, starting processes to load them costs more than it saves.
PARALLEL_MIN_FILES = 400


def load_archive(layout: Layout, cache: LoadCache | None = None, workers: int = 1,
                 parse_bodies: bool = True) -> LoadResult:
    """Load every briefing and registry under ``layout``; never raises for bad content.

    With a ``cache``, files unchanged since the last call are not read again.
    ``workers`` > 1 reads and parses a large archive in forked processes (most of
    loading is parsing YAML and bodies); the result is the same as in one.
    ``parse_bodies=False`` leaves every body unparsed and its content policy unchecked
    (see :func:`load_briefing`), for a build that renders each body once, in a worker,
    and checks it there: so each body is parsed once, where it is rendered. Holding every
    parse instead, from loading to rendering, would cost about half a loaded briefing's
    memory (some 8 kB a body), and a third of loading's time.
    """
    diagnostics: list[Diagnostic] = []
    if not layout.content_dir.is_dir():
        diagnostics.append(Diagnostic(layout.display(layout.content_dir), None, "content folder not found",
                                      "create it, or set content_dir in mkdocs.yml"))
        return LoadResult(Archive((), Registry({}, {}, {})), diagnostics)
    if cache is not None:
        registry = cache.registry(layout, diagnostics)
    else:
        registry = load_registry(layout, diagnostics)
    try:
        links = outside_links(layout)
        paths = briefing_files(layout)
    except fsutil.TooManyEntries as exc:
        diagnostics.append(Diagnostic(layout.display(layout.content_dir), None, str(exc).split(": ", 1)[1],
                                      "split the archive"))
        return LoadResult(Archive((), registry), diagnostics)
    except SourceError as exc:
        diagnostics.append(exc.diagnostic)
        return LoadResult(Archive((), registry), diagnostics)
    briefings = []
    resolved_dirs: dict[Path, Path] = {}
    if cache is not None:
        cache.keep_only(paths)
    if cache is None and workers > 1 and len(paths) >= PARALLEL_MIN_FILES and can_fork():
        def load_some(indices: Sequence[int]) -> list[tuple[Briefing | None, list[Diagnostic]]]:
            return [load_briefing(paths[i], layout, resolved_dirs, parse_bodies) for i in indices]

        # Loading reads little of this process, so its workers last to the end (a fresh one's start
        # costs more than its memory).
        results = [one for _, chunk in fork_map(load_some, range(len(paths)), workers,
                                                tasks_per_worker=None) for one in chunk]
    else:
        results = [cache.load(path, layout, resolved_dirs) if cache is not None
                   else load_briefing(path, layout, resolved_dirs, parse_bodies) for path in paths]
    for briefing, problems in results:
        diagnostics.extend(problems)
        if briefing is not None:
            briefings.append(briefing)
    named = {d.path for d in diagnostics}  # a linked briefing is already reported with its line
    diagnostics.extend(d for d in links if d.path not in named)
    return LoadResult(Archive(tuple(briefings), registry), diagnostics)
