"""Content that looks harmless to a reviewer but breaks pages, feeds or links: each refused with file:line.

Every case is something a schema check alone lets through: a YAML escape that puts a control
character or a lone surrogate into a value, a trailing line break that Python's ``$`` accepts,
an id that takes a section's own path, a name that steals another entry's links, a pattern that
backtracks forever, nesting that exhausts the stack, lists long enough to make linking quadratic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from site_builder.authoring.ingest.extract import clean_text, compile_boilerplate
from site_builder.cli import main
from site_builder.core import yamlsource
from site_builder.core.load import Layout
from site_builder.core.schema import MAX_ACTORS_PER_BRIEFING
from site_builder.errors import Diagnostic
from site_builder.pipeline import check

from .conftest import GOOD_BRIEFING, GOOD_BRIEFING_PATH, write_source

ACTORS = "briefings/registry/actors.yml"
OUTLETS = "briefings/registry/outlets.yml"
EVENTS = "briefings/registry/events.yml"


def diagnostics(project: Path, path: str) -> list[Diagnostic]:
    return [d for d in check(Layout.at(project)).diagnostics if d.path == path]


def append(project: Path, name: str, text: str) -> int:
    """Append ``text`` to a registry file; returns the line number its first line lands on."""
    path = project / name
    old = path.read_text(encoding="utf-8")
    path.write_text(old + text, encoding="utf-8")
    return old.count("\n") + 1


def test_control_character_in_a_title(archive_copy: Path) -> None:
    write_source(archive_copy, GOOD_BRIEFING.replace("title: River talks resume",
                                                     'title: "River talks\\x1b[2J resume"'))
    [d] = diagnostics(archive_copy, GOOD_BRIEFING_PATH)
    assert (d.line, d.message) == (2, "'title' contains the control character U+001B")


def test_lone_surrogate_in_a_title(archive_copy: Path) -> None:
    write_source(
        archive_copy, GOOD_BRIEFING.replace("title: River talks resume", 'title: "River \\ud800 talks"')
    )
    [d] = diagnostics(archive_copy, GOOD_BRIEFING_PATH)
    assert (d.line, d.message) == (2, "'title' contains a lone surrogate U+D800, which is not a character")


def test_lone_surrogate_does_not_crash_the_build(archive_copy: Path, capsys: object) -> None:
    write_source(
        archive_copy, GOOD_BRIEFING.replace("title: River talks resume", 'title: "River \\ud800 talks"')
    )
    assert main(["--root", str(archive_copy), "check"]) == 1


def test_control_character_in_an_actor_name_is_refused(archive_copy: Path) -> None:
    line = append(archive_copy, ACTORS, 'nadia-ost:\n  name: "Nadia\\x0bOst"\n  kind: person\n')
    [d] = diagnostics(archive_copy, ACTORS)
    assert (d.line, d.message) == (
        line + 1,
        "actor 'nadia-ost': 'name' contains the control character U+000B",
    )


def test_line_break_inside_free_text_is_allowed(archive_copy: Path) -> None:
    write_source(archive_copy, GOOD_BRIEFING.replace("summary: The talks resumed.",
                                                     "summary: |\n  The talks\n  resumed.\n"))
    assert diagnostics(archive_copy, GOOD_BRIEFING_PATH) == []


def test_trailing_newline_in_a_url(archive_copy: Path) -> None:
    write_source(archive_copy, GOOD_BRIEFING.replace(
        "source_url: https://harbourtimes.example/2024/04/02/talks-resume",
        'source_url: "https://harbourtimes.example/2024/04/02/talks-resume\\n"'))
    [d] = diagnostics(archive_copy, GOOD_BRIEFING_PATH)
    assert (d.line, d.message) == (5, "'source_url' ends with a line break")


def test_trailing_newline_in_an_id(archive_copy: Path) -> None:
    write_source(archive_copy, GOOD_BRIEFING.replace("  - aurelia\n", '  - "aurelia\\n"\n'))
    found = diagnostics(archive_copy, GOOD_BRIEFING_PATH)
    assert [(d.line, d.message) for d in found] == [(7, "'actors.0' ends with a line break")]


def test_trailing_newline_in_a_registry_key(archive_copy: Path) -> None:
    line = append(archive_copy, ACTORS, '"nadia-ost\\n":\n  name: Nadia Ost\n  kind: person\n')
    found = diagnostics(archive_copy, ACTORS)
    assert [(d.line, d.message) for d in found] == [(line, "key 'nadia-ost\\n' ends with a line break")]


def test_control_character_in_a_body(archive_copy: Path) -> None:
    write_source(archive_copy, GOOD_BRIEFING + "Second line.\nThird \x07 line.\n")
    [d] = diagnostics(archive_copy, GOOD_BRIEFING_PATH)
    assert (d.line, d.message) == (17, "control character U+0007 in the body")


def test_tab_in_a_body_is_allowed(archive_copy: Path) -> None:
    write_source(archive_copy, GOOD_BRIEFING + "A\ttabbed line.\n")
    assert diagnostics(archive_copy, GOOD_BRIEFING_PATH) == []


@pytest.mark.parametrize("levels", [1_000, 10_000])
def test_deep_nesting_is_one_line(archive_copy: Path, monkeypatch: pytest.MonkeyPatch, levels: int) -> None:
    """Refused at the documented depth before the recursive pure-Python composer goes deeper."""
    composed: list[int] = []
    compose_node = yamlsource._Composer.compose_node

    def counted(self: Any, parent: Any, index: Any) -> Any:
        composed.append(1)
        return compose_node(self, parent, index)

    monkeypatch.setattr(yamlsource._Composer, "compose_node", counted)
    deep = "[" * levels + "]" * levels
    write_source(archive_copy, GOOD_BRIEFING.replace("summary: The talks resumed.", f"summary: {deep}"))
    [d] = diagnostics(archive_copy, GOOD_BRIEFING_PATH)
    assert d.line == 10
    assert d.message == f"invalid YAML: nested more than {yamlsource.MAX_DEPTH} levels deep"
    assert len(composed) <= yamlsource.MAX_DEPTH  # not one call per bracket


def test_reserved_former_id(archive_copy: Path) -> None:
    text = (archive_copy / ACTORS).read_text(encoding="utf-8")
    (archive_copy / ACTORS).write_text(
        text.replace("  aliases: [BWS]\n", "  aliases: [BWS]\n  former_ids: [index]\n"), encoding="utf-8"
    )
    line = text[: text.index("  aliases: [BWS]")].count("\n") + 2
    [d] = diagnostics(archive_copy, ACTORS)
    assert (d.line, d.message) == (line, "former id 'index' of actor 'borovian-wire' is a reserved path")


def test_reserved_id(archive_copy: Path) -> None:
    line = append(archive_copy, EVENTS, "sitemap:\n  name: A sitemap\n")
    [d] = diagnostics(archive_copy, EVENTS)
    assert (d.line, d.message) == (line, "'sitemap' is a reserved path and cannot be the id of an event")


def test_name_that_is_another_actors_id(archive_copy: Path) -> None:
    line = append(archive_copy, ACTORS, "impostor:\n  name: aurelia\n  kind: person\n")
    [d] = diagnostics(archive_copy, ACTORS)
    assert (d.line, d.message) == (
        line + 1,
        "name 'aurelia' of actor 'impostor' is the id of actor 'aurelia'",
    )


def test_alias_that_is_another_actors_alias(archive_copy: Path) -> None:
    line = append(archive_copy, ACTORS, "impostor:\n  name: Impostor\n  kind: person\n  aliases: [Velgrad]\n")
    [d] = diagnostics(archive_copy, ACTORS)
    assert (d.line, d.message) == (
        line + 3,
        ("alias 'Velgrad' of actor 'impostor' is already a name or alias of actor 'borovia'"),
    )


def test_alias_that_is_an_outlet_id(archive_copy: Path) -> None:
    line = append(
        archive_copy, ACTORS, "impostor:\n  name: Impostor\n  kind: person\n  aliases: [Harbour-Times]\n"
    )
    [d] = diagnostics(archive_copy, ACTORS)
    assert (d.line, d.message) == (line + 3, ("alias 'Harbour-Times' of actor 'impostor' is the id of outlet "
                                             "'harbour-times'"))


def test_invalid_boilerplate_pattern(archive_copy: Path) -> None:
    line = append(archive_copy, OUTLETS, "broken-pattern:\n  name: Broken\n  domains: [broken.example]\n"
                                         "  boilerplate: ['^Share(']\n")
    [d] = diagnostics(archive_copy, OUTLETS)
    assert d.line == line + 3
    assert d.message.startswith("outlet 'broken-pattern': boilerplate pattern '^Share(' is not a valid RE2 "
                                "regular expression")


def test_backtracking_pattern_is_refused_by_check(archive_copy: Path) -> None:
    line = append(archive_copy, OUTLETS, "lookaround:\n  name: Lookaround\n  domains: [look.example]\n"
                                         "  boilerplate: ['^(?=Share)\\w+$', '^(\\w+)\\1$']\n")
    found = diagnostics(archive_copy, OUTLETS)
    assert [d.line for d in found] == [line + 3, line + 3]


def test_catastrophic_pattern_runs_in_linear_time() -> None:
    """``^(\\w+\\s?)+$`` backtracks exponentially in Python's re; RE2 answers at once."""
    boilerplate, bad = compile_boilerplate([("nested", r"^(\w+\s?)+$")])
    assert bad == []
    [outlet_pattern] = [b.pattern for b in boilerplate if b.outlet == "nested"]
    assert type(outlet_pattern).__module__ == "re2"  # RE2, not Python's backtracking re
    line = " ".join(["word"] * 25)
    article = clean_text(f"Title of the piece\n\n{line}!\n\n{line}\n\nAll done here.\n", boilerplate)
    assert f"{line}!" in article.paragraphs  # the line that makes re backtrack stays (no match)...
    assert line not in article.paragraphs  # ...and the pattern still removes what it matches


def test_too_many_actors(archive_copy: Path) -> None:
    ids = [f"extra-{i}" for i in range(MAX_ACTORS_PER_BRIEFING + 1)]
    append(archive_copy, ACTORS, "".join(f"{i}:\n  name: Extra {i}\n  kind: person\n" for i in ids))
    write_source(archive_copy, GOOD_BRIEFING.replace("  - aurelia\n", "".join(f"  - {i}\n" for i in ids)))
    [d] = diagnostics(archive_copy, GOOD_BRIEFING_PATH)
    assert d.line == 7
    assert d.message == f"'actors' lists {MAX_ACTORS_PER_BRIEFING + 2} entries, over the limit of 50"


def test_a_body_full_of_bad_links_gives_a_bounded_report(archive_copy: Path) -> None:
    write_source(archive_copy, GOOD_BRIEFING + "[a](javascript:x) " * 5_000 + "\n")
    found = diagnostics(archive_copy, GOOD_BRIEFING_PATH)
    assert len(found) == 51
    assert found[-1].message == "4,950 more problems in this body are not listed"
