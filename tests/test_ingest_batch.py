"""A folder of articles ingested with --accept-new leaves an archive that ``briefings check`` passes.

The fixtures in ``tests/fixtures/batch/`` are invented: one names 65 states (more than a
briefing may list), one names The Guardian, whose starter alias "Guardian" is an outlet's id
in this registry; two are ordinary reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from site_builder.core.schema import MAX_ACTORS_PER_BRIEFING

from .ingest_helpers import check, front_matter, ingest, ingest_text, make_project, written

BATCH = Path(__file__).parent / "fixtures" / "batch"


def _project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project")
    outlets = root / "briefings" / "registry" / "outlets.yml"
    outlets.write_text(outlets.read_text(encoding="utf-8") + "\nguardian:\n  name: The Guardian\n"
                       "  domains: [theguardian.com]\n  country: United Kingdom\n  ownership: private\n",
                       encoding="utf-8")
    return root


def test_folder_ingest_passes_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    code, out, err = ingest(capsys, root, str(BATCH), "--accept-new", "--outlet", "al-jazeera",
                            "--date", "2025-11-06")
    assert code == 0, err
    files = written(root)
    assert len(files) == 4
    # The same review list as files given one by one: one per written briefing.
    assert out.count("review:") == 4
    assert "less prominent actor(s) left out" in out
    assert "alias 'Guardian' of the-guardian left out: it is already the id of outlet 'guardian'" in out

    many = next(f for f in files if "sixty-five" in f.name)
    actors = front_matter(many)["actors"]
    assert len(actors) == MAX_ACTORS_PER_BRIEFING
    # The lede's and the quote's actors are the most prominent, so they stay.
    assert {"france", "germany", "brazil", "halvard-ostmo"} <= set(actors)
    registry = yaml.safe_load((root / "briefings/registry/actors.yml").read_text(encoding="utf-8"))
    assert "zambia" not in registry, "an actor left out of the briefing is not added to the registry"
    assert "Guardian" not in registry["the-guardian"].get("aliases", [])

    code, report = check(capsys, root)
    assert code == 0, report
    assert " 0 error(s)" in report


def test_tracking_parameters_are_stripped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    url = "https://www.aljazeera.com/news/2025/11/6/harbour-strike?utm_source=rss&id=7&fbclid=abc"
    code, _, err = ingest(capsys, root, str(BATCH / "03-harbour.txt"), "--accept-new", "--url", url,
                          "--date", "2025-11-06")
    assert code == 0, err
    expected = "https://www.aljazeera.com/news/2025/11/6/harbour-strike?id=7"
    assert front_matter(written(root)[0])["source_url"] == expected


def test_a_new_outlet_and_actor_of_one_name_pass_check(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    # Neither the outlet nor the actor is in the registry: the article adds both at once.
    root = make_project(tmp_path / "project")
    code, _, err = ingest(capsys, root, str(BATCH / "02-guardian.txt"), "--accept-new", "--date",
                            "2025-11-06", "--url", "https://www.theguardian.com/world/2025/nov/06/report")
    assert code == 0, err
    outlets = yaml.safe_load((root / "briefings/registry/outlets.yml").read_text(encoding="utf-8"))
    actors = yaml.safe_load((root / "briefings/registry/actors.yml").read_text(encoding="utf-8"))
    names = {n.lower() for a in actors.values() for n in (a["name"], *(a.get("aliases") or []))}
    assert not names & set(outlets)
    code, report = check(capsys, root)
    assert code == 0, report


def test_an_article_naming_no_actor_still_passes_check(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    text = ("A quiet night on the west side\n\nA man was hurt in a shooting on the west side on "
            "Sunday night. Crews took him to hospital with serious injuries, and the road was "
            "closed for several hours while the scene was examined.\n")
    root, out = ingest_text(capsys, tmp_path, text)
    [path] = written(root)
    assert front_matter(path)["actors"] == []
    assert "no actors found" in out
    code, report = check(capsys, root)
    assert code == 0, report
