"""Facts set in review: an actor's role and country, an outlet's country and ownership, in the registries."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from site_builder.authoring.review import decisions
from site_builder.authoring.review.server import Review
from site_builder.authoring.review.yamledit import EditError
from site_builder.core.load import Layout, load_registry
from site_builder.core.roles import span_problem
from site_builder.core.validate import completeness
from site_builder.errors import BriefingsError
from site_builder.pipeline import check
from tests.review_helpers import BRIEFING, ingested_archive

ACTORS = "briefings/registry/actors.yml"
OUTLETS = "briefings/registry/outlets.yml"
COMMENTS = ("# Synthetic registry for tests: invented actors in an invented region.\n# States\n",
            "\n# People\n",
            "\n# Organisations and media\n", "\n\n# Added by briefings ingest on ")


def registry(root: Path, name: str) -> dict[str, dict[str, object]]:
    data = yaml.safe_load((root / "briefings" / "registry" / f"{name}.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def strict_warnings(layout: Layout) -> list[str]:
    """What ``check --strict`` asks of the registries: a missing role, country or ownership."""
    return sorted(d.message for d in completeness(load_registry(layout, [])))


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return ingested_archive(tmp_path)


def test_role_and_country_are_written_to_actors_yml_with_its_comments_and_order(archive: Path) -> None:
    layout = Layout.at(archive)
    before = (archive / ACTORS).read_text(encoding="utf-8")
    assert strict_warnings(layout) == ["person 'edda-quill' has no country",
                                       "person 'ilse-brand' has no country"]
    done = decisions.set_facts(layout, BRIEFING, "actors", "edda-quill", {"role": "Harbour Commissioner",
                                                                        "country": " port  aster "})
    assert done == decisions.Done("edda-quill: country aurelia", (ACTORS,))  # an alias of a state: its id
    decisions.set_facts(layout, BRIEFING, "actors", "ilse-brand",
                        {"role": "Speaker of the Aurelian National Assembly (from May 2023)",
                         "country": "Aurelia"})
    decisions.set_facts(layout, BRIEFING, "actors", "borovian-wire", {"role": "State news agency"})
    text = (archive / ACTORS).read_text(encoding="utf-8")
    for comment in COMMENTS:
        assert comment in text
    # A field goes where the schema orders it; one added last stays above the next entry's heading.
    assert ("edda-quill:\n  name: Edda Quill\n  kind: person\n  country: aurelia\n"
            "  role: Harbour Commissioner\n") in text
    assert "  country: borovia\n  role: State news agency\n\n# Added by briefings ingest" in text
    expected = before.replace("kind: person\n  role: Harbour",
                              "kind: person\n  country: aurelia\n  role: Harbour")
    expected = expected.replace("  role: Speaker\n", "  country: aurelia\n  role: Speaker of the Aurelian "
                                "National Assembly (from May 2023)\n")
    expected = expected.replace("[BWS]\n  country: borovia\n",
                                "[BWS]\n  country: borovia\n  role: State news agency\n")
    assert text == expected  # nothing else changed, moved or re-quoted
    assert registry(archive, "actors")["ilse-brand"] == {
        "name": "Ilse Brand", "kind": "person", "country": "aurelia",
        "role": "Speaker of the Aurelian National Assembly (from May 2023)"}
    assert strict_warnings(layout) == []
    assert not [d for d in check(layout).diagnostics if d.is_error]


def test_outlet_country_and_ownership_and_an_empty_value_removes_the_field(archive: Path) -> None:
    layout = Layout.at(archive)
    before = (archive / OUTLETS).read_text(encoding="utf-8")
    done = decisions.set_facts(layout, BRIEFING, "outlets", "harbour-times",
                               {"country": "Aurelia", "ownership": "non-profit"})
    assert done.message == "harbour-times: ownership non-profit"  # the unchanged country is not rewritten
    assert (archive / OUTLETS).read_text(encoding="utf-8") == before.replace("private", "non-profit")
    decisions.set_facts(layout, BRIEFING, "outlets", "harbour-times", {"country": "", "ownership": ""})
    assert registry(archive, "outlets")["harbour-times"] == {"name": "The Harbour Times",
                                                             "domains": ["harbourtimes.example"]}
    assert "outlet 'harbour-times' has no country or ownership" in strict_warnings(layout)
    done = decisions.set_facts(layout, BRIEFING, "actors", "ilse-brand", {"role": "  "})
    assert done.message == "ilse-brand: role removed"
    assert "role" not in registry(archive, "actors")["ilse-brand"]
    assert "person 'ilse-brand' has no role or country" in strict_warnings(layout)
    unchanged = decisions.set_facts(layout, BRIEFING, "actors", "mara-lind",
                                    {"role": "Foreign Minister of Aurelia"})
    assert unchanged == decisions.Done("mara-lind: nothing changed", ())


#: (registry, record, values, the reason given): each refused, nothing written.
REFUSED = [
    ("actors", "edda-quill", {"country": "mara-lind"},
     "'mara-lind' of actor 'edda-quill' is a person, not a state"),
    ("actors", "edda-quill", {"country": "Atlantis"},
     "no state in actors.yml has the id, name or alias 'Atlantis'"),
    ("actors", "edda-quill", {"country": "aurelja"},
     r"unknown country 'aurelja' \(did you mean 'aurelia'\?\)"),
    ("actors", "edda-quill", {"country": "edda-quill"}, "names itself as its country"),
    ("actors", "edda-quill", {"role": "Commissioner (circa 2020)"},
     r"'\(circa 2020\)' is not read as the years"),
    ("actors", "edda-quill", {"role": "Commissioner (from Jully 2020)"}, "'Jully' is not a month"),
    ("actors", "edda-quill", {"role": "Commissioner (2024–2020)"}, "ends before it starts"),
    ("actors", "edda-quill", {"role": "Commissioner\x07"},
     r"the role contains the control character U\+0007"),
    ("actors", "edda-quill", {"role": "x" * 5001}, "5,001 characters long, over the limit of 5,000"),
    ("outlets", "harbour-times", {"ownership": "privat"},
     "'privat' is not a valid ownership; did you mean 'private'"),
    ("outlets", "harbour-times", {"ownership": "owned"}, "use one of: state-owned, state-funded"),
    ("actors", "edda-quill", {"kind": "state"},
     "the fields of actors set here are role and country, not kind"),
    ("actors", "edda-quill", {}, "the fields of actors set here are role and country"),
    ("events", "river-accord-talks-2024", {"place": "x"}, "only actors and outlets"),
    ("actors", "aurelian-assembly", {"role": "Parliament"},
     "'aurelian-assembly' is not an actor of this briefing"),
    ("outlets", "velgrad-today", {"country": "Aurelia"},
     "'velgrad-today' is not the outlet of this briefing"),
]


@pytest.mark.parametrize(("registry_name", "record", "values", "refused"), REFUSED)
def test_a_bad_value_is_refused_with_its_reason_and_nothing_is_written(
        archive: Path, registry_name: str, record: str, values: dict[str, str], refused: str) -> None:
    files = [archive / ACTORS, archive / OUTLETS, archive / BRIEFING]
    before = [f.read_text(encoding="utf-8") for f in files]
    with pytest.raises(EditError, match=refused):
        decisions.set_facts(Layout.at(archive), BRIEFING, registry_name, record, values)
    assert [f.read_text(encoding="utf-8") for f in files] == before


@pytest.mark.parametrize("hostile", [
    "Speaker\n  kind: state\nevil:\n  name: Evil", "x: y # not a comment", "- [a, b]",
    "&a *a !!python/object:os.system", "'\"}{", "</textarea><script>alert(1)</script>", "%YAML 1.1", "---",
    "? key",
])
def test_a_hostile_value_stays_one_value_and_adds_no_structure(archive: Path, hostile: str) -> None:
    layout = Layout.at(archive)
    decisions.set_facts(layout, BRIEFING, "actors", "ilse-brand", {"role": hostile})
    decisions.set_facts(layout, BRIEFING, "outlets", "harbour-times", {"country": hostile})
    one_line = " ".join(hostile.split())
    actors = registry(archive, "actors")
    assert actors["ilse-brand"] == {"name": "Ilse Brand", "kind": "person", "role": one_line}
    assert "evil" not in actors and actors["aurelia"]["kind"] == "state"
    assert registry(archive, "outlets")["harbour-times"]["country"] == one_line
    assert not [d for d in check(layout).diagnostics if d.is_error]


@pytest.mark.parametrize(("role", "problem"), [
    ("Foreign Secretary (from 2025)", None),
    ("Home Secretary (2024–2025); Foreign Secretary (from Sept 2025)", None),
    ("Leader (1999–present)", None),
    ("Speaker (acting)", None),
    ("Mayor (c. 2020)", "is not read as the years"),
    ("Mayor (until Marhc 2020)", "'Marhc' is not a month"),
    ("Mayor (2020–2019)", "ends before it starts"),
    ("Home Secretary (2024–2025); (from 2025)", "gives years but no office"),
])
def test_a_roles_years_are_written_so_pages_can_read_them(role: str, problem: str | None) -> None:
    found = span_problem(role)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_the_page_shows_each_entrys_facts_and_what_check_asks_until_it_is_set(archive: Path) -> None:
    review = Review(Layout.at(archive), [BRIEFING])
    html = review.page()
    card = html[html.index('<li class="item actor" tabindex="0" data-actor="edda-quill"'):]
    card = card[:card.index("</li>")]
    assert "check: person &#x27;edda-quill&#x27; has no country" in card
    assert 'name="role" value="Harbour Commissioner"' in card and 'list="state-ids"' in card
    assert '<datalist id="state-ids"><option value="aurelia">Aurelia</option><option value="borovia">' in html
    outlet = html[html.index('<div class="outlet">'):]
    assert '<option value="private" selected>private</option>' in outlet and 'value="Aurelia"' in outlet
    state = html[html.index('data-actor="aurelia" aria-label'):]
    assert 'class="facts"' not in state[:state.index("</li>")]  # a state has no country or role to set
    reply = review.decide({"path": BRIEFING, "action": "facts", "registry": "actors", "id": "edda-quill",
                           "values": {"role": "Harbour Commissioner", "country": "borovia"}})
    assert reply["message"] == "edda-quill: country borovia" and reply["files"] == [ACTORS]
    assert "has no country" not in reply["html"].split('data-actor="edda-quill"')[1].split("</li>")[0]
    assert 'name="country" value="borovia"' in reply["html"]
    assert '<datalist id="state-ids">' in reply["states_html"]
    hostile = '"><script>alert(1)</script>'
    reply = review.decide({"path": BRIEFING, "action": "facts", "registry": "outlets", "id": "harbour-times",
                           "values": {"country": hostile, "ownership": "private"}})
    assert "<script>alert" not in reply["html"] and 'value="&quot;&gt;&lt;script&gt;alert(1)' in reply["html"]


@pytest.mark.parametrize("bad", [
    {"registry": "actors", "id": "edda-quill", "values": "role=x"},
    {"registry": "actors", "id": "edda-quill", "values": {"role": 3}},
    {"registry": "actors", "values": {"role": "x"}},
    {"id": "edda-quill", "values": {"role": "x"}},
])
def test_a_malformed_facts_request_is_refused(archive: Path, bad: dict[str, object]) -> None:
    before = (archive / ACTORS).read_text(encoding="utf-8")
    with pytest.raises(BriefingsError):
        Review(Layout.at(archive), [BRIEFING]).decide({"path": BRIEFING, "action": "facts", **bad})
    assert (archive / ACTORS).read_text(encoding="utf-8") == before
