"""Loading and validation: one test per class of error, each asserting the message and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.core.load import Layout, load_archive
from site_builder.errors import Diagnostic
from site_builder.pipeline import check

from .conftest import GOOD_BRIEFING, GOOD_BRIEFING_PATH, write_source

GOOD = GOOD_BRIEFING
NAME = GOOD_BRIEFING_PATH


write = write_source


def problems(project: Path, name: str = NAME) -> list[Diagnostic]:
    return [d for d in check(Layout.at(project)).diagnostics if d.path == name]


def only(project: Path, name: str = NAME) -> Diagnostic:
    found = problems(project, name)
    assert len(found) == 1, found
    return found[0]


def test_fixture_archive_is_clean(archive_copy: Path) -> None:
    assert check(Layout.at(archive_copy)).diagnostics == []


def test_good_briefing_loads_every_field(archive_copy: Path) -> None:
    write(archive_copy, GOOD)
    result = load_archive(Layout.at(archive_copy))
    assert result.diagnostics == []
    briefing = next(b for b in result.archive.briefings if b.id == "2024-04-02-river-talks-resume")
    assert briefing.title == "River talks resume"
    assert briefing.date.isoformat() == "2024-04-02"
    assert briefing.actors == ("aurelia", "mara-lind")
    assert briefing.quotes[0].speaker == "mara-lind"
    assert briefing.body == "The talks resumed on Tuesday. \"We are back,\" Mara Lind said.\n"
    assert briefing.origin.line("actors", 1) == 8


def test_registries_load(archive_copy: Path) -> None:
    registry = load_archive(Layout.at(archive_copy)).archive.registry
    assert registry.actors["mara-lind"].country == "aurelia"
    assert registry.events["river-accord-talks-2024"].end.isoformat() == "2024-01-17"
    assert registry.outlets["velgrad-today"].ownership == "state-owned"


def test_malformed_yaml(archive_copy: Path) -> None:
    write(archive_copy, GOOD.replace("summary: The talks resumed.", "summary: [unclosed"))
    d = only(archive_copy)
    assert d.line == 10
    assert "invalid YAML" in d.message


def test_missing_field(archive_copy: Path) -> None:
    write(archive_copy, GOOD.replace("summary: The talks resumed.\n", ""))
    d = only(archive_copy)
    assert d.message == "missing required field 'summary'"
    assert d.line == 2
    assert "add 'summary:'" in (d.hint or "")


def test_extra_field_with_suggestion(archive_copy: Path) -> None:
    write(archive_copy, GOOD.replace("summary:", "sumary: x\nsummary:"))
    d = only(archive_copy)
    assert d.message == "unknown field 'sumary'"
    assert d.line == 10
    assert d.hint == "did you mean 'summary'?"


def test_wrong_type(archive_copy: Path) -> None:
    write(archive_copy, GOOD.replace("actors:\n  - aurelia\n  - mara-lind\n", "actors: aurelia\n"))
    d = only(archive_copy)
    assert d.line == 6
    assert "'actors' must be a list of ids" in d.message


def test_badly_formed_id(archive_copy: Path) -> None:
    write(archive_copy, GOOD.replace("  - mara-lind\n", "  - Mara Lind\n", 1))
    d = only(archive_copy)
    assert d.line == 8
    assert d.message == "entry 2 of 'actors' must be an id: lowercase words joined by hyphens, such as " \
        "kim-jong-un, got 'Mara Lind'"


@pytest.mark.parametrize(("value", "words"), [
    ("2024-02-30", "not a real calendar date"),
    ("20240-04-02", "must be an ISO date"),
    ("April 2, 2024", "must be an ISO date"),
])
def test_bad_dates(archive_copy: Path, value: str, words: str) -> None:
    write(archive_copy, GOOD.replace("date: 2024-04-02", f"date: {value}"))
    d = only(archive_copy)
    assert d.line == 3
    assert words in d.message


def test_unknown_actor_suggests_the_id(archive_copy: Path) -> None:
    write(archive_copy, GOOD.replace("  - mara-lind\n", "  - mara-lynd\n", 1).replace("speaker: mara-lind",
                                                                                  "speaker: aurelia"))
    d = only(archive_copy)
    assert str(d) == (f"{NAME}:8: unknown actor 'mara-lynd' (did you mean 'mara-lind'?)")


def test_unknown_event_and_outlet(archive_copy: Path) -> None:
    write(archive_copy, GOOD.replace("outlet: harbour-times", "outlet: harbor-times")
          .replace("[river-accord-talks-2024]", "[river-talks]"))
    found = {d.message: d for d in problems(archive_copy)}
    assert found["unknown outlet 'harbor-times'"].line == 4
    assert found["unknown outlet 'harbor-times'"].hint == "did you mean 'harbour-times'?"
    assert found["unknown event 'river-talks'"].line == 9


def test_quote_speaker_must_be_listed(archive_copy: Path) -> None:
    write(archive_copy, GOOD.replace("speaker: mara-lind", "speaker: tomas-vey"))
    d = only(archive_copy)
    assert d.message == "quoted speaker 'tomas-vey' is not listed in actors"
    assert d.line == 12


def test_file_name_disagrees_with_date(archive_copy: Path) -> None:
    write(archive_copy, GOOD, "briefings/2024/04/2024-04-03-river-talks-resume.md")
    d = only(archive_copy, "briefings/2024/04/2024-04-03-river-talks-resume.md")
    assert d.message == "file name starts with 2024-04-03 but date is 2024-04-02"
    assert d.line == 3


def test_file_in_wrong_folder(archive_copy: Path) -> None:
    write(archive_copy, GOOD, "briefings/2024/05/2024-04-02-river-talks-resume.md")
    d = only(archive_copy, "briefings/2024/05/2024-04-02-river-talks-resume.md")
    assert "belongs in briefings/2024/04/" in d.message


def test_bad_file_name(archive_copy: Path) -> None:
    write(archive_copy, GOOD, "briefings/2024/04/River Talks.md")
    d = only(archive_copy, "briefings/2024/04/River Talks.md")
    assert "is not YYYY-MM-DD-slug.md" in d.message
    assert "2024-04-02-river-talks-resume.md" in (d.hint or "")


def test_empty_body(archive_copy: Path) -> None:
    write(archive_copy, GOOD.split("---\n")[0] + "---\n" + GOOD.split("---\n")[1] + "---\n\n  \n")
    d = only(archive_copy)
    assert d.message == "the briefing has no body text"
    assert d.line == 15


def test_duplicate_source_url(archive_copy: Path) -> None:
    write(archive_copy, GOOD.replace("https://harbourtimes.example/2024/04/02/talks-resume",
                                     "https://harbourtimes.example/2024/01/15/river-talks-open"))
    d = only(archive_copy)
    assert "same source_url is already briefed in briefings/2024/01/" in d.message
    assert d.line == 5


def test_no_front_matter(archive_copy: Path) -> None:
    write(archive_copy, "Just text.\n")
    d = only(archive_copy)
    assert d.line == 1
    assert "does not start with '---'" in d.message


def test_unclosed_front_matter(archive_copy: Path) -> None:
    write(archive_copy, GOOD.replace("---\nThe talks", "The talks"))
    assert "never closed" in only(archive_copy).message


def test_front_matter_not_a_mapping(archive_copy: Path) -> None:
    write(archive_copy, "---\n- a\n- b\n---\nBody\n")
    assert "must be a mapping of fields" in only(archive_copy).message


def test_non_utf8(archive_copy: Path) -> None:
    write(archive_copy, GOOD.replace("Tuesday", "Tu\udce9sday").encode("utf-8", "surrogateescape"))
    d = only(archive_copy)
    assert d.line == 15
    assert "not valid UTF-8" in d.message


def test_bom_and_crlf_are_accepted(archive_copy: Path) -> None:
    write(archive_copy, b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    assert problems(archive_copy) == []


def test_registry_duplicate_id(archive_copy: Path) -> None:
    path = archive_copy / "briefings/registry/actors.yml"
    path.write_text(path.read_text() + "aurelia:\n  name: Again\n  kind: state\n")
    d = only(archive_copy, "briefings/registry/actors.yml")
    assert d.message == "duplicate key 'aurelia'"
    assert d.line == 33


def test_registry_bad_kind_and_self_reference(archive_copy: Path) -> None:
    path = archive_copy / "briefings/registry/actors.yml"
    path.write_text(
        path.read_text() + "zed:\n  name: Zed\n  kind: persn\nzork:\n  name: Zork\n  kind: state\n"
        "  country: zork\n"
    )
    found = problems(archive_copy, "briefings/registry/actors.yml")
    messages = {d.message: d for d in found}
    assert messages["actor 'zed': 'persn' is not a valid kind"].hint == "did you mean 'person'?"
    assert messages["actor 'zed': 'persn' is not a valid kind"].line == 35
    assert messages["actor 'zork' names itself as its country"].line == 39


def test_registry_event_dates(archive_copy: Path) -> None:
    path = archive_copy / "briefings/registry/events.yml"
    path.write_text(path.read_text() + "backwards:\n  name: B\n  start: 2024-05-02\n  end: 2024-05-01\n"
                    "both:\n  name: C\n  date: 2024-05-01\n  start: 2024-05-01\n  end: 2024-05-02\n")
    messages = {d.message for d in problems(archive_copy, "briefings/registry/events.yml")}
    assert "event 'backwards' ends (2024-05-01) before it starts (2024-05-02)" in messages
    assert "event 'both': has both 'date' and 'start'" in messages


def test_every_problem_is_reported_in_one_run(archive_copy: Path) -> None:
    write(archive_copy, GOOD.replace("  - mara-lind\n", "  - nobody\n", 1))
    write(archive_copy, "---\ntitle: [\n---\nx\n", "briefings/2024/04/2024-04-03-broken.md")
    paths = {d.path for d in check(Layout.at(archive_copy)).diagnostics}
    assert paths == {NAME, "briefings/2024/04/2024-04-03-broken.md"}


def test_oversized_file(archive_copy: Path) -> None:
    write(archive_copy, GOOD + "x" * 1_100_000)
    assert "over the limit" in only(archive_copy).message


def test_symlink_outside_content_is_refused(archive_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(GOOD)
    link = archive_copy / NAME
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    assert "outside the content folder" in only(archive_copy).message


def test_the_fast_schema_check_accepts_valid_files_and_defers_the_rest() -> None:
    """The Rust validator answers "valid" for the usual file; anything else gets jsonschema's words."""
    from site_builder.core.load import _quick_check, _validator
    from site_builder.core.yamlsource import parse_yaml

    data, _ = parse_yaml(GOOD_BRIEFING.split("---\n")[1], "x.md")
    assert _validator("briefing").is_valid(data)
    assert _quick_check("briefing")(data) is True
    for broken in ({**data, "date": "2024-13-45x"}, {**data, "actors": "aurelia"}, {**data, "colour": "red"},
                   {**data, "outlet": "harbour-times\n"}):
        assert _quick_check("briefing")(broken) is False


OPEN_QUOTE = GOOD.replace(
    "quotes:\n",
    "quotes:\n  - text: Nobody asked us about any of it.\n    unattributed: the source is anonymous\n")


def _check_output(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    from site_builder.cli import main

    code = main(["--root", str(project), "check"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_an_open_quote_a_curator_left_open_is_not_listed(archive_copy: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    write(archive_copy, OPEN_QUOTE)
    code, out = _check_output(archive_copy, capsys)
    assert code == 0 and "quote 1 has no speaker (the source is anonymous)" in out
    write(archive_copy, OPEN_QUOTE.replace("    unattributed: the source is anonymous\n",
                                           "    how: curator\n    unattributed: left open by a curator\n"))
    code, out = _check_output(archive_copy, capsys)
    assert code == 0 and "has no speaker" not in out, out


def test_a_link_rejection_kept_to_one_briefing_may_name_a_proposal_no_longer_in_the_registry(
        archive_copy: Path) -> None:
    rejected = archive_copy / "briefings" / "registry" / "rejected.yml"
    rejected.write_text("links:\n  - name: Ilse Brand\n    actor: ilse-brand\n"
                        "    briefing: 2024-04-02-river-talks-resume\n", encoding="utf-8")
    assert [d for d in check(Layout.at(archive_copy)).diagnostics if d.is_error] == []
    rejected.write_text("links:\n  - name: Ilse Brand\n    actor: ilse-brand\n", encoding="utf-8")
    [error] = [d for d in check(Layout.at(archive_copy)).diagnostics if d.is_error]
    assert error.path == "briefings/registry/rejected.yml" and "ilse-brand" in error.message
