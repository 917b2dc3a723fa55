"""A catalogue of broken input, driven through ``briefings check``.

Every case damages a copy of the fixture archive in one way and runs the real command line
(``site_builder.cli.main``). A broken case must print exactly the expected one-line
``file:line: message`` diagnostic, exit 1, print no traceback and write nothing. BOM, CRLF and CR
files are accepted (exit 0). Cases already covered by ``test_check.py`` through the library are
not repeated here; where the brief names a class of error that test_check covers, this file tries
a different form of it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_builder.cli import main

from .conftest import GOOD_BRIEFING, GOOD_BRIEFING_PATH, write_source

NAME = GOOD_BRIEFING_PATH
ACTORS = "briefings/registry/actors.yml"
EVENTS = "briefings/registry/events.yml"
OUTLETS = "briefings/registry/outlets.yml"
GOOD = GOOD_BRIEFING


def put(project: Path, text: str | bytes, name: str = NAME) -> None:
    write_source(project, text, name)


def edit(old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    """A case that writes GOOD with one replacement."""
    def apply(project: Path) -> None:
        assert old in GOOD, old
        put(project, GOOD.replace(old, new, count))
    return apply


def raw(data: str | bytes, name: str = NAME) -> Callable[[Path], None]:
    return lambda project: put(project, data, name)


def append(name: str, text: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = project / name
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return apply


def replace_in(name: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = project / name
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def symlink_out(name: str, content: str) -> Callable[[Path], None]:
    """Replace ``name`` by a link to a file outside the content folder."""
    def apply(project: Path) -> None:
        outside = project.parent / f"outside-{Path(name).name}"
        outside.write_text(content, encoding="utf-8")
        link = project / name
        link.parent.mkdir(parents=True, exist_ok=True)
        if link.exists():
            link.unlink()
        link.symlink_to(outside)
    return apply


def dir_symlink_out(project: Path) -> None:
    """A whole month folder that is a link to a folder outside the archive."""
    outside = project.parent / "outside-month"
    outside.mkdir()
    (outside / "2024-04-02-river-talks-resume.md").write_text(GOOD, encoding="utf-8")
    (project / "briefings/2024/04").symlink_to(outside, target_is_directory=True)


ALIAS_BOMB = """lol1: &a [x, x, x, x, x, x, x, x, x]
lol2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
lol3: [*b, *b, *b, *b, *b, *b, *b, *b, *b]
"""


@dataclass(frozen=True)
class Case:
    id: str
    setup: Callable[[Path], None]
    path: str  # the file the error must name
    line: int | None  # None: accepted (exit 0)
    words: str  # regular expression the message must match
    many: bool = False  # the first of several diagnostics for the file must match


CASES = [
    # ---- YAML syntax
    Case(
        "unclosed-quote",
        edit("title: River talks resume", 'title: "River talks resume'),
        NAME,
        2,
        r"invalid YAML",
    ),
    Case("bad-indentation", edit("  - mara-lind", " - mara-lind"), NAME, 8, r"invalid YAML"),
    Case(
        "colon-in-plain-value",
        edit("summary: The talks resumed.", "summary: Talks: resumed."),
        NAME,
        10,
        r"invalid YAML: mapping values are not allowed here",
    ),
    Case(
        "unclosed-flow-mapping",
        edit("events: [river-accord-talks-2024]", "events: {a: b"),
        NAME,
        9,
        r"invalid YAML",
    ),
    Case("tab-indentation", edit("  - aurelia", "\t- aurelia"), NAME, 7, r"tab character in YAML"),
    Case(
        "duplicate-key",
        edit("summary: The talks resumed.", "summary: The talks resumed.\ntitle: Again"),
        NAME,
        11,
        r"duplicate key 'title'",
    ),
    Case(
        "duplicate-quote-key",
        edit("    text: We are back.", "    text: We are back.\n    text: Twice."),
        NAME,
        14,
        r"duplicate key 'text'",
    ),
    Case(
        "anchor",
        edit("title: River talks resume", "title: &t River talks resume"),
        NAME,
        2,
        r"YAML anchor '&t' is not allowed",
    ),
    Case(
        "alias-without-anchor",
        edit("summary: The talks resumed.", "summary: *t"),
        NAME,
        10,
        r"YAML alias '\*t' is not allowed",
    ),
    Case(
        "alias-bomb-in-registry", append(ACTORS, ALIAS_BOMB), ACTORS, 33, r"YAML anchor '&a' is not allowed"
    ),
    Case(
        "merge-key",
        edit("summary: The talks resumed.", "summary: The talks resumed.\n<<: {author: X}"),
        NAME,
        11,
        r"YAML merge key '<<' is not allowed",
    ),
    Case(
        "python-tag",
        edit("summary: The talks resumed.", "summary: !!python/object:os.system x"),
        NAME,
        10,
        r"YAML tag .* is not allowed",
    ),
    Case(
        "two-documents", edit("summary: The talks resumed.", "summary: x\n...\n---\nmore: 1"), NAME, None, r""
    ),  # '...' closes the front-matter; the rest is body text, which is fine
    # ---- shape of the file
    Case(
        "scalar-front-matter",
        raw("---\njust a sentence\n---\nBody.\n"),
        NAME,
        2,
        r"front-matter must be a mapping of fields, got 'just a sentence'",
    ),
    Case("empty-front-matter", raw("---\n---\nBody.\n"), NAME, 1, r"missing required field", many=True),
    Case("front-matter-only-opener", raw("---\n"), NAME, 1, r"front-matter opened on line 1 is never closed"),
    Case("empty-file", raw(""), NAME, 1, r"file does not start with '---' front-matter"),
    Case("whitespace-only-file", raw("  \n\n"), NAME, 1, r"file does not start with '---' front-matter"),
    Case("indented-opener", raw(" ---\n" + GOOD[4:]), NAME, 1, r"does not start with '---'"),
    Case("registry-is-a-list", raw("- aurelia\n- borovia\n", ACTORS), ACTORS, 1, r"must be a mapping"),
    Case(
        "registry-entry-not-mapping",
        append(OUTLETS, "zed-news: Zed News\n"),
        OUTLETS,
        None,
        r"outlet 'zed-news'",
    ),
    # ---- encodings
    Case("bom-accepted", raw(b"\xef\xbb\xbf" + GOOD.encode()), NAME, None, r""),
    Case("crlf-accepted", raw(GOOD.replace("\n", "\r\n").encode()), NAME, None, r""),
    Case("cr-only-accepted", raw(GOOD.replace("\n", "\r").encode()), NAME, None, r""),
    Case(
        "latin1-in-front-matter",
        raw(GOOD.replace("River talks", "Rivi\xe8re talks").encode("latin-1")),
        NAME,
        2,
        r"byte 0xe8 is not valid UTF-8",
    ),
    Case("utf16-file", raw(GOOD.encode("utf-16")), NAME, 1, r"is not valid UTF-8"),
    Case(
        "control-character-in-yaml",
        edit("title: River talks resume", "title: River\x1f talks"),
        NAME,
        2,
        r"control character U\+001F is not allowed in YAML",
    ),
    Case("nul-byte", raw(GOOD.replace("Tuesday", "Tues\x00day")), NAME, 15, r"NUL character in file"),
    Case("ten-megabyte-body", raw(GOOD + ("word " * 2_000_000)), NAME, 1, r"over the limit"),
    Case(
        "non-utf8-registry",
        raw(b"aurelia:\n  name: \xff\n  kind: state\n", ACTORS),
        ACTORS,
        2,
        r"byte 0xff is not valid UTF-8",
    ),
    # ---- dates
    Case(
        "february-30-2025",
        edit("date: 2024-04-02", "date: 2025-02-30"),
        NAME,
        3,
        r"'date' 2025-02-30 is not a real calendar date",
    ),
    Case(
        "february-29-non-leap",
        edit("date: 2024-04-02", "date: 2023-02-29"),
        NAME,
        3,
        r"not a real calendar date",
    ),
    Case("month-13", edit("date: 2024-04-02", "date: 2024-13-02"), NAME, 3, r"not a real calendar date"),
    Case("year-20250", edit("date: 2024-04-02", "date: 20250-04-02"), NAME, 3, r"must be an ISO date"),
    Case("year-zero", edit("date: 2024-04-02", "date: 0000-04-02"), NAME, 3, r"not a real calendar date"),
    Case("date-as-number", edit("date: 2024-04-02", "date: 20240402"), NAME, 3, r"must be an ISO date"),
    Case(
        "event-end-not-a-date",
        replace_in(EVENTS, "end: 2024-01-17", "end: 2024-01-32"),
        EVENTS,
        4,
        r"'end' 2024-01-32 is not a real calendar date",
    ),
    # ---- ids
    Case(
        "unknown-quote-via",
        edit("    text: We are back.", "    text: We are back.\n    via: nobody-wire"),
        NAME,
        14,
        r"unknown actor 'nobody-wire'",
    ),
    Case("duplicate-actor-in-list", edit("  - mara-lind", "  - aurelia"), NAME, 8, r"actors"),
    Case(
        "unknown-actor-in-event",
        replace_in(EVENTS, "actors: [mara-lind,", "actors: [mara-lynd,"),
        EVENTS,
        6,
        r"unknown actor 'mara-lynd'",
    ),
    Case(
        "unknown-country-in-registry",
        replace_in(ACTORS, "country: aurelia", "country: aurelija"),
        ACTORS,
        15,
        r"unknown country 'aurelija'",
    ),
    Case(
        "uppercase-registry-id",
        append(ACTORS, "Zed:\n  name: Zed\n  kind: state\n"),
        ACTORS,
        33,
        r"'Zed' is not a valid id",
    ),
    Case(
        "slug-with-dot-dot-outlet",
        edit("outlet: harbour-times", "outlet: ../../etc/passwd"),
        NAME,
        4,
        r"'outlet' must be an id",
    ),
    Case(
        "slug-with-dot-dot-former-id",
        edit("summary: The talks resumed.", "summary: The talks resumed.\nformer_ids: [../../index]"),
        NAME,
        11,
        r"must be an id",
    ),
    Case(
        "slug-with-dot-dot-file-name",
        raw(GOOD, "briefings/2024/04/2024-04-02-..md"),
        "briefings/2024/04/2024-04-02-..md",
        1,
        r"is not YYYY-MM-DD-slug.md",
    ),
    Case(
        "registry-id-with-dot-dot",
        append(EVENTS, "../escape:\n  name: Escape\n"),
        EVENTS,
        None,
        r"'../escape' is not a valid id",
    ),
    Case(
        "actor-country-is-itself-state",
        replace_in(
            ACTORS,
            "  kind: state\n  aliases: [Port Aster]",
            "  kind: state\n  country: aurelia\n  aliases: [Port Aster]",
        ),
        ACTORS,
        6,
        r"actor 'aurelia' names itself as its country",
    ),
    Case(
        "country-is-not-a-state",
        replace_in(ACTORS, "country: aurelia", "country: tomas-vey"),
        ACTORS,
        15,
        r"country 'tomas-vey' of actor 'mara-lind' is a person, not a state",
    ),
    # ---- links leaving the content folder
    Case(
        "symlinked-registry-outside",
        symlink_out(ACTORS, "aurelia:\n  name: A\n  kind: state\n"),
        ACTORS,
        1,
        r"symbolic link points outside",
    ),
    Case(
        "symlinked-month-folder-outside",
        dir_symlink_out,
        "briefings/2024/04",
        0,
        r"linked folder points outside the content folder",
    ),
    # ---- content policy (bodies)
    Case(
        "raw-html-in-body",
        edit("The talks resumed on Tuesday.", "The talks <b>resumed</b>."),
        NAME,
        15,
        r"raw HTML '<b>' is not allowed in a briefing body",
    ),
    Case(
        "html-block-in-body",
        edit("The talks resumed on Tuesday.", "Intro.\n\n<div onclick=x()>\nhi\n</div>"),
        NAME,
        17,
        r"raw HTML '<div onclick=x\(\)>' is not allowed",
        many=True,
    ),
    Case(
        "html-comment-in-body",
        edit("The talks resumed on Tuesday.", "Text.\n<!-- hidden -->"),
        NAME,
        16,
        r"raw HTML '<!--' is not allowed",
    ),
    Case(
        "javascript-link",
        edit("The talks resumed on Tuesday.", "See [this](javascript:alert(1))."),
        NAME,
        15,
        r"link to 'javascript:alert\(1\)' is not an http\(s\) address",
    ),
    Case(
        "entity-obfuscated-link",
        edit("The talks resumed on Tuesday.", "x\n[a](&#106;avascript:alert(1))"),
        NAME,
        16,
        r"link to '&#106;avascript:alert\(1\)' is not an http\(s\) address",
    ),
    Case(
        "data-url-reference",
        edit("The talks resumed on Tuesday.", "[a][r]\n\n[r]: data:text/html,x\n\nThe talks resumed."),
        NAME,
        17,
        r"link to 'data:text/html,x' is not an http\(s\) address",
    ),
    Case(
        "html-in-code-is-fine",
        edit("The talks resumed on Tuesday.", "Write `<b>` for bold.\n\n    <i>x</i>"),
        NAME,
        None,
        r"",
    ),
]


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root`` (links not followed) with its size and modification time."""
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            stat = path.lstat()
            found[path.relative_to(root).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return found


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_broken_input(case: Case, archive_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case.setup(archive_copy)
    before = snapshot(archive_copy.parent)
    code = main(["--root", str(archive_copy), "check"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert snapshot(archive_copy.parent) == before, "check must write nothing"
    lines = [line for line in out.splitlines() if line]
    if case.line is None and case.words == "":
        assert code == 0, out
        assert lines == []
        return
    assert code == 1, out + err
    mine = [line for line in lines if line.startswith(case.path + ":")]
    assert len(mine) == 1 or case.many and mine, f"expected one diagnostic for {case.path}, got:\n{out}"
    if case.line == 0:  # a folder: no line to point at
        where = f"{case.path}: "
    else:
        where = f"{case.path}:{case.line}: " if case.line else f"{case.path}:[0-9]+: "
    assert re.match(re.escape(where) if case.line is not None else where, mine[0]), mine[0]
    assert re.search(case.words, mine[0]), mine[0]
    assert all(re.match(r"[^\s:]+(:[0-9]+)?: \S", line) for line in lines), out


#: Cases that damage one briefing's text: side by side, each must still get its own diagnostic.
SIDE_BY_SIDE = ["unclosed-quote", "duplicate-key", "anchor", "python-tag", "latin1-in-front-matter",
                "unknown-quote-via", "raw-html-in-body", "javascript-link"]


def test_one_run_reports_every_broken_briefing(archive_copy: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """One broken file hides nothing in the others; fixing them all makes check pass."""
    cases = {case.id: case for case in CASES}
    expected: dict[str, Case] = {}
    for n, case_id in enumerate(SIDE_BY_SIDE):
        scratch = tmp_path / f"scratch-{n}"
        scratch.mkdir()
        cases[case_id].setup(scratch)
        name = NAME.replace("river-talks-resume", f"broken-{n}")
        put(
            archive_copy,
            (scratch / NAME).read_bytes().replace(b"/talks-resume", f"/broken-{n}".encode()),
            name,
        )
        expected[name] = cases[case_id]
    put(archive_copy, GOOD)  # and one good briefing among them

    assert main(["--root", str(archive_copy), "check"]) == 1
    out, err = capsys.readouterr()
    lines = [line for line in out.splitlines() if line]
    assert len(lines) == len(expected), out
    for name, case in expected.items():
        mine = [line for line in lines if line.startswith(f"{name}:{case.line}: ")]
        assert len(mine) == 1 and re.search(case.words, mine[0]), f"{case.id}:\n{out}"
    assert f"{len(expected)} error(s)" in err

    for n, name in enumerate(expected):
        put(archive_copy, GOOD.replace("/talks-resume", f"/broken-{n}"), name)
    assert main(["--root", str(archive_copy), "check"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "0 error(s)" in err
