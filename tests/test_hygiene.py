"""The warnings of ``briefings check`` that keep an archive clean; ``prune``; ``event add``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from site_builder.authoring.ingest.events import Story, new_event
from site_builder.cli import main

from .conftest import GOOD_BRIEFING, GOOD_BRIEFING_PATH, write_source

ACTORS = "briefings/registry/actors.yml"


def run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, list[str], str]:
    code = main(["--root", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def warnings(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> list[str]:
    code, out, err = run(capsys, root, "check", *args)
    assert code == 0, (out, err)
    return [line for line in out if ": warning: " in line]


def append(root: Path, name: str, text: str) -> None:
    path = root / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_unused_entries_warn_and_prune_removes_them(archive_copy: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    append(archive_copy, ACTORS, "\n# A comment the prune keeps.\nidle-one:\n  name: Idle One\n"
           "  kind: organisation\n# Another comment.\nidle-two:\n  name: Idle Two\n  kind: organisation\n"
           "  aliases: [I2]\n")
    found = [w for w in warnings(capsys, archive_copy) if "is used by no briefing" in w]
    assert any(w.startswith(f"{ACTORS}:") and "actor 'idle-one'" in w and "briefings prune" in w
               for w in found)
    assert any("actor 'idle-two'" in w for w in found)
    line = next(w for w in found if "idle-one" in w).split(":")[1]
    lines = (archive_copy / ACTORS).read_text(encoding="utf-8").splitlines()
    assert lines[int(line) - 1] == "idle-one:"

    before = (archive_copy / ACTORS).read_text(encoding="utf-8")
    code, out, err = run(capsys, archive_copy, "prune", "--dry-run")
    assert code == 0 and "idle-one" in out[0] and "would remove" in err
    assert (archive_copy / ACTORS).read_text(encoding="utf-8") == before

    code, out, err = run(capsys, archive_copy, "prune")
    assert code == 0, err
    after = (archive_copy / ACTORS).read_text(encoding="utf-8")
    assert "idle-one" not in after and "idle-two" not in after
    # Only the two entries went: every other line, the comments included, is as it was.
    kept = [x for x in before.splitlines() if x not in after.splitlines()]
    assert all("idle" in x.lower() or x.startswith("  ") and ("Idle" in x or "I2" in x or "organisation" in x)
               for x in kept), kept
    assert "# A comment the prune keeps." in after and "# Another comment." in after
    assert not [w for w in warnings(capsys, archive_copy) if "actor 'idle" in w]


def test_prune_refuses_a_broken_archive(archive_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_source(archive_copy, GOOD_BRIEFING.replace("aurelia\n", "nowhere\n", 1))
    code, out, _ = run(capsys, archive_copy, "prune")
    assert code == 1 and any("unknown actor 'nowhere'" in line for line in out)


def test_quote_not_in_body_warns_at_its_line(archive_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD_BRIEFING.replace("text: We are back.", "text: We never left.")
    path = write_source(archive_copy, text)
    found = [w for w in warnings(capsys, archive_copy) if w.startswith(GOOD_BRIEFING_PATH)]
    assert any("does not occur in the body" in w for w in found), found
    line = int(next(w for w in found if "does not occur" in w).split(":")[1])
    assert "We never left." in path.read_text(encoding="utf-8").splitlines()[line - 1]
    # Quote marks, case, spacing, an ellipsis and a closing full stop may differ.
    write_source(archive_copy, GOOD_BRIEFING.replace("text: We are back.", "text: \"we are … today.\"")
                 + "\nMara Lind said: ‘We are\n  back in Port Aster today,’ she said.\n")
    found = warnings(capsys, archive_copy)
    assert not [w for w in found if "does not occur" in w and GOOD_BRIEFING_PATH in w]


def test_near_duplicate_names_warn(archive_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    append(archive_copy, ACTORS, "\nministry-of-health:\n  name: Ministry of Health\n  kind: organisation\n"
           "health-ministry:\n  name: Health Ministry\n  kind: organisation\n"
           "joseph-joel-john:\n  name: Joseph Joel John\n  kind: person\n  role: Pastor\n"
           "  country: aurelia\njohn-joel-joseph:\n  name: John Joel Joseph\n  kind: person\n  role: Pastor\n"
           "  country: aurelia\n")
    found = [w for w in warnings(capsys, archive_copy) if "may be the same as" in w]
    assert any("'ministry-of-health' (Ministry of Health) may be the same as 'health-ministry'" in w
               for w in found), found
    assert any("john-joel-joseph" in w and "joseph-joel-john" in w for w in found), found
    assert len(found) == 2, found


def test_tracking_parameters_warn(archive_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tracked = "talks-resume?utm_source=x&ftag=RSS\n"
    write_source(archive_copy, GOOD_BRIEFING.replace("talks-resume\n", tracked))
    found = [w for w in warnings(capsys, archive_copy) if "tracking parameters" in w]
    assert found == [(f"{GOOD_BRIEFING_PATH}:5: warning: source_url has tracking parameters: utm_source, "
                      "ftag (use https://harbourtimes.example/2024/04/02/talks-resume)")]


def test_strict_asks_no_country_of_international_officials(archive_copy: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    append(archive_copy, ACTORS, "\nana-orel:\n  name: Ana Orel\n  kind: person\n  role: UN special envoy\n"
           "bo-tell:\n  name: Bo Tell\n  kind: person\n  role: BBC correspondent\n"
           "cy-rand:\n  name: Cy Rand\n  kind: person\n  role: Mayor\n")
    found = [w for w in warnings(capsys, archive_copy) if "has no" in w]
    assert [w.split("warning: ")[1].split(" (")[0] for w in found] == ["person 'cy-rand' has no country"]


def test_event_add_keeps_the_layout(archive_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    flow = write_source(archive_copy, GOOD_BRIEFING)
    block = write_source(archive_copy, GOOD_BRIEFING.replace("events: [river-accord-talks-2024]\n",
                                                             "events:\n  - river-accord-talks-2024  # kept\n")
                         .replace("river-talks-resume", "river-talks-go-on"),
                         "briefings/2024/04/2024-04-02-river-talks-go-on.md")
    none = write_source(archive_copy, GOOD_BRIEFING.replace("events: [river-accord-talks-2024]\n", "")
                        .replace("river-talks-resume", "river-talks-pause"),
                        "briefings/2024/04/2024-04-02-river-talks-pause.md")
    before = {p: p.read_text(encoding="utf-8") for p in (flow, block, none)}
    code, out, err = run(capsys, archive_copy, "event", "add", "border-exercise-2024", str(flow), str(block),
                         str(none))
    assert code == 0, err
    assert len(out) == 3 and all("linked to border-exercise-2024" in line for line in out)
    assert flow.read_text(encoding="utf-8") == before[flow].replace(
        "events: [river-accord-talks-2024]", "events: [river-accord-talks-2024, border-exercise-2024]")
    assert block.read_text(encoding="utf-8") == before[block].replace(
        "  # kept\n", "  # kept\n  - border-exercise-2024\n")
    assert none.read_text(encoding="utf-8") == before[none].replace(
        "summary:", "events:\n  - border-exercise-2024\nsummary:")
    code, out, _ = run(capsys, archive_copy, "event", "add", "border-exercise-2024", str(flow))
    assert code == 0 and "already links" in out[0]
    code, _, err = run(capsys, archive_copy, "event", "add", "border-exercise-2042", str(flow))
    assert code == 1 and "no event 'border-exercise-2042'" in err
    assert "did you mean 'border-exercise-2024'" in err
    assert "Traceback" not in err
    registry = str(archive_copy / ACTORS)
    code, _, err = run(capsys, archive_copy, "event", "add", "border-exercise-2024", registry)
    assert code == 1 and "not a briefing file" in err


def test_new_event_lists_the_actors_most_articles_are_about() -> None:
    day = dt.date(2025, 6, 1)
    stories = [
        Story("a", day, frozenset({"un-security-council", "ukraine", "sedan-x"}), frozenset(), (),
              frozenset({"un-security-council"})),
        Story("b", day, frozenset({"un-security-council", "ukraine"}), frozenset(), (),
              frozenset({"un-security-council", "ukraine"})),
        Story("c", day, frozenset({"un-security-council"}), frozenset(), (),
              frozenset({"un-security-council"})),
    ]
    _, fields = new_event("Council vote", stories)
    assert fields["actors"] == ["un-security-council"]
